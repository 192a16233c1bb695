"""Generated jury instances (for tests and benchmarks), without Django.

Volunteers self-select: the pool over-represents some trait values compared with the
territory's population (as real pools do: older, more educated, from the district centre),
and the quotas follow the population shares, so the lottery has to work to be fair.
"""

from __future__ import annotations

import random

from .lottery import Instance, Person, check_feasibility, quotas_from_shares

TRAITS = {
    "gender": ["f", "m"],
    "age": ["18-29", "30-44", "45-59", "60+"],
    "village": ["centre", "north", "south", "east", "west"],
    "education": ["school", "college", "university"],
    "employment": ["employed", "self", "unemployed", "retired"],
    "language": ["kk", "ru", "both"],
    "tenure": ["owner", "tenant"],
}


def generate(n: int, k: int, n_traits: int, *, seed: int = 0, slack: int = 1) -> Instance:
    """A feasible instance: ``n`` volunteers, panel size ``k``, the first ``n_traits``
    traits of :data:`TRAITS`. Quotas are population share * k, widened by ``slack``."""
    rng = random.Random(seed)
    names = list(TRAITS)[:n_traits]
    population = {t: _shares(rng, len(TRAITS[t])) for t in names}
    bias = {t: _shares(rng, len(TRAITS[t])) for t in names}
    people = []
    for i in range(n):
        traits = {}
        for t in names:
            weights = [p * (0.4 + b * len(b_all)) for p, b, b_all in _zip(population[t], bias[t])]
            traits[t] = rng.choices(TRAITS[t], weights=weights)[0]
        # the first trait correlates with the second, as age with employment would
        if len(names) > 1 and rng.random() < 0.3:
            traits[names[1]] = TRAITS[names[1]][-1]
        people.append(Person(f"p{i:05d}", traits))
    shares = {t: dict(zip(TRAITS[t], population[t], strict=True)) for t in names}
    for extra in range(slack, slack + 10):
        instance = Instance(people, quotas_from_shares(shares, k, slack=extra), k)
        if check_feasibility(instance).feasible:
            return instance
    raise RuntimeError("could not generate a feasible instance")  # pragma: no cover


def _shares(rng: random.Random, m: int) -> list[float]:
    raw = [rng.uniform(0.5, 2.0) for _ in range(m)]
    total = sum(raw)
    return [r / total for r in raw]


def _zip(population, bias):
    return [(p, b, bias) for p, b in zip(population, bias, strict=True)]
