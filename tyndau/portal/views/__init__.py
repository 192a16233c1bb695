"""Public pages: home, filing and tracking an appeal, public appeals, territory profile.

One module per area; ``from tyndau.portal import views`` still gives every page.
"""

from .common import map_settings
from .filing import appeal_new, streets
from .places import (
    appeal_follow,
    appeal_public,
    appeals_public,
    home,
    territory_profile,
    territory_stats,
)
from .residents import my_appeals, sign_in, sign_in_code
from .tracking import (
    RESEND_PER_HOUR,
    track,
    track_challenge,
    track_detail,
    track_rate,
    track_resend,
)

__all__ = [
    "RESEND_PER_HOUR",
    "appeal_follow",
    "appeal_new",
    "appeal_public",
    "appeals_public",
    "home",
    "map_settings",
    "my_appeals",
    "sign_in",
    "sign_in_code",
    "streets",
    "territory_profile",
    "territory_stats",
    "track",
    "track_challenge",
    "track_detail",
    "track_rate",
    "track_resend",
]
