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
    onehot = _onehot(qidx, len(low))
    panels, seen = [], set()
    for _ in range(ROUNDINGS_PER_TYPE * n_types if count is None else count):
        order = np.lexsort((rng.random(n_types), qidx[:, rng.integers(len(traits))]))
        cumulative = np.concatenate([[0.0], np.cumsum(sample[order])])
        x = np.zeros(n_types, dtype=int)
        x[order] = np.diff(np.floor(cumulative - rng.random() + 1 + 1e-9)).astype(int)
        if x.sum() != k or (x > sizes).any() or (x < 0).any():
            continue
        x = _repair(x, sample, sizes, qidx, low, high, rng, onehot=onehot)
        if x is not None and (panel := tuple(x.tolist())) not in seen:
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


def _repair(x, point, sizes, qidx, low, high, rng, candidates: int = 16, onehot=None):
    """Swaps (one member of a type out, one of another in) until every quota holds; the
    swap that lowers the total violation most, the closest to ``point`` among those,
    looked for first among the most promising types. None when no swap helps. Types the
    point selects always (never) are not swapped out (in). ``onehot`` (types x quotas,
    1 where a type counts towards a quota) may be passed to save building it per call.

    A swap's change of the violation is the sum over traits where the two types differ;
    it is computed as (the leaving type's own change) + (the joining type's) - (the
    traits they share, one product with ``onehot``). Every term is a whole number, so
    the sum is exact and the swap chosen the same as adding trait by trait."""
    n_quotas, n_traits = len(low), qidx.shape[1]
    if onehot is None:
        onehot = _onehot(qidx, n_quotas)
    # a type the point always (never) selects stays in (out): any lottery reaching the
    # point selects it in every panel (none)
    full, empty = point >= sizes - 1e-9, point <= 1e-9
    can_leave, can_join = ~full, ~empty
    counts = np.bincount(qidx.ravel(), weights=np.repeat(x, n_traits), minlength=n_quotas)

    for _ in range(4 * len(x)):
        short, over = low - counts, counts - high
        now = np.maximum(short, 0) + np.maximum(over, 0)
        if not now.any():
            return x
        # whole numbers, as integers: integer products do not go through (threaded) BLAS
        fewer = (np.maximum(short + 1, 0) + np.maximum(over - 1, 0) - now).astype(np.int64)
        more = (np.maximum(short - 1, 0) + np.maximum(over + 1, 0) - now).astype(np.int64)
        # change of the squared distance to the point when one of a type leaves, joins
        gap = 2 * (point - x)
        leave, join = gap + 1, 1 - gap
        out = np.flatnonzero((x > 0) & can_leave)
        into = np.flatnonzero((x < sizes) & can_join)
        fewer_type, more_type = onehot @ fewer, onehot @ more
        both = fewer + more
        for narrow in (True, False):
            a, b = out, into
            if narrow:  # the types whose own move helps most, then every pair
                if len(a) > candidates:
                    own_a = fewer_type[a] + 1e-3 * leave[a]
                    a = a[np.argpartition(own_a, candidates)[:candidates]]
                if len(b) > candidates:
                    own_b = more_type[b] + 1e-3 * join[b]
                    b = b[np.argpartition(own_b, candidates)[:candidates]]
            delta = fewer_type[a][:, None] + more_type[b][None, :]
            delta -= (onehot[a] * both) @ onehot[b].T
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
        counts[qidx[a[i]]] -= 1
        counts[qidx[b[j]]] += 1
    return None


def _onehot(qidx, n_quotas):
    """Types x quotas, 1 where the type counts towards the quota."""
    onehot = np.zeros((len(qidx), n_quotas), dtype=np.int64)
    onehot[np.arange(len(qidx))[:, None], qidx] = 1
    return onehot
