"""The LEXIMIN of the quotas' linear relaxation, and its decomposition into real panels (the
fast path of ``lottery.leximin``; see that module's docstring)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

import highspy
import numpy as np

from .panels import (
    DEBUG,
    DECOMPOSITION_TOLERANCE,
    INF,
    LP_TOLERANCE,
    PRICING_TOLERANCE,
    SWAP_STARTS,
    WEIGHT_TOLERANCE,
    Instance,
    _add_row,
    _new_highs,
)

if TYPE_CHECKING:
    from .lottery import _Pricing


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
