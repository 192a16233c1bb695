"""Writes through the REST API are limited per caller (token user, else address) and
hour, with the shared counters of tyndau.core.ratelimit (all workers see the same)."""

from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import BaseThrottle

from tyndau.core import ratelimit
from tyndau.core.clientip import client_ip


def caller(request) -> str:
    user = getattr(request, "user", None)
    return f"user:{user.pk}" if user is not None and user.is_authenticated else client_ip(request)


class WriteThrottle(BaseThrottle):
    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        who = caller(request)
        if ratelimit.is_limited_for(scope="api_write", who=who):
            return False
        ratelimit.hit_for(scope="api_write", who=who)
        return True

    def wait(self):
        return 3600
