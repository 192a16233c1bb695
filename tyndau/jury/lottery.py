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
DECOMPOSITION_TOLERANCE = 1e-7), that lottery *is* the LEXIMIN. Such panels all lie on
the face of the quota polytope where the relaxation's point lies (quotas it meets at a
bound, types it always or never selects), so the pricing looks only there
(``_Pricing.restrict``). When the cheap columns (panels put aside, roundings, swaps)
stop gaining, the pricing integer programme is asked at every iteration; when it finds
no helping panel, or its bound proves the point out of reach, the levels above run as
before, starting from the panels found. Either way every level comes with a
:class:`~tyndau.jury.certificates.Certificate`: weights and a bound proving that no
lottery does better at that level (checked again by ``certificates.verify``).
``max_levels=1`` decomposes the first level alone (the MAXIMIN).

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

import sys
import time

import highspy
import numpy as np

from .certificates import Certificate
from .panels import (
    ALGORITHM_VERSION,
    COVERING_GAP,
    DEBUG,
    INF,
    PRICING_GAP,
    PRICING_TOLERANCE,
    SWAP_CANDIDATES,
    SWAP_STARTS,
    WEIGHT_TOLERANCE,
    Feasibility,
    Infeasible,
    Instance,
    InvalidInput,
    Lottery,
    PanelRows,
    Person,
    Quota,
    QuotaFix,
    _add_row,
    _panel_model,
    check_feasibility,
)
from .quota_rows import (
    feasible_quotas_from_shares,
    people_from_rows,
    quotas_from_rows,
    quotas_from_shares,
)
from .relaxation import _decompose, _final_distribution, _new_hs_lp, _relaxed_leximin

# The model and the readers live in ``panels`` and ``quota_rows``; they are named here too,
# so that ``from tyndau.jury.lottery import Instance, leximin`` keeps working.
__all__ = [
    "ALGORITHM_VERSION",
    "Feasibility",
    "Infeasible",
    "Instance",
    "InvalidInput",
    "Lottery",
    "Person",
    "Quota",
    "QuotaFix",
    "check_feasibility",
    "feasible_quotas_from_shares",
    "leximin",
    "people_from_rows",
    "quotas_from_rows",
    "quotas_from_shares",
]


class _Pricing:
    """The pricing integer programme: the quota-satisfying panel of largest weight, and a
    fast swap heuristic that often finds a good enough panel without it."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.h, _ = _panel_model(instance, instance.quotas)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h.setOptionValue("mip_rel_gap", PRICING_GAP)
        self.h.setOptionValue("mip_abs_gap", 1e-11)
        self.h.setOptionValue("mip_improving_solution_save", True)
        self.pool: list[tuple[int, ...]] = []  # the last run's solutions that meet the rules
        self.n_types = n_types = len(instance.type_keys)
        self.cols = np.arange(n_types, dtype=np.int32)
        self.mip_calls = 0
        self.bound = INF  # the last integer programme's proved bound
        self._saved = None  # the quotas and bounds before ``restrict``
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

    def restrict(self, point: np.ndarray):
        """Look only at panels on the face of the quota polytope where ``point`` (members
        of each type, a point of the linear relaxation) lies: quotas it meets at their
        minimum or maximum held there, types it always (never) selects kept in (out).
        Any lottery whose expected panel is ``point`` is made of such panels only (a
        bound it meets is met by every panel it averages), so pricing there loses no
        panel that could help reach it, and the column generation does not chase
        panels that cannot."""
        self.release()
        met = np.array([point[types].sum() for types in self.instance.quota_types])
        at_min = np.abs(met - self.qmin) < 1e-6
        at_max = np.abs(met - self.qmax) < 1e-6
        full = point >= self.instance.type_sizes - 1e-9
        empty = point <= 1e-9
        self._saved = (self.qmin.copy(), self.qmax.copy(), self.lower.copy(), self.sizes.copy())
        for qi in np.flatnonzero(at_min | at_max):
            bound = self.qmin[qi] if at_min[qi] else self.qmax[qi]
            self.h.changeRowBounds(1 + int(qi), float(bound), float(bound))
            self.qmin[qi] = self.qmax[qi] = bound
        self.lower[full] = self.sizes[full]
        self.sizes[empty] = 0
        for t in np.flatnonzero(full | empty):
            self.h.changeColBounds(int(t), float(self.lower[t]), float(self.sizes[t]))

    def release(self):
        """Every quota-satisfying panel again (undoes :meth:`restrict`)."""
        if self._saved is None:
            return
        self.qmin, self.qmax, self.lower, self.sizes = self._saved
        self._saved = None
        for qi in range(len(self.qmin)):
            self.h.changeRowBounds(1 + qi, float(self.qmin[qi]), float(self.qmax[qi]))
        for t in range(self.n_types):
            self.h.changeColBounds(t, float(self.lower[t]), float(self.sizes[t]))

    def best(
        self, per_member: np.ndarray, start: tuple | None = None
    ) -> tuple[float, tuple[int, ...]]:
        """The panel of largest weight (the integer programme); ``self.bound`` is its
        proved upper bound (the solver's dual bound)."""
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
        value = float(per_member @ x)
        self.bound = max(value, float(self.h.getInfo().mip_dual_bound))
        self.pool = []
        for saved in self.h.getSavedMipSolutions():
            other = np.round(np.asarray(saved.col_value[: self.n_types])).astype(int)
            if self.allowed(other) and (panel := tuple(int(v) for v in other)) not in self.pool:
                self.pool.append(panel)
        return value, tuple(int(v) for v in x)

    def allowed(self, x: np.ndarray) -> bool:
        """Does the panel ``x`` (members per type) meet the panel size, every quota (as
        :meth:`restrict` holds them), the types' bounds and the household rule?"""
        if x.sum() != self.instance.panel_size or (x < self.lower).any() or (x > self.sizes).any():
            return False
        counts = np.bincount(
            self.qidx.ravel(), weights=np.repeat(x, self.qidx.shape[1]), minlength=len(self.qmin)
        )
        if (counts < self.qmin).any() or (counts > self.qmax).any():
            return False
        return all(x[members].sum() <= 1 for members in self.instance.households)


def _initial_compositions(instance: Instance, pricing: _Pricing) -> tuple[list[tuple], set[int]]:
    """Panels that together include every type that can be on a panel at all, found by
    repeatedly maximising the number of not-yet-covered types (weighted by 1/size, so
    each type counts once). Each integer programme stops within COVERING_GAP of its
    optimum, and every panel it met on the way covers too; only when it finds no new
    type is it solved to optimality, which proves the rest can never be selected.
    Returns the panels and the types that can never be selected."""
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    covered = np.zeros(n_types, dtype=bool)
    panels: list[tuple] = []
    seen = set()
    pricing.h.setOptionValue("mip_rel_gap", COVERING_GAP)
    loose = True
    while not covered.all():
        weight = np.where(covered, 0.0, 1.0 / sizes)
        # a small reward for everyone keeps panels spread out
        weight = weight + np.where(covered, 1e-3 / sizes, 0.0)
        _, panel = pricing.best(weight)
        gained = False
        for candidate in [panel, *pricing.pool]:
            x = np.array(candidate)
            if ((x > 0) & ~covered).any():
                gained = True
                covered |= x > 0
                if candidate not in seen:
                    seen.add(candidate)
                    panels.append(candidate)
        if gained != loose:  # nothing new: prove it (to optimality); then loose again
            loose = gained
            pricing.h.setOptionValue("mip_rel_gap", COVERING_GAP if loose else PRICING_GAP)
        elif not gained:
            break
    pricing.h.setOptionValue("mip_rel_gap", PRICING_GAP)
    never = set(np.flatnonzero(~covered).tolist())
    return panels, never


def _spread_panels(instance: Instance, pricing: _Pricing, panels: list[tuple]) -> None:
    """Multiplicative weights: a handful of panels that favour the rarely chosen, found by
    the swap heuristic from the best panel so far (no integer programme), added to
    ``panels``: starting columns for the levels' column generation."""
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    seen = set(panels)
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

    if max_levels in (None, 1):
        # The fast way, exact when it succeeds: the LEXIMIN of the linear relaxation
        # (levels of plain LPs, no panels) is at least as good as any lottery's; if
        # panels that meet the quotas average to it, it is the LEXIMIN of the lottery.
        # For the first level alone (the MAXIMIN) the target is its first level for
        # every type that can be selected: the relaxation's minimum bounds every
        # lottery's, so panels reaching it give a MAXIMIN lottery.
        certificates: list[Certificate] = []
        target, relaxed_levels = _relaxed_leximin(instance, never, certificates)
        point = target
        if max_levels is None:
            pricing.restrict(target * sizes)  # the panels that can average to it
        else:
            selectable = np.ones(n_types, dtype=bool)
            selectable[list(never)] = False
            target = np.where(selectable, target[selectable].min(), 0.0)
            relaxed_levels = 1
            certificates = certificates[:1]
        deadline = None if time_limit is None else start + time_limit
        try:
            decomposition = _decompose(
                instance,
                pricing,
                panels,
                target,
                deadline,
                point=point,
                stabilise=max_levels is None,
            )
        finally:
            pricing.release()
        if decomposition is not None:
            x = np.array(decomposition.panels, dtype=float)
            return Lottery(
                instance,
                decomposition.panels,
                decomposition.weights,
                (np.array(decomposition.weights) @ x) / sizes,
                seconds=time.perf_counter() - start,
                iterations=decomposition.iterations,
                levels=relaxed_levels,
                mip_calls=pricing.mip_calls,
                method="relaxation",
                shortfall=decomposition.shortfall,
                certificates=certificates,
            )
        # Integer panels cannot reach the relaxation's optimum: the levels below, with
        # the panels found so far.
    _spread_panels(instance, pricing, panels)

    fixed = np.full(n_types, np.nan)
    for t in never:
        fixed[t] = 0.0
    certificates = []

    # The dual LP: variables y_t >= 0 (one per type) and the cap y_hat (last column).
    # minimise y_hat - sum_{fixed t} f_t y_t
    # s.t. sum_{unfixed t} y_t = 1; for every panel P: sum_t (n_Pt / c_t) y_t - y_hat <= 0.
    dual = _new_hs_lp(n_types)
    cap = n_types
    _add_row(dual, 1, 1, [t for t in range(n_types) if np.isnan(fixed[t])])
    sum_row = 0

    panel_rows = PanelRows(n_types, len(panels))  # panels found, one per row

    def add_panel_row(panel):
        x = panel_rows.append(panel)
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
        scores = panel_rows.rows @ weight
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
        certificates.append(
            Certificate(
                min(max(value, 0.0), 1.0), y / y[unfixed].sum(), fixed.copy(), pricing.bound
            )
        )
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
        certificates=certificates,
    )
