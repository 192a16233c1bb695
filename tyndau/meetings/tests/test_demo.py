import datetime as dt

from django.db.models import Count, Q, Sum

from tyndau.core.demo import seed_demo
from tyndau.meetings.models import Assignment, Meeting, Question, ReceptionSchedule

DECREE_826 = {
    "housing": {"housing_provision", "housing_utilities"},
    "land": {"land", "subsoil"},
    "roads": {"roads"},
    "facilities": {"education", "health", "culture", "sport"},
    "utilities": {"water_supply", "sewerage", "heating", "electricity_gas_telecom"},
    "agriculture": {"agriculture_veterinary"},
    "improvement": {"improvement_sanitation_ecology"},
}


def test_demo_reproduces_the_seeds_q1_2022_meeting_figures_and_is_idempotent(db):
    seed_demo(log=lambda _line: None)
    seed_demo(log=lambda _line: None)
    # The rural district's own meetings (its villages' meetings have sheets of their own).
    q1 = Meeting.objects.filter(territory__code="111033000")
    planned = q1.filter(planned_on__range=(dt.date(2022, 1, 1), dt.date(2022, 3, 31)))
    held = q1.filter(held_on__range=(dt.date(2022, 1, 1), dt.date(2022, 3, 31)), status="held")
    assert planned.count() == 1 and held.count() == 1
    figures = held.aggregate(
        offline=Sum("participants_offline"),
        instagram=Sum("participants_instagram"),
        b_instagram=Sum("broadcasts_instagram"),
        b_tv=Sum("broadcasts_tv"),
        speakers=Sum("speakers"),
        social=Sum("media_social"),
        central=Sum("media_central"),
    )
    assert figures == {
        "offline": 120,
        "instagram": 1200,
        "b_instagram": 1,
        "b_tv": 2,
        "speakers": 36,
        "social": 1,
        "central": 0,
    }
    meeting = held.get()
    assert meeting.participants_total == 1320 and meeting.broadcasts_total == 3
    assert meeting.akim_level == 6 and meeting.territory.code == "111033000"
    questions = Question.objects.filter(meeting=meeting)
    assert questions.count() == 31
    assert questions.filter(repeated=True).count() == 14
    assert questions.filter(critical_of__isnull=False).count() == 0
    by_topic = dict(questions.values_list("topic__code").annotate(n=Count("id")))
    counts = {name: sum(by_topic.get(c, 0) for c in codes) for name, codes in DECREE_826.items()}
    counts["other"] = 31 - sum(counts.values())
    assert counts == {
        "housing": 7,
        "land": 1,
        "roads": 2,
        "facilities": 2,
        "utilities": 4,
        "agriculture": 2,
        "improvement": 4,
        "other": 9,
    }
    assert Assignment.objects.aggregate(
        done=Count("id", filter=Q(status="done")), all=Count("id")
    ) == {"done": 3, "all": 4}
    assert Meeting.objects.filter(status="planned", planned_on__gt=dt.date.today()).count() == 2
    assert ReceptionSchedule.objects.get(office__territory__code="111033000").weekdays == [1, 3]


def test_demo_history_of_assignments_is_audited(db):
    """The demo's done and escalated assignments went through the services, so each has
    its entry in the audit trail like any real one."""
    from tyndau.core.audit import history_of

    seed_demo(log=lambda _line: None)
    seeded = Assignment.objects.filter(given_on=dt.date(2022, 2, 4))
    done = seeded.filter(status="done")
    assert done.exists() and seeded.exclude(status="done").exists()
    for assignment in done:
        assert any(
            e.changes_dict.get("status", [None, None])[1] == "done" for e in history_of(assignment)
        )
    for assignment in seeded.exclude(status="done"):
        assert assignment.escalated_on is not None
        assert any("escalated_on" in e.changes_dict for e in history_of(assignment))
