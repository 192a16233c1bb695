import pytest
from django.urls import reverse
from django.utils import translation

from tyndau.appeals.models import Appeal
from tyndau.territory.models import Role
from tyndau.triage.models import ProblemAppeal, TopicLabel

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def test_the_registration_panel_suggests_a_topic_and_similar_open_appeals(
    clerk_client, register, office
):
    earlier = register(text="Прорвало водопровод на Ленина, воды нет")
    response = clerk_client.post(
        reverse("triage:register_panel"),
        {
            "office": office.pk,
            "text": "На Ленина нет воды, прорвало водопровод",
            "street": "Ленина",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-suggested="water_supply"' in html
    assert "Водоснабжение" in html  # the topic's Russian name
    assert f'name="triage_same_problem" value="{earlier.pk}"' in html
    assert 'name="triage_suggested" value="water_supply"' in html


def test_the_panel_speaks_kazakh(client, clerk, office):
    client.force_login(clerk)
    with translation.override("kk"):
        url = reverse("triage:register_panel")
    response = client.post(url, {"office": office.pk, "text": "Үш күннен бері су жоқ"})
    html = response.content.decode()
    assert "Сумен жабдықтау" in html  # the topic's Kazakh name
    assert "Ұсынылған тақырып" in html  # "Suggested topic"


def test_an_executor_may_not_use_the_registration_panel(client, make_staff, office):
    client.force_login(make_staff(Role.EXECUTOR, office))
    response = client.post(reverse("triage:register_panel"), {"office": office.pk, "text": "x"})
    assert response.status_code == 403


def test_registering_keeps_the_clerks_choice_as_a_label_and_links_the_ticked_appeal(
    clerk_client, register, office
):
    earlier = register()
    village = office.territory.children.get(code="111033100")
    response = clerk_client.post(
        "/ru/staff/appeals/new/",
        {
            "office": office.pk, "channel": "phone", "applicant_type": "individual",
            "applicant_name": "Петров Пётр", "phone": "+77019998877", "kind": "statement",
            "topic": "sewerage", "territory": village.pk, "text": "Нет воды на Ленина",
            "street": "Ленина", "signatories": 1, "language": "ru",
            "triage_suggested": "water_supply", "triage_confidence": "0.8123",
            "triage_model_version": "0", "triage_same_problem": [str(earlier.pk)],
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    appeal = Appeal.objects.exclude(pk=earlier.pk).get()
    label = TopicLabel.objects.get(appeal=appeal)
    assert (label.topic.code, label.suggested_topic.code) == ("sewerage", "water_supply")
    assert not label.accepted and label.confidence == pytest.approx(0.8123)
    problem = ProblemAppeal.objects.get(appeal=appeal).problem
    assert ProblemAppeal.objects.get(appeal=earlier).problem == problem


def test_the_appeal_page_shows_the_suggestion_and_one_click_changes_the_topic(
    clerk_client, register
):
    appeal = register(topic="roads", text="Третий день нет воды, прорвало водопровод")
    page = clerk_client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert 'data-suggested="water_supply"' in page
    response = clerk_client.post(
        reverse("triage:label", args=[appeal.pk]),
        {"topic": appeal.topic.__class__.objects.get(code="water_supply").pk,
         "suggested_topic": appeal.topic.__class__.objects.get(code="water_supply").pk,
         "confidence": "0.7", "model_version": "0", "version": appeal.version},
    )  # fmt: skip
    assert response.status_code == 302
    assert Appeal.objects.get(pk=appeal.pk).topic.code == "water_supply"
    assert TopicLabel.objects.get(appeal=appeal).accepted


def test_an_executor_cannot_change_the_topic(client, make_staff, office, register):
    appeal = register()
    client.force_login(make_staff(Role.EXECUTOR, office))
    response = client.post(
        reverse("triage:label", args=[appeal.pk]), {"topic": "1", "version": appeal.version}
    )
    assert response.status_code == 403
    assert Appeal.objects.get(pk=appeal.pk).topic.code == "water_supply"
    assert not TopicLabel.objects.exists()


def test_a_stale_page_gets_a_message_and_nothing_changes(clerk_client, register):
    appeal = register()
    response = clerk_client.post(
        reverse("triage:label", args=[appeal.pk]),
        {"topic": appeal.topic.__class__.objects.get(code="roads").pk, "version": 99},
        follow=True,
    )
    assert "изменил другой сотрудник" in response.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).topic.code == "water_supply"


def test_linking_from_the_appeal_page_and_the_problems_list(clerk_client, register, akim, client):
    a = register()
    b = register(phone="+77010000099", text="На Ленина прорвало трубу, нет воды")
    response = clerk_client.post(reverse("triage:link", args=[a.pk]), {"appeals": [b.pk]})
    assert response.status_code == 302
    problem = ProblemAppeal.objects.get(appeal=a).problem
    assert ProblemAppeal.objects.get(appeal=b).problem == problem
    client.force_login(akim)
    listing = client.get(reverse("triage:problems")).content.decode()
    assert reverse("triage:problem", args=[problem.pk]) in listing
    page = client.get(reverse("triage:problem", args=[problem.pk]))
    assert page.status_code == 200 and a.number in page.content.decode()


def test_the_akims_dashboard_lists_the_largest_open_problems(client, akim, clerk, register):
    from tyndau.triage.services import problem_link

    problem = problem_link(
        appeals=[register(), register(phone="+77010000098", signatories=3)], by=clerk,
        title="Прорыв водопровода на Ленина",
    )  # fmt: skip
    client.force_login(akim)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert "Крупнейшие открытые проблемы" in page
    assert reverse("triage:problem", args=[problem.pk]) in page
    assert "Прорыв водопровода на Ленина" in page


def test_a_refreshed_panel_keeps_the_appeals_the_clerk_ticked(clerk_client, register, office):
    earlier = register(text="Прорвало водопровод на Ленина, воды нет")
    data = {"office": office.pk, "text": "На Ленина нет воды, прорвало водопровод"}
    url = reverse("triage:register_panel")
    box = f'name="triage_same_problem" value="{earlier.pk}"'
    assert f"{box}>" in clerk_client.post(url, data).content.decode()  # not ticked
    ticked = clerk_client.post(url, {**data, "triage_same_problem": [str(earlier.pk)]})
    assert f"{box} checked>" in ticked.content.decode()
