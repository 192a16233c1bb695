"""Periodic jobs: reminders before an assignment's deadline, escalation when overdue."""

from tyndau.core.jobs import periodic

from . import services


@periodic(minutes=60)
def remind_assignments() -> None:
    services.assignments_remind()


@periodic(minutes=60)
def escalate_overdue_assignments() -> None:
    services.assignments_escalate()
