"""Reading a pool and its quotas from rows of CSV files (the CLI and the benchmarks), or
quotas from shares of the pool."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from .panels import Feasibility, Instance, InvalidInput, Person, Quota, check_feasibility

# --- reading the CLI's CSV files ------------------------------------------------------


def people_from_rows(rows: Iterable[dict], household_column: str | None = None) -> list[Person]:
    people = []
    for row in rows:
        row = {
            str(k).strip().lower(): str(v if v is not None else "").strip() for k, v in row.items()
        }
        pid = row.pop("id", "")
        household = row.pop(household_column, "") if household_column else ""
        people.append(Person(pid, row, household))
    return people


def quotas_from_rows(rows: Iterable[dict]) -> list[Quota]:
    quotas, problems = [], []
    for line, row in enumerate(rows, start=2):
        row = {
            str(k).strip().lower(): str(v if v is not None else "").strip() for k, v in row.items()
        }
        try:
            quotas.append(
                Quota(row["trait"].lower(), row["value"], int(row["min"]), int(row["max"]))
            )
        except (KeyError, ValueError):
            problems.append(f"quotas line {line}: need trait,value,min,max with whole numbers")
    if problems:
        raise InvalidInput(problems)
    return quotas


def quotas_from_shares(
    shares: dict[str, dict[str, float]], panel_size: int, slack: int = 0
) -> list[Quota]:
    """Quotas from population shares: each value gets floor/ceil of share * k (largest
    remainder, so the minima sum to at most k and the maxima to at least k), widened by
    ``slack`` on each side."""
    quotas = []
    for trait in sorted(shares):
        values = shares[trait]
        total = sum(values.values()) or 1.0
        exact = {v: s / total * panel_size for v, s in values.items()}
        for value in sorted(values):
            lo, hi = math.floor(exact[value]), math.ceil(exact[value])
            quotas.append(Quota(trait, value, max(0, lo - slack), min(panel_size, hi + slack)))
    return quotas


def feasible_quotas_from_shares(
    people: Sequence[Person],
    shares: dict[str, dict[str, float]],
    panel_size: int,
    household_rule: bool = False,
) -> tuple[list[Quota], int, Feasibility]:
    """Quotas from population shares, widened by the smallest slack (0, 1, 2, ...) that
    this pool can meet. Returns the quotas, the slack and the feasibility of the last
    try (infeasible only when no slack up to the panel size helps)."""
    feasibility = Feasibility(False)
    quotas: list[Quota] = []
    for slack in range(panel_size + 1):
        quotas = quotas_from_shares(shares, panel_size, slack=slack)
        feasibility = check_feasibility(Instance(list(people), quotas, panel_size, household_rule))
        if feasibility.feasible:
            return quotas, slack, feasibility
    return quotas, panel_size, feasibility
