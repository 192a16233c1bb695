"""Writes of meetings, questions, assignments and the personal reception, one module per
area (``meetings``, ``questions``, ``assignments``, ``receptions``, ``importing``); this
package re-exports them, so ``from tyndau.meetings import services`` and
``services.meeting_plan(...)`` keep working.

Every function is keyword-only, atomic and audited (the models are tracked in
``MeetingsConfig.ready``); a refusal raises :class:`~tyndau.core.errors.DomainError`
with a translated message.
"""

from .assignments import *  # noqa: F403
from .common import *  # noqa: F403
from .importing import *  # noqa: F403
from .meetings import *  # noqa: F403
from .questions import *  # noqa: F403
from .receptions import *  # noqa: F403
