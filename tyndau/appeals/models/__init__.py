"""Appeals (обращения) of residents and organisations, under the АППК.

State changes go through ``tyndau.appeals.services``; nothing else writes these models.

One module per part: ``choices`` (channels, kinds, statuses, outcomes), ``topics``,
``appeal`` (the appeal, its followers, the number counter), ``records`` (timeline,
attachments, rating), ``risk``, ``inbox`` (saved views). The app label and the migrations
are unchanged: ``from tyndau.appeals.models import Appeal`` and the names the migrations use
still work.
"""

from .appeal import Appeal, AppealCounter, AppealFollow, _tracking_code
from .choices import (
    DECIDED_STATUSES,
    OPEN_STATUSES,
    PUBLIC_STATUSES,
    ApplicantType,
    Channel,
    Kind,
    Language,
    Outcome,
    RiskBand,
    Status,
)
from .inbox import SavedInboxView
from .records import AppealEvent, Attachment, Rating, _attachment_path
from .risk import RiskRule, RiskSettings
from .topics import Topic

__all__ = [
    "Appeal",
    "AppealCounter",
    "AppealEvent",
    "AppealFollow",
    "ApplicantType",
    "Attachment",
    "Channel",
    "DECIDED_STATUSES",
    "Kind",
    "Language",
    "OPEN_STATUSES",
    "Outcome",
    "PUBLIC_STATUSES",
    "Rating",
    "RiskBand",
    "RiskRule",
    "RiskSettings",
    "SavedInboxView",
    "Status",
    "Topic",
    "_attachment_path",
    "_tracking_code",
]
