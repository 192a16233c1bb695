import pytest

from tyndau.appeals.models import Outcome
from tyndau.portal.selectors import (
    appeal_list_public,
    appeal_public_text,
    hide_house_numbers,
    public_point,
)


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Во дворе дома 5 темно", "дома 5"),
        ("живу в д. 12а, кв. 34", "12а"),
        ("ул. Мира, 12 — яма", "Мира, 12"),
        ("улица Абылай хана 15/2", "15/2"),
        ("Сейфуллин көшесі, 7 үйдің жанында", "көшесі, 7"),
        ("үйі 9, пәтер 3", "үйі 9"),
        ("12 Baker Street 221b", "221b"),
    ],
)
def test_house_and_flat_numbers_are_hidden(text, hidden):
    assert hidden not in hide_house_numbers(text)


def test_other_numbers_stay():
    text = "Третий день нет воды, 2 колонки сломаны, срок — 15 рабочих дней."
    assert hide_house_numbers(text) == text


def test_public_text_hides_the_applicants_name_and_contacts(file_appeal):
    appeal = file_appeal(
        text="Айгерим Серикова, ИИН 791028302728, +7 701 555 12 34, a@b.kz, ул. Мира, 12."
    )
    shown = appeal_public_text(appeal)
    for secret in ["Айгерим", "Серикова", "791028302728", "555 12 34", "a@b.kz", "Мира, 12"]:
        assert secret not in shown


def test_publish_consent_keeps_the_text(file_appeal):
    appeal = file_appeal(text="Айгерим Серикова, ул. Мира, 12.", publish_consent=True)
    assert appeal_public_text(appeal) == appeal.text


def test_the_public_pin_is_rounded_unless_published(file_appeal):
    hidden = file_appeal(latitude=53.287123, longitude=69.391234)
    shown = file_appeal(latitude=53.287123, longitude=69.391234, publish_consent=True)
    assert public_point(hidden) == (53.287, 69.391)
    assert public_point(shown) == (53.287123, 69.391234)


def test_crime_reports_and_anonymous_appeals_are_not_public(file_appeal):
    file_appeal(crime_report=True)
    file_appeal(applicant_type="anonymous", applicant_name="", phone="")
    visible = file_appeal()
    assert list(appeal_list_public()) == [visible]


def test_public_list_page_uses_a_fixed_number_of_queries(
    client, file_appeal, clerk, answer, django_assert_max_num_queries
):
    for i in range(6):
        appeal = file_appeal(text=f"Обращение номер {i}: яма.", latitude=53.28, longitude=69.39)
        if i % 2:
            answer(appeal=appeal, outcome=Outcome.EXPLAINED, text="Разъяснено.", by=clerk)
    with django_assert_max_num_queries(12):
        assert client.get("/ru/appeals/").status_code == 200
