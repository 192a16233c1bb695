"""Point 4: staff reads of personal data are logged; the akim and the administrator read
the log per appeal and per staff member; old records are purged."""

import datetime as dt

import pytest
from django.utils import timezone

from tyndau.privacy.models import AccessRecord
from tyndau.privacy.services import access_log_purge
from tyndau.territory.models import Role


def test_reads_are_logged_and_shown_per_appeal_and_per_staff_member(client, register, staff):
    appeal = register()
    clerk = staff[("own", Role.CLERK)]
    client.force_login(clerk)
    client.get(f"/ru/staff/appeals/{appeal.pk}/")
    client.get(f"/ru/staff/appeals/{appeal.pk}/slip/")
    record = AccessRecord.objects.get(user=clerk, channel="page")
    assert record.appeal == appeal and "applicant" in record.parts and "raw_text" in record.parts

    for reader in (staff[("own", Role.AKIM)], staff[("own", Role.ADMINISTRATOR)]):
        client.force_login(reader)
        by_appeal = client.get("/kk/staff/privacy/access-log/", {"appeal": appeal.pk})
        assert by_appeal.status_code == 200
        html = by_appeal.content.decode()
        assert clerk.username in html or clerk.last_name in html
        assert html.count("data-record=") == 2
        by_user = client.get("/ru/staff/privacy/access-log/", {"user": clerk.pk}).content.decode()
        assert by_user.count("data-record=") == 2
        assert "Журнал доступа" in by_user


@pytest.mark.parametrize(
    "key",
    [("own", Role.CLERK), ("own", Role.ANALYST), ("above", Role.CLERK), ("neighbour", Role.AKIM)],
)
def test_others_may_not_read_the_log_or_see_another_territorys_records(
    client, register, staff, key
):
    appeal = register()
    client.force_login(staff[("own", Role.CLERK)])
    client.get(f"/ru/staff/appeals/{appeal.pk}/")
    client.force_login(staff[key])
    response = client.get("/ru/staff/privacy/access-log/")
    if key[1] == Role.AKIM:  # the neighbour's akim reads only the neighbour's records
        assert response.status_code == 200
        assert "data-record=" not in response.content.decode()
    else:
        assert response.status_code == 403


def test_bad_filters_are_a_404_not_a_500(client, staff):
    client.force_login(staff[("own", Role.AKIM)])
    assert client.get("/ru/staff/privacy/access-log/", {"appeal": "abc"}).status_code == 404


def test_records_older_than_the_retention_are_purged(settings, register, staff):
    settings.TYNDAU_ACCESS_LOG_RETENTION_DAYS = 30
    appeal = register()
    user = staff[("own", Role.CLERK)]
    old = AccessRecord.objects.create(user=user, appeal=appeal, channel="page", parts=["raw_text"])
    AccessRecord.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=31))
    fresh = AccessRecord.objects.create(
        user=user, appeal=appeal, channel="page", parts=["raw_text"]
    )
    assert access_log_purge() == 1
    assert list(AccessRecord.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_the_purge_is_a_daily_periodic_job():
    from tyndau.core.jobs import PERIODIC
    from tyndau.privacy import tasks

    assert PERIODIC[f"{tasks.__name__}.purge_access_log"].minutes == 24 * 60
