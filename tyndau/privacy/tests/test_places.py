"""The office's own villages and streets are places, not people (issue 17, point 2): a
village named like a person («Кенес») stays in every case form, but not next to a
person's name, and never when it is the applicant's own name."""

from tyndau.privacy import places
from tyndau.privacy.anonymiser import HIDDEN, anonymise
from tyndau.privacy.services import publication_text_for
from tyndau.territory.services import territories_import

KENES = (
    "code,parent_code,level,name_ru,name_kk,name_en,population\n"
    "111033300,111033000,village,село Кенес,Кеңес ауылы,Kenes,120\n"
)


def test_a_village_of_the_tree_is_kept_in_any_case_form(tree):
    assert anonymise("Строить школу в Кенесе.") != "Строить школу в Кенесе."  # a given name
    territories_import(text=KENES)  # the office's village (a save: the cache is cleared)
    assert "Кенес" in places.territory_names()
    for text in (
        "Строить школу в Кенесе.",
        "Дорога от Кенеса до трассы разбита.",
        "Кеңеске су келмейді.",
    ):
        assert anonymise(text) == text


def test_a_village_name_next_to_a_person_or_as_the_applicant_is_hidden(tree):
    territories_import(text=KENES)
    shown = anonymise("Прошу помочь: Кенес Ахметов из Кенеса без воды.")
    assert shown == f"Прошу помочь: {HIDDEN} из Кенеса без воды.", shown
    shown = anonymise("Кенесу никто не ответил.", names=["Кенес Ахметов"])
    assert "Кенес" not in shown, shown


def test_a_place_of_several_words_is_kept_only_whole(tree):
    # the tree has «сельский округ Малика Габдуллина»
    shown = anonymise("Дорогу до Малика Габдуллина обещали, пишет Малика.")
    assert shown.startswith("Дорогу до Малика Габдуллина обещали"), shown
    assert shown.endswith(f"пишет {HIDDEN}."), shown


def test_the_streets_of_the_office_are_kept_on_its_publication(tree, office, clerk):
    import datetime as dt

    from tyndau.appeals.tests.factories import register_appeal

    appeal = register_appeal(
        office=office,
        territory=office.territory.children.get(code="111033100"),
        channel="portal",
        applicant_type="individual",
        kind="statement",
        topic="roads",
        text="На Жаманбая яма, а по Жаманбаю ходят дети. Пишет Ержан Ахметов.",
        received_at=dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC),
        registered_by=clerk,
        applicant_name="Ахметов Ержан",
        street="Жаманбая 12 кв 4",
    )
    assert "Жаманбая" in places.place_names(office.territory)
    assert places.place_names(None) == places.territory_names()
    draft = publication_text_for(appeal)
    assert draft == f"На Жаманбая яма, а по Жаманбаю ходят дети. Пишет {HIDDEN}.", draft


def test_place_names_are_read_once(tree, office, django_assert_num_queries):
    places.place_names(office.territory)
    with django_assert_num_queries(0):
        for _ in range(3):
            places.place_names(office.territory)
            anonymise("Строить школу в Красном Яре.")
