"""The verifiable draw and its reproducibility record (issue 19, point 3), without Django.

How a panel is drawn, so that anyone can repeat it:

1. The inputs are put in a canonical form (people sorted by id, with their quota traits
   and, under the household rule, an anonymous household number; quotas sorted; panel
   size; algorithm version) and hashed with SHA-256: the *inputs digest*.
2. The LEXIMIN lottery gives a distribution over panel compositions (how many people of
   each type). Its probabilities are rounded to whole multiples of 1/10^9 (largest
   remainder, so they sum to exactly 10^9), the compositions are listed in canonical
   (lexicographic) order.
3. The public seed (a number published by an outside source at a stated time) gives
   ``u = SHA-256("<inputs digest>:<seed>:panel") mod 10^9``; the composition whose
   cumulative weight first exceeds ``u`` is chosen.
4. Within each type the members are ordered by ``SHA-256("<inputs digest>:<seed>:<id>")``
   and the first ``n_t`` are taken.

The record (JSON) holds the anonymised inputs, the quotas, the seed, the algorithm
version, the rounded distribution, each person's probability and the panel, plus a
fingerprint (SHA-256 of all of it). :func:`verify` re-runs the lottery and the draw from
the record and reports every mismatch.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import numpy as np

from .lottery import ALGORITHM_VERSION, Instance, InvalidInput, Lottery, Person, Quota, leximin

__all__ = ["SCALE", "Draw", "Verification", "canonical_inputs", "draw", "make_record", "verify"]

SCALE = 10**9  # probabilities of panels are published as whole multiples of 1/SCALE
PROBABILITY_DIGITS = 6  # per-person probabilities are compared to this many decimals
RECORD_FORMAT = "tyndau-jury-record-1"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_inputs(instance: Instance) -> dict:
    """The anonymised, canonical inputs: ids, quota traits, household numbers (not
    addresses), quotas, panel size, household rule and algorithm version."""
    traits = instance.traits
    people = sorted(instance.people, key=lambda p: p.id)
    households: dict[str, int] = {}
    rows = []
    for person in people:
        row = {"id": person.id, "traits": [person.traits[t] for t in traits]}
        if instance.household_rule and person.household:
            row["household"] = households.setdefault(person.household, len(households) + 1)
        rows.append(row)
    quotas = sorted([q.trait, q.value, q.min, q.max] for q in instance.quotas)
    return {
        "algorithm": ALGORITHM_VERSION,
        "panel_size": instance.panel_size,
        "household_rule": instance.household_rule,
        "traits": traits,
        "people": rows,
        "quotas": quotas,
    }


def inputs_digest(inputs: dict) -> str:
    return _sha256(_canonical_json(inputs))


def instance_from_inputs(inputs: dict) -> Instance:
    try:
        traits = list(inputs["traits"])
        people = [
            Person(
                str(row["id"]),
                dict(zip(traits, [str(v) for v in row["traits"]], strict=True)),
                f"h{row['household']}" if row.get("household") else "",
            )
            for row in inputs["people"]
        ]
        quotas = [Quota(str(t), str(v), int(lo), int(hi)) for t, v, lo, hi in inputs["quotas"]]
        return Instance(people, quotas, int(inputs["panel_size"]), bool(inputs["household_rule"]))
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInput([f"the record's inputs are malformed: {error}"]) from error


def rounded_weights(weights: list[float]) -> list[int]:
    """Whole multiples of 1/SCALE summing to exactly SCALE (largest remainder)."""
    exact = np.asarray(weights, dtype=float)
    exact = exact / exact.sum() * SCALE
    base = np.floor(exact).astype(np.int64)
    short = SCALE - int(base.sum())
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - base[i]), i))
    for i in order[:short]:
        base[i] += 1
    return [int(v) for v in base]


@dataclass
class Draw:
    composition_index: int
    panel: list[str]  # ids, sorted
    ticket: int  # u in [0, SCALE)


def draw(instance: Instance, compositions: list[list[int]], weights: list[int], seed: str) -> Draw:
    """Draw a panel from a published distribution (integer weights summing to SCALE)."""
    digest = inputs_digest(canonical_inputs(instance))
    ticket = int(_sha256(f"{digest}:{seed}:panel"), 16) % SCALE
    order = sorted(range(len(compositions)), key=lambda i: list(compositions[i]))
    cumulative = 0
    chosen = order[-1]
    for i in order:
        cumulative += weights[i]
        if ticket < cumulative:
            chosen = i
            break
    panel = []
    for t, count in enumerate(compositions[chosen]):
        members = [instance.people[i].id for i in instance.type_members[t]]
        members.sort(key=lambda pid: _sha256(f"{digest}:{seed}:{pid}"))
        panel += members[:count]
    return Draw(chosen, sorted(panel), ticket)


def make_record(lottery: Lottery, seed: str) -> dict:
    """The reproducibility record of a lottery and its draw with ``seed``."""
    instance = lottery.instance
    inputs = canonical_inputs(instance)
    compositions = [list(c) for c in lottery.compositions]
    weights = rounded_weights(lottery.weights)
    result = draw(instance, compositions, weights, seed)
    probabilities = lottery.probabilities
    record = {
        "format": RECORD_FORMAT,
        "inputs": inputs,
        "inputs_digest": inputs_digest(inputs),
        "seed": str(seed),
        "distribution": {
            "scale": SCALE,
            "types": [list(key[: len(instance.traits)]) for key in instance.type_keys],
            "type_sizes": [len(m) for m in instance.type_members],
            "compositions": compositions,
            "weights": weights,
        },
        "probabilities": {
            pid: round(probabilities[pid], PROBABILITY_DIGITS) for pid in sorted(probabilities)
        },
        "panel": result.panel,
        "ticket": result.ticket,
    }
    record["fingerprint"] = fingerprint(record)
    return record


def fingerprint(record: dict) -> str:
    body = {k: v for k, v in record.items() if k != "fingerprint"}
    return _sha256(_canonical_json(body))


@dataclass
class Verification:
    problems: list[str] = field(default_factory=list)
    recomputed_panel: list[str] = field(default_factory=list)
    same_distribution: bool = False

    @property
    def matches(self) -> bool:
        return not self.problems


def verify(record: dict) -> Verification:
    """Re-run the lottery and the draw from ``record``; any difference is a problem."""
    check = Verification()
    problems = check.problems
    if record.get("format") != RECORD_FORMAT:
        problems.append(f"unknown record format {record.get('format')!r}")
        return check
    inputs = record.get("inputs") or {}
    if inputs.get("algorithm") != ALGORITHM_VERSION:
        problems.append(
            f"algorithm version differs: record {inputs.get('algorithm')!r},"
            f" here {ALGORITHM_VERSION!r}"
        )
    if fingerprint(record) != record.get("fingerprint"):
        problems.append(
            "the fingerprint does not match the record's contents (something was changed)"
        )
    if inputs_digest(inputs) != record.get("inputs_digest"):
        problems.append(
            "the inputs digest does not match the inputs (the pool, quotas or panel size changed)"
        )
    try:
        instance = instance_from_inputs(inputs)
        if canonical_inputs(instance) != inputs:
            problems.append("the inputs are not in canonical form")
        lottery = leximin(instance)
    except Exception as error:  # noqa: BLE001 - any failure to re-run is a mismatch, reported
        problems.append(f"the lottery cannot be re-run: {error}")
        return check
    recomputed = lottery.probabilities
    published = record.get("probabilities") or {}
    if set(published) != set(recomputed):
        problems.append("the people with probabilities differ from the pool")
    else:
        worst = max(abs(published[pid] - recomputed[pid]) for pid in recomputed)
        if worst > 2 * 10**-PROBABILITY_DIGITS:
            problems.append(
                "selection probabilities differ from the re-computed LEXIMIN ones"
                f" by up to {worst:.2e}"
            )
    dist = record.get("distribution") or {}
    compositions, weights = dist.get("compositions") or [], dist.get("weights") or []
    problems += _check_distribution(instance, compositions, weights, dist, published)
    check.same_distribution = compositions == [
        list(c) for c in lottery.compositions
    ] and weights == rounded_weights(lottery.weights)
    if not problems:
        result = draw(instance, compositions, weights, str(record.get("seed")))
        check.recomputed_panel = result.panel
        if result.panel != record.get("panel"):
            problems.append("the panel drawn with this seed differs from the recorded panel")
        if result.ticket != record.get("ticket"):
            problems.append("the ticket drawn with this seed differs from the recorded one")
    return check


def _check_distribution(instance: Instance, compositions, weights, dist, published) -> list[str]:
    problems = []
    n_types = len(instance.type_keys)
    if dist.get("scale") != SCALE or len(compositions) != len(weights) or not compositions:
        return ["the panel distribution is malformed"]
    if dist.get("type_sizes") != [len(m) for m in instance.type_members]:
        return ["the types of the distribution do not match the pool"]
    if any(not isinstance(w, int) or w < 0 for w in weights) or sum(weights) != SCALE:
        problems.append(f"the panel probabilities must be whole numbers summing to {SCALE}")
    x = np.array(compositions, dtype=float)
    if x.shape[1:] != (n_types,):
        return [*problems, "the panel distribution is malformed"]
    sizes = instance.type_sizes
    for c in compositions:
        if not _composition_ok(instance, c):
            problems.append(f"a panel in the distribution breaks the quotas: {c}")
            break
    if not problems and published:
        marginal = (np.array(weights, dtype=float) / SCALE) @ x / sizes
        by_id = {instance.people[i].id: marginal[t] for i, t in enumerate(instance.type_of)}
        worst = max(abs(by_id[pid] - published.get(pid, -1)) for pid in by_id)
        if worst > 2 * 10**-PROBABILITY_DIGITS + len(compositions) / SCALE:
            problems.append(
                f"the distribution does not give the published probabilities (off by {worst:.2e})"
            )
    return problems


def _composition_ok(instance: Instance, composition) -> bool:
    x = np.asarray(composition)
    if (x < 0).any() or (x > instance.type_sizes).any() or x.sum() != instance.panel_size:
        return False
    for qi, q in enumerate(instance.quotas):
        total = x[instance.quota_types[qi]].sum()
        if not q.min <= total <= q.max:
            return False
    return all(x[h].sum() <= 1 for h in instance.households)
