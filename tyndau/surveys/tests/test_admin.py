"""The admin shows surveys and their answers, and writes none of them (the editor does)."""

import pytest

from tyndau.surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_the_admin_shows_a_survey_but_cannot_add_change_or_delete_it(admin_client, survey):
    assert admin_client.get("/admin/surveys/survey/").status_code == 200
    page = admin_client.get(f"/admin/surveys/survey/{survey.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # shown, with no save button
    assert admin_client.get("/admin/surveys/survey/add/").status_code == 403
    before = Survey.objects.get(pk=survey.pk).title_ru
    refused = admin_client.post(
        f"/admin/surveys/survey/{survey.pk}/change/", {"title_ru": "changed"}
    )
    assert refused.status_code == 403
    assert (
        admin_client.post(f"/admin/surveys/survey/{survey.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Survey.objects.get(pk=survey.pk).title_ru == before
