"""gunicorn settings for Tyndau (gunicorn -c deploy/gunicorn.conf.py tyndau.wsgi).

- Access log: one JSON object a line on standard output, like the application's logs
  (TYNDAU_LOG_FORMAT=json, the production default) and nginx's.
- Prometheus (/metrics, django-prometheus): with several workers every worker writes its
  figures to PROMETHEUS_MULTIPROC_DIR (default var/prometheus here), the folder is emptied
  when gunicorn starts and a dead worker's gauges are dropped, so one scrape sums the
  workers instead of showing whichever worker answered.
"""

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 60
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"

if os.environ.get("TYNDAU_LOG_FORMAT", "json") == "json":
    # gunicorn escapes a quote inside an atom as \", so the request line and the agent
    # cannot break out of their strings.
    access_log_format = (
        '{"time":"%(t)s","logger":"gunicorn.access","remote":"%(h)s","request":"%(r)s",'
        '"status":%(s)s,"bytes":"%(B)s","duration_ms":%(M)s,"agent":"%(a)s"}'
    )

# Must be in the environment before the workers import prometheus_client.
PROMETHEUS_DIR = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR",
    str(
        Path(os.environ.get("TYNDAU_VAR_DIR", Path(__file__).resolve().parents[1] / "var"))
        / "prometheus"
    ),
)


def on_starting(server):
    # figures of an earlier run (dead pids) would be summed in for ever
    shutil.rmtree(PROMETHEUS_DIR, ignore_errors=True)
    os.makedirs(PROMETHEUS_DIR, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
