"""The default topic taxonomy and risk rules (editable in the admin after the first migration).

The data are in ``topics.json`` beside this file:

- ``topics``: ``[code, ru, kk, en]`` in the order the picker shows them;
- ``plain``: the plain words of the portal's topic picker, ``code: [ru, kk, en]``;
- ``risk_rules``: ``[code, points, threshold, ru, kk, en]``.
"""

import json
from pathlib import Path

_DATA = json.loads((Path(__file__).resolve().parent / "topics.json").read_text(encoding="utf-8"))

TOPICS = [tuple(row) for row in _DATA["topics"]]
PLAIN = {code: tuple(words) for code, words in _DATA["plain"].items()}
RISK_RULES = [tuple(row) for row in _DATA["risk_rules"]]
