"""deploy/ (issue 12, point 6): the nginx config parses (crossplane) and does what the
settings expect; the systemd units and compose.yaml are well-formed and start the whole
stack. `docker compose config` cannot run here (no Docker engine), so compose.yaml is
checked as YAML against what compose needs."""

import configparser
from pathlib import Path

import crossplane
import yaml

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


def _directives(block, name):
    for item in block:
        if item["directive"] == name:
            yield item
        yield from _directives(item.get("block", []), name)


def test_nginx_config_parses_and_protects_media():
    parsed = crossplane.parse(
        str(DEPLOY / "nginx.conf"), single=True, check_ctx=True, check_args=True
    )
    assert parsed["status"] == "ok", parsed["errors"]
    config = parsed["config"][0]["parsed"]
    assert [d["args"] for d in _directives(config, "client_max_body_size")] == [["25m"]]
    locations = {tuple(d["args"]): d["block"] for d in _directives(config, "location")}
    protected = locations[("/protected-media/",)]
    assert any(d["directive"] == "internal" for d in protected)
    proxy_headers = [d["args"] for d in _directives(config, "proxy_set_header")]
    assert ["X-Forwarded-Proto", "$scheme"] in proxy_headers
    assert ["X-Forwarded-For", "$remote_addr"] in proxy_headers  # one hop, set by us


def _unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def test_systemd_units_are_well_formed():
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert {u.stem for u in units} >= {
        "tyndau-web",
        "tyndau-worker",
        "tyndau-beat",
        "tyndau-backup",
    }
    for path in units:
        unit = _unit(path)
        assert unit.has_section("Unit") and unit.has_section("Service"), path.name
        exec_start = unit["Service"]["ExecStart"]
        assert exec_start.startswith("/"), path.name  # systemd wants an absolute path
        assert unit["Service"]["EnvironmentFile"] == "/etc/tyndau/tyndau.env"
    assert "gunicorn" in _unit(DEPLOY / "systemd/tyndau-web.service")["Service"]["ExecStart"]
    timer = _unit(DEPLOY / "systemd/tyndau-backup.timer")
    assert timer["Timer"]["OnCalendar"] and timer["Install"]["WantedBy"] == "timers.target"


def test_compose_starts_the_whole_stack():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat", "nginx"}
    assert services["db"]["image"].startswith("postgres:")
    assert "gunicorn" in services["web"]["command"]
    assert "worker" in services["worker"]["command"] and "beat" in services["beat"]["command"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and env["REDIS_URL"].startswith(
            "redis://"
        )
    assert set(compose["volumes"]) >= {"pgdata", "media", "static"}
