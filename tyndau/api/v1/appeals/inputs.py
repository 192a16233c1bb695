"""What a client sends: a new appeal (mapped onto an intake draft) and each action's input."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from tyndau.appeals.models import ApplicantType, Channel, Kind, Language, Outcome, Topic
from tyndau.appeals.validators import validate_received_at
from tyndau.territory.models import Office, Territory

from ..base import MAX_ID, VersionedInput


class AppealCreateSerializer(serializers.Serializer):
    office = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="Office id; by default the office serving `territory`, or your only office.",
    )
    territory = serializers.CharField(
        required=False, max_length=16, help_text="KATO code of the place the appeal is about."
    )
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant_type = serializers.ChoiceField(choices=ApplicantType.choices)
    kind = serializers.ChoiceField(choices=Kind.choices)
    topic = serializers.SlugRelatedField(
        slug_field="code", queryset=Topic.objects.filter(is_active=True)
    )
    text = serializers.CharField(max_length=20000)
    received_at = serializers.DateTimeField(required=False, validators=[validate_received_at])
    language = serializers.ChoiceField(choices=Language.choices, default=Language.RU)
    applicant_name = serializers.CharField(required=False, allow_blank=True, max_length=255)
    iin = serializers.CharField(required=False, allow_blank=True, max_length=12)
    bin = serializers.CharField(required=False, allow_blank=True, max_length=12)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=32)
    email = serializers.EmailField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True, max_length=255)
    street = serializers.CharField(required=False, allow_blank=True, max_length=128)
    latitude = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90)
    longitude = serializers.FloatField(
        required=False, allow_null=True, min_value=-180, max_value=180
    )
    signatories = serializers.IntegerField(required=False, min_value=1, max_value=100000)
    publish_consent = serializers.BooleanField(required=False)
    social_assistance_recipient = serializers.BooleanField(required=False)
    against_official = serializers.BooleanField(required=False)
    threat_to_life = serializers.BooleanField(required=False)
    crime_report = serializers.BooleanField(required=False)
    publish = serializers.BooleanField(
        required=False,
        default=True,
        help_text="false: the applicant asks not to publish the appeal (never public).",
    )
    private_terms = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        max_length=50,
        help_text="Words or phrases the applicant marked private (hidden in any case).",
    )

    def validate_text(self, value):
        if not value.strip():
            raise ValidationError(_("Write what the appeal is about."))
        return value

    def validate(self, attrs):
        """Codes and ids to objects; which office registers is intake's choice."""
        if (
            attrs.get("applicant_type") != ApplicantType.ANONYMOUS
            and not (attrs.get("applicant_name") or "").strip()
        ):
            raise ValidationError(
                {
                    "applicant_name": [
                        _(
                            "The applicant's name is required; to file anonymously, send "
                            'applicant_type "anonymous".'
                        )
                    ]
                }
            )
        if attrs.get("territory"):
            territory = Territory.objects.filter(code=attrs["territory"]).first()
            if territory is None:
                raise ValidationError({"territory": [_("No territory has this code.")]})
            attrs["territory"] = territory
        if attrs.get("office"):
            office = Office.objects.select_related("territory").filter(pk=attrs["office"]).first()
            if office is None:
                raise ValidationError({"office": [_("No office has this id.")]})
            attrs["office"] = office
        return attrs


class AssignSerializer(VersionedInput):
    executor = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.all())
    co_executors = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), many=True, required=False
    )


class ExtendSerializer(VersionedInput):
    until = serializers.DateField()
    reason = serializers.CharField(max_length=5000)


class AnswerSerializer(VersionedInput):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    text = serializers.CharField(max_length=20000)


class RedirectSerializer(VersionedInput):
    to = serializers.CharField(max_length=255, help_text="The competent body.")
    reason = serializers.CharField(max_length=5000)


class CloseSerializer(VersionedInput):
    pass


class ApproveSerializer(VersionedInput):
    pass


class ReturnSerializer(VersionedInput):
    comment = serializers.CharField(max_length=5000, help_text="What the executor should change.")


class ControlSerializer(VersionedInput):
    on = serializers.BooleanField(help_text="true: put on special control; false: take off.")
