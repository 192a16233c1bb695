"""Probe /health/ of the local gunicorn for compose's healthcheck and the systemd units;
the exit status says whether it answered 200 (only the standard library, no Django).

    python deploy/healthcheck.py [--url http://127.0.0.1:8000/health/] [--wait SECONDS]

The Host header is the first of ALLOWED_HOSTS (Django refuses any other host); /health/
is exempt from the HTTPS redirect, so plain HTTP to gunicorn is enough. With --wait it
retries until the deadline (a unit's ExecStartPost: the start fails if the site never
becomes healthy).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import urllib.error
import urllib.request


def host() -> str:
    for name in os.environ.get("ALLOWED_HOSTS", "127.0.0.1").split(","):
        name = name.strip().lstrip(".")
        if name and name != "*":
            return name
    return "127.0.0.1"


def probe(url: str, timeout: float) -> tuple[bool, str]:
    request = urllib.request.Request(url, headers={"Host": host(), "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status == 200, response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:  # 500 names the failing check
        return False, f"{error.code} {error.read(2000).decode('utf-8', 'replace')}"
    except OSError as error:
        return False, str(error)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = "http://" + os.environ.get("GUNICORN_BIND", "127.0.0.1:8000") + "/health/"
    parser.add_argument("--url", default=default)
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--wait", type=float, default=0, help="retry for this many seconds")
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.wait
    while True:
        ok, detail = probe(args.url, args.timeout)
        if ok or time.monotonic() >= deadline:
            break
        time.sleep(1)
    print(("healthy: " if ok else "UNHEALTHY: ") + detail, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
