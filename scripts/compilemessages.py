"""Compile every app's message catalogues (.po -> .mo) with polib: no system gettext needed.

The .mo files are build products and are not kept in git (binary files cannot be merged);
`make install`, `make run` and `make test` call this. Only stale catalogues are compiled.
"""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

compiled = 0
for po_path in sorted(ROOT.glob("tyndau/*/locale/*/LC_MESSAGES/*.po")):
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        continue
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    compiled += 1
if compiled:
    print(f"compiled {compiled} message catalogue(s)")
