"""Validation of our Open311 answers against the published GeoReport v2 definitions.

The definitions come from ``data/georeport_v2-1.yaml``, a copy of the Open311
community's Swagger description (see data/README.md), so these tests always run. When the
project's shared reference folder is present, the copy is checked against it.
"""

from pathlib import Path

import jsonschema
import yaml

DATA = Path(__file__).parent / "data" / "georeport_v2-1.yaml"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "open311" / "georeport_v2-1.yaml"


def definitions() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))["definitions"]


def validate(instance, name: str) -> None:
    """Raise jsonschema.ValidationError unless ``instance`` is a GeoReport ``name``."""
    schema = {"definitions": definitions(), "$ref": f"#/definitions/{name}"}
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(instance)


def validate_list(items, name: str) -> None:
    assert isinstance(items, list), items
    for item in items:
        validate(item, name)
