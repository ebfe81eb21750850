"""What JupyterHub is told: address, sign-in, spawner, environment, culling; and the sign-in rules."""

from __future__ import annotations

import asyncio
import concurrent.futures

import pytest
from tornado import web
from traitlets.config import Config

from labkit.hub import ensure_account
from labkit.hub._jupyterhub import (
    MIN_FREE_BYTES,
    WorkshopAuthenticator,
    WorkshopSpawner,
    config_text,
    configure,
    disk_problem,
)

from .conftest import LEARNER_PASSWORD, TRAINER_PASSWORD


def _run(coroutine):
    """Run a coroutine to its end in a thread of its own, so a test run that has an event loop
    running in the main thread already (Playwright's sync API, after the browser tests) is fine."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _config(workshop) -> Config:
    c = Config()
    configure(c, str(workshop.root), hub_port=18081, proxy_api_port=18001, proxy="/opt/chp")
    return c


def test_configuration(workshop) -> None:
    c = _config(workshop)
    assert c.JupyterHub.ip == "127.0.0.1"
    assert c.JupyterHub.port == 8000
    assert c.JupyterHub.hub_ip == "127.0.0.1"
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:18001"
    assert c.ConfigurableHTTPProxy.command == ["/opt/chp"]
    # State in the workshop folder, so a restart keeps accounts and signed-in browsers.
    assert c.JupyterHub.db_url == f"sqlite:///{workshop.hub_dir / 'jupyterhub.sqlite'}"
    assert c.JupyterHub.implicit_spawn_seconds > 0  # a reload after a restart starts the server again
    assert c.JupyterHub.cookie_secret_file == str(workshop.hub_dir / "jupyterhub_cookie_secret")
    assert c.JupyterHub.authenticator_class is WorkshopAuthenticator
    assert c.SharedPasswordAuthenticator.user_password == LEARNER_PASSWORD
    assert c.SharedPasswordAuthenticator.admin_password == TRAINER_PASSWORD
    assert c.Authenticator.admin_users == {"tess", "tom"}
    assert c.JupyterHub.spawner_class is WorkshopSpawner
    env = c.Spawner.environment
    assert env["LABKIT_COHORT_DIR"] == str(workshop.cohort_dir)
    assert env["JUPYTER_PATH"].split(":")[0] == str(workshop.jupyter_dir)
    assert env["JUPYTER_CONFIG_PATH"].split(":")[0].endswith("jupyter_config")
    culler = next(s for s in c.JupyterHub.services if s["name"] == "idle-culler")
    assert "--timeout=3600" in culler["command"]
    role = next(r for r in c.JupyterHub.load_roles if r["name"] == "idle-culler")
    assert "delete:servers" in role["scopes"]


def test_config_file_only_calls_configure(workshop) -> None:
    text = config_text(workshop.root, hub_port=1, proxy_api_port=2, proxy="/x/chp")
    config = Config()
    exec(compile(text, "jupyterhub_config.py", "exec"), {"get_config": lambda: config})
    assert text.count("\n") == 4
    assert config.ConfigurableHTTPProxy.command == ["/x/chp"]
    assert config.JupyterHub.hub_port == 1


def _authenticator(workshop) -> WorkshopAuthenticator:
    return WorkshopAuthenticator(config=_config(workshop))


def _sign_in(authenticator, name: str, password: str):
    return _run(authenticator.authenticate(None, {"username": name, "password": password}))


def test_sign_in_rules(workshop) -> None:
    auth = _authenticator(workshop)
    assert _sign_in(auth, "alice", LEARNER_PASSWORD) == {"name": "alice", "admin": False, "groups": []}
    assert _sign_in(auth, "alice", "wrong password") is None
    assert _sign_in(auth, "tess", LEARNER_PASSWORD) is None  # a trainer needs the trainers' password
    assert _sign_in(auth, "tess", TRAINER_PASSWORD)["admin"] is True
    with pytest.raises(web.HTTPError) as caught:
        _sign_in(auth, "Alice Smith", LEARNER_PASSWORD)
    assert caught.value.status_code == 403
    assert "'Alice Smith' cannot be a workshop user name" in caught.value.log_message


def test_the_learner_over_the_cap_is_refused_politely(workshop) -> None:
    auth = _authenticator(workshop)
    ensure_account(workshop, "tess")  # trainers do not take learners' places
    ensure_account(workshop, "alice")
    ensure_account(workshop, "bob")
    assert _sign_in(auth, "bob", LEARNER_PASSWORD)["name"] == "bob"  # a learner already in comes back
    with pytest.raises(web.HTTPError) as caught:
        _sign_in(auth, "carol", LEARNER_PASSWORD)
    assert "this workshop is full: it has places for 2 learners" in caught.value.log_message
    assert _sign_in(auth, "carol", "wrong password") is None  # no hint to someone without the password


def test_a_full_disk_is_said_before_a_server_starts(workshop, tmp_path) -> None:
    assert disk_problem(tmp_path, MIN_FREE_BYTES) is None
    message = disk_problem(tmp_path, 5 * 1024**2)
    assert message.startswith("The workshop's disk is full (5 MB free)")
    assert "Your files are safe" in message and "tell your trainer" in message


def test_the_spawner_refuses_to_start_on_a_full_disk(workshop, monkeypatch) -> None:
    import labkit.hub._jupyterhub as module

    monkeypatch.setattr(module, "disk_problem", lambda folder: "The workshop's disk is full (1 MB free).")
    spawner = WorkshopSpawner.__new__(WorkshopSpawner)
    monkeypatch.setattr(WorkshopSpawner, "_workshop", lambda self: workshop)
    with pytest.raises(web.HTTPError) as caught:
        _run(spawner.start())
    assert caught.value.status_code == 507
    assert "disk is full" in caught.value.log_message
