"""``labkit hub``: a JupyterHub for one workshop room, with the course delivered by nbgitpuller.

A trainer runs, on one machine (as root, because each learner gets a system account)::

    sudo .venv/bin/labkit hub start --workshop /srv/workshop-nov --trainer asmith
    .venv/bin/labkit hub link 00 --workshop /srv/workshop-nov      # the link to give learners

Learners sign in with a name of their own and the workshop password; each gets their own JupyterLab,
running as their own account, with the course in ``~/labkit-course``. ``labkit hub publish`` sends a
fixed lesson to everyone without overwriting anyone's answers; ``labkit hub stop`` stops everything and
keeps everyone's work; ``labkit hub close`` archives learners' work and removes their accounts. See
``docs/hub.md``.
"""

from labkit.hub._course import COURSE_FOLDER, lesson_link, publish_course
from labkit.hub._names import check_name
from labkit.hub._server import HubStatus, close_workshop, find_proxy, hub_status, start_hub, stop_hub
from labkit.hub._users import Person, ensure_account, learners, people
from labkit.hub._workshop import (
    DEFAULT_CAP,
    DEFAULT_IDLE_MINUTES,
    DEFAULT_PORT,
    TRAINERS_GROUP,
    Workshop,
    WorkshopSettings,
    create_workshop,
    open_workshop,
)

__all__ = [
    "COURSE_FOLDER",
    "DEFAULT_CAP",
    "DEFAULT_IDLE_MINUTES",
    "DEFAULT_PORT",
    "TRAINERS_GROUP",
    "HubStatus",
    "Person",
    "Workshop",
    "WorkshopSettings",
    "check_name",
    "close_workshop",
    "create_workshop",
    "ensure_account",
    "find_proxy",
    "hub_status",
    "learners",
    "lesson_link",
    "open_workshop",
    "people",
    "publish_course",
    "start_hub",
    "stop_hub",
]
