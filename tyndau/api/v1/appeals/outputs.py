"""What a client reads about an appeal: the parts the privacy policy gives it."""

from rest_framework import serializers

from tyndau.appeals import selectors as appeal_selectors
from tyndau.appeals.models import ApplicantType, Channel, Kind, Language, Outcome, RiskBand, Status
from tyndau.privacy import policy

PERSONAL_FIELDS = ("applicant_name", "iin", "bin", "phone", "email", "address")


class OfficeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    territory = serializers.CharField(source="territory.code", help_text="KATO code")


class AppealSerializer(serializers.Serializer):
    """An appeal as staff see it. The personal fields appear only for those allowed."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    version = serializers.IntegerField(help_text="Send it back in If-Match when you change it.")
    office = OfficeRefSerializer()
    territory = serializers.CharField(source="territory.code", help_text="KATO code")
    territory_name = serializers.CharField(source="territory.name")
    received_at = serializers.DateTimeField()
    registered_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    applicant_type = serializers.ChoiceField(choices=ApplicantType.choices)
    kind = serializers.ChoiceField(choices=Kind.choices)
    topic = serializers.CharField(source="topic.code")
    topic_name = serializers.CharField(source="topic.name")
    text = serializers.CharField()
    language = serializers.ChoiceField(choices=Language.choices)
    street = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    signatories = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_name = serializers.CharField(source="get_status_display")
    executor = serializers.IntegerField(source="executor_id", allow_null=True)
    co_executors = serializers.SerializerMethodField()
    due_on = serializers.DateField(help_text="The legal deadline (in working days).")
    original_due_on = serializers.DateField()
    extension_reason = serializers.CharField()
    outcome = serializers.ChoiceField(choices=[("", "")] + Outcome.choices)
    answer_text = serializers.CharField()
    decided_on = serializers.DateField(allow_null=True)
    redirected_to = serializers.CharField()
    closed_on = serializers.DateField(allow_null=True)
    repeated = serializers.BooleanField()
    previous = serializers.IntegerField(source="previous_id", allow_null=True)
    risk_score = serializers.IntegerField()
    risk_band = serializers.ChoiceField(choices=RiskBand.choices)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    # Personal data: present only where the policy gives the applicant part.
    applicant_name = serializers.CharField(required=False)
    iin = serializers.CharField(required=False)
    bin = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    email = serializers.CharField(required=False)
    address = serializers.CharField(required=False)

    def get_co_executors(self, appeal) -> list[int]:
        return [u.pk for u in appeal.co_executors.all()]

    def to_representation(self, appeal):
        data = super().to_representation(appeal)
        user = self.context["request"].user
        parts = policy.parts_for(user, appeal)  # the one policy (tyndau.privacy.policy)
        if policy.Part.APPLICANT not in parts:
            for name in PERSONAL_FIELDS:
                data.pop(name, None)
        if policy.Part.RAW_TEXT not in parts:
            data["text"] = appeal_selectors.appeal_anonymised_text(appeal)
            data["extension_reason"] = appeal_selectors.anonymise(appeal.extension_reason)
        if policy.Part.ANSWER not in parts:
            data["answer_text"] = appeal_selectors.appeal_public_answer(appeal)
        if policy.Part.EXACT_PIN not in parts and appeal.latitude is not None:
            data["latitude"], data["longitude"] = (
                round(appeal.latitude, 3),
                round(appeal.longitude, 3),
            )
        data["street"] = (
            appeal.street
            if policy.Part.APPLICANT in parts
            else appeal_selectors.appeal_public_street(appeal)
        )
        read = self.context.setdefault("personal_reads", [])
        if parts & policy.PERSONAL_PARTS:
            read.append((appeal, parts))
        if self.context.get("with_topic_suggestion"):  # one appeal, not a list (issue 15)
            from tyndau.triage.api import suggestion_data
            from tyndau.triage.selectors import topic_suggest

            data["topic_suggestion"] = suggestion_data(topic_suggest(text=appeal.text))
        return data
