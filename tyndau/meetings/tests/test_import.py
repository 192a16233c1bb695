import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tyndau.meetings.models import Meeting, Question
from tyndau.meetings.services import ImportFailed, meetings_import, meetings_read
from tyndau.meetings.services.importing import KNOWN_KEYS as KNOWN

GOOD = {
    "territory": "111033100",
    "kind": "reporting",
    "status": "held",
    "planned_on": "2022-02-03",
    "held_on": "2022-02-03",
    "place": "Дом культуры с. Красный Яр",
    "broadcasts": {"instagram": 1, "tv": 2},
    "participants": {"offline": 120, "instagram": 1200},
    "speakers": 36,
    "media": {"social": 1},
    "officials_present": {"government": 0, "parliament": 0, "state_bodies": 2},
    "questions": [
        {
            "topic": "roads",
            "text": "Ремонт улицы Сейфуллина",
            "repeated": True,
            "critical_of": None,
        },
        {
            "topic": "water_supply",
            "text": "Замена водопровода",
            "repeated": False,
            "critical_of": "6",
        },
    ],
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _write(tmp_path, data):
    path = tmp_path / "meetings.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_creates_meetings_with_their_office_and_questions(tree, tmp_path, capsys):
    planned = {
        "territory": "111033000",
        "kind": "gathering",
        "status": "planned",
        "planned_on": "2022-06-01",
        "held_on": None,
    }
    call_command("import_meetings", str(_write(tmp_path, [GOOD, planned])))
    assert "Meetings imported: 2; questions: 2." in capsys.readouterr().out
    held = Meeting.objects.get(status="held")
    assert held.office.territory.code == "111033000"
    assert held.akim_level == 6
    assert held.participants_total == 1320 and held.broadcasts_total == 3
    assert held.media_social == 1 and held.officials_state_bodies == 2 and held.speakers == 36
    assert held.participants_facebook == 0  # a missing count means zero
    assert Question.objects.filter(repeated=True).count() == 1
    assert Question.objects.get(critical_of=6).topic.code == "water_supply"
    assert Meeting.objects.get(status="planned").held_on is None


def test_every_bad_object_is_reported_with_its_index_and_nothing_is_saved(tree, tmp_path, capsys):
    bad = [
        GOOD,
        {**GOOD, "territory": "999999999"},
        {**GOOD, "kind": "party", "status": "done"},
        {**GOOD, "planned_on": "03.02.2022", "held_on": None},
        {**GOOD, "participants": {"offline": -5, "radio": 3}, "speakers": "many"},
        {
            **GOOD,
            "questions": [{"topic": "nope", "text": "", "repeated": "yes", "critical_of": "7"}],
        },
        {**GOOD, "status": "planned", "held_on": "2022-02-03"},
        "not an object",
    ]
    with pytest.raises(CommandError) as error:
        call_command("import_meetings", str(_write(tmp_path, bad)))
    assert "7 bad object(s)" in str(error.value)
    err = capsys.readouterr().err
    assert "object 0" not in err
    assert "object 1: unknown territory code 999999999" in err
    assert 'object 2: unknown kind "party"' in err
    assert 'object 2: unknown status "done"' in err
    assert "object 3: “planned_on” must be a date YYYY-MM-DD" in err
    assert "object 3: “held_on” is required" in err
    assert "object 4: “participants.offline” must be a whole number" in err
    assert "object 4: unknown keys in “participants”: radio" in err
    assert "object 4: “speakers” must be a whole number" in err
    assert 'object 5: questions[0]: unknown topic "nope"' in err
    assert "object 5: questions[0]: the text is empty" in err
    assert "object 5: questions[0]: “repeated” must be true or false" in err
    assert "object 5: questions[0]: “critical_of” must be an akim level" in err
    assert "object 6: “held_on” is given but the status is not “held”" in err
    assert "object 7: must be an object" in err
    assert Meeting.objects.count() == 0 and Question.objects.count() == 0


def test_the_file_must_be_a_json_list(tree, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_meetings", str(path))
    with pytest.raises(ImportFailed):
        meetings_import(data={"territory": "111033000"})


def test_a_missing_file_is_an_error(tmp_path, db):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("import_meetings", str(tmp_path / "nope.json"))


def test_errors_are_in_the_users_language(tree):
    with translation.override("ru"), pytest.raises(ImportFailed) as error:
        meetings_import(data=[{**GOOD, "territory": "999999999"}])
    assert "неизвестный код территории 999999999" in str(error.value.errors[0])


def test_past_the_row_limit_reading_stops_with_a_clear_error(tree, tmp_path, settings):
    settings.TYNDAU_MEETINGS_IMPORT_MAX_ROWS = 3
    path = tmp_path / "many.json"
    # four good objects, then garbage that is never read: reading stopped at the limit
    text = json.dumps([GOOD] * 4, ensure_ascii=False)[:-1] + ", {broken"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        meetings_read(path)
    assert [str(e) for e in caught.value.errors] == [
        "object 3: the file has more than 3 meetings: split it into smaller files"
    ]
    with translation.override("ru"), pytest.raises(CommandError) as command:
        call_command("import_meetings", str(path))
    assert "больше 3 встреч" in str(command.value)
    with translation.override("kk"), pytest.raises(ImportFailed) as parsed:
        meetings_import(data=[GOOD] * 4)  # data parsed elsewhere: the same limit
    assert "3" in str(parsed.value.errors[0]) and "кездесу" in str(parsed.value.errors[0])
    assert Meeting.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tree, tmp_path, settings):
    settings.TYNDAU_MEETINGS_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "big.json"
    path.write_text(json.dumps([GOOD] * 10, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        meetings_read(path)
    assert "the file is larger than 1000" in str(caught.value.errors[0])


@pytest.mark.parametrize(
    "text, message",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('[{"territory": "111033100"}, {"kind": ]', "not valid JSON (line 1, column 39)"),
        ("[1, 2,]", "not valid JSON"),
        ("[1] [2]", "not valid JSON"),
        ("", "not valid JSON"),
        ('{"territory": "111033100"}', "must hold a JSON list"),
    ],
)
def test_broken_json_is_named_never_a_traceback(db, tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        meetings_import(data=meetings_read(path))
    assert message in str(caught.value.errors[0])


def test_a_file_not_in_utf8_is_named(db, tmp_path):
    path = tmp_path / "cp1251.json"
    path.write_bytes(json.dumps([GOOD], ensure_ascii=False).encode("cp1251"))
    with pytest.raises(ImportFailed) as caught:
        meetings_read(path)
    assert str(caught.value.errors[0]) == "object 0: the file is not UTF-8 text"


@hypothesis_settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from([*KNOWN, "x", ""]) | st.text(max_size=5), children, max_size=5
            )
        ),
        max_leaves=20,
    )
)
def test_any_json_is_imported_or_refused_with_reasons_never_a_crash(tree, data):
    before = Meeting.objects.count(), Question.objects.count()
    try:
        result = meetings_import(data=data)
    except ImportFailed as failed:
        assert failed.errors and all(str(e) for e in failed.errors)
        assert (Meeting.objects.count(), Question.objects.count()) == before
    else:
        assert Meeting.objects.count() == before[0] + result.meetings
