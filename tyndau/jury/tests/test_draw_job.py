"""The draw runs as a background job (issue 19): the page says "drawing…" and polls
until the panel is drawn; a failure is explained and leaves nothing half-saved; a
second draw while one runs is refused."""

import datetime as dt
import json
import threading

import pytest
from django.utils import timezone

from tyndau.core.models import Job
from tyndau.jury import draw as draw_module
from tyndau.jury import lottery as lot
from tyndau.jury import services
from tyndau.jury.models import DrawState, Jury, Status, Volunteer

from .test_staff_pages import POOL, quotas, url

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def drawable(office, akim):
    jury = services.jury_create(
        question="Где построить новую школу?",
        territory=office.territory,
        panel_size=4,
        starts_on=dt.date(2026, 12, 10),
        ends_on=dt.date(2026, 12, 20),
        by=akim,
    )
    for pid, name, g, age, village in POOL:
        Volunteer.objects.create(
            jury=jury,
            external_id=pid,
            name=name,
            contact="+7700",
            address=pid,
            village=village,
            traits={"gender": g, "age": age},
            consent=True,
        )
    return quotas(jury)


def start(client, jury, seed="48213", lang="en"):
    return client.post(
        url("draw", jury, lang),
        {"seed": seed, "seed_source": "Лото 6/49, 1 декабря", "version": jury.version},
    )


def nothing_saved(jury: Jury) -> bool:
    jury.refresh_from_db()
    return (
        jury.status == Status.POOL
        and jury.seed == ""
        and jury.record is None
        and not jury.volunteers.filter(selected=True).exists()
        and not jury.volunteers.filter(probability__isnull=False).exists()
    )


def test_the_page_says_drawing_and_polls_until_the_panel_is_drawn(
    client, akim, drawable, django_capture_on_commit_callbacks
):
    client.force_login(akim)
    with django_capture_on_commit_callbacks() as jobs:
        response = start(client, drawable)
    assert response.status_code == 302 and len(jobs) == 1
    assert nothing_saved(drawable) and drawable.draw_state == DrawState.RUNNING

    page = client.get(url("staff_detail", drawable)).content.decode()
    assert "Drawing…" in page
    assert f'hx-get="{url("draw_status", drawable)}"' in page and 'hx-trigger="every 2s"' in page
    assert "Compute the lottery and draw" not in page  # no second draw button
    assert "Add to the pool" not in page  # and the pool is closed
    poll = client.get(url("draw_status", drawable), **HX)
    assert poll.status_code == 200 and "Drawing…" in poll.content.decode()
    assert "HX-Refresh" not in poll

    for job in jobs:  # the worker finishes
        job()
    poll = client.get(url("draw_status", drawable), **HX)
    assert poll["HX-Refresh"] == "true"
    drawable.refresh_from_db()
    assert drawable.status == Status.DRAWN and drawable.draw_state == DrawState.IDLE
    assert drawable.volunteers.filter(selected=True).count() == 4
    page = client.get(url("staff_detail", drawable)).content.decode()
    assert "Drawing…" not in page and 'id="panel"' in page and page.count("✓ yes") == 4
    record = json.loads(client.get(url("record", drawable)).content)
    assert record["seed"] == "48213" and draw_module.verify(record).matches


def test_a_second_draw_while_one_runs_is_refused_and_the_pool_is_closed(
    client, akim, drawable, django_capture_on_commit_callbacks
):
    client.force_login(akim)
    with django_capture_on_commit_callbacks() as jobs:
        start(client, drawable)
        drawable.refresh_from_db()
        again = start(client, drawable, seed="99999")
    assert again.status_code == 422 and len(jobs) == 1
    assert "The panel is being drawn" in again.content.decode()
    # the pool and quotas cannot change under the running draw
    with pytest.raises(services.TransitionError):
        services.quotas_set(jury=drawable, quotas=[lot.Quota("gender", "f", 1, 3)])
    with pytest.raises(services.TransitionError):
        services.volunteer_register(
            jury=drawable,
            name="Асель Нурланова",
            contact="+77001112233",
            address="ул. 9",
            village="Кенес",
            traits={"gender": "f", "age": "young"},
            consent=True,
        )
    assert drawable.quotas.count() == 4 and drawable.volunteers.count() == len(POOL)
    for job in jobs:
        job()
    drawable.refresh_from_db()
    assert drawable.seed == "48213"  # the first draw, not the refused one


def test_a_failed_draw_is_explained_and_saves_nothing(
    client, akim, drawable, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(instance):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(lot, "leximin", broken)
    client.force_login(akim)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, drawable)
    assert nothing_saved(drawable) and drawable.draw_state == DrawState.FAILED
    assert not Job.objects.failed().exists()  # not retried behind the staff's back
    page = client.get(url("staff_detail", drawable)).content.decode()
    assert "The last draw failed; nothing was saved." in page
    assert "internal error" in page and "solver crashed" not in page
    assert "Compute the lottery and draw" in page

    monkeypatch.undo()  # fixed: the next draw works
    drawable.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        start(client, drawable)
    drawable.refresh_from_db()
    assert drawable.status == Status.DRAWN and drawable.draw_error == ""


def test_impossible_quotas_are_named_in_the_language_of_who_started_the_draw(
    client, akim, drawable, django_capture_on_commit_callbacks
):
    services.quotas_set(
        jury=drawable,
        quotas=[lot.Quota("gender", "f", 4, 4), lot.Quota("gender", "m", 0, 4)],
    )
    drawable.refresh_from_db()
    client.force_login(akim)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, drawable, lang="ru")
    assert nothing_saved(drawable) and drawable.draw_state == DrawState.FAILED
    assert drawable.draw_error.startswith("Квоты невыполнимы:")
    assert "gender=f" in drawable.draw_error


def test_a_draw_that_never_finished_can_be_started_again(
    client, akim, drawable, django_capture_on_commit_callbacks
):
    Jury.objects.filter(pk=drawable.pk).update(
        draw_state=DrawState.RUNNING,
        draw_started_at=timezone.now() - dt.timedelta(minutes=31),
    )
    client.force_login(akim)
    page = client.get(url("staff_detail", drawable)).content.decode()
    assert "did not finish" in page and "Drawing…" not in page
    drawable.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert start(client, drawable).status_code == 302
    drawable.refresh_from_db()
    assert drawable.status == Status.DRAWN


def test_without_a_broker_the_draw_runs_on_a_thread_and_the_request_returns_at_once(
    db, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from tyndau.core import jobs

    settings.TYNDAU_JOBS_THREADS = True
    ran, release = threading.Event(), threading.Event()
    seen = {}

    def fake_job(path, kwargs):
        seen["thread"] = threading.current_thread().name
        release.wait(5)  # still computing while the request goes on
        ran.set()

    monkeypatch.setattr(jobs, "run_job_safely", fake_job)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue_long("tyndau.jury.services.panel_draw_job", jury_id=1)
    assert not ran.is_set()  # the caller did not wait for the job
    release.set()
    assert ran.wait(5) and seen["thread"] == "job:tyndau.jury.services.panel_draw_job"


def test_with_a_broker_the_draw_goes_to_a_celery_worker(
    db, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from tyndau import celery
    from tyndau.core import jobs

    settings.CELERY_BROKER_URL = "redis://broker:6379/0"
    sent = []
    monkeypatch.setattr(celery.run_job_task, "delay", lambda path, kwargs: sent.append(path))
    monkeypatch.setattr(threading, "Thread", None)  # no thread is started
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue_long("tyndau.jury.services.panel_draw_job", jury_id=1)
    assert sent == ["tyndau.jury.services.panel_draw_job"]
