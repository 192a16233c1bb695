"""A staff member's saved view of the inbox."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedInboxView(models.Model):
    """A staff member's default view of the inbox: the filters they chose, kept as a
    query string and restored when they open the inbox without filters."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="saved_inbox_view",
    )
    query = models.CharField(_("filters"), max_length=2000)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)

    class Meta:
        verbose_name = _("saved inbox view")
        verbose_name_plural = _("saved inbox views")

    def __str__(self):
        return f"{self.user}: {self.query}"
