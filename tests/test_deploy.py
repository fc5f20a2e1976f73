"""The shipped deployment example (docs/deploy/) stays runnable: the compose file names cxdash's real settings, the
proxy reaches every app process with sticky sessions and hides the metrics endpoint, and Caddy accepts the config.

Docker is not needed: the compose file is read as YAML. Caddy's own check runs where `caddy` is installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxdash import config, db

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "docs" / "deploy"
SETTINGS = {"DATABASE_URL", config.EARLIEST_DATE, config.BUSY_TIMEOUT, config.IDLE_HOURS}
APP_PORT = 8501


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
    return loaded


def _apps() -> dict[str, dict[str, Any]]:
    return {name: s for name, s in _compose()["services"].items() if s.get("build", {}).get("dockerfile")}


def test_compose_runs_postgresql_several_app_processes_and_the_proxy() -> None:
    services = _compose()["services"]
    assert services["db"]["image"].startswith("postgres:")
    assert services["proxy"]["image"].startswith("caddy:")
    assert len(_apps()) >= 2
    assert {"80:80", "443:443"} <= set(services["proxy"]["ports"])
    # Only the proxy is published: the app processes are reached through it (sticky sessions, metrics hidden).
    assert [n for n, s in services.items() if s.get("ports") and n != "proxy"] == []


def test_every_app_process_is_built_from_the_shipped_dockerfile_and_its_files_exist() -> None:
    dockerfile = DEPLOY / "Dockerfile"
    for service in _apps().values():
        assert (DEPLOY / service["build"]["context"] / service["build"]["dockerfile"]).resolve() == dockerfile
    copied = re.findall(r"^COPY (\S+)", dockerfile.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert copied and [p for p in copied if not (ROOT / p).exists()] == []
    assert f'"--server.port", "{APP_PORT}"' in dockerfile.read_text(encoding="utf-8")


def test_app_settings_are_cxdash_settings_with_valid_values(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, service in _apps().items():
        env = service["environment"]
        assert set(env) <= SETTINGS, f"{name} sets {set(env) - SETTINGS}, which cxdash does not read"
        url = env["DATABASE_URL"].replace("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", "secret")
        assert db.normalise_url(url).startswith("postgresql+psycopg://") and "@db:5432/" in url
        for key, value in env.items():
            monkeypatch.setenv(key, str(value))
        assert config.busy_timeout_seconds() > 0 and config.idle_timeout().total_seconds() > 0
        assert config.earliest_date() is not None


def test_the_proxy_names_every_app_process() -> None:
    upstreams = _compose()["services"]["proxy"]["environment"]["CXDASH_UPSTREAMS"].split()
    assert sorted(upstreams) == sorted(f"{name}:{APP_PORT}" for name in _apps())


def test_the_caddyfile_pins_sessions_and_hides_metrics() -> None:
    text = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    assert "lb_policy cookie" in text
    assert re.search(r"@metrics path /_stcore/metrics\*\s+respond @metrics 404", text)
    assert "/_stcore/metrics" in (ROOT / "README.md").read_text(encoding="utf-8")


def _caddy(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("caddy is not installed (apt-get install -y caddy): Caddy's own check of the Caddyfile is skipped")
    return subprocess.run([caddy, *args, "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
                          env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False)  # fmt: skip


def test_caddy_accepts_the_caddyfile() -> None:
    done = _caddy("validate")
    assert done.returncode == 0, done.stderr[-2000:]


def test_caddy_with_the_compose_settings_proxies_to_every_app_and_answers_metrics_with_404() -> None:
    proxy = _compose()["services"]["proxy"]["environment"]
    done = _caddy("adapt", env={"CXDASH_SITE": ":80", "CXDASH_UPSTREAMS": proxy["CXDASH_UPSTREAMS"]})
    assert done.returncode == 0, done.stderr[-2000:]
    server = json.loads(done.stdout)["apps"]["http"]["servers"]["srv0"]
    assert server["listen"] == [":80"]
    text = json.dumps(server)
    dials = re.findall(r'"dial": "([^"]+)"', text)
    assert sorted(dials) == sorted(proxy["CXDASH_UPSTREAMS"].split())
    assert '"policy": "cookie"' in text
    assert '"/_stcore/metrics*"' in text and '"status_code": 404' in text


def test_a_streamlit_session_runs_through_the_shipped_caddyfile_and_metrics_stay_hidden() -> None:
    """Caddy with the shipped Caddyfile in front of a real server: a page runs over the proxied websocket,
    health passes, and the metrics endpoint answers 404 through the proxy."""
    if shutil.which("caddy") is None:
        pytest.skip("caddy is not installed (apt-get install -y caddy): the proxied session is not tried")
    from benchmarks.load import caddy
    from benchmarks.streamlit_client import Client, running

    with running(ROOT / "benchmarks" / "hello.py", "sqlite://") as server, caddy([server]) as port:
        client = Client(port)
        assert client.pages and client.run(next(iter(client.pages.values()))) > 0
        client.close()
        with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=10) as reply:
            assert reply.status == 200
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"http://localhost:{port}/_stcore/metrics", timeout=10)
