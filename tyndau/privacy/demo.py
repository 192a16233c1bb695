"""Demo publications: most demo appeals published after moderation, a few left waiting so
the moderation queue has something to show."""

from tyndau.appeals.models import Appeal, Status

from . import services
from .models import Publication

WAITING = 3  # the newest portal appeals stay in the queue
LIMIT = 80  # the current demo appeals (the report history below them stays unpublished)


def seed_publications(*, log=print) -> None:
    from tyndau.territory.models import Membership, Role

    appeals = list(
        Appeal.objects.filter(publication__isnull=True)
        .exclude(applicant_type="anonymous")
        .exclude(crime_report=True)
        .exclude(status=Status.NOT_CONSIDERED)
        .select_related("office")
        .order_by("-received_at", "-id")[:LIMIT]
    )
    waiting = {a.pk for a in appeals if a.channel == "portal"}
    waiting = set(sorted(waiting, reverse=True)[:WAITING])
    clerks = {
        m.office_id: m.user
        for m in Membership.objects.filter(role=Role.CLERK).select_related("user")
    }
    published = 0
    for appeal in appeals:
        publication = services.publication_create(appeal=appeal)
        if appeal.pk in waiting or publication.state != Publication.State.PENDING:
            continue
        services.publication_publish(
            publication=publication,
            text=services.publication_text_for(appeal, publication=publication),
            by=clerks.get(appeal.office_id),
        )
        published += 1
    log(f"publications: {published} published, {len(waiting)} waiting for moderation")
