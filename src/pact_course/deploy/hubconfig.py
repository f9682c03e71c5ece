"""JupyterHub settings for the course, in nbgrader's shape: an account per person, the formgrader as a hub service."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..engine import roster
from ..engine.settings import COURSE_ID
from .accounts import role_of
from .layout import HubLayout
from .trainer_lab import CONSOLE_URL

FORMGRADE_GROUP = f"formgrade-{COURSE_ID}"  # nbgrader's name for the graders of a course (JupyterHub group)
STUDENT_GROUP = f"nbgrader-{COURSE_ID}"  # nbgrader's name for its students
SERVICE = COURSE_ID  # the formgrader service MUST be named after the course (nbgrader's course list links to it)
AUTHENTICATORS = {  # PACT_HUB_AUTH: what signs people in; each person still needs a course account
    "pam": "jupyterhub.auth.PAMAuthenticator",
    "generic-oauth": "oauthenticator.generic.GenericOAuthenticator",
    "azuread": "oauthenticator.azuread.AzureAdOAuthenticator",
}
TRAINEE_START = "/lab/tree/00-welcome.ipynb"


def proxy_command() -> list[str]:
    """configurable-http-proxy from npm: on PATH, or installed beside the course (npm install --prefix)."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return [found]
    local = Path(os.environ.get("PACT_HUB_PROXY", "/opt/pact-course/node_modules/.bin/configurable-http-proxy"))
    return [str(local)]


def authenticated_groups(layout: HubLayout):
    """post_auth_hook: the course role of a person's Unix account becomes their hub group; no role, no entry."""

    def hook(authenticator, handler, authentication):
        name = authentication["name"]
        role = role_of(name, layout.groups)
        if role is None:
            authenticator.log.warning(
                "%s has no course account (not in %s or %s)", name, layout.groups.trainees, layout.groups.trainers
            )
            return None
        authentication["groups"] = [FORMGRADE_GROUP if role == "trainer" else STUDENT_GROUP]
        return authentication

    return hook


def spawn_settings(layout: HubLayout):
    """pre_spawn_hook: trainees get their home and the public course, trainers the course itself."""

    def hook(spawner):
        name = spawner.user.name
        role = role_of(name, layout.groups)
        if role is None:
            raise RuntimeError(f"{name} is no longer in the course's groups")
        person = _person(layout, name)
        env = dict(spawner.environment)
        env.update(
            PACT_ROLE=role,
            PACT_EXCHANGE=str(layout.exchange),
            PACT_COURSE_ROOT=str(layout.public if role == "trainee" else layout.course),
            PACT_LANG=person.lang if person else "",  # the roster's language, the first time only
            PATH=layout.server_path(),
        )
        spawner.environment = env
        spawner.default_url = TRAINEE_START if role == "trainee" else "/lab"

    return hook


def _person(layout: HubLayout, name: str):
    try:
        return roster.read_roster(layout.course).get(name)
    except roster.RosterError:
        return None


def service(layout: HubLayout) -> dict:
    """The course's trainer console and formgrader: a JupyterLab at the course root run by the course account."""
    env = {
        "PACT_ROLE": "grader",
        "PACT_COURSE_ROOT": str(layout.course),
        "PACT_EXCHANGE": str(layout.exchange),
        "PATH": layout.server_path(),
        "JUPYTERHUB_DEFAULT_URL": CONSOLE_URL,  # the trainer console, as `make trainer` opens
    }
    if os.environ.get("PACT_GRADEBOOK_URL"):
        env["PACT_GRADEBOOK_URL"] = os.environ["PACT_GRADEBOOK_URL"]  # the hub's environment, never its command line
    return {
        "name": SERVICE,
        "url": f"http://127.0.0.1:{layout.service_port}",
        "command": [str(layout.python), "-m", "pact_course.deploy.singleuser"],
        "user": layout.groups.course_user,
        "cwd": str(layout.course),
        "environment": env,
        "oauth_no_confirm": True,
    }


def roles() -> list[dict]:
    """Trainers reach the course's service; every server's token may list it (nbgrader's course list needs that)."""
    return [
        {
            "name": "pact-trainers",
            "groups": [FORMGRADE_GROUP],
            "scopes": [f"access:services!service={SERVICE}", "list:services", f"read:services!service={SERVICE}"],
        },
        {
            # a server's token never exceeds its owner's permissions (JupyterHub intersects them)
            "name": "server",
            "scopes": [
                "users:activity!user",
                "access:servers!server",
                f"access:services!service={SERVICE}",
                "list:services",
                f"read:services!service={SERVICE}",
            ],
        },
    ]


def configure(c, layout: HubLayout | None = None) -> HubLayout:
    """Fill JupyterHub's config object `c` for the course; the layout comes from PACT_* variables unless given."""
    layout = layout or HubLayout.from_env()
    hub = c.JupyterHub
    hub.ip, hub.port = layout.host, layout.port
    if os.environ.get("PACT_HUB_SUBDOMAIN_HOST"):  # e.g. https://course.example.org: each person on their own
        hub.subdomain_host = os.environ["PACT_HUB_SUBDOMAIN_HOST"]  # subdomain (wildcard DNS and certificate)
    hub.hub_ip, hub.hub_port = "127.0.0.1", layout.hub_port
    hub.db_url = f"sqlite:///{layout.state / 'jupyterhub.sqlite'}"
    hub.cookie_secret_file = str(layout.state / "jupyterhub_cookie_secret")
    hub.pid_file = str(layout.state / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.command = proxy_command()
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{layout.proxy_api_port}"
    c.ConfigurableHTTPProxy.pid_file = str(layout.state / "proxy.pid")

    auth = os.environ.get("PACT_HUB_AUTH", "pam")
    if auth not in AUTHENTICATORS:
        raise ValueError(f"PACT_HUB_AUTH={auth!r}: choose one of {', '.join(AUTHENTICATORS)}")
    hub.authenticator_class = AUTHENTICATORS[auth]
    if auth == "pam":
        c.PAMAuthenticator.allowed_groups = {layout.groups.trainees, layout.groups.trainers}
        c.PAMAuthenticator.open_sessions = False
    else:
        c.Authenticator.allow_all = True  # the organisation signs people in; the course's groups decide who enters
    c.Authenticator.manage_groups = True
    c.Authenticator.post_auth_hook = authenticated_groups(layout)
    hub.load_roles = roles()
    hub.services = [service(layout)]

    c.Spawner.cmd = [str(layout.python), "-m", "pact_course.deploy.singleuser"]
    c.Spawner.pre_spawn_hook = spawn_settings(layout)
    c.Spawner.start_timeout = 120  # a 2-core machine starting several servers at once
    c.Spawner.http_timeout = 90
    return layout
