"""deploy/ (issue 12, point 6): the nginx config parses (crossplane) and does what the
settings expect; the systemd units and compose.yaml are well-formed and start the whole
stack. `docker compose config` (or Debian's `docker-compose config`) validates compose.yaml
with the example environment; it needs no Docker engine."""

import configparser
import shutil
import subprocess
from pathlib import Path

import crossplane
import pytest
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


def _compose_command():
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    if shutil.which("docker-compose"):
        return [shutil.which("docker-compose")]
    pytest.skip(
        "neither `docker compose` nor `docker-compose` is installed (Debian: docker-compose)"
    )


def _config(compose, folder):
    return subprocess.run(
        [*compose, "--env-file", "tyndau.env", "-f", "compose.yaml", "config"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_docker_compose_config_validates_the_stack(tmp_path):
    """What an operator runs: copy the example environment, then `docker compose config`.
    Compose itself checks the file (keys, anchors, depends_on conditions, env_file) and
    prints the stack it would start; a typo or an unknown key makes it fail."""
    compose = _compose_command()
    for item in DEPLOY.iterdir():
        if item.is_file():
            shutil.copy(item, tmp_path / item.name)
    shutil.copy(DEPLOY / "tyndau.env.example", tmp_path / "tyndau.env")
    run = _config(compose, tmp_path)
    assert run.returncode == 0, run.stderr
    stack = yaml.safe_load(run.stdout)
    assert set(stack["services"]) == {"db", "redis", "web", "worker", "beat", "nginx"}
    web = stack["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"  # the merged anchor
    assert web["environment"]["DATABASE_URL"] == "postgres://tyndau:tyndau@db:5432/tyndau"
    assert web["environment"]["SECRET_KEY"] == "change-me-to-a-long-random-value"  # env_file
    assert stack["services"]["nginx"]["network_mode"] == "service:web"

    broken = (
        (tmp_path / "compose.yaml").read_text().replace("    image: redis:7", "    imgae: redis:7")
    )
    (tmp_path / "compose.yaml").write_text(broken)
    run = _config(compose, tmp_path)
    assert run.returncode != 0 and "imgae" in run.stderr


def test_compose_and_systemd_probe_health():
    """compose waits for web's /health/ before nginx takes traffic, the worker answers a
    ping; systemd fails the web start unless /health/ answers and a timer keeps probing."""
    services = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py"]
    assert services["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert "inspect ping" in services["worker"]["healthcheck"]["test"][1]
    web = _unit(DEPLOY / "systemd/tyndau-web.service")["Service"]
    assert "deploy/healthcheck.py --wait" in web["ExecStartPost"]
    probe = _unit(DEPLOY / "systemd/tyndau-health.service")
    assert "healthcheck.py" in probe["Service"]["ExecStart"]
    assert "systemctl restart tyndau-web.service" in probe["Service"]["ExecStart"]
    timer = _unit(DEPLOY / "systemd/tyndau-health.timer")
    assert timer["Timer"]["OnUnitActiveSec"] and timer["Install"]["WantedBy"] == "timers.target"


def test_gunicorn_config_sums_metrics_and_logs_json(tmp_path, monkeypatch):
    import json
    import runpy
    import types

    # recorded first, so that what the config sets is undone after the test
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    monkeypatch.setenv("TYNDAU_VAR_DIR", str(tmp_path))
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["PROMETHEUS_DIR"] == str(tmp_path / "prometheus")
    stale = tmp_path / "prometheus" / "counter_999.db"
    stale.parent.mkdir()
    stale.write_text("old run")
    config["on_starting"](None)
    assert (tmp_path / "prometheus").is_dir() and not stale.exists()
    config["child_exit"](None, types.SimpleNamespace(pid=12345))  # no error for a worker
    atoms = {"t": "[02/Dec/2026:06:00:00 +0000]", "h": "10.0.0.1", "r": 'GET /?q=\\"x HTTP/1.1'}
    atoms |= {"s": 200, "B": 512, "M": 7, "a": "curl/8"}
    line = json.loads(config["access_log_format"] % atoms)
    assert line["status"] == 200 and line["duration_ms"] == 7 and line["request"].endswith("1.1")
