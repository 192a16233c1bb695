from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: staff of an akimat office, or a resident of the portal.

    Staff roles come from :class:`tyndau.territory.models.Membership`.
    """

    middle_name = models.CharField(_("patronymic"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, blank=True, default=""
    )
    # A resident's contact proved by a one-time code: "My appeals" lists every appeal filed
    # with it, also those filed before the account existed.
    verified_phone = models.CharField(_("verified phone"), max_length=10, blank=True, default="")
    verified_email = models.EmailField(_("verified e-mail"), blank=True, default="")

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        full = " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)
        return full or self.username


class SignInCode(models.Model):
    """A one-time code sent to a resident's phone or e-mail to sign in without a password.

    Only a hash of the code is kept; it expires, and a few wrong tries spend it.
    """

    contact = models.CharField(_("phone or e-mail"), max_length=254, db_index=True)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")
        indexes = [models.Index(fields=["contact", "created_at"])]

    def __str__(self):
        return f"{self.contact} {self.created_at:%Y-%m-%d %H:%M}"
