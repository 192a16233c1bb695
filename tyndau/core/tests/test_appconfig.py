"""The apps that declare their audited models are configured by their own AppConfig (a
second AppConfig class in apps.py would make Django fall back to a bare one, silently:
no permissions, no audit), and every model they name is tracked."""

from auditlog.registry import auditlog
from django.apps import apps

from tyndau.core.appconfig import AuditedAppConfig


def test_each_audited_app_is_ready_with_its_models_tracked():
    configs = [c for c in apps.get_app_configs() if isinstance(c, AuditedAppConfig)]
    assert {c.label for c in configs} >= {"plans", "gathering", "meetings", "budget"}
    for config in configs:
        assert config.audited, config.label
        for name in config.audited.split():
            assert auditlog.contains(config.get_model(name)), f"{config.label}.{name}"
