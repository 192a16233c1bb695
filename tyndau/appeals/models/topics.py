"""The topics of the internal taxonomy."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tyndau.core.i18n import in_language
from tyndau.core.named import NamedInLanguages


class Topic(NamedInLanguages):
    """One topic of the internal taxonomy; report forms map these onto their own columns."""

    code = models.SlugField(_("code"), max_length=48, unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    plain_ru = models.CharField(_("plain words in Russian"), max_length=255, blank=True)
    plain_kk = models.CharField(_("plain words in Kazakh"), max_length=255, blank=True)
    plain_en = models.CharField(_("plain words in English"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @property
    def plain(self) -> str:
        return in_language(self, "plain", fallback=self.name)
