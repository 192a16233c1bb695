import pytest


@pytest.fixture(autouse=True)
def _russian():
    from django.utils import translation

    with translation.override("ru"):
        yield
