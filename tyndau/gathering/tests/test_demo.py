"""seed_demo: one gathering session approves the budget and the plan; idempotent."""

import io

from django.core.management import call_command

from tyndau.budget.models import BudgetVersion
from tyndau.gathering.models import Decision, Member, Session, SessionStatus
from tyndau.plans.models import PlanVersion


def test_the_demo_session_approves_the_budget_and_the_plan(db, statuses):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=out)
    assert Member.objects.count() == 12
    held, planned = Session.objects.order_by("number")
    assert held.status == SessionStatus.CLOSED and planned.status == SessionStatus.PLANNED
    assert Session.objects.with_attendance().get(pk=held.pk).has_quorum
    assert Decision.objects.filter(adopted=True).count() == 3
    assert BudgetVersion.objects.get().decision.session == held
    assert PlanVersion.objects.get().decision.session == held
