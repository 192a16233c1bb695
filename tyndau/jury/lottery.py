"""Fair stratified lottery for a citizens' jury (issue 19, points 2 and 4), without Django.

Given a pool of volunteers with traits (gender, age band, village, ...), a panel size ``k``
and, per trait value, a minimum and a maximum number of panel members, this module

- checks that the quotas can be met at all (an integer programme) and, when they cannot,
  names the trait values at fault and computes the *smallest* relaxation of the quotas
  that makes them feasible (an integer programme minimising the total relaxation);
- computes the LEXIMIN lottery over quota-satisfying panels (Flanigan, Gölz, Gupta,
  Hennig, Procaccia, "Fair algorithms for selecting citizens' assemblies", Nature 596,
  2021): maximise the smallest selection probability, then the next smallest, and so on,
  by column generation -- a dual LP over the panels found so far, a pricing integer
  programme (the quota-satisfying panel of largest dual weight) that adds panels until no
  panel violates the dual, then the probabilities forced at that level are fixed and the
  next level starts. All solves use HiGHS through ``highspy`` (MIT licence).

The fast way, tried first: the LEXIMIN of the quotas' *linear relaxation* (fractional
members per type) takes one small LP per level and no panels. Every lottery over real
panels lies inside the relaxation, so when real panels can be found whose lottery gives
every type its relaxed probability (one column generation, ``_decompose``, to within
DECOMPOSITION_TOLERANCE = 1e-7), that lottery *is* the LEXIMIN. When they cannot (the
column generation proves it), the levels above run as before, starting from the panels
found. Either way the probabilities published are those of the lottery actually built.

Volunteers who are interchangeable (the same value of every quota trait, and, under the
household rule, alone at their address) are grouped into *types*. By symmetry the LEXIMIN
probability vector (which is unique) gives interchangeable people the same probability,
so the column generation works on panel *compositions* (how many of each type) and a
panel is made from a composition by choosing the members of each type uniformly at random
(see :mod:`tyndau.jury.draw`). This keeps the integer programmes small (hundreds of
types instead of thousands of people) and is what makes a 2,000-person pool fast. The
tests compare the result with brute-force LEXIMIN over every individual panel.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version as _pkg_version

import highspy
import numpy as np

__all__ = [
    "ALGORITHM_VERSION",
    "Infeasible",
    "Instance",
    "InvalidInput",
    "Lottery",
    "Person",
    "Quota",
    "QuotaFix",
    "check_feasibility",
    "leximin",
]

ALGORITHM_VERSION = f"tyndau-leximin-1 (highspy {_pkg_version('highspy')})"
INF = highspy.kHighsInf
PRICING_TOLERANCE = 1e-9  # a panel must beat the dual cap by this much to be added
WEIGHT_TOLERANCE = 1e-9  # dual weight above this: the type is tight at this level
DEBUG = bool(os.environ.get("JURY_DEBUG"))
SWAP_STARTS = 4  # panels improved by the swap heuristic per iteration
SWAP_CANDIDATES = 10**6  # types considered for entering a panel at each swap (no cap)
# The LEXIMIN of the quotas' linear relaxation is accepted when the panels found give
# every type at least its relaxed probability less this (see ``leximin``).
DECOMPOSITION_TOLERANCE = 1e-7
LP_TOLERANCE = 1e-10  # primal and dual feasibility of the relaxation's LPs


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


class _Pricing:
    """The pricing integer programme: the quota-satisfying panel of largest weight, and a
    fast swap heuristic that often finds a good enough panel without it."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.h, _ = _panel_model(instance, instance.quotas)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h.setOptionValue("mip_rel_gap", 1e-9)
        self.h.setOptionValue("mip_abs_gap", 1e-11)
        self.n_types = n_types = len(instance.type_keys)
        self.cols = np.arange(n_types, dtype=np.int32)
        self.mip_calls = 0
        # For the swap heuristic: quota of each type's value of each trait.
        n_traits = len(instance.traits)
        self.qidx = np.array(
            [
                [instance.quota_index[(f, key[j])] for j, f in enumerate(instance.traits)]
                for key in instance.type_keys
            ],
            dtype=int,
        ).reshape(n_types, n_traits)
        self.qmin = np.array([q.min for q in instance.quotas])
        self.qmax = np.array([q.max for q in instance.quotas])
        self.sizes = instance.type_sizes.astype(int)
        self.lower = np.zeros(n_types, dtype=int)
        self.household = np.full(n_types, -1)
        for h, members in enumerate(instance.households):
            self.household[members] = h
        self.same_household = (self.household[:, None] == self.household[None, :]) & (
            self.household[:, None] >= 0
        )

    def improve(
        self, per_member: np.ndarray, panel: tuple[int, ...], max_steps: int = 10_000
    ) -> tuple[float, tuple]:
        """Best-improvement local search by swaps (one member of type a out, one of type
        b in) that keep every quota and the household rule."""
        w = np.asarray(per_member, dtype=float)
        x = np.array(panel, dtype=int)
        n_quotas = len(self.qmin)
        n_traits = self.qidx.shape[1]
        for _ in range(max_steps):
            out = np.flatnonzero(x > self.lower)
            floor = w[out].min()
            into = np.flatnonzero((x < self.sizes) & (w > floor + 1e-12))
            if not len(into):
                break
            if len(into) > SWAP_CANDIDATES:  # the best swaps bring in heavy types
                into = into[np.argpartition(-w[into], SWAP_CANDIDATES)[:SWAP_CANDIDATES]]
            gain = w[into][None, :] - w[out][:, None]
            ok = gain > 1e-12
            counts = np.bincount(
                self.qidx.ravel(), weights=np.repeat(x, n_traits), minlength=n_quotas
            )
            q_out, q_in = self.qidx[out], self.qidx[into]
            can_remove = counts[q_out] - 1 >= self.qmin[q_out]
            can_add = counts[q_in] + 1 <= self.qmax[q_in]
            for f in range(n_traits):
                ok &= (q_out[:, f][:, None] == q_in[:, f][None, :]) | (
                    can_remove[:, f][:, None] & can_add[:, f][None, :]
                )
            if self.instance.households:
                hh_counts = np.append(
                    np.bincount(
                        self.household[self.household >= 0], weights=x[self.household >= 0]
                    ),
                    0,
                )
                free = (self.household[into] < 0) | (hh_counts[self.household[into]] == 0)
                ok &= free[None, :] | self.same_household[np.ix_(out, into)]
            if not ok.any():
                break
            i, j = np.unravel_index(np.argmax(np.where(ok, gain, -np.inf)), ok.shape)
            x[out[i]] -= 1
            x[into[j]] += 1
        return float(w @ x), tuple(int(v) for v in x)

    def best(
        self, per_member: np.ndarray, start: tuple | None = None
    ) -> tuple[float, tuple[int, ...]]:
        self.mip_calls += 1
        self.h.changeColsCost(self.n_types, self.cols, np.asarray(per_member, dtype=float))
        if start is not None:
            solution = highspy.HighsSolution()
            solution.col_value = [float(v) for v in start]
            self.h.setSolution(solution)
        self.h.run()
        status = self.h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise Infeasible(check_feasibility(self.instance))
        x = np.round(np.asarray(self.h.getSolution().col_value[: self.n_types])).astype(int)
        return float(per_member @ x), tuple(int(v) for v in x)


def _initial_compositions(instance: Instance, pricing: _Pricing) -> tuple[list[tuple], set[int]]:
    """Panels that together include every type that can be on a panel at all, found by
    repeatedly maximising the number of not-yet-covered types (weighted by 1/size, so
    each type counts once); then a few diversified panels. Returns the panels and the
    types that can never be selected."""
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    covered = np.zeros(n_types, dtype=bool)
    panels: list[tuple] = []
    seen = set()
    while not covered.all():
        weight = np.where(covered, 0.0, 1.0 / sizes)
        # a small reward for everyone keeps panels spread out
        weight = weight + np.where(covered, 1e-3 / sizes, 0.0)
        value, panel = pricing.best(weight)
        x = np.array(panel)
        new = (x > 0) & ~covered
        if not new.any():
            break
        covered |= x > 0
        if panel not in seen:
            seen.add(panel)
            panels.append(panel)
    never = set(np.flatnonzero(~covered).tolist())
    # Multiplicative weights: a handful of panels that favour the rarely chosen, found
    # by the swap heuristic from the best panel so far (no integer programme).
    mult = np.ones(n_types)
    for _ in range(min(2 * n_types, 60)):
        weight = mult / sizes
        start = max(panels, key=lambda p: float(weight @ np.array(p)))
        value, panel = pricing.improve(weight, start)
        x = np.array(panel)
        mult = mult * np.where(x > 0, 0.8 ** (x / np.maximum(x.max(), 1)), 1.0)
        mult = mult / mult.sum() * n_types
        if panel not in seen:
            seen.add(panel)
            panels.append(panel)
    return panels, never


def leximin(
    instance: Instance, *, time_limit: float | None = None, max_levels: int | None = None
) -> Lottery:
    """The LEXIMIN lottery of ``instance``; raises :class:`Infeasible` if no panel meets
    the quotas. With ``max_levels=1`` it stops after the first level: a MAXIMIN lottery
    (everyone at least the optimal minimum), as the reference implementations compute."""
    start = time.perf_counter()
    feasibility = check_feasibility(instance)
    if not feasibility.feasible:
        raise Infeasible(feasibility)
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    pricing = _Pricing(instance)
    panels, never = _initial_compositions(instance, pricing)

    if max_levels is None:
        # The fast way, exact when it succeeds: the LEXIMIN of the linear relaxation
        # (levels of plain LPs, no panels) is at least as good as any lottery's; if
        # panels that meet the quotas average to it, it is the LEXIMIN of the lottery.
        target, relaxed_levels = _relaxed_leximin(instance, never)
        deadline = None if time_limit is None else start + time_limit
        iterations = _decompose(instance, pricing, panels, target, deadline)
        if iterations is not None:
            compositions, weights = _final_distribution(instance, panels, target)
            x = np.array(compositions, dtype=float)
            return Lottery(
                instance,
                compositions,
                weights,
                (np.array(weights) @ x) / sizes,
                seconds=time.perf_counter() - start,
                iterations=iterations,
                levels=relaxed_levels,
                mip_calls=pricing.mip_calls,
                method="relaxation",
            )
        # Integer panels cannot reach the relaxation's optimum: the levels below, with
        # the panels found so far.

    fixed = np.full(n_types, np.nan)
    for t in never:
        fixed[t] = 0.0

    # The dual LP: variables y_t >= 0 (one per type) and the cap y_hat (last column).
    # minimise y_hat - sum_{fixed t} f_t y_t
    # s.t. sum_{unfixed t} y_t = 1; for every panel P: sum_t (n_Pt / c_t) y_t - y_hat <= 0.
    dual = _new_hs_lp(n_types)
    cap = n_types
    _add_row(dual, 1, 1, [t for t in range(n_types) if np.isnan(fixed[t])])
    sum_row = 0

    matrix = np.zeros((max(256, 2 * len(panels)), n_types))  # panels found, one per row
    count = 0

    def add_panel_row(panel):
        nonlocal matrix, count
        x = np.array(panel, dtype=float)
        if count == len(matrix):
            matrix = np.vstack([matrix, np.zeros_like(matrix)])
        matrix[count] = x
        count += 1
        nz = np.flatnonzero(x)
        _add_row(dual, -INF, 0.0, [*nz.tolist(), cap], [*(x[nz] / sizes[nz]).tolist(), -1.0])

    for panel in panels:
        add_panel_row(panel)
    seen = set(panels)
    iterations = levels = 0
    while np.isnan(fixed).any():
        if time_limit is not None and time.perf_counter() - start > time_limit:
            raise TimeoutError(f"LEXIMIN did not finish in {time_limit} s")
        iterations += 1
        dual.run()
        solution = dual.getSolution()
        y = np.asarray(solution.col_value[:n_types])
        y_hat = solution.col_value[cap]
        value = dual.getInfo().objective_function_value
        weight = y / sizes
        # Cheap columns first: improve the panels that are tight now by swaps.
        scores = matrix[:count] @ weight
        found = 0
        for i in np.argsort(-scores)[:SWAP_STARTS]:
            best, panel = pricing.improve(weight, panels[i])
            if best > y_hat + PRICING_TOLERANCE and panel not in seen:
                seen.add(panel)
                panels.append(panel)
                add_panel_row(panel)
                found += 1
        if DEBUG:
            print(
                f"it {iterations} lvl {levels} fixed {int((~np.isnan(fixed)).sum())}/{n_types}",
                f"value {value:.6f} cap {y_hat:.6f} swaps {found} mips {pricing.mip_calls}",
                f"panels {len(panels)} t {time.perf_counter() - start:.1f}",
                file=sys.stderr,
            )
        if found:
            continue
        best, panel = pricing.best(weight, start=panels[int(np.argmax(scores))])
        if best > y_hat + PRICING_TOLERANCE and panel not in seen:
            seen.add(panel)
            panels.append(panel)
            add_panel_row(panel)
            continue
        # No panel violates the dual: `value` is the optimum of this level; every
        # unfixed type with positive dual weight is held at it in every optimum.
        levels += 1
        unfixed = np.isnan(fixed)
        tight = unfixed & (y > WEIGHT_TOLERANCE)
        if not tight.any():
            tight = unfixed & (y == y[unfixed].max())
        level = min(max(value, 0.0), 1.0)
        if max_levels is not None and levels >= max_levels:
            tight = unfixed  # everyone left is at least at this level
        for t in np.flatnonzero(tight):
            fixed[t] = level
            dual.changeCoeff(sum_row, int(t), 0.0)
            dual.changeColCost(int(t), -level)
    compositions, weights = _final_distribution(instance, panels, fixed)
    x = np.array(compositions, dtype=float)
    type_probability = (np.array(weights) @ x) / sizes
    return Lottery(
        instance,
        compositions,
        weights,
        type_probability,
        seconds=time.perf_counter() - start,
        iterations=iterations,
        levels=levels,
        mip_calls=pricing.mip_calls,
    )


def _relaxed_leximin(instance: Instance, never: Iterable[int] = ()) -> tuple[np.ndarray, int]:
    """The LEXIMIN selection probability of each type over the *linear relaxation* of the
    panels (fractional members of each type, the same quotas and household rule): at each
    level one LP maximises the smallest probability of the types not yet fixed; the types
    whose constraint has a positive dual value cannot exceed it in any optimum and are
    fixed at it. Every lottery over real panels lies in this relaxation, so its LEXIMIN
    is at least as good as the lottery's, level by level. Types on no panel at all
    (``never``) are held at 0, which keeps that true and the relaxation closer."""
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    k = instance.panel_size
    h = _new_highs()
    h.setOptionValue("primal_feasibility_tolerance", LP_TOLERANCE)
    h.setOptionValue("dual_feasibility_tolerance", LP_TOLERANCE)
    h.addVars(n_types, np.zeros(n_types), sizes.astype(float))  # expected members of t
    z = n_types
    h.addVar(-INF, INF)
    h.changeColCost(z, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    _add_row(h, k, k, range(n_types))
    for qi, q in enumerate(instance.quotas):
        _add_row(h, q.min, q.max, instance.quota_types[qi])
    for household in instance.households:
        _add_row(h, -INF, 1, household)
    first = h.getNumRow()
    for t in range(n_types):  # x_t / c_t - z >= 0 while t is not fixed
        _add_row(h, 0.0, INF, [t, z], [1.0 / sizes[t], -1.0])
    fixed = np.full(n_types, np.nan)
    for t in never:
        fixed[t] = 0.0
        h.changeColBounds(int(t), 0.0, 0.0)
        h.changeCoeff(first + int(t), z, 0.0)
    levels = 0
    while np.isnan(fixed).any():
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:  # pragma: no cover
            raise RuntimeError(f"the relaxation's LP ended {h.getModelStatus()}")
        solution = h.getSolution()
        value = min(max(solution.col_value[z], 0.0), 1.0)
        dual = np.abs(np.asarray(solution.row_dual[first : first + n_types]))
        unfixed = np.isnan(fixed)
        tight = unfixed & (dual > WEIGHT_TOLERANCE)
        if not tight.any():  # pragma: no cover - the duals of the level sum to 1
            tight = unfixed & (dual == dual[unfixed].max())
        levels += 1
        for t in np.flatnonzero(tight):
            fixed[t] = value
            h.changeCoeff(first + int(t), z, 0.0)  # from now on x_t / c_t >= value
            h.changeRowBounds(first + int(t), value - LP_TOLERANCE, INF)
    return fixed, levels


def _decompose(
    instance: Instance,
    pricing: _Pricing,
    panels: list[tuple],
    target: np.ndarray,
    deadline: float | None,
) -> int | None:
    """Add panels (column generation) until a lottery over ``panels`` gives every type
    at least ``target`` less DECOMPOSITION_TOLERANCE; returns the iterations, or None
    when no such lottery exists. The restricted master, in its dual form:

        max target.y - u   s.t.  sum_t y_t = 1;  for every panel P: sum_t (n_Pt/c_t) y_t <= u

    its value is the largest shortfall of the best lottery over the panels so far."""
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    dual = _new_highs()
    dual.addVars(n_types, np.zeros(n_types), np.full(n_types, INF))
    cap = n_types
    dual.addVar(-INF, INF)
    dual.changeColsCost(n_types, np.arange(n_types, dtype=np.int32), target.astype(float))
    dual.changeColCost(cap, -1.0)
    dual.changeObjectiveSense(highspy.ObjSense.kMaximize)
    _add_row(dual, 1, 1, range(n_types))
    matrix = np.zeros((max(256, 2 * len(panels)), n_types))
    count = 0
    seen = set()

    def add(panel):
        nonlocal matrix, count
        x = np.array(panel, dtype=float)
        if count == len(matrix):
            matrix = np.vstack([matrix, np.zeros_like(matrix)])
        matrix[count] = x
        count += 1
        nz = np.flatnonzero(x)
        _add_row(dual, -INF, 0.0, [*nz.tolist(), cap], [*(x[nz] / sizes[nz]).tolist(), -1.0])

    for panel in panels:
        seen.add(panel)
        add(panel)
    iterations = 0
    while True:
        if deadline is not None and time.perf_counter() > deadline:
            raise TimeoutError("LEXIMIN did not finish in the time limit")
        iterations += 1
        dual.run()
        solution = dual.getSolution()
        y = np.asarray(solution.col_value[:n_types])
        u = solution.col_value[cap]
        shortfall = dual.getInfo().objective_function_value
        if DEBUG:
            print(
                f"decompose it {iterations} shortfall {shortfall:.3e} panels {len(panels)}",
                f"mips {pricing.mip_calls}",
                file=sys.stderr,
            )
        if shortfall <= DECOMPOSITION_TOLERANCE:
            return iterations
        weight = y / sizes
        scores = matrix[:count] @ weight
        found = 0
        for i in np.argsort(-scores)[:SWAP_STARTS]:
            best, panel = pricing.improve(weight, panels[i])
            if best > u + PRICING_TOLERANCE and panel not in seen:
                seen.add(panel)
                panels.append(panel)
                add(panel)
                found += 1
        if found:
            continue
        best, panel = pricing.best(weight, start=panels[int(np.argmax(scores))])
        if best > u + PRICING_TOLERANCE and panel not in seen:
            seen.add(panel)
            panels.append(panel)
            add(panel)
            continue
        return None  # proved: no lottery reaches the relaxation's LEXIMIN


def _new_hs_lp(n_types: int) -> highspy.Highs:
    h = _new_highs()
    h.addVars(n_types, np.zeros(n_types), np.full(n_types, INF))
    h.addVar(-INF, INF)
    h.changeColCost(n_types, 1.0)
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    return h


def _final_distribution(instance: Instance, panels: list[tuple], fixed: np.ndarray):
    """A distribution over the generated panels that gives each type its fixed
    probability (minimising the largest shortfall, which is ~0)."""
    sizes = instance.type_sizes
    n_types = len(sizes)
    h = _new_highs()
    m = len(panels)
    h.addVars(m, np.zeros(m), np.full(m, INF))
    h.addVar(0.0, INF)  # shortfall
    h.changeColCost(m, 1.0)
    _add_row(h, 1, 1, range(m))
    x = np.array(panels, dtype=float)
    for t in range(n_types):
        column = x[:, t] / sizes[t]
        nz = np.flatnonzero(column)
        _add_row(h, fixed[t], INF, [*nz.tolist(), m], [*column[nz].tolist(), 1.0])
    h.run()
    p = np.clip(np.asarray(h.getSolution().col_value[:m]), 0.0, None)
    keep = p > 1e-12
    p = p[keep] / p[keep].sum()
    chosen = [panels[i] for i in np.flatnonzero(keep)]
    order = sorted(range(len(chosen)), key=lambda i: chosen[i])
    return [chosen[i] for i in order], [float(p[i]) for i in order]


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
