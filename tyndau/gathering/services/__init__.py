"""State changes of the local community gathering: one keyword-only service per change.

Every service is atomic and audited (the models are tracked; the actor is set). The
session's record (its details, attendance, votes, decisions, status) is guarded by the
session's ``version``: a form sends the version it read and a stale one raises
:class:`~tyndau.core.errors.ConflictError`, with nothing saved. The check of the status a
change needs is made in the same ``UPDATE … WHERE version = … AND status IN …`` that
claims the version, so a vote sent after the session closed is refused even when both
happen at once.

A session's lifecycle: planned → open → closed (or planned → cancelled). Members are
registered while planned or open; votes and decisions only while open; nothing changes
once closed. A decision needs a quorum (``SessionQuerySet.with_attendance``); a proposal
is adopted when more than half of the members present vote for it. A decision adopting
a budget or plan question freezes that budget's or plan's next approved version, which
records the decision (the only way a version is approved).

One module per area (``members``, ``sessions``, ``voting``); ``from tyndau.gathering import
services`` still gives every service.
"""

from .common import GATHERING_LEVELS
from .members import member_add, member_update
from .sessions import (
    agenda_item_add,
    session_cancel,
    session_close,
    session_open,
    session_plan,
    session_update,
)
from .voting import attendance_set, decision_take, vote_counts, votes_record

__all__ = [
    "GATHERING_LEVELS",
    "agenda_item_add",
    "attendance_set",
    "decision_take",
    "member_add",
    "member_update",
    "session_cancel",
    "session_close",
    "session_open",
    "session_plan",
    "session_update",
    "vote_counts",
    "votes_record",
]
