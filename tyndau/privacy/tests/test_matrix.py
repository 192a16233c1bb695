"""The authorisation matrix of the staff views of many appeals (issue 17, points 1 and 6):
every role of the own office, the office above, an office below and the neighbour against
the inbox, its map, the register export, the risk map, the moderation queue and the access
log. Each asks the one policy (``tyndau.privacy.policy``) in its set-based form; the
expected parts are the policy table's, as in test_policy.py."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tyndau.privacy.models import AccessRecord
from tyndau.privacy.policy import Part
from tyndau.territory.models import Role

from .conftest import SECRETS
from .test_policy import PLACES, ROLES, expected_parts

EXACT, ROUNDED = 53.2871234, 53.287
PERSONAL = ("Ахметов Нурлан", "+77011234567", "ул. Абая, 25, кв. 7")


@pytest.fixture
def appeal(register):
    return register()


def _login(client, user):
    client.force_login(user)
    return client


def _inbox_map_latitudes(html: str) -> list[float]:
    start = html.index(">", html.index('id="inbox-map-config"')) + 1
    config = json.loads(html[start : html.index("</script>", start)])
    return [p["lat"] for p in config["points"]]


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_the_inbox_and_its_map_follow_the_policy(client, staff, appeal, where, role):
    parts = expected_parts(where, role)
    response = _login(client, staff[(where, role)]).get("/ru/staff/appeals/", {"status": "all"})
    assert response.status_code == 200
    html = response.content.decode()
    if where == "neighbour":
        assert appeal.number not in html  # beside: as if it did not exist
        return
    assert appeal.number in html
    for secret in SECRETS:  # the inbox never shows the raw text, to anyone
        assert secret not in html, secret
    assert _inbox_map_latitudes(html) == [EXACT if Part.EXACT_PIN in parts else ROUNDED]
    assert not AccessRecord.objects.exists()  # a list with no personal part logs no read


def _register_csv(client) -> list[list[str]]:
    response = client.get(reverse("appeals:export"), {"status": "all", "format": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_the_register_export_follows_the_policy(client, staff, appeal, where, role):
    user = staff[(where, role)]
    parts = expected_parts(where, role)
    rows = _register_csv(_login(client, user))
    mine = [row for row in rows[1:] if row[0] == appeal.number]
    if where == "neighbour":
        assert mine == []
        assert not AccessRecord.objects.exists()
        return
    (row,) = mine
    for value in PERSONAL:
        assert (value in row) == (Part.APPLICANT in parts), (value, row)
    # the street as typed holds the house: others get the street's name only
    assert ("Абая 25 Кв 7" if Part.APPLICANT in parts else "Абая") in row, row
    assert ("Абая 25 Кв 7" in row) == (Part.APPLICANT in parts), row
    body = "\n".join(";".join(r) for r in rows)
    for secret in ("880101300123", "nurlan.a@mail.kz"):
        assert secret not in body, secret  # the IIN and e-mail never go in a register
    logged = list(AccessRecord.objects.filter(user=user).values_list("channel", "parts"))
    assert logged == ([("export", ["applicant"])] if Part.APPLICANT in parts else [])


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_the_risk_map_shows_the_exact_pin_only_where_the_policy_gives_it(
    client, staff, appeal, where, role
):
    parts = expected_parts(where, role)
    response = _login(client, staff[(where, role)]).get(
        reverse("appeals:risk-map"), {"format": "json"}
    )
    assert response.status_code == 200
    points = [p for p in response.json()["points"] if p["number"] == appeal.number]
    if where == "neighbour":
        assert points == []
        return
    assert [p["latitude"] for p in points] == [EXACT if Part.EXACT_PIN in parts else ROUNDED]
    page = client.get(reverse("appeals:risk-map")).content.decode()
    assert (str(EXACT) in page) == (Part.EXACT_PIN in parts)


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_the_moderation_queue_is_for_the_own_offices_readers_of_the_raw_text(
    client, staff, appeal, where, role
):
    """Moderating shows the draft beside the applicant's own words: only those who read
    the raw text (the own office's akim, deputy and clerk) moderate; others are refused
    or, with a role elsewhere, do not see this appeal in their queue."""
    from tyndau.privacy import services as privacy

    privacy.publication_create(appeal=appeal)
    reads_raw_text = Part.RAW_TEXT in expected_parts(where, role)
    moderator = role in {Role.AKIM, Role.DEPUTY, Role.CLERK}  # of some office
    response = _login(client, staff[(where, role)]).get(reverse("privacy:moderation"))
    assert response.status_code == (200 if moderator else 403)
    if moderator:
        assert (appeal.number in response.content.decode()) == reads_raw_text
    publish = client.post(reverse("privacy:publish", args=[appeal.pk]), {"text": "Нет воды."})
    appeal.publication.refresh_from_db()
    if reads_raw_text:
        assert publish.status_code == 302 and appeal.publication.state == "published"
    else:
        assert publish.status_code == 404  # an appeal one may not moderate does not exist
        assert appeal.publication.state == "pending"


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_the_access_log_is_for_the_akim_and_the_administrator_over_the_territory(
    client, staff, appeal, clerk, where, role
):
    from tyndau.privacy.services import access_record

    access_record(user=clerk, appeal=appeal, channel="page", parts=[Part.RAW_TEXT])
    response = _login(client, staff[(where, role)]).get(reverse("privacy:access-log"))
    readers = role in {Role.AKIM, Role.ADMINISTRATOR}
    if not readers:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert (appeal.number in html) == (where != "neighbour")
    for secret in SECRETS:  # who read what, never what was read
        assert secret not in html, secret


@pytest.mark.parametrize("where", PLACES)
@pytest.mark.parametrize("role", ROLES)
def test_report_drill_downs_never_show_a_personal_part_to_anyone(
    client, staff, appeal, where, role
):
    """The records behind a report's figure, for the rural district and for the village
    the appeal is about: refused where the role may not report on the territory, else the
    appeal's number and figures, never a personal part, and no read is logged."""
    import datetime as dt

    day = appeal.registered_on  # one received after office hours counts the next day
    c = _login(client, staff[(where, role)])
    for territory in ("111033000", "111033100"):
        response = c.get(
            "/ru/staff/reports/records/",
            {
                "form": "appeal-outcomes",
                "territory": territory,
                "date_from": (day - dt.timedelta(days=30)).isoformat(),
                "date_to": day.isoformat(),
                "figure": "received",
            },
        )
        assert response.status_code in (200, 403), (territory, response.status_code)
        if where == "neighbour":
            assert response.status_code == 403  # beside: no report on this territory
        if (where, role) in {("own", Role.AKIM), ("above", Role.ANALYST)}:
            assert response.status_code == 200  # those who report on it see the records
        if response.status_code == 200:
            body = response.content.decode()
            assert appeal.number in body
            for secret in (*SECRETS, *PERSONAL, "25 Кв 7"):
                assert secret not in body, (territory, secret)
    assert not AccessRecord.objects.exists()
