"""core is the bottom layer: its code imports no app above it (by module or by path)."""

import re
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]
ABOVE = ("accounts", "territory", "appeals", "meetings", "reports", "portal", "api", "plans")
IMPORT = re.compile(rf"tyndau\.({'|'.join(ABOVE)})\b")


def test_core_imports_nothing_above_it():
    offending = [
        f"{path.relative_to(CORE)}:{number}: {line.strip()}"
        for path in sorted(CORE.rglob("*.py"))
        if "tests" not in path.relative_to(CORE).parts
        and "migrations" not in path.relative_to(CORE).parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if IMPORT.search(line)
    ]
    assert offending == []
