"""The LEXIMIN of the quotas' linear relaxation, and its decomposition into real panels (the
fast path of ``lottery.leximin``; see that module's docstring)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import highspy
import numpy as np

from .certificates import Certificate
from .panels import (
    DEBUG,
    DECOMPOSITION_TOLERANCE,
    FIRST_LEVEL_COST,
    INF,
    LP_TOLERANCE,
    MASTER_PANELS_PER_TYPE,
    PRICING_BLENDS,
    PRICING_TOLERANCE,
    PUSHED_ROUNDINGS,
    RETURNING,
    SWAP_STARTS,
    TAIL_GAIN,
    TAIL_ITERATIONS,
    WEIGHT_TOLERANCE,
    Instance,
    PanelRows,
    _add_row,
    _new_highs,
)
from .roundings import _roundings

if TYPE_CHECKING:
    from .lottery import _Pricing


def _relaxed_leximin(
    instance: Instance, never: Iterable[int] = (), certificates: list | None = None
) -> tuple[np.ndarray, int]:
    """The LEXIMIN selection probability of each type over the *linear relaxation* of the
    panels (fractional members of each type, the same quotas and household rule): at each
    level one LP maximises the smallest probability of the types not yet fixed; the types
    whose constraint has a positive dual value cannot exceed it in any optimum and are
    fixed at it. Every lottery over real panels lies in this relaxation, so its LEXIMIN
    is at least as good as the lottery's, level by level. Types on no panel at all
    (``never``) are held at 0, which keeps that true and the relaxation closer. Each
    level's duals are appended to ``certificates`` (a :class:`Certificate`: the duals
    of the types' rows, and the relaxation's maximum of their weighted sum, which bounds
    every panel's)."""
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
        if certificates is not None:
            y = np.where(unfixed, dual, 0.0) / dual[unfixed].sum()
            y[~unfixed] = dual[~unfixed] / dual[unfixed].sum()
            held = np.where(unfixed, np.nan, fixed - LP_TOLERANCE)
            held[list(never)] = 0.0
            # the LP's optimum is z = max_x (y . x/c) - sum_fixed y_t f_t (duality)
            bound = solution.col_value[z] + float(y[~unfixed] @ held[~unfixed])
            certificates.append(Certificate(value, y, held, bound))
        for t in np.flatnonzero(tight):
            fixed[t] = value
            h.changeCoeff(first + int(t), z, 0.0)  # from now on x_t / c_t >= value
            h.changeRowBounds(first + int(t), value - LP_TOLERANCE, INF)
    return fixed, levels


@dataclass
class Decomposition:
    """A lottery over panels found by ``_decompose``: every type gets at least its
    target less ``shortfall`` (at most DECOMPOSITION_TOLERANCE when ``exact``), and the
    types of the target's first level at least that level less the tolerance."""

    iterations: int
    panels: list[tuple]
    weights: list[float]
    shortfall: float
    exact: bool


def _decompose(
    instance: Instance,
    pricing: _Pricing,
    panels: list[tuple],
    target: np.ndarray,
    deadline: float | None,
    point: np.ndarray | None = None,
    stabilise: bool = False,
) -> Decomposition | None:
    """Add panels (column generation) until a lottery over ``panels`` gives every type
    at least ``target`` less DECOMPOSITION_TOLERANCE; None when no lottery gives the
    target's first level (its lowest value) to its types, or, once it does, none gives
    every type its target (either proved by the pricing integer programme). The
    restricted master, a primal LP with one column per panel (lambda_P >= 0):

        min s + M s_1   s.t.  sum_P lambda_P = 1;
                              for every type t: sum_P lambda_P n_Pt/c_t + s_t >= target_t

    where s_t is s_1 for the first level's types and s for the others, both >= 0, and M
    is FIRST_LEVEL_COST: the first level (for a flat target, the MAXIMIN) is reached
    first. Its duals (u for the first row, y_t >= 0 for the others) price a new panel
    P: it helps if sum_t y_t n_Pt/c_t > u. Once the first level is reached, when s stops
    falling (it has not fallen by TAIL_GAIN in TAIL_ITERATIONS iterations) before it
    reaches the target, the pricing integer programme is asked at every iteration: it
    either finds a helping panel or proves that none exists (then, as when its bound
    sum_t y_t target_t - max_P y . pi_P is above 0, no lottery reaches the target).

    The first solve is by interior point (with crossover to a basis); new panels are
    new columns, so the basis stays feasible and the primal simplex goes on from it.
    Before the first solve the master gets ``_roundings`` of ``point`` (the target by
    default), which often reach it at once; after the first level is reached, roundings
    of the point moved towards the types the duals say are short come in at each
    iteration. When the master holds more than MASTER_PANELS_PER_TYPE panels per type,
    the non-basic ones are put aside (its solution stays optimal, and a degenerate
    re-solve costs far less on the smaller master); they are priced with the master's
    duals at every iteration, and those that would help go back in, before the swap
    heuristic and the pricing integer programme look further."""
    n_types = len(instance.type_keys)
    sizes = instance.type_sizes
    point = target if point is None else point
    selectable = target > 0
    first = target[selectable].min() if selectable.any() else 0.0
    lowest = selectable & (target <= first + 1e-12)  # the first level's types
    master = _new_highs()
    master.setOptionValue("solver", "ipm")  # from scratch, interior point is fastest
    master.setOptionValue("simplex_strategy", 4)  # then the primal simplex from its basis
    master.setOptionValue("primal_feasibility_tolerance", LP_TOLERANCE)
    master.addVars(2, np.zeros(2), np.full(2, INF))  # s (column 0) and s_1 (column 1)
    first_cost = 1.0 if stabilise else FIRST_LEVEL_COST
    master.changeColsCost(2, np.array([0, 1], dtype=np.int32), np.array([1.0, first_cost]))
    _add_row(master, 1, 1, [])
    for t in range(n_types):
        _add_row(master, target[t], INF, [1 if lowest[t] else 0])
    master_rows = PanelRows(n_types, len(panels))  # the master's panels
    columns: list[tuple] = []
    seen = set()  # every panel found, in the master or put aside
    aside: list[tuple] = []  # panels taken out of the master, priced again each time
    aside_matrix = np.zeros((0, n_types))

    def enter(panel):
        columns.append(panel)
        x = master_rows.append(panel)
        nz = np.flatnonzero(x)
        indices = np.array([0, *(nz + 1)], dtype=np.int32)
        values = np.array([1.0, *(x[nz] / sizes[nz])])
        master.addCol(0.0, 0.0, INF, len(indices), indices, values)

    def add(panel):
        if panel in seen:
            return False
        seen.add(panel)
        enter(panel)
        return True

    def give_up():
        panels[:] = columns + aside  # the levels go on from every panel found
        return None

    def bring(panel):
        """Into the master: a new panel, or one put aside."""
        nonlocal aside, aside_matrix
        if add(panel):
            return True
        if panel not in aside:
            return False
        i = aside.index(panel)
        enter(panel)
        aside = aside[:i] + aside[i + 1 :]
        aside_matrix = np.delete(aside_matrix, i, axis=0)
        return True

    def put_aside():
        """Take the non-basic panels out of the master (its solution stays optimal):
        degenerate re-solves cost far less on a master of about one panel per type."""
        nonlocal aside, aside_matrix
        status = master.getBasis().col_status
        basic = np.array(
            [status[i + 2] == highspy.HighsBasisStatus.kBasic for i in range(master_rows.count)]
        )
        out = np.flatnonzero(~basic)
        master.deleteCols(len(out), (out + 2).astype(np.int32))
        aside = aside + [columns[i] for i in out]
        aside_matrix = np.vstack([aside_matrix, master_rows.rows[out]])
        kept = np.flatnonzero(basic)
        columns[:] = [columns[i] for i in kept]
        master_rows.keep(kept)

    def lottery(solution, shortfall, exact):
        weights = np.clip(np.asarray(solution.col_value[2:]), 0.0, None)
        keep = np.flatnonzero(weights > 1e-12)
        order = sorted(keep, key=lambda i: columns[i])
        total = weights[keep].sum()
        return Decomposition(
            iterations,
            [columns[i] for i in order],
            [float(weights[i] / total) for i in order],
            max(float(shortfall), 0.0),
            exact,
        )

    seeds = _roundings(instance, point)
    for panel in [*panels, *seeds]:
        add(panel)
    iterations = 0
    history: list[float] = []  # the shortfalls since the first level was reached
    tailing = False
    centre, best_proof = None, -np.inf  # the duals of the best Lagrangian bound so far
    while True:
        if deadline is not None and time.perf_counter() > deadline:
            raise TimeoutError("LEXIMIN did not finish in the time limit")
        iterations += 1
        lp_cpu = time.process_time()
        master.run()
        lp_cpu = time.process_time() - lp_cpu
        if master.getModelStatus() != highspy.HighsModelStatus.kOptimal:  # pragma: no cover
            raise RuntimeError(f"the decomposition's LP ended {master.getModelStatus()}")
        master.setOptionValue("solver", "simplex")
        solution = master.getSolution()
        row_dual = np.asarray(solution.row_dual)
        y = np.clip(row_dual[1:], 0.0, None)
        u = -row_dual[0]
        shortfall, short_first = solution.col_value[0], solution.col_value[1]
        if DEBUG:
            print(
                f"decompose it {iterations} shortfall {shortfall:.3e} first {short_first:.3e}",
                f"panels {master_rows.count} aside {len(aside)} mips {pricing.mip_calls}",
                f"tailing {tailing} cpu {time.process_time():.1f} lp {lp_cpu:.1f}",
                f"simplex {master.getInfo().simplex_iteration_count}",
                file=sys.stderr,
            )
        reached = short_first <= DECOMPOSITION_TOLERANCE  # the first level
        if reached and shortfall <= DECOMPOSITION_TOLERANCE:
            return lottery(solution, shortfall, True)
        if stabilise and iterations > 1:
            tailing = True
        elif reached:
            history.append(shortfall)
            tailing = tailing or (
                len(history) > TAIL_ITERATIONS
                and shortfall > (1 - TAIL_GAIN) * history[-TAIL_ITERATIONS - 1]
            )
        if master_rows.count > MASTER_PANELS_PER_TYPE * n_types:
            put_aside()
        weight = y / sizes
        scores = master_rows.rows @ weight
        found = 0
        if tailing:  # the heuristics' panels gain too little: the integer programme
            # at duals smoothed towards the best proof so far (Wentges), so that they
            # do not swing from one edge to the other, at several blends of the two
            # (each a valid Lagrangian bound); every panel the solver met on the way
            # that helps at the master's duals comes in (fewer costly master solves)
            base, start_panel = centre, columns[int(np.argmax(scores))]
            for blend in PRICING_BLENDS if base is not None else (0.0,):
                smooth = y if base is None else blend * base + (1 - blend) * y
                _, panel = pricing.best(smooth / sizes, start=start_panel)
                proof = float(smooth @ target) - pricing.bound  # no lottery has less shortfall
                if proof > best_proof:
                    best_proof, centre = proof, smooth
                if best_proof > DECOMPOSITION_TOLERANCE:
                    return give_up()  # Lagrangian bound: no lottery reaches the target
                for candidate in pricing.pool:
                    if np.array(candidate) @ weight > u + PRICING_TOLERANCE:
                        found += bring(candidate)
                better, panel = pricing.improve(weight, panel)
                if better > u + PRICING_TOLERANCE:
                    found += bring(panel)
        if aside:  # panels put aside that help again go back first
            value = aside_matrix @ weight
            back = np.flatnonzero(value > u + PRICING_TOLERANCE)
            back = back[np.argsort(-value[back])][:RETURNING]
            for i in back:
                enter(aside[i])
            found += len(back)
            if len(back):
                keep = np.setdiff1d(np.arange(len(aside)), back)
                aside = [aside[i] for i in keep]
                aside_matrix = aside_matrix[keep]
        if reached and seeds and not tailing:  # roundings moved towards the short types
            moved = _roundings(instance, point, iterations, PUSHED_ROUNDINGS, toward=weight)
            for panel in moved:
                if np.array(panel) @ weight > u + PRICING_TOLERANCE and add(panel):
                    found += 1
        if not tailing:
            for i in np.argsort(-scores)[:SWAP_STARTS]:
                best, panel = pricing.improve(weight, columns[i])
                if best > u + PRICING_TOLERANCE and add(panel):
                    found += 1
        if found:
            continue
        best, panel = pricing.best(weight, start=columns[int(np.argmax(scores))])
        proof = float(y @ target) - pricing.bound
        if proof > best_proof:
            best_proof, centre = proof, y
        helps = best > u + PRICING_TOLERANCE
        if best_proof <= DECOMPOSITION_TOLERANCE and helps and bring(panel):
            continue
        return give_up()  # proved: no lottery reaches the relaxation's LEXIMIN


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
