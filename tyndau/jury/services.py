"""State changes of a citizens' jury (issue 19): one keyword-only service per change.

Each runs in a transaction and is audited (the models are tracked in ``apps.py``);
changes of the jury itself are refused when someone else changed it since it was read.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.core.jobs import enqueue_long
from tyndau.core.locking import update_versioned
from tyndau.core.tables import ImportFailed, RowError, check_rows

from . import lottery as lot
from .draw import make_record
from .models import DRAW_STALE_AFTER, DrawState, Jury, Quota, Source, Status, Volunteer
from .selectors import instance_of

logger = logging.getLogger(__name__)

FIXED_COLUMNS = ("id", "name", "contact", "address", "village")


def jury_create(
    *,
    question: str,
    territory,
    panel_size: int,
    starts_on: dt.date,
    ends_on: dt.date,
    household_rule: bool = True,
    by=None,
) -> Jury:
    if not question.strip():
        raise DomainError(_("The question of the jury is required."))
    if panel_size < 1:
        raise DomainError(_("The panel must have at least one member."))
    if ends_on < starts_on:
        raise DomainError(_("The hearings cannot end before they start."))
    return Jury.objects.create(
        question=question.strip(),
        territory=territory,
        panel_size=panel_size,
        starts_on=starts_on,
        ends_on=ends_on,
        household_rule=household_rule,
        created_by=by,
    )


def _bump(jury: Jury, expected_version: int | None) -> None:
    update_versioned(
        jury,
        expected_version,
        message=_("The jury was changed by someone else. Reload the page and try again."),
    )


def _require_pool(jury: Jury) -> None:
    if jury.status != Status.POOL:
        raise TransitionError(_("The panel has been drawn: the pool and quotas are final."))


def _require_open(jury: Jury) -> None:
    """The pool and quotas may change: not drawn, and no draw computing on them now."""
    _require_pool(jury)
    if jury.draw_running:
        raise TransitionError(
            _("The panel is being drawn: the pool and quotas cannot change until it is done.")
        )


def pool_import(*, jury: Jury, path: Path | str, expected_version: int | None = None) -> int:
    """Import volunteers from CSV/XLSX (columns id, name, contact, address, village and
    one column per trait), all-or-nothing: every bad row is listed, nothing is saved."""
    from tyndau.appeals.importing import read_rows

    _require_open(jury)
    header, rows = read_rows(path)
    if "id" not in header or "name" not in header:
        raise ImportFailed([RowError(1, _("the file needs the columns id and name"))])
    traits = [h for h in header if h and h not in FIXED_COLUMNS]
    existing = set(jury.volunteers.values_list("external_id", flat=True))
    seen = set()

    def check(line, row, problems):
        values = {k: str(v if v is not None else "").strip() for k, v in row.items()}
        pid, name = values.get("id", ""), values.get("name", "")
        if not pid:
            problems.append(_("the id is empty"))
            return None
        if pid in seen or pid in existing:
            problems.append(_("the id %(id)s appears twice") % {"id": pid})
            return None
        seen.add(pid)
        if not name:
            problems.append(_("the name is empty"))
        missing = [t for t in traits if not values.get(t)]
        if missing:
            problems.append(_("no value for %(traits)s") % {"traits": ", ".join(missing)})
        return Volunteer(
            jury=jury,
            external_id=pid,
            name=name,
            contact=values.get("contact", ""),
            address=values.get("address", ""),
            village=values.get("village", ""),
            traits={t: values.get(t, "") for t in traits},
            consent=True,
            source=Source.IMPORT,
        )

    volunteers = [volunteer for _line, volunteer in check_rows(rows, check)]
    with transaction.atomic():
        _bump(jury, expected_version)
        Volunteer.objects.bulk_create(volunteers, batch_size=1000)
    return len(volunteers)


def pool_import_upload(
    *, jury: Jury, content: bytes, filename: str, expected_version: int | None = None
) -> int:
    """:func:`pool_import` of an uploaded file: a file that is not readable CSV (UTF-8)
    or XLSX is refused with a message, like any bad row."""
    import tempfile
    import zipfile

    suffix = Path(filename or "").suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        raise ImportFailed([RowError(1, _("the file must be .csv or .xlsx"))])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"pool{suffix}"
        path.write_bytes(content)
        try:
            return pool_import(jury=jury, path=path, expected_version=expected_version)
        except UnicodeDecodeError as error:
            raise ImportFailed([RowError(1, _("the CSV file must be in UTF-8"))]) from error
        except (zipfile.BadZipFile, KeyError, OSError) as error:
            raise ImportFailed([RowError(1, _("the file is not a readable XLSX file"))]) from error


def volunteer_register(
    *,
    jury: Jury,
    name: str,
    contact: str,
    address: str,
    village: str,
    traits: dict[str, str],
    consent: bool,
    public_consent: bool = False,
) -> Volunteer:
    """A resident volunteers through the portal (consent is required)."""
    _require_open(jury)
    if not consent:
        raise DomainError(_("Please agree to take part and to the use of your data."))
    if not name.strip() or not contact.strip():
        raise DomainError(_("Your name and a way to contact you are required."))
    with transaction.atomic():
        # re-read under a lock: a draw started since the page was read closes the pool
        _require_open(Jury.objects.select_for_update().get(pk=jury.pk))
        number = Volunteer.objects.filter(jury=jury).count() + 1
        return Volunteer.objects.create(
            jury=jury,
            external_id=f"w{number:05d}",
            name=name.strip(),
            contact=contact.strip(),
            address=address.strip(),
            village=village.strip(),
            traits={k: v.strip() for k, v in traits.items()},
            consent=True,
            public_consent=public_consent,
            source=Source.PORTAL,
        )


def quotas_set(
    *, jury: Jury, quotas: list[lot.Quota], expected_version: int | None = None
) -> list[Quota]:
    """Replace the jury's quotas (trait, value, minimum, maximum)."""
    _require_open(jury)
    for q in quotas:
        if q.min < 0 or q.max < q.min:
            raise DomainError(
                _("Quota %(trait)s=%(value)s: the minimum must not exceed the maximum.")
                % {"trait": q.trait, "value": q.value}
            )
    with transaction.atomic():
        _bump(jury, expected_version)
        jury.quotas.all().delete()
        return Quota.objects.bulk_create(
            [
                Quota(jury=jury, trait=q.trait, value=q.value, minimum=q.min, maximum=q.max)
                for q in quotas
            ]
        )


def panel_draw(
    *, jury: Jury, seed: str, seed_source: str, expected_version: int | None = None
) -> list[str]:
    """Compute the LEXIMIN lottery and draw the panel with the public seed; store each
    volunteer's probability, the panel and the reproducibility record."""
    _require_pool(jury)
    if not seed.strip():
        raise DomainError(_("Enter the public random seed."))
    try:
        instance = instance_of(jury)
        lottery = lot.leximin(instance)
    except lot.InvalidInput as error:
        raise DomainError("; ".join(error.problems)) from error
    except lot.Infeasible as error:
        raise DomainError(
            _("The quotas cannot be met: %(values)s.")
            % {"values": ", ".join(f"{f.trait}={f.value}" for f in error.feasibility.fixes)}
        ) from error
    record = make_record(lottery, seed.strip())
    summary = lottery.summary()
    probabilities = lottery.probabilities
    panel = set(record["panel"])
    with transaction.atomic():
        _bump(jury, expected_version)
        volunteers = list(jury.volunteers.filter(consent=True))
        for v in volunteers:
            v.probability = probabilities[v.external_id]
            v.selected = v.external_id in panel
        Volunteer.objects.bulk_update(volunteers, ["probability", "selected"], batch_size=1000)
        jury.seed, jury.seed_source = seed.strip(), seed_source.strip()
        jury.record, jury.fingerprint = record, record["fingerprint"]
        jury.min_probability = summary["minimum"]
        jury.mean_probability = summary["mean"]
        jury.share_below_fair = summary["share_below_fair"]
        jury.status = Status.DRAWN
        jury.draw_state, jury.draw_error = DrawState.IDLE, ""
        jury.save()
    return record["panel"]


DRAW_JOB = "tyndau.jury.services.panel_draw_job"


def panel_draw_start(
    *, jury: Jury, seed: str, seed_source: str, expected_version: int | None = None
) -> None:
    """Start the draw as a background job (a 2,000-person LEXIMIN takes minutes): the
    jury is marked as drawing, which closes its pool and quotas and refuses a second
    draw, until :func:`panel_draw_job` stores the panel or the reason it failed."""
    _require_open(jury)
    if not seed.strip():
        raise DomainError(_("Enter the public random seed."))
    version = jury.version if expected_version is None else expected_version
    now = timezone.now()
    with transaction.atomic():
        started = (
            Jury.objects.filter(pk=jury.pk, version=version, status=Status.POOL)
            .exclude(draw_state=DrawState.RUNNING, draw_started_at__gt=now - DRAW_STALE_AFTER)
            .update(
                version=F("version") + 1,
                draw_state=DrawState.RUNNING,
                draw_started_at=now,
                draw_error="",
            )
        )
        if not started:
            jury.refresh_from_db()
            _require_open(jury)  # someone else started it: "being drawn"
            raise ConflictError(
                _("The jury was changed by someone else. Reload the page and try again.")
            )
        jury.refresh_from_db()
        enqueue_long(
            DRAW_JOB,
            jury_id=jury.pk,
            seed=seed.strip(),
            seed_source=seed_source.strip(),
            version=jury.version,
            language=translation.get_language() or "",
        )


def panel_draw_job(*, jury_id: int, seed: str, seed_source: str, version: int, language: str):
    """The background draw: :func:`panel_draw`, or, when it fails, the reason in the
    language of the person who started it, with nothing else saved. It is not retried:
    staff see the reason and start again."""
    with translation.override(language or None):
        jury = Jury.objects.get(pk=jury_id)
        try:
            panel_draw(jury=jury, seed=seed, seed_source=seed_source, expected_version=version)
            return
        except DomainError as error:
            reason = str(error)
        except Exception:
            logger.exception("the draw of jury %s failed", jury_id)
            reason = _(
                "The lottery could not be computed because of an internal error. Nothing "
                "was saved. Try again; if it fails again, tell the administrator."
            )
        jury = Jury.objects.get(pk=jury_id)
        if jury.draw_state == DrawState.RUNNING and jury.status == Status.POOL:
            jury.draw_state, jury.draw_error = DrawState.FAILED, reason
            jury.save(update_fields=["draw_state", "draw_error"])


def verdict_record(
    *, jury: Jury, verdict: str, experts: str = "", documents: str = "", expected_version=None
) -> Jury:
    if jury.status == Status.POOL:
        raise TransitionError(_("The panel has not been drawn yet."))
    if not verdict.strip():
        raise DomainError(_("The verdict is empty."))
    with transaction.atomic():
        _bump(jury, expected_version)
        jury.verdict, jury.experts, jury.documents = verdict.strip(), experts, documents
        jury.status = Status.VERDICT
        jury.save()
    return jury
