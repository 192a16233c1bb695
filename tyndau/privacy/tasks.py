"""Periodic jobs of the privacy app."""

from tyndau.core.jobs import periodic


@periodic(minutes=24 * 60)
def purge_access_log() -> int:
    """Delete access records older than TYNDAU_ACCESS_LOG_RETENTION_DAYS (daily)."""
    from .services import access_log_purge

    return access_log_purge()
