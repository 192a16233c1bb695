"""The frozen draft of an appeal every entry point fills in, and the errors of intake."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tyndau.core.errors import DomainError
from tyndau.territory.models import Office, Territory

from ..models import Appeal, ApplicantType, Language, Status, Topic

REGISTER_PERM = "appeals.register_appeal"
KEY_LENGTH = 64  # Appeal.client_key


class NoServingOffice(DomainError):
    """No akimat serves the place an appeal is about."""


class RegistrationRefused(DomainError):
    """The submitter may not register appeals for the office (or see the replayed one)."""


@dataclass(frozen=True, kw_only=True)
class Applicant:
    """Who wrote (заявитель). ``account`` is the resident's portal account, if any."""

    type: str = ApplicantType.INDIVIDUAL
    name: str = ""
    iin: str = ""
    bin: str = ""
    phone: str = ""
    email: str = ""
    account: object = None


@dataclass(frozen=True, kw_only=True)
class Place:
    """Where the problem is. ``office`` is set when the entry point already knows the office
    that registers (the clerk's own); otherwise the office serving ``territory`` takes it.
    An empty ``street`` is read from the address."""

    territory: Territory | None = None
    office: Office | None = None
    address: str = ""
    street: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, kw_only=True)
class RegisterEntry:
    """An appeal as an earlier register recorded it (an imported file, the demo's history):
    its number there and what became of it. Registered again, an entry updates what an
    earlier import wrote, and leaves alone an appeal worked on in Tyndau since."""

    number: str
    status: str = Status.REGISTERED
    outcome: str = ""
    decided_on: dt.date | None = None
    redirected_to: str = ""
    repeated: bool = False
    executor: object = None
    answer_text: str = ""


@dataclass(frozen=True, kw_only=True)
class Publication:
    """What the applicant said about publishing (portal, REST, Open311): the appeal then
    waits for a clerk's look in the moderation queue, or stays private if ``declined``.
    ``private_terms``: words the applicant marked private, one a line."""

    declined: bool = False
    private_terms: str = ""


@dataclass(frozen=True, kw_only=True)
class AppealDraft:
    """One appeal as it came in, before it has a number: what every channel gives."""

    channel: str
    kind: str
    topic: Topic | str
    text: str
    applicant: Applicant = field(default_factory=Applicant)
    place: Place = field(default_factory=Place)
    language: str = Language.RU
    received_at: dt.datetime | None = None
    signatories: int = 1
    publish_consent: bool = False
    social_assistance_recipient: bool = False
    against_official: bool = False
    threat_to_life: bool = False
    crime_report: bool = False
    attachments: tuple = ()
    # The submitter's key of this submission (a form's hidden field, an Idempotency-Key
    # header): sending it again returns the same appeal. Scoped to the submitter.
    idempotency_key: str = ""
    # Set when the appeal comes from an earlier register (batch form only).
    entry: RegisterEntry | None = None
    # Channels a resident files through say what may be published; None: the appeal gets
    # no publication (paper, reception, import: a clerk decides later, if ever).
    publication: Publication | None = None

    @classmethod
    def from_fields(cls, **fields) -> AppealDraft:
        """A draft from flat fields named as the Appeal's (``applicant_name``, ``iin``,
        ``territory``, ``street`` …, ``applicant_user``, ``client_key``), as an API body or
        a test gives them."""
        applicant = Applicant(
            type=fields.pop("applicant_type", ApplicantType.INDIVIDUAL),
            name=fields.pop("applicant_name", ""),
            iin=fields.pop("iin", ""),
            bin=fields.pop("bin", ""),
            phone=fields.pop("phone", ""),
            email=fields.pop("email", ""),
            account=fields.pop("applicant_user", None),
        )
        place = Place(
            **{k: fields.pop(k) for k in _PLACE_FIELDS if k in fields},
        )
        key = fields.pop("client_key", None) or ""
        attachments = tuple(fields.pop("attachments", ()))
        return cls(
            applicant=applicant,
            place=place,
            idempotency_key=key,
            attachments=attachments,
            **fields,
        )


_PLACE_FIELDS = ("territory", "office", "address", "street", "latitude", "longitude")


@dataclass(frozen=True)
class Registration:
    appeal: Appeal
    replayed: bool = False  # True: the submission was a retry; ``appeal`` is the earlier one
