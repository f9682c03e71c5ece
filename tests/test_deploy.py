"""The hub's parts without a hub: roster, account ids, public copy, JupyterHub settings, SQLite backups, units."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from traitlets.config import Config

from pact_course.deploy import gradebook, hubconfig, singleuser
from pact_course.deploy.accounts import AccountError, Groups, check_id
from pact_course.deploy.layout import HubLayout, close_course_root, publish
from pact_course.engine import roster
from pact_course.engine.content import load_course
from pact_course.engine.practice import modules

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_the_roster_keeps_names_and_languages_and_refuses_an_unknown_role(tmp_path):
    """Adding, updating and removing people round-trips through roster.yaml (mode 0640); a bad role is refused."""
    roster.upsert(tmp_path, "ana", role="trainee", name="Ana Pérez", lang="es")
    roster.upsert(tmp_path, "tom", role="trainer")
    roster.upsert(tmp_path, "ana", name="Ana P.")
    people = roster.read_roster(tmp_path)
    assert people["ana"] == roster.Person("ana", "trainee", "Ana P.", "es")
    assert roster.display_name(tmp_path, "tom") == "tom" and roster.display_name(tmp_path, "ana") == "Ana P."
    assert (tmp_path / "roster.yaml").stat().st_mode & 0o777 == 0o640
    assert roster.remove(tmp_path, "tom") and not roster.remove(tmp_path, "tom")
    with pytest.raises(roster.RosterError, match="role"):
        roster.upsert(tmp_path, "zed", role="admin")
    (tmp_path / "roster.yaml").write_text("people: [1, 2]\n", encoding="utf-8")
    with pytest.raises(roster.RosterError, match="people"):
        roster.read_roster(tmp_path)


@pytest.mark.parametrize("bad", ["Ana", "1ana", "ana smith", "ana/..", "a" * 33, ""])
def test_an_account_id_must_be_a_plain_unix_name(bad):
    """Ids that useradd or nbgrader would choke on are refused with a plain message."""
    with pytest.raises(AccountError, match="not usable"):
        check_id(bad)


def test_the_public_copy_holds_practice_only_and_still_loads(tmp_path):
    """publish() copies the guidelines, the practice scenarios and the notebooks, never an assessment scenario."""
    course = tmp_path / "course"
    for name in ("content", "notebooks", "kiosk"):
        shutil.copytree(REPO / name, course / name)
    layout = HubLayout.from_env(course)
    layout = HubLayout(**{**layout.__dict__, "public": tmp_path / "public"})
    published = publish(layout)
    full = load_course(course)
    assert set(published) == {s.id for s in full.practice()}
    public = load_course(tmp_path / "public")
    assert not public.assessment() and all(ss for _, ss in modules(public)) == all(ss for _, ss in modules(full))
    assert (tmp_path / "public" / "notebooks" / "kiosk.ipynb").is_file()
    for s in full.assessment():
        assert not list((tmp_path / "public").rglob(f"{s.id}.*")), s.id


def test_the_hub_settings_follow_nbgrader_shape(tmp_path, monkeypatch):
    """configure(): PAM by default, the formgrader as a service named after the course and run by the course
    account, the gradebook URL in its environment (never its command line), every server from the hub's venv."""
    monkeypatch.setenv("PACT_GRADEBOOK_URL", "postgresql://pact:secret@127.0.0.1/pact")
    monkeypatch.delenv("PACT_HUB_AUTH", raising=False)
    layout = HubLayout.from_env(tmp_path)
    c = Config()
    hubconfig.configure(c, layout)
    assert c.JupyterHub.authenticator_class.endswith("PAMAuthenticator")
    assert c.PAMAuthenticator.allowed_groups == {"pact-trainees", "pact-trainers"}
    (service,) = c.JupyterHub.services
    assert service["name"] == "pact-facilitator" and service["user"] == Groups().course_user
    assert service["environment"]["PACT_GRADEBOOK_URL"].startswith("postgresql://")
    assert not any("secret" in part for part in service["command"])
    assert c.Spawner.cmd[0] == str(layout.python)
    role = next(r for r in c.JupyterHub.load_roles if r["name"] == "pact-trainers")
    assert role["groups"] == [hubconfig.FORMGRADE_GROUP]
    monkeypatch.setenv("PACT_HUB_AUTH", "dummy")
    with pytest.raises(ValueError, match="PACT_HUB_AUTH"):
        hubconfig.configure(Config(), layout)


def test_each_role_gets_its_own_nbgrader_tools(tmp_path):
    """The course account's server has the formgrader; a trainer's own server only the course list."""
    singleuser.write_role_config(tmp_path / "grader", "grader")
    singleuser.write_role_config(tmp_path / "trainer", "trainer")

    def read(role: str, name: str) -> dict:
        return json.loads((tmp_path / role / name).read_text(encoding="utf-8"))

    grader = read("grader", "jupyter_server_config.json")["ServerApp"]["jpserver_extensions"]
    trainer = read("trainer", "jupyter_server_config.json")["ServerApp"]["jpserver_extensions"]
    assert grader["nbgrader.server_extensions.formgrader"] and not trainer["nbgrader.server_extensions.formgrader"]
    assert trainer["nbgrader.server_extensions.course_list"]
    disabled = read("trainer", "labconfig/page_config.json")["disabledExtensions"]
    assert disabled["@jupyter/nbgrader:formgrader"] and "@jupyter/nbgrader:course-list" not in disabled
    assert "@jupyter/nbgrader:formgrader" not in read("grader", "labconfig/page_config.json")["disabledExtensions"]


def _gradebook_with_a_student(url: str) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(url, "pact-facilitator") as gb:
        gb.add_assignment("induction")
        gb.add_student("ana", first_name="Ana", last_name="Pérez")


def test_a_sqlite_gradebook_backs_up_and_restores_with_the_cli(tmp_path, monkeypatch):
    """`pact-course gradebook backup` then `restore` into an empty place gives the same gradebook; a backup never
    overwrites a file and a restore never replaces grades without --force."""
    monkeypatch.setenv("PATH", f"{BIN}:/usr/bin:/bin")  # nbgrader's gradebook calls alembic
    (tmp_path / "content").mkdir()
    source, target, backup = tmp_path / "gradebook.db", tmp_path / "restored.db", tmp_path / "backup.db"
    _gradebook_with_a_student(f"sqlite:///{source}")

    def cli(url: str, *args: str) -> subprocess.CompletedProcess:
        env = {"PATH": f"{BIN}:/usr/bin:/bin", "PACT_GRADEBOOK_URL": url}
        return subprocess.run(
            [str(BIN / "pact-course"), "--root", str(tmp_path), "gradebook", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert cli(f"sqlite:///{source}", "backup", str(backup)).returncode == 0
    assert backup.stat().st_mode & 0o777 == 0o600
    again = cli(f"sqlite:///{source}", "backup", str(backup))
    assert again.returncode == 2 and "exists" in again.stderr
    assert cli(f"sqlite:///{target}", "restore", str(backup)).returncode == 0
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{target}", "pact-facilitator") as gb:
        assert [s.id for s in gb.students] == ["ana"] and gb.find_assignment("induction")
    refused = cli(f"sqlite:///{target}", "restore", str(backup))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert cli(f"sqlite:///{target}", "restore", str(backup), "--force").returncode == 0
    (tmp_path / "not-a-backup").write_text("hello", encoding="utf-8")
    with pytest.raises(gradebook.BackupError, match="not a SQLite gradebook backup"):
        gradebook.restore(f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "not-a-backup")


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_the_systemd_units_are_valid_and_restart_on_failure(tmp_path):
    """`systemd-analyze verify` accepts both units (pointed at this venv), and both restart on failure."""
    for name in ("pact-hub.service", "pact-kiosk.service"):
        text = (REPO / "deploy" / "systemd" / name).read_text(encoding="utf-8")
        assert "\nRestart=on-failure\n" in text
        (tmp_path / name).write_text(text.replace("/opt/pact-course/venv", sys.prefix), encoding="utf-8")
    proc = subprocess.run(
        [
            "systemd-analyze",
            "verify",
            "--man=no",
            *(str(tmp_path / n) for n in ("pact-hub.service", "pact-kiosk.service")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr


def test_hub_servers_may_frame_their_own_pages_only(tmp_path):
    """The course's pages (Voila preview) and the formgrader open in frames of the same server: 'self', never
    any origin, and the other server settings stay."""
    config = tmp_path / "jupyter_server_config.json"
    config.write_text(json.dumps({"ServerApp": {"tornado_settings": {"mathjax_url": "null"}}}), encoding="utf-8")
    singleuser.allow_own_frames(tmp_path)
    tornado = json.loads(config.read_text(encoding="utf-8"))["ServerApp"]["tornado_settings"]
    assert tornado == {"mathjax_url": "null", "headers": {"Content-Security-Policy": "frame-ancestors 'self'"}}


def test_a_trainee_starts_in_the_roster_language_until_they_choose(tmp_path, monkeypatch):
    """The hub's server wrapper saves the roster's language as the trainee's choice only when they have none."""
    from pact_course.engine.preferences import save_language, saved_language

    course = tmp_path / "public"
    (course / "content").mkdir(parents=True)
    (course / "notebooks").mkdir()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("PACT_EXCHANGE", str(tmp_path / "exchange"))
    env = {"HOME": str(home), "PACT_COURSE_ROOT": str(course), "JUPYTERHUB_USER": "ana", "PACT_LANG": "es"}
    singleuser.prepare("trainee", env)
    assert saved_language(home) == "es"
    save_language("en", home)
    singleuser.prepare("trainee", env)
    assert saved_language(home) == "en", "the trainee's own choice wins"


@pytest.mark.skipif(os.geteuid() != 0, reason="changing owners needs root (the hub runs as root)")
def test_closing_the_course_lets_trainers_read_and_nobody_else_in(tmp_path):
    """The course root becomes 2750 (course account, trainers' group); inside, group write is taken away and group
    read given, and .git keeps its owner."""
    course = tmp_path / "course"
    (course / "content").mkdir(parents=True)
    (course / ".git").mkdir()
    os.chmod(course / "content", 0o775)
    (course / "content" / "a.yaml").write_text("x", encoding="utf-8")
    os.chmod(course / "content" / "a.yaml", 0o660)
    layout = HubLayout(**{**HubLayout.from_env(course).__dict__, "groups": Groups("nobody", "root", "root")})
    close_course_root(layout)
    mode = lambda p: p.stat().st_mode & 0o7777  # noqa: E731 - a one-line reader
    assert mode(course) == 0o2750
    assert mode(course / "content") == 0o2755 and mode(course / "content" / "a.yaml") == 0o640


@pytest.mark.skipif(os.geteuid() != 0, reason="creating system accounts needs root (the hub runs as root)")
def test_an_account_is_a_system_user_with_a_closed_home_and_a_roster_entry(tmp_path, monkeypatch):
    """`accounts add` creates the user in its role's group with a 0700 home and a password that PAM accepts;
    `remove --delete-user` takes it all away again."""
    import grp
    import pwd
    import secrets

    from pact_course.deploy import accounts

    tag = "pd" + secrets.token_hex(3)
    groups = Groups(f"{tag}-trainees", f"{tag}-trainers", f"{tag}-course")
    (tmp_path / "content").mkdir()
    try:
        person, password, created = accounts.add(tmp_path, f"{tag}a", "trainee", "Ana Pérez", "es", groups=groups)
        assert created and password and person == roster.Person(f"{tag}a", "trainee", "Ana Pérez", "es")
        home = Path(pwd.getpwnam(f"{tag}a").pw_dir)
        assert home.stat().st_mode & 0o777 == 0o700
        assert f"{tag}a" in grp.getgrnam(groups.trainees).gr_mem
        assert accounts.role_of(f"{tag}a", groups) == "trainee"
        import pamela

        pamela.authenticate(f"{tag}a", password, service="login")  # raises if PAM refuses it
        assert accounts.remove(tmp_path, f"{tag}a", delete_user=True, groups=groups)
        assert not accounts.user_exists(f"{tag}a") and not home.exists()
        assert roster.read_roster(tmp_path) == {}
    finally:
        subprocess.run(["userdel", "--remove", f"{tag}a"], capture_output=True)
        for g in (groups.trainees, groups.trainers):
            subprocess.run(["groupdel", g], capture_output=True)
