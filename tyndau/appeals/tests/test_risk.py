import pytest

from tyndau.appeals.models import RiskBand, RiskRule, RiskSettings
from tyndau.appeals.services import appeal_risk_refresh

pytestmark = pytest.mark.django_db


def codes(appeal):
    return {r["code"] for r in appeal.risk_reasons}


def test_a_plain_fresh_appeal_has_no_risk(register):
    appeal = register(received_at=None)
    assert (appeal.risk_score, appeal.risk_band, appeal.risk_reasons) == (0, RiskBand.NONE, [])


def test_rules_add_up_and_name_themselves(register):
    appeal = register(received_at=None, signatories=30, against_official=True)
    assert codes(appeal) == {"collective", "complaint_official"}
    assert appeal.risk_score == 4 and appeal.risk_band == RiskBand.ORANGE


def test_threat_to_life_is_red(register):
    appeal = register(received_at=None, threat_to_life=True)
    assert appeal.risk_band == RiskBand.RED


def test_score_is_capped_at_ten(register):
    appeal = register(threat_to_life=True, signatories=3, against_official=True)  # overdue too
    assert appeal.risk_score == 10


def test_many_similar_open_appeals_on_one_street_make_a_cluster(register):
    first = register(received_at=None, street="Абая")
    register(received_at=None, street="абая")
    third = register(received_at=None, street="Абая")
    assert "similar_open" not in codes(first)
    assert "similar_open" in codes(third)
    appeal_risk_refresh()
    first.refresh_from_db()
    assert "similar_open" in codes(first)  # the refresh sees the whole cluster


def test_overdue_is_found_by_the_refresh(register):
    appeal = register()  # registered 2 Nov 2026, due 23 Nov 2026, before "today"
    assert "overdue" in codes(appeal)


def test_rule_points_and_bands_are_editable(register):
    RiskRule.objects.filter(code="collective").update(points=7)
    settings = RiskSettings.current()
    settings.red_from = 8
    settings.save()
    appeal = register(received_at=None, signatories=3)
    assert appeal.risk_score == 7 and appeal.risk_band == RiskBand.ORANGE


def test_inactive_rule_gives_no_points(register):
    RiskRule.objects.filter(code="threat_to_life").update(is_active=False)
    appeal = register(received_at=None, threat_to_life=True)
    assert appeal.risk_score == 0


def test_a_rule_saved_in_the_admin_applies_to_the_next_appeal(register):
    """Rules and bands are kept per process between registrations; saving one (the admin
    saves models) must make the next appeal use the new points at once."""

    def collective_points():
        appeal = register(received_at=None, signatories=3)
        return {r["code"]: r["points"] for r in appeal.risk_reasons}.get("collective")

    assert collective_points() == 2  # the default; loads the rules
    rule = RiskRule.objects.get(code="collective")
    rule.points = 5
    rule.save()
    assert collective_points() == 5
    rule.delete()
    assert collective_points() is None
    bands = RiskSettings.current()
    bands.red_from = 9
    bands.save()
    appeal = register(received_at=None, threat_to_life=True)
    assert appeal.risk_band == RiskBand.ORANGE
