"""Stored idempotency keys move to the registration service's scopes (issue 11).

Before the one registration service (``appeals/intake.py``) each entry point stored the
key of a submission its own way: REST as ``api:<user>:<key>``, Open311 as
``o311:<user>:<key>``, the staff form and the portal the raw key. The service stores
``u<user>:<key>`` for a staff member or API client, ``a<account>:<key>`` for a resident's
account and ``public:<key>`` otherwise (a key too long for the column is hashed). Without
this migration a retry that straddles the deploy would not find its appeal and would
register it twice.

An old key whose new form another appeal already holds (the same client used one key on
REST and on Open311) is left as it was: the earlier appeal takes the key. The reverse is a no-op: the scoped keys stay, and
the old code, which does not read them, only loses the replay of submissions made before.
"""

import hashlib
import re

from django.db import migrations

KEY_LENGTH = 64  # Appeal.client_key
SCOPED = re.compile(r"^(u\d+|a\d+|public):")
PREFIXED = re.compile(r"^(api|o311):(\d+):(.*)$", re.S)


def scoped(scope: str, key: str) -> str:
    """As ``intake.stored_key`` writes it."""
    stored = f"{scope}:{key}"
    if len(stored) > KEY_LENGTH:
        stored = f"{scope}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    return stored


def new_key(client_key: str, registered_by_id, applicant_user_id) -> str | None:
    """The key the registration service stores for the submission that made an appeal with
    ``client_key`` (None: already scoped)."""
    if SCOPED.match(client_key):
        return None
    prefixed = PREFIXED.match(client_key)
    if prefixed:
        return scoped(f"u{prefixed.group(2)}", prefixed.group(3).strip())
    if registered_by_id is not None:
        return scoped(f"u{registered_by_id}", client_key.strip())
    if applicant_user_id is not None:
        return scoped(f"a{applicant_user_id}", client_key.strip())
    return scoped("public", client_key.strip())


def forwards(apps, schema_editor):
    Appeal = apps.get_model("appeals", "Appeal")
    rows = (
        Appeal.objects.exclude(client_key=None)
        .order_by("pk")  # the earlier appeal keeps a key used twice
        .values_list("pk", "client_key", "registered_by_id", "applicant_user_id")
    )
    taken = set(Appeal.objects.exclude(client_key=None).values_list("client_key", flat=True))
    changed = []
    for pk, client_key, registered_by_id, applicant_user_id in rows.iterator():
        key = new_key(client_key, registered_by_id, applicant_user_id)
        if key is None or key in taken:
            continue
        taken.add(key)
        changed.append(Appeal(pk=pk, client_key=key))
    Appeal.objects.bulk_update(changed, ["client_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("appeals", "0007_sign_off_special_control_saved_view")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
