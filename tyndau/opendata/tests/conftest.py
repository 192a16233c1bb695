from tyndau.portal.tests.conftest import answer, file_appeal, topics  # noqa: F401  (shared fixtures)
