"""The client's address, read from the trusted reverse proxy's header.

Behind nginx every request comes from 127.0.0.1; the resident's address is in
``X-Forwarded-For`` (``TYNDAU_CLIENT_IP_HEADER``). That header is believed only when the
request comes from one of ``TYNDAU_TRUSTED_PROXIES``; the list is walked from the right,
skipping our own proxies, so a client cannot choose its address by sending the header.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _networks() -> list:
    nets = []
    for item in settings.TYNDAU_TRUSTED_PROXIES:
        try:
            nets.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            continue
    return nets


def _trusted(address: str, nets: list) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in nets)


def client_ip(request) -> str:
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    nets = _networks()
    if not _trusted(remote, nets):
        return remote or "unknown"
    header = request.META.get(settings.TYNDAU_CLIENT_IP_HEADER, "")
    hops = [h.strip() for h in header.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, nets):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a malformed header: fall back to the proxy
    return hops[0] if hops else (remote or "unknown")


def axes_client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: django-axes locks the same address our rate limits count
    (None when there is no address, e.g. a login made by code: axes stores IPs)."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
