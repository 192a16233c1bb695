"""Staff pages of meetings, assignments and the personal reception (/<lang>/staff/meetings/),
one module per area; each page maps its input onto a service through ``core.actions``."""

from .assignments import *  # noqa: F403
from .meetings import *  # noqa: F403
from .meetings import _month_from, calendar_context, plan_page  # noqa: F401 (public pages)
from .reception import *  # noqa: F403
