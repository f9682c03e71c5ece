"""`pact-course course` in-process: the trainee workspace, its nbgrader config, trainer tools turned off."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from pact_course.commands import cli
from pact_course.deploy.workspace import DISABLED_LAB_PLUGINS, lab_command, lab_environment, prepare
from pact_course.engine.settings import COURSE_ID

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(course_dir: Path, tmp_path: Path, monkeypatch) -> Path:
    """A course root with the real notebooks (and a kiosk notebook that trainees must not get)."""
    shutil.copytree(REPO / "notebooks", course_dir / "notebooks", ignore=shutil.ignore_patterns("kiosk.ipynb"))
    (course_dir / "notebooks" / "kiosk.ipynb").write_text("{}", encoding="utf-8")
    monkeypatch.delenv("PACT_EXCHANGE", raising=False)
    return course_dir


def load_config(path: Path):
    loader = PyFileConfigLoader(path.name, path=str(path.parent))
    return loader.load_config()


def test_default_workspace_gets_the_practice_notebooks_but_not_the_kiosk(root):
    """The default workspace gets every practice notebook except the kiosk's, and no source/ or content/."""
    ws = prepare(root)
    assert ws.path == (root / "workspace").resolve()
    names = sorted(p.name for p in ws.path.glob("*.ipynb"))
    assert names == sorted(p.name for p in (root / "notebooks").glob("*.ipynb") if p.name != "kiosk.ipynb")
    assert "00-welcome.ipynb" in names and "10-everyday.ipynb" in names
    assert not (ws.path / "source").exists() and not (ws.path / "content").exists()


def test_a_trainee_gets_their_own_workspace_and_student_id(root):
    """A named trainee gets their own workspace, with an nbgrader config giving the course, their student id, the
    exchange and their folder."""
    ws = prepare(root, trainee="amina-k")
    assert ws.path == (root / "workspaces" / "amina-k").resolve()
    config = load_config(ws.path / "nbgrader_config.py")
    assert config.CourseDirectory.course_id == COURSE_ID
    assert config.CourseDirectory.student_id == "amina-k"
    assert config.Exchange.root == str((root / "exchange").resolve())
    assert config.Exchange.assignment_dir == str(ws.path)


def test_the_student_id_defaults_to_the_account_name(root):
    """Without a trainee name, the student id is the account's user name."""
    import getpass

    ws = prepare(root, workspace=root / "elsewhere")
    assert ws.path == (root / "elsewhere").resolve()
    assert load_config(ws.path / "nbgrader_config.py").CourseDirectory.student_id == getpass.getuser()


def test_the_exchange_is_created_with_nbgraders_permissions(root, tmp_path, monkeypatch):
    """The exchange named by PACT_EXCHANGE is created with the permissions nbgrader expects for its root, outbound and
    inbound folders."""
    shared = tmp_path / "shared-exchange"
    monkeypatch.setenv("PACT_EXCHANGE", str(shared))
    ws = prepare(root, trainee="t1")
    assert ws.exchange == shared.resolve()
    assert load_config(ws.path / "nbgrader_config.py").Exchange.root == str(shared.resolve())
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(shared) == 0o777
    assert mode(shared / COURSE_ID / "outbound") == 0o755
    assert mode(shared / COURSE_ID / "inbound") == 0o2733


def test_a_trainees_own_notebooks_and_log_are_never_overwritten(root):
    """Preparing again keeps a trainee's edited notebooks and decision log, and copies only the notebooks that are
    missing."""
    ws = prepare(root, trainee="t2")
    mine = ws.path / "10-everyday.ipynb"
    mine.write_text('{"my": "edits"}', encoding="utf-8")
    (ws.path / "decisions.json").write_text('{"format": 1, "decisions": []}', encoding="utf-8")
    (ws.path / "01-guidelines.ipynb").unlink()
    again = prepare(root, trainee="t2")
    assert mine.read_text(encoding="utf-8") == '{"my": "edits"}'
    assert (ws.path / "decisions.json").read_text(encoding="utf-8") == '{"format": 1, "decisions": []}'
    assert again.copied == ["01-guidelines.ipynb"]
    assert "10-everyday.ipynb" in again.kept


def test_trainer_tools_are_disabled_in_an_isolated_config_dir(root):
    """An isolated Jupyter config dir turns off the formgrader, create and validate tools, keeps the assignment list,
    and is the one JupyterLab runs with."""
    ws = prepare(root, trainee="t3")
    assert ws.config_dir == ws.path / ".jupyter"
    page = json.loads((ws.config_dir / "labconfig" / "page_config.json").read_text())
    for plugin in (
        "@jupyter/nbgrader:formgrader",
        "@jupyter/nbgrader:create-assignment",
        "@jupyter/nbgrader:validate-assignment",
    ):
        assert page["disabledExtensions"][plugin] is True
    assert "@jupyter/nbgrader:assignment-list" not in page["disabledExtensions"]
    server = json.loads((ws.config_dir / "jupyter_server_config.json").read_text())
    extensions = server["ServerApp"]["jpserver_extensions"]
    assert extensions["nbgrader.server_extensions.formgrader"] is False
    assert extensions["nbgrader.server_extensions.assignment_list"] is True
    env = lab_environment(ws, root)
    assert env["JUPYTER_CONFIG_DIR"] == str(ws.config_dir)
    assert env["PACT_COURSE_ROOT"] == str(root.resolve())
    # the account's own Jupyter config is left alone
    assert set(DISABLED_LAB_PLUGINS) <= set(page["disabledExtensions"])


def test_nbgraders_validate_button_is_hidden_from_trainees(root):
    """The trainee's JupyterLab loads custom CSS that hides the Assignments panel's Validate buttons."""
    ws = prepare(root, trainee="t5")
    css = (ws.config_dir / "custom" / "custom.css").read_text()
    assert "#fetched_assignments_list .nested_list_item .item_status button" in css
    assert "display: none" in css
    assert "--LabApp.custom_css=True" in lab_command(ws, 8899)


def test_re_preparing_keeps_other_settings_in_the_config_dir(root):
    """Preparing again keeps other settings already in the config dir's page_config.json."""
    ws = prepare(root, trainee="t4")
    page = ws.config_dir / "labconfig" / "page_config.json"
    data = json.loads(page.read_text())
    data["disabledExtensions"]["@jupyterlab/some:plugin"] = True
    page.write_text(json.dumps(data))
    prepare(root, trainee="t4")
    assert json.loads(page.read_text())["disabledExtensions"]["@jupyterlab/some:plugin"] is True


def test_jupyterlab_binds_to_loopback_with_the_workspace_as_root(root):
    """JupyterLab listens on 127.0.0.1 with the workspace as its root, on the given port; the token is in its
    environment, never on its command line."""
    ws = prepare(root)
    command = lab_command(ws, 8899)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert f"--ServerApp.root_dir={ws.path}" in command
    assert "--ServerApp.port=8899" in command and not [part for part in command if "token" in part.lower()]
    assert lab_environment(ws, root, token="tok")["JUPYTER_TOKEN"] == "tok"


@pytest.mark.parametrize("bad", ["../escape", "a b", "", ".hidden", "x" * 80])
def test_a_bad_trainee_id_is_refused_plainly(root, bad, capsys):
    """An unusable trainee id exits 2 with a plain message, no traceback and no workspace created."""
    code = cli.main(["--root", str(root), "course", "--trainee", bad, "--no-browser"])
    assert code == 2
    err = capsys.readouterr().err
    assert "trainee id" in err and "Traceback" not in err
    assert not (root / "workspaces").exists() or not any((root / "workspaces").iterdir())


def test_notebooks_open_as_course_pages_with_no_run_or_kernel_menu(root):
    """The trainee's JupyterLab opens every notebook as a page (Voila), hides the Run and Kernel menus and the tools a
    trainee has no use for, in the workspace's own settings."""
    ws = prepare(root, trainee="t6")
    settings = ws.config_dir / "lab" / "user-settings" / "@jupyterlab"
    viewers = json.loads((settings / "docmanager-extension" / "plugin.jupyterlab-settings").read_text())
    assert viewers["defaultViewers"] == {"notebook": "Voila Preview"}
    menus = json.loads((settings / "mainmenu-extension" / "plugin.jupyterlab-settings").read_text())["menus"]
    assert {m["id"] for m in menus if m["disabled"]} == {"jp-mainmenu-run", "jp-mainmenu-kernel"}
    page = json.loads((ws.config_dir / "labconfig" / "page_config.json").read_text())
    assert page["disabledExtensions"]["@jupyterlab/debugger-extension:main"] is True


def test_the_server_hides_internals_and_renders_pages_with_the_course_template(root):
    """The server lists no course internals, marks output-free notebooks trusted, renders pages with the course's
    template (no tracebacks, no CDN), and finds that template on JUPYTER_PATH."""
    ws = prepare(root, trainee="t7")
    server = json.loads((ws.config_dir / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["contents_manager_class"].endswith("TraineeContentsManager")
    hidden = server["ContentsManager"]["hide_globs"]
    for name in ("nbgrader_config.py", "decisions.json", "answers.json", "scenarios.json", "*.lock"):
        assert name in hidden
    voila = server["VoilaConfiguration"]
    assert voila["template"] == "pact-course" and voila["show_tracebacks"] is False
    assert server["ServerApp"]["tornado_settings"]["mathjax_url"] == "null"
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    env = lab_environment(ws, root)
    template = Path(env["JUPYTER_PATH"].split(os.pathsep)[0]) / "voila" / "templates" / "pact-course"
    assert (template / "index.html.j2").is_file() and (template / "static" / "course.css").is_file()
    css = (ws.config_dir / "custom" / "custom.css").read_text()
    assert "#fetched_assignments_list .item_status button" in css  # an assessment is submitted from its page


def test_output_free_notebooks_open_without_a_trust_question(tmp_path):
    """The trainee's file manager trusts a notebook that has no outputs (it cannot carry script) and no other."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    import nbformat

    from pact_course.deploy.trainee_contents import TraineeContentsManager

    clean = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("home()")])
    nbformat.write(clean, tmp_path / "clean.ipynb")
    output = nbformat.v4.new_output("display_data", data={"text/html": "<script>alert(1)</script>"})
    dirty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[output])])
    nbformat.write(dirty, tmp_path / "dirty.ipynb")
    manager = TraineeContentsManager(root_dir=str(tmp_path))
    with ThreadPoolExecutor(1) as pool:  # a fresh thread: another test's event loop may be running in this one
        clean_model = pool.submit(asyncio.run, manager.get("clean.ipynb")).result()
        dirty_model = pool.submit(asyncio.run, manager.get("dirty.ipynb")).result()
    assert clean_model["content"]["cells"][0]["metadata"]["trusted"] is True
    assert dirty_model["content"]["cells"][0]["metadata"]["trusted"] is False


def test_an_older_course_page_is_refreshed_but_a_trainees_own_notebook_kept(root):
    """Preparing again replaces a course page that changed in the course, never a notebook without the page mark."""
    ws = prepare(root, trainee="t8")
    page = ws.path / "10-everyday.ipynb"
    data = json.loads(page.read_text())
    data["cells"][-1]["source"] = ["old()"]
    page.write_text(json.dumps(data))
    mine = ws.path / "my-notes.ipynb"
    mine.write_text('{"cells": [], "metadata": {}}')
    again = prepare(root, trainee="t8")
    assert "10-everyday.ipynb" in again.copied
    assert page.read_bytes() == (root / "notebooks" / "10-everyday.ipynb").read_bytes()
    assert mine.read_text() == '{"cells": [], "metadata": {}}'
