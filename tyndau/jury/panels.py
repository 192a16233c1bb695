"""The jury lottery's model, without Django: people, quotas, the instance (people grouped
into types), the integer programme of quota-satisfying panels and its feasibility check, and
the ``Lottery`` a method returns. The LEXIMIN method is in ``lottery``."""

from __future__ import annotations

import os
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version as _pkg_version

import highspy
import numpy as np

ALGORITHM_VERSION = f"tyndau-leximin-4 (highspy {_pkg_version('highspy')})"
INF = highspy.kHighsInf
PRICING_GAP = 1e-9  # the pricing integer programme's relative gap (its bound proves levels)
COVERING_GAP = 0.05  # the covering integer programmes' gap until one finds no new type
PRICING_TOLERANCE = 1e-9  # a panel must beat the dual cap by this much to be added
WEIGHT_TOLERANCE = 1e-9  # dual weight above this: the type is tight at this level
DEBUG = bool(os.environ.get("JURY_DEBUG"))
SWAP_STARTS = 4  # panels improved by the swap heuristic per iteration
SWAP_CANDIDATES = 10**6  # types considered for entering a panel at each swap (no cap)
# The LEXIMIN of the quotas' linear relaxation is accepted when the panels found give
# every type at least its relaxed probability less this (see ``leximin``).
DECOMPOSITION_TOLERANCE = 1e-7
LP_TOLERANCE = 1e-10  # primal and dual feasibility of the relaxation's LPs
ROUNDINGS_PER_TYPE = 3  # panels rounded from the relaxation's point, per type, to seed it
MASTER_PANELS_PER_TYPE = 2  # beyond this, the decomposition's non-basic panels are put aside
RETURNING = 50  # panels put aside that may go back into the decomposition's master at once
PUSHED_ROUNDINGS = 300  # roundings moved towards the short types, per iteration above level 1
# Above the first level the decomposition asks the pricing integer programme at every
# iteration once its shortfall has not fallen by TAIL_GAIN in TAIL_ITERATIONS iterations.
TAIL_ITERATIONS = 10
TAIL_GAIN = 0.5
SMOOTHING = 0.5  # Wentges: the integer programme prices at 0.5 best proof + 0.5 master duals
# The blends of best proof and master duals the decomposition prices at, per iteration;
# each integer programme's saved solutions are columns too. More blends (0.5, 0, 0.8) were
# tried at 2000/200/7: as many iterations, each slower (benchmarks/RESULTS.md).
PRICING_BLENDS = (SMOOTHING,)
FIRST_LEVEL_COST = 1000.0  # the decomposition's first level comes first (see ``_decompose``)


class InvalidInput(ValueError):
    """The pool or the quotas are malformed; ``problems`` lists each in plain words."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Person:
    id: str
    traits: dict[str, str]
    household: str = ""

    def __hash__(self):
        return hash(self.id)


@dataclass(frozen=True)
class Quota:
    trait: str
    value: str
    min: int
    max: int


@dataclass(frozen=True)
class QuotaFix:
    """A trait value whose quota cannot be met, with the smallest change that fixes it."""

    trait: str
    value: str
    min: int
    max: int
    new_min: int
    new_max: int
    available: int  # volunteers in the pool with this value

    @property
    def change(self) -> int:
        return (self.min - self.new_min) + (self.new_max - self.max)


@dataclass
class Feasibility:
    feasible: bool
    fixes: list[QuotaFix] = field(default_factory=list)
    message: str = ""  # when no change of quotas helps (pool smaller than the panel)
    relaxed_quotas: list[Quota] = field(default_factory=list)

    @property
    def total_change(self) -> int:
        return sum(f.change for f in self.fixes)


class Infeasible(Exception):
    def __init__(self, feasibility: Feasibility):
        self.feasibility = feasibility
        names = ", ".join(f"{f.trait}={f.value}" for f in feasibility.fixes)
        super().__init__(feasibility.message or f"quotas cannot be met: {names}")


@dataclass
class Instance:
    people: list[Person]
    quotas: list[Quota]
    panel_size: int
    household_rule: bool = False

    def __post_init__(self):
        self._validate()
        self.traits = sorted({q.trait for q in self.quotas})
        self.quota_index = {(q.trait, q.value): i for i, q in enumerate(self.quotas)}
        shared = Counter(p.household for p in self.people if p.household)
        # Group interchangeable people into types.
        groups: dict[tuple, list[int]] = defaultdict(list)
        for index, person in enumerate(self.people):
            key = tuple(person.traits[t] for t in self.traits)
            if self.household_rule and person.household and shared[person.household] > 1:
                key = (*key, "#", person.id)  # tied to housemates: a type of its own
            groups[key].append(index)
        self.type_keys = sorted(groups)
        self.type_members = [
            sorted(groups[key], key=lambda i: self.people[i].id) for key in self.type_keys
        ]
        self.type_sizes = np.array([len(m) for m in self.type_members], dtype=float)
        self.type_of = np.empty(len(self.people), dtype=int)
        for t, members in enumerate(self.type_members):
            self.type_of[members] = t
        # Which types count towards which quota.
        self.quota_types: list[list[int]] = [[] for _ in self.quotas]
        for t, key in enumerate(self.type_keys):
            for trait, value in zip(self.traits, key[: len(self.traits)], strict=True):
                self.quota_types[self.quota_index[(trait, value)]].append(t)
        self.households: list[list[int]] = []
        if self.household_rule:
            by_address: dict[str, list[int]] = defaultdict(list)
            for t, members in enumerate(self.type_members):
                person = self.people[members[0]]
                if len(members) == 1 and person.household and shared[person.household] > 1:
                    by_address[person.household].append(t)
            self.households = [by_address[a] for a in sorted(by_address)]

    def _validate(self):
        problems = []
        if self.panel_size < 1:
            problems.append("the panel size must be at least 1")
        ids = Counter(p.id for p in self.people)
        problems += [f"person id {i!r} appears {n} times" for i, n in sorted(ids.items()) if n > 1]
        seen = Counter((q.trait, q.value) for q in self.quotas)
        problems += [
            f"quota {t}={v} is given {n} times" for (t, v), n in sorted(seen.items()) if n > 1
        ]
        for q in self.quotas:
            if q.min < 0 or q.max < q.min:
                problems.append(
                    f"quota {q.trait}={q.value}: need 0 <= min <= max, got {q.min}..{q.max}"
                )
        values = defaultdict(set)
        for q in self.quotas:
            values[q.trait].add(q.value)
        for person in self.people:
            for trait, allowed in sorted(values.items()):
                value = person.traits.get(trait)
                if value is None:
                    problems.append(f"person {person.id!r} has no value for trait {trait!r}")
                elif value not in allowed:
                    problems.append(f"person {person.id!r}: {trait}={value!r} has no quota row")
        if problems:
            raise InvalidInput(problems[:50])

    @property
    def n(self) -> int:
        return len(self.people)


# --- the integer programme of quota-satisfying panels ----------------------------------


_banner_shown = False


def _new_highs() -> highspy.Highs:
    global _banner_shown
    if not _banner_shown:  # HiGHS prints a banner on stdout once: keep stdout for data
        sys.stdout.flush()
        saved, devnull = os.dup(1), os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        try:
            h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
        _banner_shown = True
    else:
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("threads", 1)
    return h


class PanelRows:
    """The panels a solver has found, one row of counts by type each, in a matrix that
    doubles when it is full (``rows`` is the filled part)."""

    def __init__(self, n_types: int, expected: int):
        self._matrix = np.zeros((max(256, 2 * expected), n_types))
        self.count = 0

    @property
    def rows(self) -> np.ndarray:
        return self._matrix[: self.count]

    def append(self, panel) -> np.ndarray:
        """Add ``panel`` (its count of each type) as the last row, and return that row."""
        x = np.array(panel, dtype=float)
        if self.count == len(self._matrix):
            self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
        self._matrix[self.count] = x
        self.count += 1
        return x

    def keep(self, kept: np.ndarray) -> None:
        """Keep only the rows ``kept`` (indices, in order)."""
        self._matrix[: len(kept)] = self._matrix[kept]
        self.count = len(kept)


def _add_row(h, lower, upper, indices, values=None):
    indices = np.asarray(indices, dtype=np.int32)
    if values is None:
        values = np.ones(len(indices))
    h.addRow(float(lower), float(upper), len(indices), indices, np.asarray(values, dtype=float))


def _panel_model(instance: Instance, quotas: Sequence[Quota], relax: bool = False):
    """HiGHS model: integer x_t = members of type t; with ``relax`` also slack columns
    (below-min and above-max per quota) whose sum is the objective."""
    h = _new_highs()
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    h.addVars(n_types, np.zeros(n_types), sizes)
    h.changeColsIntegrality(
        n_types, np.arange(n_types, dtype=np.int32), np.full(n_types, highspy.HighsVarType.kInteger)
    )
    k = instance.panel_size
    _add_row(h, k, k, range(n_types))
    slack = []
    for qi, q in enumerate(quotas):
        members = instance.quota_types[qi]
        if relax:
            lo, hi = h.getNumCol(), h.getNumCol() + 1
            h.addVars(2, np.zeros(2), np.array([float(q.min), float(k)]))
            h.changeColsIntegrality(
                2, np.array([lo, hi], dtype=np.int32), np.full(2, highspy.HighsVarType.kInteger)
            )
            h.changeColsCost(2, np.array([lo, hi], dtype=np.int32), np.ones(2))
            slack.append((lo, hi))
            _add_row(h, q.min, INF, [*members, lo], [1.0] * len(members) + [1.0])
            _add_row(h, -INF, q.max, [*members, hi], [1.0] * len(members) + [-1.0])
        else:
            _add_row(h, q.min, q.max, members)
    for household in instance.households:
        _add_row(h, -INF, 1, household)
    return h, slack


def check_feasibility(instance: Instance) -> Feasibility:
    """Can the quotas be met? If not, which trait values are at fault and what is the
    smallest total change of minima and maxima that makes them feasible?"""
    k = instance.panel_size
    capacity = (
        len(instance.people) if not instance.household_rule else _household_capacity(instance)
    )
    if capacity < k:
        return Feasibility(
            False,
            message=f"the pool has only {capacity} eligible people (one per address)"
            f" for a panel of {k}"
            if instance.household_rule
            else f"the pool has only {capacity} people for a panel of {k}",
        )
    h, slack = _panel_model(instance, instance.quotas, relax=True)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.run()
    if (
        h.getModelStatus() != highspy.HighsModelStatus.kOptimal
    ):  # pragma: no cover - capacity checked
        return Feasibility(False, message="no panel of this size exists")
    x = np.round(h.getSolution().col_value).astype(int)
    fixes, relaxed = [], []
    for qi, q in enumerate(instance.quotas):
        below, above = int(x[slack[qi][0]]), int(x[slack[qi][1]])
        new = Quota(q.trait, q.value, q.min - below, q.max + above)
        relaxed.append(new)
        if below or above:
            available = int(instance.type_sizes[instance.quota_types[qi]].sum())
            fixes.append(QuotaFix(q.trait, q.value, q.min, q.max, new.min, new.max, available))
    return Feasibility(not fixes, fixes=fixes, relaxed_quotas=relaxed)


def _household_capacity(instance: Instance) -> int:
    in_households = sum(len(h) for h in instance.households)
    return len(instance.people) - in_households + len(instance.households)


# --- LEXIMIN by column generation ------------------------------------------------------


@dataclass
class Lottery:
    """A distribution over panel compositions and the resulting selection probabilities."""

    instance: Instance
    compositions: list[tuple[int, ...]]  # members of each type, canonical order
    weights: list[float]  # probability of each composition, sums to 1
    type_probability: np.ndarray  # selection probability of a person of each type
    seconds: float = 0.0
    iterations: int = 0
    levels: int = 0
    mip_calls: int = 0
    method: str = "levels"  # "relaxation": decomposed the relaxation's LEXIMIN
    shortfall: float = 0.0
    # one per level: the proof that no lottery does better there (``certificates``)
    certificates: list = field(default_factory=list)

    @property
    def probabilities(self) -> dict[str, float]:
        """Selection probability of every person, by id."""
        people = self.instance.people
        return {
            people[i].id: float(self.type_probability[t])
            for i, t in enumerate(self.instance.type_of)
        }

    def summary(self) -> dict[str, float]:
        n, k = self.instance.n, self.instance.panel_size
        p = self.type_probability[self.instance.type_of]
        return {
            "minimum": float(p.min()),
            "mean": float(p.mean()),
            "maximum": float(p.max()),
            "share_below_fair": float((p < k / n - 1e-9).mean()),
            "fair": k / n,
        }
