"""What runs inside JupyterHub: the workshop's configuration, sign-in and spawner.

``labkit hub start`` writes ``WORKSHOP/hub/jupyterhub_config.py``, which only calls :func:`configure`;
JupyterHub imports this module when it starts, so JupyterHub itself is imported only here.

- **Sign-in** (:class:`WorkshopAuthenticator`): JupyterHub's shared-password authenticator. Learners
  sign in with any valid name and the workshop password; trainers (JupyterHub admins) with their own
  password. A name that cannot be a user name, or a new learner once the cap is reached, is refused
  on the sign-in page with a message saying why.
- **Spawner** (:class:`WorkshopSpawner`): JupyterHub's ``LocalProcessSpawner``, which runs each
  person's JupyterLab as their own system account (made on first sign-in, see ``_users.py``) in their
  private home folder. It is the spawner The Littlest JupyterHub builds on, needs no containers, and lets
  the operating system keep learners apart. Every server gets ``LABKIT_COHORT_DIR``, the labkit
  kernel and the course's JupyterLab settings.
- **Idle culling**: ``jupyterhub-idle-culler`` runs as a hub service and stops servers idle for
  the workshop's idle time; files stay.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from tornado import web
from traitlets import Unicode

from labkit._errors import LabkitError
from labkit.hub._names import check_name
from labkit.hub._users import ensure_account, learners
from labkit.hub._workshop import Workshop, open_workshop

__all__ = ["MIN_FREE_BYTES", "WorkshopAuthenticator", "WorkshopSpawner", "configure", "disk_problem"]

MIN_FREE_BYTES = 100 * 1024**2
"""Below this much free space in the workshop folder, learners' servers are not started: a notebook
saved onto a full disk is cut short, so it is better to say so before anyone loses work."""


def disk_problem(folder: Path, free_bytes: int | None = None) -> str | None:
    """A plain-English message if ``folder``'s disk is (nearly) full, else ``None``."""
    free = shutil.disk_usage(folder).free if free_bytes is None else free_bytes
    if free >= MIN_FREE_BYTES:
        return None
    return (
        f"The workshop's disk is full ({free / 1024**2:.0f} MB free), so your work could not be saved. "
        "Your files are safe. Please tell your trainer, who can free space and then restart your server."
    )


class WorkshopAuthenticator(SharedPasswordAuthenticator):
    """Shared-password sign-in with valid names and a cap on learners (see the module docstring)."""

    workshop_root = Unicode(help="The workshop folder.").tag(config=True)

    async def authenticate(self, handler: Any, data: dict) -> dict | None:
        name = self.normalize_username(data.get("username", ""))
        if name not in self.admin_users:
            try:
                check_name(data.get("username", ""))
            except LabkitError as exc:
                raise web.HTTPError(403, exc.what + " " + (exc.fix or "")) from None
        result = await super().authenticate(handler, data)
        if result is None or result.get("admin"):
            return result
        workshop = open_workshop(self.workshop_root)
        known = {p.name for p in learners(workshop)}
        if name not in known and len(known) >= workshop.settings.cap:
            raise web.HTTPError(
                403,
                f"Sorry, this workshop is full: it has places for {workshop.settings.cap} learners and they "
                "are all taken. Please ask your trainer.",
            )
        return result


class WorkshopSpawner(LocalProcessSpawner):
    """JupyterLab as the person's own system account, in their private home folder."""

    workshop_root = Unicode(help="The workshop folder.").tag(config=True)

    def _workshop(self) -> Workshop:
        return open_workshop(self.workshop_root)

    def _account(self) -> str:
        return self._workshop().settings.user_prefix + self.user.name

    def make_preexec_fn(self, name: str) -> Any:
        return set_user_setuid(self._account())

    def user_env(self, env: dict) -> dict:
        import pwd

        entry = pwd.getpwnam(self._account())
        env.update(USER=entry.pw_name, HOME=entry.pw_dir, SHELL=entry.pw_shell or "/bin/bash")
        return env

    async def start(self) -> Any:
        workshop = self._workshop()
        problem = disk_problem(workshop.root)
        if problem:
            raise web.HTTPError(507, problem)
        try:
            ensure_account(workshop, self.user.name)
        except LabkitError as exc:
            raise web.HTTPError(403, str(exc)) from None
        return await super().start()


def environment_prefix() -> Path:
    """The environment that holds JupyterHub and JupyterLab (``.venv``): its ``share/jupyter`` and
    ``etc/jupyter`` hold the extensions learners' servers load. Usually ``sys.prefix``."""
    import jupyter_core

    return Path(jupyter_core.__file__).resolve().parents[4]


def _services(workshop: Workshop) -> tuple[list[dict], list[dict]]:
    token_file = workshop.hub_dir / "labkit-api-token"
    if not token_file.exists():
        import secrets

        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    timeout = workshop.settings.idle_minutes * 60
    services: list[dict] = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={timeout}",
                "--cull-every=60",
            ],
        },
        {"name": "labkit", "api_token": token_file.read_text().strip()},
    ]
    roles: list[dict] = [
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        },
        {"name": "labkit", "scopes": ["list:users", "read:users", "read:servers"], "services": ["labkit"]},
    ]
    return services, roles


def configure(c: Any, root: str, *, hub_port: int, proxy_api_port: int, proxy: str) -> None:
    """Fill JupyterHub's configuration object ``c`` for the workshop in ``root``.

    ``hub_port`` and ``proxy_api_port`` are the hub's internal ports (free ones, chosen at each start, on
    127.0.0.1); ``proxy`` is the configurable-http-proxy program.
    """
    workshop = open_workshop(root)
    settings = workshop.settings
    hub = workshop.hub_dir
    passwords = workshop.passwords()
    course = Path(settings.course_root)
    bin_dir = Path(sys.executable).parent
    prefix = environment_prefix()

    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = hub_port
    c.JupyterHub.db_url = f"sqlite:///{hub / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(hub / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(workshop.pid_file)
    c.JupyterHub.cleanup_servers = True
    # A learner who reloads their JupyterLab after the hub restarted (or their server was culled) gets
    # it started again after two seconds, instead of a "Launch Server" button to find.
    c.JupyterHub.implicit_spawn_seconds = 2
    c.JupyterHub.template_vars = {
        "announcement_login": "Sign in with a short name of your own (for example asmith) and the workshop "
        "password your trainer gives you."
    }
    c.ConfigurableHTTPProxy.command = [proxy]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{proxy_api_port}"
    c.ConfigurableHTTPProxy.pid_file = str(hub / "proxy.pid")

    c.JupyterHub.authenticator_class = WorkshopAuthenticator
    c.WorkshopAuthenticator.workshop_root = str(workshop.root)
    c.SharedPasswordAuthenticator.user_password = passwords["learner"]
    c.SharedPasswordAuthenticator.admin_password = passwords["trainer"]
    c.Authenticator.admin_users = set(settings.trainers)
    c.Authenticator.allow_all = True

    c.JupyterHub.spawner_class = WorkshopSpawner
    c.WorkshopSpawner.workshop_root = str(workshop.root)
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120
    c.Spawner.args = [f"--LabApp.app_settings_dir={course / 'jupyter_config' / 'lab' / 'settings'}"]
    c.Spawner.environment = {
        "LABKIT_COHORT_DIR": str(workshop.cohort_dir),
        # Hub name alice is the system account labkit-alice: the dashboard checks who wrote each file.
        "LABKIT_COHORT_ACCOUNT_PREFIX": settings.user_prefix,
        # The course's JupyterLab settings, then the environment's own (extensions such as nbgitpuller).
        "JUPYTER_CONFIG_PATH": os.pathsep.join(
            [str(course / "jupyter_config"), str(prefix / "etc" / "jupyter")]
        ),
        # The labkit kernel (this Python), then the environment's widgets and other JupyterLab extensions.
        "JUPYTER_PATH": os.pathsep.join([str(workshop.jupyter_dir), str(prefix / "share" / "jupyter")]),
        # The labkit command in JupyterLab's terminal, as with make lab.
        "PATH": os.pathsep.join([str(bin_dir), "/usr/local/bin", "/usr/bin", "/bin"]),
    }
    services, roles = _services(workshop)
    c.JupyterHub.services = services
    c.JupyterHub.load_roles = roles


def config_text(root: Path, *, hub_port: int, proxy_api_port: int, proxy: str) -> str:
    """The ``jupyterhub_config.py`` that ``labkit hub start`` writes (it only calls :func:`configure`)."""
    args = json.dumps(str(root))
    return (
        "# Written by `labkit hub start` at each start: change the workshop with its options, not here.\n"
        "from labkit.hub._jupyterhub import configure\n\n"
        f"configure(get_config(), {args}, hub_port={hub_port}, proxy_api_port={proxy_api_port}, "
        f"proxy={json.dumps(proxy)})\n"
    )
