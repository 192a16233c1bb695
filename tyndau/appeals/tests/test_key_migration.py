"""Keys stored before the one registration service still replay their submission: a retry
that straddles the deploy returns the appeal already made, to its submitter only."""

import importlib

import pytest
from django.apps import apps

from tyndau.appeals.intake import (
    AppealDraft,
    Applicant,
    Place,
    RegistrationRefused,
    appeal_register,
)
from tyndau.appeals.models import Appeal

pytestmark = pytest.mark.django_db

migration = importlib.import_module("tyndau.appeals.migrations.0008_scope_stored_idempotency_keys")


def submit(tree, key, *, account=None):
    return AppealDraft(
        channel="portal",
        kind="statement",
        topic="roads",
        text="Яма на дороге у школы",
        applicant=Applicant(name="Сейткали Айгерим", phone="+77015556677", account=account),
        place=Place(territory=tree["111033100"]),
        idempotency_key=key,
    )


def stored_before(appeal, client_key):
    """The key as the entry points stored it before the registration service."""
    Appeal.objects.filter(pk=appeal.pk).update(client_key=client_key)


def test_retries_of_submissions_made_before_the_deploy_find_their_appeal(
    tree, office, clerk, make_staff
):
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.create_user("resident", password="x")
    api_made = appeal_register(draft=submit(tree, "seed-1"), by=clerk).appeal
    o311_made = appeal_register(draft=submit(tree, "seed-2"), by=clerk).appeal
    form_made = appeal_register(draft=submit(tree, "seed-3"), by=clerk).appeal
    portal_made = appeal_register(draft=submit(tree, "seed-4")).appeal
    account_made = appeal_register(draft=submit(tree, "seed-5", account=resident)).appeal
    stored_before(api_made, f"api:{clerk.pk}:rest-key")
    stored_before(o311_made, f"o311:{clerk.pk}:open311-key")
    stored_before(form_made, "8f14e45fceea167a5a36dedd4bea2543")
    stored_before(portal_made, "c9f0f895fb98ab9159f51fd0297e236d")
    stored_before(account_made, "45c48cce2e2d7fbdeb1d0c2f5d0f1b3a")
    count = Appeal.objects.count()

    migration.forwards(apps, None)

    def retry(key, **kwargs):
        return appeal_register(
            draft=submit(tree, key, account=kwargs.pop("account", None)), **kwargs
        )

    for key, made, by, account in [
        ("rest-key", api_made, clerk, None),
        ("open311-key", o311_made, clerk, None),
        ("8f14e45fceea167a5a36dedd4bea2543", form_made, clerk, None),
        ("c9f0f895fb98ab9159f51fd0297e236d", portal_made, None, None),
        ("45c48cce2e2d7fbdeb1d0c2f5d0f1b3a", account_made, None, resident),
    ]:
        registration = retry(key, by=by, account=account)
        assert registration.replayed and registration.appeal.pk == made.pk, key
    assert Appeal.objects.count() == count
    # Another staff member's retry with the clerk's key never gets the clerk's appeal.
    other = make_staff("clerk", office)
    assert retry("rest-key", by=other).appeal.pk != api_made.pk


def test_a_key_used_on_two_channels_keeps_the_second_as_it_was(tree, office, clerk):
    first = appeal_register(draft=submit(tree, "seed-1"), by=clerk).appeal
    second = appeal_register(draft=submit(tree, "seed-2"), by=clerk).appeal
    stored_before(first, f"api:{clerk.pk}:same")
    stored_before(second, f"o311:{clerk.pk}:same")
    migration.forwards(apps, None)
    keys = set(Appeal.objects.values_list("client_key", flat=True))
    assert keys == {f"u{clerk.pk}:same", f"o311:{clerk.pk}:same"}
    migration.forwards(apps, None)  # running it again changes nothing
    assert set(Appeal.objects.values_list("client_key", flat=True)) == keys


def test_a_retry_by_someone_who_lost_the_office_is_refused_after_the_move(tree, office, clerk):
    made = appeal_register(draft=submit(tree, "seed"), by=clerk).appeal
    stored_before(made, f"api:{clerk.pk}:rest-key")
    migration.forwards(apps, None)
    clerk.memberships.all().delete()
    clerk._tyndau_memberships = None  # the memberships cached on the user
    with pytest.raises(RegistrationRefused):
        appeal_register(draft=submit(tree, "rest-key"), by=clerk)
    assert Appeal.objects.count() == 1
