"""The command line (point 4) and the verifiable draw with jury_verify (point 3)."""

import copy
import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tyndau.jury.draw import SCALE, make_record, verify
from tyndau.jury.instances import generate
from tyndau.jury.lottery import leximin

POOL = """id,gender,age,village
a1,f,young,centre
a2,f,old,centre
a3,m,young,north
a4,m,old,north
a5,f,young,north
a6,m,old,centre
a7,m,young,centre
a8,f,old,north
"""
QUOTAS = """trait,value,min,max
gender,f,2,2
gender,m,2,2
age,young,1,3
age,old,1,3
village,centre,1,3
village,north,1,3
"""


@pytest.fixture(autouse=True)
def _english():
    """The commands speak the active language (Russian by default); these tests read English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def files(tmp_path):
    pool = tmp_path / "pool.csv"
    quotas = tmp_path / "quotas.csv"
    pool.write_text(POOL)
    quotas.write_text(QUOTAS)
    return tmp_path, pool, quotas


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("jury_lottery", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_cli_writes_every_probability_and_the_minimum(files):
    _, pool, quotas = files
    out, err = _run(str(pool), "--quotas", str(quotas), "--panel-size", "4")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [f"a{i}" for i in range(1, 9)]
    probabilities = [float(r["probability"]) for r in rows]
    assert sum(probabilities) == pytest.approx(4, abs=1e-8)
    # Symmetric pool: everyone has the fair chance 4/8.
    assert probabilities == pytest.approx([0.5] * 8, abs=1e-8)
    assert "minimum probability: 0.500000" in err and " s" in err


def test_cli_with_seed_draws_a_panel_and_writes_output_and_record(files):
    tmp, pool, quotas = files
    output, record = tmp / "out.csv", tmp / "record.json"
    args = [str(pool), "--quotas", str(quotas), "--panel-size", "4", "--seed", "20261201"]
    out, err = _run(*args, "--output", str(output), "--record", str(record))
    assert out == ""
    assert output.read_text().startswith("id,probability\n")
    panel = err.strip().splitlines()[-1].split()
    assert len(panel) == 4
    genders = [line.split(",")[1] for line in POOL.splitlines()[1:] if line.split(",")[0] in panel]
    assert sorted(genders) == ["f", "f", "m", "m"]
    # The same inputs and seed draw the same panel again.
    _, err2 = _run(*args)
    assert err2.strip().splitlines()[-1].split() == panel
    assert json.loads(record.read_text())["panel"] == panel


def test_cli_infeasible_exits_2_names_values_and_writes_nothing(files):
    tmp, pool, quotas = files
    quotas.write_text(QUOTAS.replace("gender,f,2,2", "gender,f,5,5"))
    output = tmp / "out.csv"
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "jury_lottery",
            str(pool),
            "--quotas",
            str(quotas),
            "--panel-size",
            "4",
            "--output",
            str(output),
            stdout=out,
        )
    assert error.value.returncode == 2
    assert "gender=f" in str(error.value)
    assert "4 in the pool" in str(error.value)
    assert not output.exists() and out.getvalue() == ""


def test_cli_bad_quota_file_exits_2(files):
    _, pool, quotas = files
    quotas.write_text("trait,value,min,max\ngender,f,two,2\n")
    with pytest.raises(CommandError) as error:
        _run(str(pool), "--quotas", str(quotas), "--panel-size", "4")
    assert error.value.returncode == 2 and "line 2" in str(error.value)


def test_household_option_keeps_housemates_apart(files):
    _, pool, quotas = files
    lines = POOL.splitlines()
    address = {"a1": "Abai 1", "a2": "Abai 1", "a5": "Abai 1"}
    pool.write_text(
        "\n".join(
            [lines[0] + ",address"]
            + [f"{row},{address.get(row.split(',')[0], '')}" for row in lines[1:]]
        )
    )
    out, _ = _run(str(pool), "--quotas", str(quotas), "--panel-size", "4", "--household", "address")
    p = {r["id"]: float(r["probability"]) for r in csv.DictReader(io.StringIO(out))}
    assert p["a1"] + p["a2"] + p["a5"] <= 1 + 1e-9
    assert sum(p.values()) == pytest.approx(4)
    # Two women are needed: a8 (alone at her address) is now on every panel.
    assert p["a8"] == pytest.approx(1.0)


@pytest.fixture(scope="module")
def record():
    instance = generate(60, 10, 4, seed=7)
    return make_record(leximin(instance), seed="5821")


def _verify_file(tmp_path, data):
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data))
    out = io.StringIO()
    try:
        call_command("jury_verify", str(path), stdout=out)
    except CommandError as error:
        assert error.returncode == 1
        return False, out.getvalue()
    return True, out.getvalue()


def test_record_verifies_and_is_reproducible(record, tmp_path):
    assert sum(record["distribution"]["weights"]) == SCALE
    again = make_record(leximin(generate(60, 10, 4, seed=7)), seed="5821")
    assert again == record
    ok, out = _verify_file(tmp_path, record)
    assert ok and "MATCH" in out and record["fingerprint"] in out
    assert "" not in record["panel"] and len(record["panel"]) == 10


def _tampered(record, change):
    data = copy.deepcopy(record)
    change(data)
    return data


CHANGES = {
    "seed": lambda d: d.__setitem__("seed", "5822"),
    "trait of one person": lambda d: d["inputs"]["people"][0]["traits"].__setitem__(
        0, "m" if d["inputs"]["people"][0]["traits"][0] == "f" else "f"
    ),
    "person removed": lambda d: d["inputs"]["people"].pop(3),
    "quota": lambda d: d["inputs"]["quotas"][0].__setitem__(3, d["inputs"]["quotas"][0][3] + 1),
    "panel size": lambda d: d["inputs"].__setitem__("panel_size", 11),
    "algorithm": lambda d: d["inputs"].__setitem__("algorithm", "other-1"),
    "panel": lambda d: d["panel"].__setitem__(0, "p99999"),
    "distribution": lambda d: d["distribution"]["weights"].__setitem__(
        0, d["distribution"]["weights"][0] + 1
    ),
}


@pytest.mark.parametrize("name", CHANGES)
def test_any_changed_input_does_not_verify(record, tmp_path, name):
    ok, out = _verify_file(tmp_path, _tampered(record, CHANGES[name]))
    assert not ok and "NO MATCH" in out


def test_changed_input_with_recomputed_fingerprints_still_fails(record):
    """A forger who also fixes the digests is caught by the re-run draw or probabilities."""
    from tyndau.jury.draw import fingerprint, inputs_digest

    data = _tampered(record, CHANGES["seed"])
    data["fingerprint"] = fingerprint(data)
    check = verify(data)
    assert not check.matches and any("panel" in p or "ticket" in p for p in check.problems)
    data = _tampered(record, CHANGES["quota"])
    data["inputs_digest"] = inputs_digest(data["inputs"])
    data["fingerprint"] = fingerprint(data)
    assert not verify(data).matches


def test_verify_unreadable_file(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("jury_verify", str(path), stdout=io.StringIO())


def test_cli_says_nothing_of_the_kind_when_the_leximin_is_exact(files):
    _tmp, pool, quotas = files
    _out, err = _run(str(pool), "--quotas", str(quotas), "--panel-size", "4")
    assert "minimum probability" in err
    assert "MAXIMIN" not in err
