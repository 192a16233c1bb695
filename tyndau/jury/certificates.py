"""A proof for each LEXIMIN level, and its check (issue 19, point 2), without Django.

Level l of the LEXIMIN maximises z, the smallest probability of the types not fixed yet
(U), over lotteries that give every fixed type t (F) at least f_t. For any weights
y_t >= 0 with sum_U y_t = 1 and any lottery p of that kind,

    z <= sum_U y_t p_t <= sum_t y_t p_t - sum_F y_t f_t <= B - sum_F y_t f_t,

where B bounds y . pi_P over every quota-satisfying panel P (pi_Pt = members of t on P /
size of t): a lottery's p is an average of panels' pi_P. So (y, B) proves that no lottery
does better than ``bound = B - sum_F y_t f_t`` at this level. The LP duals of the level
give such a y (``relaxation._relaxed_leximin``: B is the linear relaxation's maximum,
which bounds the panels'; the levels' column generation: B is the pricing integer
programme's dual bound when it found no better panel). :func:`verify` checks every level
again with a fresh integer programme and the lottery's own probabilities."""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

CERTIFICATE_TOLERANCE = 1e-6  # each level is optimal to within this


@dataclass
class Certificate:
    value: float  # the level: the lottery gives every type of U at least this
    weights: np.ndarray  # y_t per type (0 for types fixed before this level's... any)
    fixed: np.ndarray  # f_t for the types fixed before this level, nan for U
    panel_bound: float  # B: no panel has y . pi_P above this

    @property
    def bound(self) -> float:
        """No lottery gives every type of U more than this (given the earlier levels)."""
        held = ~np.isnan(self.fixed)
        return float(self.panel_bound - self.weights[held] @ self.fixed[held])


def verify(lottery, tolerance: float = CERTIFICATE_TOLERANCE) -> list[str]:
    """Problems with the lottery's certificates (an empty list when each level is proved
    optimal to within ``tolerance``): the weights are not a valid y, a panel beats B (a
    fresh integer programme, solved to optimality), the bound is above the level, or the
    lottery gives a type less than its level or its earlier fixed value."""
    from .panels import _panel_model

    instance = lottery.instance
    sizes = instance.type_sizes
    p = lottery.type_probability
    problems = []
    if not lottery.certificates:
        return ["no certificate"]
    h, _ = _panel_model(instance, instance.quotas)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-12)
    n_types = len(sizes)
    columns = np.arange(n_types, dtype=np.int32)
    for level, cert in enumerate(lottery.certificates, start=1):
        free = np.isnan(cert.fixed)
        y = cert.weights
        if (y < -1e-12).any() or abs(y[free].sum() - 1.0) > 1e-9:
            problems.append(f"level {level}: the weights are not a certificate")
            continue
        h.changeColsCost(n_types, columns, y / sizes)
        h.run()
        best = h.getInfo().mip_dual_bound
        if best > cert.panel_bound + tolerance:
            problems.append(f"level {level}: a panel has weight {best} > {cert.panel_bound}")
        if cert.bound > cert.value + tolerance:
            problems.append(f"level {level}: bound {cert.bound} above the level {cert.value}")
        if (p[free] < cert.value - tolerance).any():
            problems.append(f"level {level}: a type gets less than the level {cert.value}")
        held = ~free
        if (p[held] < cert.fixed[held] - tolerance).any():
            problems.append(f"level {level}: a type gets less than its earlier level")
    return problems
