"""Jury lottery benchmark (issue 19, point 6): our LEXIMIN against sortition-algorithms.

Same generated instances (``tyndau.jury.instances.generate``) for both. The reference is
the ``sortition-algorithms`` package from PyPI (GPL-3.0; installed in the venv for this
benchmark only, the app does not depend on it), its ``find_distribution_maximin`` with the
``highspy`` backend; it runs in a child process with a hard time limit so the run stops.
Its maximin value is the minimum selection probability of its distribution; ours (the
first LEXIMIN level) must equal it within 1e-4 where it finishes.

    .venv/bin/python benchmarks/jury_bench.py [--limit 300] [--cases 150x30x4,1000x100x5,...]

"levels" ends in r when the LEXIMIN came from decomposing the relaxation's (the fast
way), l when the levels of column generation were needed. On a shared machine compare
the CPU seconds (ours in this process, the reference's child) as well as the wall time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tyndau.jury.instances import generate  # noqa: E402
from tyndau.jury.lottery import leximin  # noqa: E402

CASES = "150x30x4,150x30x7,1000x100x5,1000x100x7,2000x200x4,2000x200x7"


def _reference(instance, queue):
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
    from sortition_algorithms.features import read_in_features
    from sortition_algorithms.people import read_in_people
    from sortition_algorithms.settings import Settings

    start = time.perf_counter()
    head = ["feature", "value", "min", "max"]
    body = [
        {"feature": q.trait, "value": q.value, "min": str(q.min), "max": str(q.max)}
        for q in instance.quotas
    ]
    features, _, _ = read_in_features(head, body, instance.panel_size)
    settings = Settings(id_column="id", columns_to_keep=[])
    people_head = ["id", *instance.traits]
    people_body = [
        {"id": p.id, **{t: p.traits[t] for t in instance.traits}} for p in instance.people
    ]
    people, _ = read_in_people(people_head, people_body, features, settings)
    committees, probabilities, _ = find_distribution_maximin(
        features, people, instance.panel_size, [], "highspy"
    )
    marginal = dict.fromkeys((p.id for p in instance.people), 0.0)
    for committee, probability in zip(committees, probabilities, strict=True):
        for pid in committee:
            marginal[pid] += probability
    queue.put({"seconds": time.perf_counter() - start, "minimum": min(marginal.values())})


def cpu_seconds(who=resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_reference(instance, limit: float):
    queue = mp.Queue()
    process = mp.Process(target=_reference, args=(instance, queue))
    process.start()
    process.join(limit)
    if process.is_alive():
        process.terminate()
        process.join()
        return None
    if process.exitcode != 0:  # it did not run (not installed?): say so, not ">limit"
        raise SystemExit(f"the reference failed (exit status {process.exitcode}); see above")
    return queue.get() if not queue.empty() else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=float, default=300.0, help="seconds per solver run")
    parser.add_argument("--cases", default=CASES, help="n x k x traits, comma separated")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 vCPUs, shared machine)")
    print(
        f"{'pool':>5} {'k':>4} {'traits':>6} {'types':>6} | {'maximin s':>9} {'our min':>10} "
        f"{'leximin s':>9} {'levels':>6} | {'ref s':>7} {'ref min':>10} | {'|diff|':>8} "
        f"{'ref/maximin':>11} {'ref/leximin':>11}"
    )

    def fmt(v, spec):
        return format(v, spec) if v is not None else f">{args.limit:.0f}"

    for case in args.cases.split(","):
        n, k, traits = (int(v) for v in case.split("x"))
        instance = generate(n, k, traits, seed=args.seed)
        try:
            maximin = leximin(instance, time_limit=args.limit, max_levels=1)
            max_s, our_min = maximin.seconds, maximin.summary()["minimum"]
        except TimeoutError:
            max_s = our_min = None
        cpu = cpu_seconds()
        try:
            full = leximin(instance, time_limit=args.limit)
            lex_s, levels = full.seconds, f"{full.levels}{full.method[0]}"
            if our_min is not None:
                assert abs(full.summary()["minimum"] - our_min) < 1e-6
        except TimeoutError:
            lex_s, levels = None, "-"
        lex_cpu = cpu_seconds() - cpu
        ref_cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
        ref = run_reference(instance, args.limit)
        ref_cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - ref_cpu
        ref_s = ref["seconds"] if ref else None
        ref_min = ref["minimum"] if ref else None
        diff = abs(our_min - ref_min) if our_min is not None and ref_min is not None else None
        r1 = f"{ref_s / max_s:11.2f}" if ref_s and max_s else f"{'-':>11}"
        r2 = f"{ref_s / lex_s:11.2f}" if ref_s and lex_s else f"{'-':>11}"
        print(
            f"{n:>5} {k:>4} {traits:>6} {len(instance.type_keys):>6} | {fmt(max_s, '9.1f'):>9} "
            f"{fmt(our_min, '10.6f'):>10} {fmt(lex_s, '9.1f'):>9} {levels:>6} | "
            f"{fmt(ref_s, '7.1f'):>7} {fmt(ref_min, '10.6f'):>10} | "
            f"{format(diff, '8.1e') if diff is not None else '-':>8} {r1} {r2}"
            f"  cpu ours {lex_cpu:.1f} s ref {ref_cpu:.1f} s  load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        if diff is not None and diff > 1e-4:
            print(f"  !! minimum differs from the reference maximin by {diff:.2e}", flush=True)
    print(json.dumps({"load_average_end": os.getloadavg()}))


if __name__ == "__main__":
    main()
