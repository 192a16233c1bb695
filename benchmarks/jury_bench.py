"""Jury lottery benchmark (issue 19, point 6): our LEXIMIN against sortition-algorithms.

Same generated instances (``tyndau.jury.instances.generate``) for both. The reference is
the ``sortition-algorithms`` package from PyPI (GPL-3.0; installed in the venv for this
benchmark only, the app does not depend on it), its ``find_distribution_maximin`` with the
``highspy`` backend; it runs in a child process with a hard time limit so the run stops.
Its maximin value is the minimum selection probability of its distribution; ours (the
first LEXIMIN level) must equal it within 1e-4 where it finishes.

    .venv/bin/python benchmarks/jury_bench.py [--limit 300] [--wall 900] [--cases 150x30x4,...]

"levels" ends in r when the LEXIMIN came from decomposing the relaxation's (the fast
way), l when the levels of column generation were needed. "proof" is ok when
``certificates.verify`` (a fresh integer programme per level, not timed) confirms that
every level is optimal to within 1e-6. The maximin column is
``leximin(max_levels=1)``: the relaxation's first level decomposed, which the reference's
maximin must equal. On a shared machine compare
the CPU seconds (ours in this process, the reference's child) as well as the wall time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tyndau.jury.certificates import CERTIFICATE_TOLERANCE, verify  # noqa: E402
from tyndau.jury.instances import generate  # noqa: E402
from tyndau.jury.lottery import leximin  # noqa: E402

CASES = "150x30x4,150x30x7,1000x100x5,1000x100x7,2000x200x4,2000x200x7"


def _reference(instance, queue, cpu_limit):
    # a limit of CPU seconds, not wall: on a shared machine the wall clock says little
    resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_limit), int(cpu_limit) + 5))
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
    queue.put(
        {
            "seconds": time.perf_counter() - start,
            "cpu": time.process_time(),
            "minimum": min(marginal.values()),
        }
    )


def cpu_seconds(who=resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_reference(instance, limit: float, wall: float):
    queue = mp.Queue()
    process = mp.Process(target=_reference, args=(instance, queue, limit))
    process.start()
    process.join(wall)
    if process.is_alive():
        process.terminate()
        process.join()
        return None
    if process.exitcode == -signal.SIGXCPU:  # its CPU seconds ran out
        return None
    if process.exitcode != 0:  # it did not run (not installed?): say so, not ">limit"
        raise SystemExit(f"the reference failed (exit status {process.exitcode}); see above")
    return queue.get() if not queue.empty() else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--limit",
        type=float,
        default=300.0,
        help="CPU seconds for the reference's run; ours stops after --wall seconds",
    )
    parser.add_argument("--wall", type=float, default=900.0, help="wall seconds per run")
    parser.add_argument("--cases", default=CASES, help="n x k x traits, comma separated")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 vCPUs, shared machine)")
    print(
        f"{'pool':>5} {'k':>4} {'traits':>6} {'types':>6} | {'maximin':>8} {'our min':>10} | "
        f"{'leximin':>8} {'levels':>6} {'proof':>5} | {'ref':>8} {'ref min':>10} | "
        f"{'|diff|':>8} {'ref/max':>8} {'ref/lex':>8} | wall s: maximin leximin ref"
    )
    print("(CPU seconds; the reference stops after --limit CPU seconds, ours after --wall)")
    print(f"(proof ok: every level's certificate verified to {CERTIFICATE_TOLERANCE:g})")

    def fmt(v, spec, limit=args.wall):
        return format(v, spec) if v is not None else f">{limit:.0f}"

    for case in args.cases.split(","):
        n, k, traits = (int(v) for v in case.split("x"))
        instance = generate(n, k, traits, seed=args.seed)
        cpu = cpu_seconds()
        try:
            maximin = leximin(instance, time_limit=args.wall, max_levels=1)
            max_s, our_min = maximin.seconds, maximin.summary()["minimum"]
        except TimeoutError:
            max_s = our_min = None
        max_cpu = cpu_seconds() - cpu
        cpu = cpu_seconds()
        try:
            full = leximin(instance, time_limit=args.wall)
            letter = {"relaxation": "r"}.get(full.method, "l")
            lex_s, levels = full.seconds, f"{full.levels}{letter}"
            if our_min is not None:
                assert abs(full.summary()["minimum"] - our_min) < 1e-6
        except TimeoutError:
            full, lex_s, levels = None, None, "-"
        lex_cpu = cpu_seconds() - cpu
        # every level's certificate checked again by a fresh integer programme (not timed)
        problems = verify(full) if full is not None else None
        proof = "-" if problems is None else "ok" if not problems else f"NO {len(problems)}"
        ref = run_reference(instance, args.limit, args.wall)
        ref_s = ref["seconds"] if ref else None
        ref_min = ref["minimum"] if ref else None
        diff = abs(our_min - ref_min) if our_min is not None and ref_min is not None else None
        ref_cpu = ref["cpu"] if ref else None
        r1 = f"{ref_cpu / max_cpu:8.1f}" if ref and our_min is not None else f"{'-':>8}"
        r2 = f"{ref_cpu / lex_cpu:8.1f}" if ref and lex_s is not None else f"{'-':>8}"
        print(
            f"{n:>5} {k:>4} {traits:>6} {len(instance.type_keys):>6} | "
            f"{fmt(max_s and max_cpu, '8.1f'):>8} {fmt(our_min, '10.6f'):>10} | "
            f"{fmt(lex_s and lex_cpu, '8.1f'):>8} {levels:>6} "
            f"{proof:>5} | "
            f"{fmt(ref_cpu, '8.1f', args.limit):>8} {fmt(ref_min, '10.6f', args.limit):>10} | "
            f"{format(diff, '8.1e') if diff is not None else '-':>8} {r1} {r2} | "
            f"{fmt(max_s, '.1f')} {fmt(lex_s, '.1f')} {fmt(ref_s, '.1f', args.limit)}"
            f"  load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        if problems:
            print("  !! " + "; ".join(problems[:5]), flush=True)
        if diff is not None and diff > 1e-4:
            print(f"  !! minimum differs from the reference maximin by {diff:.2e}", flush=True)
    print(json.dumps({"load_average_end": os.getloadavg()}))


if __name__ == "__main__":
    main()
