"""The public filing form under random and hostile input (issue 12, point 3): whatever is
posted, the answer is never a 500, and either one whole appeal is registered (with its
publication record, its events and its notice job) or nothing at all is saved."""

import uuid

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tyndau.appeals.models import Appeal, AppealEvent, Attachment
from tyndau.core.models import Job
from tyndau.privacy.models import Publication

pytestmark = pytest.mark.django_db

# Text a hostile or careless visitor may send: control characters (NUL included), scripts,
# SQL, very long strings, numbers that overflow a float, right-to-left marks, emoji.
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "1e309",
            "-1e309",
            "nan",
            "inf",
            "0x10",
            "9" * 400,
            "\u202eгыртсав",
            "😀" * 50,
            "%00",
            "../../etc/passwd",
            "а" * 10_001,
        ]
    ),
)


def _valid(tree, topics):
    return {
        "territory": str(tree["111033100"].pk),
        "topic": str(topics["roads"].pk),
        "kind": "statement",
        "text": "На улице Мира, 12 третью неделю не горит фонарь.",
        "address": "ул. Мира, 12",
        "latitude": "",
        "longitude": "",
        "applicant_name": "Айгерим Серикова",
        "phone": "+7 701 555 12 34",
        "email": "",
        "iin": "",
        "consent": "on",
        "website": "",
        "private_terms": "",
    }


NAMES = [
    "territory",
    "topic",
    "kind",
    "text",
    "address",
    "latitude",
    "longitude",
    "applicant_name",
    "phone",
    "email",
    "iin",
    "consent",
    "publish_consent",
    "no_publication",
    "private_terms",
    "client_key",
]


def _counts():
    return (
        Appeal.objects.count(),
        AppealEvent.objects.count(),
        Attachment.objects.count(),
        Publication.objects.count(),
        Job.objects.count(),
    )


@pytest.fixture
def no_limit(settings):
    settings.TYNDAU_PORTAL_APPEALS_PER_HOUR = 1_000_000  # the SMS step is tested elsewhere


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.dictionaries(st.sampled_from(NAMES), HOSTILE, max_size=6),
    dropped=st.sets(st.sampled_from(NAMES), max_size=3),
    extra=st.dictionaries(
        st.text(alphabet="abcdefghij_", min_size=1, max_size=8), HOSTILE, max_size=2
    ),
    language=st.sampled_from(["kk", "ru", "en"]),
)
def test_hostile_input_never_gives_a_500_and_never_half_saves(
    tree, topics, no_limit, changes, dropped, extra, language
):
    data = _valid(tree, topics) | {"client_key": uuid.uuid4().hex} | extra | changes
    for name in dropped:
        data.pop(name, None)
    before = _counts()
    # raise_request_exception (the default): an exception in the view fails the example
    response = Client().post(f"/{language}/appeal/new/", data)
    assert response.status_code in (200, 302, 400, 422), response.status_code
    after = _counts()
    if response.status_code == 302 and "/track/" in response["Location"]:
        created = Appeal.objects.order_by("-pk").first()
        assert after[0] == before[0] + 1
        assert Publication.objects.filter(appeal=created).exists()
        assert AppealEvent.objects.filter(appeal=created).exists()
    else:
        assert after == before, (response.status_code, data)
