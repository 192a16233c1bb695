"""Panels rounded from a point of the quotas' linear relaxation (seeds for the
decomposition in ``relaxation``), without Django."""

from __future__ import annotations

import numpy as np

from .panels import ROUNDINGS_PER_TYPE, Instance


def _roundings(
    instance: Instance,
    target: np.ndarray,
    seed: int = 0,
    count: int | None = None,
    toward: np.ndarray | None = None,
) -> list[tuple]:
    """About ROUNDINGS_PER_TYPE quota-satisfying panels per type, spread around the
    relaxation's point (``target`` * sizes expected members per type), so that the
    master can average them to it at once instead of tailing off on panels at the edge
    of the polytope. Each is a systematic sample of that point (types in random order,
    grouped by the values of one trait: every type gets its expected members rounded
    down or up, and on average exactly them), repaired by swaps that lower the quotas'
    violation, preferring swaps that keep it close to the point. A quota the point
    meets exactly at its minimum or maximum is held there (no lottery reaching the
    point can use a panel off it). Seeded, so the lottery is reproducible; they only add
    columns to the master, so exactness does not depend on them. None when the point
    does not sum to the panel size. With ``toward`` (a weight per member of each type),
    the point sampled is moved a little towards the types of larger weight (the
    master's duals: the types its panels so far leave short), the quotas held as for
    the point itself."""
    point = target * instance.type_sizes
    k = instance.panel_size
    if abs(point.sum() - k) > 1e-6 or instance.households:
        return []
    n_types = len(point)
    traits = instance.traits
    qidx = np.array(
        [
            [instance.quota_index[(f, key[j])] for j, f in enumerate(traits)]
            for key in instance.type_keys
        ],
        dtype=int,
    ).reshape(n_types, len(traits))
    met = np.array([point[types].sum() for types in instance.quota_types])
    low = np.array([q.min for q in instance.quotas], dtype=float)
    high = np.array([q.max for q in instance.quotas], dtype=float)
    low = np.where(np.abs(met - high) < 1e-6, high, low)
    high = np.where(np.abs(met - low) < 1e-6, low, high)
    sizes = instance.type_sizes.astype(int)
    rng = np.random.default_rng(seed)
    sample = point
    if toward is not None:
        sample = _moved(point, toward, sizes, qidx, len(low))
    panels, seen = [], set()
    for _ in range(ROUNDINGS_PER_TYPE * n_types if count is None else count):
        order = np.lexsort((rng.random(n_types), qidx[:, rng.integers(len(traits))]))
        cumulative = np.concatenate([[0.0], np.cumsum(sample[order])])
        x = np.zeros(n_types, dtype=int)
        x[order] = np.diff(np.floor(cumulative - rng.random() + 1 + 1e-9)).astype(int)
        if x.sum() != k or (x > sizes).any() or (x < 0).any():
            continue
        x = _repair(x, sample, sizes, qidx, low, high, rng)
        if x is not None and (panel := tuple(int(v) for v in x)) not in seen:
            seen.add(panel)
            panels.append(panel)
    return panels


def _moved(point, toward, sizes, qidx, n_quotas, step: float = 0.5):
    """``point`` moved towards the types of above-average ``toward`` (at most ``step``
    members of a type, kept within 0..size), then shifted back within each value of the
    first trait so that its quota sums (and the panel size) stay as they were."""
    w = np.asarray(toward, dtype=float)
    spread = w.max() - w.min()
    if spread <= 0:
        return point
    moved = np.clip(point + step * (w - w.mean()) / spread, 0, sizes)
    fixed = (point >= sizes - 1e-9) | (point <= 1e-9)  # always or never selected
    moved[fixed] = point[fixed]
    for value in np.unique(qidx[:, 0]):
        members = np.flatnonzero(qidx[:, 0] == value)
        gap = point[members].sum() - moved[members].sum()
        room = np.where(
            fixed[members], 0, sizes[members] - moved[members] if gap > 0 else moved[members]
        )
        if room.sum() > 0:
            moved[members] += gap * room / room.sum()
    return moved


def _repair(x, point, sizes, qidx, low, high, rng, candidates: int = 16):
    """Swaps (one member of a type out, one of another in) until every quota holds; the
    swap that lowers the total violation most, the closest to ``point`` among those,
    looked for first among the most promising types. None when no swap helps. Types the
    point selects always (never) are not swapped out (in)."""
    n_quotas, n_traits = len(low), qidx.shape[1]
    # a type the point always (never) selects stays in (out): any lottery reaching the
    # point selects it in every panel (none)
    full, empty = point >= sizes - 1e-9, point <= 1e-9

    def violation(counts):
        return np.maximum(low - counts, 0) + np.maximum(counts - high, 0)

    for _ in range(4 * len(x)):
        counts = np.bincount(qidx.ravel(), weights=np.repeat(x, n_traits), minlength=n_quotas)
        now = violation(counts)
        if not now.any():
            return x
        fewer, more = violation(counts - 1) - now, violation(counts + 1) - now
        # change of the squared distance to the point when one of a type leaves, joins
        leave, join = 2 * (point - x) + 1, 1 - 2 * (point - x)
        out, into = np.flatnonzero((x > 0) & ~full), np.flatnonzero((x < sizes) & ~empty)
        for narrow in (True, False):
            a, b = out, into
            if narrow:  # the types whose own move helps most, then every pair
                own_a = fewer[qidx[a]].sum(1) + 1e-3 * leave[a]
                own_b = more[qidx[b]].sum(1) + 1e-3 * join[b]
                if len(a) > candidates:
                    a = a[np.argpartition(own_a, candidates)[:candidates]]
                if len(b) > candidates:
                    b = b[np.argpartition(own_b, candidates)[:candidates]]
            delta = np.zeros((len(a), len(b)))
            for f in range(n_traits):
                qa, qb = qidx[a, f], qidx[b, f]
                delta += np.where(
                    qa[:, None] != qb[None, :], fewer[qa][:, None] + more[qb][None, :], 0
                )
            score = (
                delta
                + 1e-3 * (leave[a][:, None] + join[b][None, :])
                + 1e-6 * rng.random(delta.shape)
            )
            i, j = np.unravel_index(np.argmin(score), score.shape)
            if delta[i, j] < 0:
                break
        else:
            return None
        x[a[i]] -= 1
        x[b[j]] += 1
    return None
