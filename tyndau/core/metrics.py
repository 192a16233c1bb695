"""Prometheus metrics (django-prometheus) at ``/metrics``: request counts and latencies
by view and status, database and cache operations, per process or, with
``PROMETHEUS_MULTIPROC_DIR`` set (deploy/gunicorn.conf.py), summed over the gunicorn
workers. Only the addresses of ``TYNDAU_METRICS_ALLOWED_IPS`` (the scraper; by default
this host) get them; anyone else gets 404, and nginx does not pass ``/metrics`` on."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import Http404
from django.views.decorators.cache import never_cache


def _allowed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        ip in ipaddress.ip_network(net, strict=False) for net in settings.TYNDAU_METRICS_ALLOWED_IPS
    )


@never_cache
def metrics(request):
    # the peer itself, never a forwarded header: the scraper talks to gunicorn directly
    if not _allowed(request.META.get("REMOTE_ADDR", "")):
        raise Http404
    from django_prometheus.exports import ExportToDjangoView

    return ExportToDjangoView(request)
