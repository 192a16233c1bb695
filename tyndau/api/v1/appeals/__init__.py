"""Appeals (обращения) over REST: the same selectors, rules and services as the staff pages.

- list and retrieve: ``appeal_list_visible_to(user=...)``; an appeal outside the user's
  scope is 404, never 403, so its existence does not leak;
- personal data (name, IIN, BIN, phone, e-mail, address), the raw text, the answer and
  the exact pin only where the one policy gives them (``tyndau.privacy.policy.parts_for``);
- create: ``appeal_register`` with the ``Idempotency-Key`` header as the client key;
- transitions: POST ``assign``, ``extend``, ``answer``, ``redirect``, ``close``, each
  checked with its rule and given the version the client read (``If-Match`` or ``version``).

One module per part: ``outputs`` (what a client reads), ``inputs`` (what it sends),
``filters``, ``viewset`` (the endpoints, one per action of the lifecycle), ``topics``;
``tyndau.api.v1.appeals`` still gives every name.
"""

from .filters import AppealFilter
from .inputs import (
    AnswerSerializer,
    AppealCreateSerializer,
    ApproveSerializer,
    AssignSerializer,
    CloseSerializer,
    ControlSerializer,
    ExtendSerializer,
    RedirectSerializer,
    ReturnSerializer,
)
from .outputs import PERSONAL_FIELDS, AppealSerializer, OfficeRefSerializer
from .topics import TopicSerializer, TopicViewSet
from .viewset import (
    ACTION_INPUTS,
    ERRORS,
    FIELD_OF_ERROR,
    IDEMPOTENCY_HEADER,
    IDEMPOTENCY_KEY,
    IF_MATCH_HEADER,
    AppealViewSet,
)

__all__ = [
    "ACTION_INPUTS",
    "AnswerSerializer",
    "AppealCreateSerializer",
    "AppealFilter",
    "AppealSerializer",
    "AppealViewSet",
    "ApproveSerializer",
    "AssignSerializer",
    "CloseSerializer",
    "ControlSerializer",
    "ERRORS",
    "ExtendSerializer",
    "FIELD_OF_ERROR",
    "IDEMPOTENCY_HEADER",
    "IDEMPOTENCY_KEY",
    "IF_MATCH_HEADER",
    "OfficeRefSerializer",
    "PERSONAL_FIELDS",
    "RedirectSerializer",
    "ReturnSerializer",
    "TopicSerializer",
    "TopicViewSet",
]
