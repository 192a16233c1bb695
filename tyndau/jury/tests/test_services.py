"""The jury app: import all-or-nothing, quotas and feasibility, draw, public page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from tyndau.core.audit import history_of
from tyndau.core.errors import ConflictError, DomainError, TransitionError
from tyndau.jury import lottery as lot
from tyndau.jury import selectors, services
from tyndau.jury.draw import verify
from tyndau.jury.models import Jury, Status, Volunteer
from tyndau.territory.services import ImportFailed

POOL = "id,name,contact,address,village,gender,age\n" + "\n".join(
    f"v{i},Name{i} Surname,+7700{i:07d},Street {i // 2},{'Krasnoyarka' if i % 3 else 'Kamenka'},"
    f"{'f' if i % 2 else 'm'},{'young' if i % 4 < 2 else 'old'}"
    for i in range(12)
)
QUOTAS = [
    lot.Quota("gender", "f", 2, 2),
    lot.Quota("gender", "m", 2, 2),
    lot.Quota("age", "young", 1, 3),
    lot.Quota("age", "old", 1, 3),
]


@pytest.fixture
def jury(office):
    return services.jury_create(
        question="Where should the new school be built?",
        territory=office.territory,
        panel_size=4,
        starts_on=dt.date(2026, 12, 10),
        ends_on=dt.date(2026, 12, 20),
        household_rule=True,
    )


@pytest.fixture
def pool_file(tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text(POOL)
    return path


def test_import_then_quotas_then_draw_stores_probabilities_and_panel(jury, pool_file):
    assert services.pool_import(jury=jury, path=pool_file) == 12
    jury.refresh_from_db()
    services.quotas_set(jury=jury, quotas=QUOTAS)
    assert selectors.quota_feasibility(jury).feasible
    jury.refresh_from_db()
    panel = services.panel_draw(jury=jury, seed="20261201-1200", seed_source="national lottery")
    jury.refresh_from_db()
    assert jury.status == Status.DRAWN and len(panel) == 4
    assert (
        sorted(
            Volunteer.objects.filter(jury=jury, selected=True).values_list("external_id", flat=True)
        )
        == panel
    )
    summary = selectors.probability_summary(jury)
    assert summary["pool"] == 12
    assert summary["mean"] == pytest.approx(4 / 12)
    assert summary["minimum"] == pytest.approx(jury.min_probability)
    # housemates (same street number) never sit together
    addresses = list(
        Volunteer.objects.filter(jury=jury, selected=True).values_list("address", flat=True)
    )
    assert len(set(addresses)) == 4
    # the stored record verifies, and contains no names, contacts or addresses
    assert verify(jury.record).matches
    text = str(jury.record)
    assert "Name" not in text and "+7700" not in text and "Street" not in text
    assert history_of(jury).exists()


def test_bad_rows_are_all_listed_and_nothing_is_saved(jury, tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text("id,name,gender\nv1,Aru,f\nv1,Dana,f\n,Bolat,m\nv4,,m\nv5,Erlan,\n")
    with pytest.raises(ImportFailed) as error:
        services.pool_import(jury=jury, path=path)
    rows = [e.row for e in error.value.errors]
    assert rows == [3, 4, 5, 6]
    assert not Volunteer.objects.filter(jury=jury).exists()


def test_import_message_in_russian(jury, tmp_path):
    path = tmp_path / "pool.csv"
    path.write_text("id,gender\nv1,f\n")
    with translation.override("ru"), pytest.raises(ImportFailed) as error:
        services.pool_import(jury=jury, path=path)
    assert "id" in str(error.value) and "name" in str(error.value)
    assert "the file needs" not in str(error.value)


def test_infeasible_quotas_give_values_and_smallest_fix(jury, pool_file):
    services.pool_import(jury=jury, path=pool_file)
    quotas = [*QUOTAS[1:], lot.Quota("gender", "f", 7, 8)]  # 6 women in the pool, panel of 4
    feasibility = selectors.quota_feasibility(jury, quotas)
    assert not feasibility.feasible
    fix = {(f.trait, f.value): f for f in feasibility.fixes}
    assert set(fix) >= {("gender", "f")}
    # 4 seats, exactly 2 men: at least 5 units of change (e.g. women's minimum 7 -> 2)
    assert feasibility.total_change == 5
    relaxed = lot.Instance(services.instance_of(jury).people, feasibility.relaxed_quotas, 4, True)
    assert lot.check_feasibility(relaxed).feasible


def test_draw_refused_when_quotas_cannot_be_met_nothing_changes(jury, pool_file):
    services.pool_import(jury=jury, path=pool_file)
    jury.refresh_from_db()
    services.quotas_set(jury=jury, quotas=[*QUOTAS[1:], lot.Quota("gender", "f", 3, 3)])
    jury.refresh_from_db()
    with pytest.raises(DomainError, match="gender=f"):
        services.panel_draw(jury=jury, seed="1", seed_source="x")
    jury.refresh_from_db()
    assert jury.status == Status.POOL and jury.record is None
    assert not Volunteer.objects.filter(jury=jury, selected=True).exists()


def test_concurrent_edit_is_refused(jury, pool_file):
    stale = Jury.objects.get(pk=jury.pk)
    services.quotas_set(jury=jury, quotas=QUOTAS)
    with pytest.raises(ConflictError):
        services.quotas_set(jury=stale, quotas=QUOTAS[:2])
    assert jury.quotas.count() == 4


def test_pool_is_final_after_the_draw(jury, pool_file):
    services.pool_import(jury=jury, path=pool_file)
    jury.refresh_from_db()
    services.quotas_set(jury=jury, quotas=QUOTAS)
    jury.refresh_from_db()
    services.panel_draw(jury=jury, seed="7", seed_source="x")
    with pytest.raises(TransitionError):
        services.quotas_set(jury=jury, quotas=QUOTAS[:2])
    assert jury.quotas.count() == 4


def test_portal_volunteer_needs_consent(jury):
    with pytest.raises(DomainError):
        services.volunteer_register(
            jury=jury, name="Aru", contact="+7700", address="", village="", traits={}, consent=False
        )
    assert not Volunteer.objects.exists()
    v = services.volunteer_register(
        jury=jury,
        name="Aru B",
        contact="+7700",
        address="",
        village="K",
        traits={"gender": "f"},
        consent=True,
    )
    assert v.external_id == "w00001" and v.consent


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("kk", "Азаматтар алқасы"), ("ru", "Гражданское жюри"), ("en", "Citizens' jury")],
)
def test_public_page_shows_only_consenting_first_names(client, jury, pool_file, lang, heading):
    services.pool_import(jury=jury, path=pool_file)
    jury.refresh_from_db()
    services.quotas_set(jury=jury, quotas=QUOTAS)
    jury.refresh_from_db()
    panel = services.panel_draw(jury=jury, seed="42", seed_source="x")
    Volunteer.objects.filter(jury=jury, external_id=panel[0]).update(public_consent=True)
    shown = Volunteer.objects.get(jury=jury, external_id=panel[0])
    hidden = Volunteer.objects.get(jury=jury, external_id=panel[1])
    jury.refresh_from_db()
    services.verdict_record(jury=jury, verdict="Build it by the park.", experts="Dr A. Expert")
    with translation.override(lang):
        url = reverse("jury:public", args=[jury.pk])
    page = client.get(url).content.decode()
    assert heading in page
    assert shown.first_name in page and shown.village in page
    assert "Surname" not in page and shown.contact not in page
    assert hidden.name.split()[0] not in page
    assert "Build it by the park." in page and "Dr A. Expert" in page
    assert jury.fingerprint in page


def test_public_page_of_undrawn_jury_is_404(client, jury):
    assert client.get(reverse("jury:public", args=[jury.pk])).status_code == 404
