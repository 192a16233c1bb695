from tyndau.portal.tests.conftest import map_without_tiles  # noqa: F401  (browser tests)
from tyndau.portal.tests.test_browser import browser, phone_page  # noqa: F401
