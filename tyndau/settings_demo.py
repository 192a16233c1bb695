"""The laptop demo and the tests: ``tyndau.settings`` with ``TYNDAU_DEMO=1``.

``make run`` sets ``TYNDAU_DEMO=1`` itself; pytest uses this module (pyproject.toml), so the
tests run without a SECRET_KEY and over plain HTTP. Production never uses it.
"""

import os

os.environ.setdefault("TYNDAU_DEMO", "1")

from tyndau.settings import *  # noqa: E402,F403
