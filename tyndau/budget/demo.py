"""Demo: a plausible 2026 budget of Krasnoyarsk rural district (12,405 people): own
revenues from its taxes, fees and fines, voluntary payments, property income and the
transfer from the city; expenditures by budget programme. Executed through October."""

from decimal import Decimal

from tyndau.budget import services
from tyndau.budget.models import Budget
from tyndau.territory.models import Territory

M = Decimal(1_000_000)
REVENUES = {  # kind: annual plan, million tenge
    "income_tax": 62,
    "property_tax": 24,
    "land_tax": 9,
    "single_land_tax": 3,
    "vehicle_tax": 71,
    "advertising": 1,
    "fees": 2,
    "fines": Decimal("0.6"),
    "voluntary": Decimal("0.4"),
    "property_income": 3,
    "transfers": 236,
}
PROGRAMMES = [  # code, ru, kk, annual plan
    (
        "001",
        "Услуги по обеспечению деятельности аппарата акима",
        "Әкім аппаратының қызметін қамтамасыз ету",
        96,
    ),
    ("008", "Освещение улиц населённых пунктов", "Елді мекендердің көшелерін жарықтандыру", 48),
    (
        "009",
        "Обеспечение санитарии населённых пунктов",
        "Елді мекендердің санитариясын қамтамасыз ету",
        32,
    ),
    (
        "011",
        "Благоустройство и озеленение населённых пунктов",
        "Елді мекендерді абаттандыру және көгалдандыру",
        95,
    ),
    (
        "013",
        "Обеспечение функционирования автомобильных дорог",
        "Автомобиль жолдарының жұмыс істеуін қамтамасыз ету",
        120,
    ),
    (
        "022",
        "Капитальные расходы государственного органа",
        "Мемлекеттік органның күрделі шығыстары",
        4,
    ),
    ("028", "Культурно-досуговая работа", "Мәдени-демалыс жұмысы", 17),
]


def seed_budget(*, log=print):
    territory = Territory.objects.get(code="111033000")
    if Budget.objects.filter(territory=territory, year=2026).exists():
        return
    budget = services.budget_create(territory=territory, year=2026)
    rows = ["section,code,name_ru,name_kk,month,planned,adjusted,executed"]
    for kind, annual in REVENUES.items():
        for month in range(1, 13):
            monthly = (Decimal(annual) * M / 12).quantize(Decimal(1))
            executed = (monthly * Decimal("0.94")).quantize(Decimal(1)) if month <= 10 else 0
            rows.append(f"revenue,{kind},,,{month},{monthly},{monthly},{executed}")
    for code, ru, kk, annual in PROGRAMMES:
        for month in range(1, 13):
            monthly = (Decimal(annual) * M / 12).quantize(Decimal(1))
            adjusted = monthly * Decimal("1.05") if code == "013" and month >= 6 else monthly
            executed = (adjusted * Decimal("0.9")).quantize(Decimal(1)) if month <= 10 else 0
            rows.append(
                f'expenditure,{code},"{ru}","{kk}",{month},{monthly},{adjusted.quantize(Decimal(1))},{executed}'
            )
    services.budget_import(budget=budget, content="\n".join(rows).encode(), filename="budget.csv")
    log("Budget 2026 of Krasnoyarsk rural district loaded (the gathering agrees it).")
