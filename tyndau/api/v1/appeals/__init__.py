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
the package gives the two viewsets the URLs mount.
"""

from .topics import TopicViewSet
from .viewset import AppealViewSet

__all__ = ["AppealViewSet", "TopicViewSet"]
