"""Background jobs of plans: they take ids, load what they need and send."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tyndau.core.sms import sms_send


def notify_followers(*, entry_id: int) -> int:
    """Tell each follower of the item about a new progress entry (e-mail or SMS)."""
    from .models import ProgressEntry

    entry = ProgressEntry.objects.select_related("item").filter(pk=entry_id).first()
    if entry is None:
        return 0
    sent = 0
    for follower in entry.item.followers.confirmed():
        with translation.override(follower.language):
            url = reverse("plans_public:item", kwargs={"pk": entry.item_id})
            body = _("%(item)s: %(percent)s%% done. %(text)s") % {
                "item": entry.item.title,
                "percent": f"{entry.percent:.0f}",
                "text": entry.text[:300],
            }
            stop = reverse("plans_public:unfollow", kwargs={"token": follower.token})
            if follower.email:
                send_mail(
                    _("New progress on a plan item"),
                    f"{body}\n\n{url}\n\n{_('Stop following')}: {stop}",
                    settings.DEFAULT_FROM_EMAIL,
                    [follower.email],
                )
            if follower.phone:
                sms_send(phone=follower.phone, text=body[:160])
            sent += 1
    return sent
