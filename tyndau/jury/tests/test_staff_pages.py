"""Staff pages of a jury: create it, fill its pool, derive quotas from the population's
shares, draw with a public seed, publish the verdict (issue 19, points 1, 3 and 5)."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tyndau.jury import draw as draw_module
from tyndau.jury import services
from tyndau.jury.models import Jury, Status, Volunteer
from tyndau.territory.models import ProfileFigure, Role

# The pool of the tests, written out by hand: id, name, gender, age, village.
POOL = [
    ("a1", "Айгерим Серикова", "f", "young", "Красный Яр"),
    ("a2", "Мария Кузнецова", "f", "old", "Красный Яр"),
    ("a3", "Дана Омарова", "f", "young", "Кенес"),
    ("a4", "Ерлан Жаксыбеков", "m", "old", "Кенес"),
    ("a5", "Иван Петров", "m", "young", "Красный Яр"),
    ("a6", "Бауржан Омаров", "m", "old", "Красный Яр"),
]
POOL_CSV = "id,name,contact,address,village,gender,age\n" + "".join(
    f"{pid},{name},+7700000000{i},ул. {i},{village},{g},{age}\n"
    for i, (pid, name, g, age, village) in enumerate(POOL)
)


def upload(content: str | bytes, name="pool.csv"):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def jury(office, akim):
    return services.jury_create(
        question="Где построить новую школу?",
        territory=office.territory,
        panel_size=4,
        starts_on=dt.date(2026, 12, 10),
        ends_on=dt.date(2026, 12, 20),
        by=akim,
    )


def url(name, jury, lang="en"):
    with translation.override(lang):
        return reverse(f"jury:{name}", args=[jury.pk])


def test_akim_creates_a_jury_from_the_list(client, akim, office):
    client.force_login(akim)
    with translation.override("en"):
        list_url = reverse("jury:staff_list")
    page = client.get(list_url)
    assert page.status_code == 200 and "New jury" in page.content.decode()
    response = client.post(
        list_url,
        {
            "question": "Куда направить средства на благоустройство?",
            "territory": office.territory.pk,
            "panel_size": 15,
            "starts_on": "2027-01-10",
            "ends_on": "2027-01-20",
            "household_rule": "on",
        },
    )
    jury = Jury.objects.get()
    assert response.status_code == 302 and response["Location"] == url("staff_detail", jury)
    assert (jury.territory, jury.panel_size, jury.household_rule) == (office.territory, 15, True)
    assert jury.created_by == akim and jury.status == Status.POOL


def test_a_jury_ending_before_it_starts_is_refused_in_russian(client, akim, office):
    client.force_login(akim)
    with translation.override("ru"):
        list_url = reverse("jury:staff_list")
    response = client.post(
        list_url,
        {
            "question": "Вопрос",
            "territory": office.territory.pk,
            "panel_size": 15,
            "starts_on": "2027-01-20",
            "ends_on": "2027-01-10",
        },
    )
    assert response.status_code == 422
    assert "Слушания не могут закончиться раньше, чем начнутся." in response.content.decode()
    assert not Jury.objects.exists()


def test_neighbouring_akim_cannot_create_here_nor_open_the_jury(
    client, make_staff, neighbour_office, office, jury
):
    other = make_staff(Role.AKIM, neighbour_office)
    client.force_login(other)
    with translation.override("en"):
        list_url = reverse("jury:staff_list")
    response = client.post(
        list_url,
        {
            "question": "Чужой вопрос",
            "territory": office.territory.pk,
            "panel_size": 5,
            "starts_on": "2027-01-10",
            "ends_on": "2027-01-20",
        },
    )
    assert response.status_code == 422  # our territory is not among their choices
    assert Jury.objects.count() == 1
    assert "Где построить" not in client.get(list_url).content.decode()
    assert client.get(url("staff_detail", jury)).status_code == 403


def test_pool_upload_adds_every_row(client, akim, jury):
    client.force_login(akim)
    response = client.post(
        url("pool_upload", jury), {"file": upload(POOL_CSV), "version": jury.version}
    )
    assert response.status_code == 302
    rows = set(Volunteer.objects.filter(jury=jury).values_list("external_id", "village"))
    assert rows == {(pid, village) for pid, _n, _g, _a, village in POOL}
    page = client.get(url("staff_detail", jury)).content.decode()
    assert "6 volunteers: 6 imported, 0 through the portal." in page


def test_pool_upload_with_a_bad_row_saves_nothing_and_names_the_row(client, akim, jury):
    client.force_login(akim)
    bad = POOL_CSV + "a7,,+77001112233,ул. 9,Кенес,f,young\n"
    with translation.override("ru"):
        response = client.post(
            url("pool_upload", jury, "ru"), {"file": upload(bad), "version": jury.version}
        )
    html = response.content.decode()
    assert response.status_code == 422
    assert "строка 8" in html
    assert not Volunteer.objects.filter(jury=jury).exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("pool.pdf", b"%PDF-1.4"),
        ("pool.xlsx", b"not a zip"),
        ("pool.csv", "id,name\n1,Ж".encode("cp1251")),
    ],
)
def test_pool_upload_of_an_unreadable_file_is_explained(client, akim, jury, name, content):
    client.force_login(akim)
    response = client.post(
        url("pool_upload", jury), {"file": upload(content, name), "version": jury.version}
    )
    assert response.status_code == 422
    assert 'id="import-errors"' in response.content.decode()
    assert not Volunteer.objects.filter(jury=jury).exists()


def test_clerk_cannot_upload_the_pool(client, clerk, jury):
    client.force_login(clerk)
    response = client.post(
        url("pool_upload", jury), {"file": upload(POOL_CSV), "version": jury.version}
    )
    assert response.status_code == 403
    assert not Volunteer.objects.filter(jury=jury).exists()


@pytest.fixture
def pooled(jury):
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
    return jury


def test_shares_form_is_prefilled_from_the_territory(client, akim, pooled, office):
    krasny, kenes = office.territory.children.order_by("code")[:2]
    krasny.population, kenes.population = 3000, 1000
    krasny.save(), kenes.save()
    for key, value in (("women", 520), ("men", 480)):
        ProfileFigure.objects.create(
            territory=office.territory,
            section="population",
            key=key,
            label_ru=key,
            label_kk=key,
            label_en=key,
            value=value,
        )
    client.force_login(akim)
    page = client.get(url("shares", pooled)).content.decode()
    assert "gender,f,520\ngender,m,480" in page
    assert f"village,{kenes.name},1000" in page and f"village,{krasny.name},3000" in page


def test_quotas_from_shares_are_rounded_and_widened_until_the_pool_can_meet_them(
    client, akim, pooled
):
    client.force_login(akim)
    # k = 4: f 50% -> 2..2, m 2..2; young 3/4 -> 3..3, old 1..1. The pool has 3 young
    # (2 f, 1 m) and 3 old (1 f, 2 m): f+young ≤ 2 and m+young ≤ 1, so 3 young with
    # 2 f and 2 m can be met (f young, f young, m young, m old). Feasible without slack.
    response = client.post(
        url("shares", pooled),
        {"shares": "gender,f,50\ngender,m,50\nage,young,75\nage,old,25", "version": pooled.version},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "widened by 0 places on each side" in html
    assert "<td>age</td><td>young</td><td>3</td><td>3</td>" in html
    assert not pooled.quotas.exists()  # a preview saves nothing
    # 100% young cannot be met by 3 young people: widened by 1 -> young 3..4, old 0..1.
    response = client.post(
        url("shares", pooled),
        {"shares": "gender,f,1\ngender,m,1\nage,young,1\nage,old,0", "version": pooled.version},
    )
    html = response.content.decode()
    assert "widened by 1 place on each side" in html
    assert "<td>age</td><td>young</td><td>3</td><td>4</td>" in html
    response = client.post(
        url("shares", pooled),
        {
            "shares": "gender,f,1\ngender,m,1\nage,young,1\nage,old,0",
            "version": pooled.version,
            "save": "1",
        },
    )
    assert response.status_code == 302
    saved = set(pooled.quotas.values_list("trait", "value", "minimum", "maximum"))
    assert saved == {
        ("gender", "f", 1, 3),
        ("gender", "m", 1, 3),
        ("age", "young", 3, 4),
        ("age", "old", 0, 1),
    }


def test_bad_share_lines_are_explained_in_kazakh(client, akim, pooled):
    client.force_login(akim)
    response = client.post(
        url("shares", pooled, "kk"), {"shares": "gender,f\nage,old,-3", "version": pooled.version}
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "1-жол" in html and "2-жол" in html
    assert not pooled.quotas.exists()


def quotas(jury):
    from tyndau.jury import lottery as lot

    services.quotas_set(
        jury=jury,
        quotas=[
            lot.Quota("gender", "f", 2, 2),
            lot.Quota("gender", "m", 2, 2),
            lot.Quota("age", "young", 1, 3),
            lot.Quota("age", "old", 1, 3),
        ],
    )
    jury.refresh_from_db()
    return jury


def test_draw_from_the_page_meets_every_quota_and_can_be_verified(
    client, akim, pooled, django_capture_on_commit_callbacks
):
    jury = quotas(pooled)
    client.force_login(akim)
    with django_capture_on_commit_callbacks(execute=True):  # the background draw
        response = client.post(
            url("draw", jury),
            {"seed": "48213", "seed_source": "Лото 6/49, 1 декабря", "version": jury.version},
        )
    assert response.status_code == 302
    jury.refresh_from_db()
    assert jury.status == Status.DRAWN
    panel = list(jury.volunteers.filter(selected=True).values_list("traits", flat=True))
    assert len(panel) == 4
    assert sum(t["gender"] == "f" for t in panel) == 2
    page = client.get(url("staff_detail", jury)).content.decode()
    assert page.count("✓ yes") == 4 and 'id="panel"' in page
    record = json.loads(client.get(url("record", jury)).content)
    assert record["seed"] == "48213"
    assert draw_module.verify(record).matches
    record["seed"] = "48214"
    assert not draw_module.verify(record).matches


def test_quota_satisfaction_counts_the_pool_and_the_panel(pooled):
    from tyndau.jury import selectors

    jury = quotas(pooled)
    Volunteer.objects.filter(external_id__in=["a1", "a2", "a4", "a6"]).update(selected=True)
    Jury.objects.filter(pk=jury.pk).update(status=Status.DRAWN)
    jury.refresh_from_db()
    rows = {
        (r["trait"], r["value"]): (r["pool"], r["panel"], r["met"])
        for r in selectors.quota_satisfaction(jury)
    }
    # by hand from POOL: f a1 a2 a3, m a4 a5 a6; young a1 a3 a5, old a2 a4 a6
    # panel a1 (f young) a2 (f old) a4 (m old) a6 (m old): young 1, old 3
    assert rows == {
        ("gender", "f"): (3, 2, True),
        ("gender", "m"): (3, 2, True),
        ("age", "young"): (3, 1, True),
        ("age", "old"): (3, 3, True),
    }


def test_a_stale_draw_changes_nothing(client, akim, pooled):
    jury = quotas(pooled)
    stale = jury.version - 1
    client.force_login(akim)
    response = client.post(url("draw", jury), {"seed": "1", "seed_source": "x", "version": stale})
    assert response.status_code == 422
    assert "changed by someone else" in response.content.decode()
    jury.refresh_from_db()
    assert jury.status == Status.POOL and not jury.volunteers.filter(selected=True).exists()


def test_a_draw_without_a_seed_is_refused(client, akim, pooled):
    jury = quotas(pooled)
    client.force_login(akim)
    response = client.post(
        url("draw", jury), {"seed": "", "seed_source": "", "version": jury.version}
    )
    assert response.status_code == 422
    jury.refresh_from_db()
    assert jury.status == Status.POOL


def test_verdict_is_published_on_the_public_page(client, akim, pooled):
    jury = quotas(pooled)
    services.panel_draw(jury=jury, seed="7", seed_source="test")
    jury.refresh_from_db()
    client.force_login(akim)
    response = client.post(
        url("verdict", jury),
        {
            "experts": "Инженер районного отдела образования",
            "documents": "https://example.kz/plan.pdf",
            "verdict": "Строить школу в селе Кенес.",
            "version": jury.version,
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(url("public", jury, "ru")).content.decode()
    assert "Строить школу в селе Кенес." in page and "Инженер районного отдела" in page
    assert f'href="{url("record", jury, "ru")}"' in page
    # names, contacts and addresses never reach the public page
    for _pid, name, *_rest in POOL:
        assert name not in page
    assert "+7700" not in page


def test_the_record_of_a_jury_still_collecting_is_not_published(client, pooled):
    assert client.get(url("record", pooled)).status_code == 404
