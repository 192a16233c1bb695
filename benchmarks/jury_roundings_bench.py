"""The LEXIMIN's CPU seconds, and those of its seed roundings, with this tree's
``tyndau/jury/roundings.py`` and with another version of it (issue 19, point 6).

    git show COMMIT:tyndau/jury/roundings.py > /tmp/old_roundings.py
    .venv/bin/python benchmarks/jury_roundings_bench.py --old /tmp/old_roundings.py \\
        [--cases 1000x100x6,1000x100x7]

Each run is a fresh child process (old, new, per case); the roundings of both must be
the same panels (checked), so only the time may differ.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _run(case, old_path, queue):
    from tyndau.jury import relaxation
    from tyndau.jury.instances import generate
    from tyndau.jury.lottery import leximin

    module = relaxation
    if old_path:
        spec = importlib.util.spec_from_file_location("tyndau.jury.roundings_old", old_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    original = module._roundings
    spent, made = [0.0], []

    def timed(*args, **kwargs):
        start = time.process_time()
        panels = original(*args, **kwargs)
        spent[0] += time.process_time() - start
        made.append(panels)
        return panels

    relaxation._roundings = timed
    n, k, traits = (int(v) for v in case.split("x"))
    instance = generate(n, k, traits, seed=1)
    start = time.process_time()
    result = leximin(instance, time_limit=900)
    queue.put((time.process_time() - start, spent[0], hash(repr(made)), result.levels))


def measure(case, old_path):
    queue = mp.Queue()
    process = mp.Process(target=_run, args=(case, old_path, queue))
    process.start()
    process.join()
    return queue.get()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--old", required=True, help="another roundings.py to compare")
    parser.add_argument("--cases", default="1000x100x6,1000x100x7")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 vCPUs, shared machine)")
    print("case        | leximin CPU s old  new  new/old | roundings CPU s old  new  new/old")
    for case in args.cases.split(","):
        old = measure(case, args.old)
        new = measure(case, None)
        same = "same panels" if old[2] == new[2] else "PANELS DIFFER"
        print(
            f"{case:<11} | {old[0]:8.1f} {new[0]:6.1f} {new[0] / old[0]:6.2f} | "
            f"{old[1]:8.2f} {new[1]:6.2f} {new[1] / old[1]:6.2f} | {same}, "
            f"levels {old[3]}/{new[3]}  load {os.getloadavg()[0]:.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
