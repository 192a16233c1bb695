"""Surveys of residents (опросы), as on the government portal "Open Dialogue".

A survey asks questions (single choice, multiple choice, a scale of 1 to 5, free text) of
the residents of a territory between two dates, anonymously or not. Each resident answers
once: the answer is keyed by the phone that received a one-time SMS code, or that a clerk
wrote down from a paper form. Respondents give the traits the survey asks (official or
resident, age band, …) so results can be broken down by them.

State changes go through ``tyndau.surveys.services``.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tyndau.core.fields import link, optional_link, staff_link
from tyndau.core.i18n import in_language
from tyndau.core.languages import InLanguage
from tyndau.core.named import NamedInLanguages


class Survey(models.Model):
    office = link("territory.Office", _("office"), related_name="surveys")
    territory = link("territory.Territory", _("territory"), related_name="surveys")
    title_ru = models.CharField(_("title in Russian"), max_length=255)
    title_kk = models.CharField(_("title in Kazakh"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    intro_ru = models.TextField(_("introduction in Russian"), blank=True)
    intro_kk = models.TextField(_("introduction in Kazakh"), blank=True)
    intro_en = models.TextField(_("introduction in English"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    is_anonymous = models.BooleanField(
        pgettext_lazy("survey", "anonymous"),
        default=True,
        help_text=_("Anonymous: only a one-way key of the phone is kept, no name, no number."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    title = InLanguage()

    @property
    def intro(self) -> str:
        return in_language(self, "intro", fallback=self.intro_ru)

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.is_published
            and self.closed_at is None
            and self.opens_on <= today <= self.closes_on
        )

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None or self.closes_on < timezone.localdate()


class Trait(NamedInLanguages):
    """A trait the survey asks of each respondent (e.g. official or resident, age band)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="traits")
    code = models.SlugField(_("code"), max_length=32)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["survey", "order", "id"]
        verbose_name = _("respondent trait")
        verbose_name_plural = _("respondent traits")
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="unique_trait")]


class TraitOption(models.Model):
    trait = models.ForeignKey(Trait, on_delete=models.CASCADE, related_name="options")
    code = models.SlugField(_("code"), max_length=32)
    label_ru = models.CharField(_("label in Russian"), max_length=200)
    label_kk = models.CharField(_("label in Kazakh"), max_length=200)
    label_en = models.CharField(_("label in English"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["trait", "order", "id"]
        verbose_name = _("trait option")
        verbose_name_plural = _("trait options")
        constraints = [
            models.UniqueConstraint(fields=["trait", "code"], name="unique_trait_option")
        ]

    def __str__(self):
        return self.label

    label = InLanguage()


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale 1–5")
    TEXT = "text", _("free text")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    text_ru = models.CharField(_("text in Russian"), max_length=500)
    text_kk = models.CharField(_("text in Kazakh"), max_length=500)
    text_en = models.CharField(_("text in English"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    required = models.BooleanField(_("an answer is required"), default=True)

    class Meta:
        ordering = ["survey", "order", "id"]
        verbose_name = pgettext_lazy("survey", "question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    text = InLanguage()


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text_ru = models.CharField(_("text in Russian"), max_length=255)
    text_kk = models.CharField(_("text in Kazakh"), max_length=255)
    text_en = models.CharField(_("text in English"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["question", "order", "id"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self):
        return self.text

    text = InLanguage()


class ResponseChannel(models.TextChoices):
    SMS = "sms", _("online, confirmed by SMS code")
    PAPER = "paper", _("paper form entered by a clerk")


class Response(models.Model):
    """One respondent's answers. ``respondent_key`` is a keyed one-way hash of the phone
    (per survey), unique per survey: the one-answer rule is a database constraint."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(_("channel"), max_length=8, choices=ResponseChannel.choices)
    respondent_key = models.CharField(max_length=64, editable=False)
    respondent_name = models.CharField(_("respondent"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    entered_by = staff_link(_("entered by"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survey", "id"]
        verbose_name = pgettext_lazy("survey", "response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"], name="one_response_per_respondent"
            )
        ]

    def __str__(self):
        return f"{self.survey_id}#{self.pk}"


class ResponseTrait(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="traits")
    trait = models.ForeignKey(Trait, on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(TraitOption, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("respondent trait value")
        verbose_name_plural = _("respondent trait values")
        constraints = [
            models.UniqueConstraint(fields=["response", "trait"], name="one_value_per_trait")
        ]

    def __str__(self):
        return f"{self.trait_id}={self.option_id}"


class Answer(models.Model):
    """One answer: a chosen option (one row per option for multiple choice), a scale
    value, or a free text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = optional_link(Choice, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "choice"], name="survey_answer_counts")]

    def __str__(self):
        return f"{self.response_id}:{self.question_id}"


class PhoneCode(models.Model):
    """A one-time code sent by SMS to prove a phone before answering a survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    respondent_key = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [models.Index(fields=["survey", "respondent_key"], name="survey_code_lookup")]

    def __str__(self):
        return f"{self.survey_id}:{self.created_at:%Y-%m-%d %H:%M}"
