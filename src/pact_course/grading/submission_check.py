"""Refuse links, hard links, devices and anything outside a trainee's submission, before it is copied or graded."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
MAX_DEPTH = 16  # folders inside a submission; deeper ones are refused, never walked
O_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
O_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Refusal:
    """One entry of a trainee's submission that is neither copied nor graded, and why."""

    trainee: str
    path: str  # inside the submission, "." for the submission folder itself
    reason: str

    def message(self) -> str:
        what = "the submission folder" if self.path == "." else f"'{self.path}'"
        return (
            f"Refused {what} in the submission of trainee {self.trainee}: {self.reason}. "
            f"It was not copied or graded; {self.trainee} is graded as if it were not there."
        )


def _why(st: os.stat_result, root_dev: int, target: str | None = None) -> str | None:
    """Why an entry (stat'ed without following links) is refused, or None for a plain file or folder."""
    if stat.S_ISLNK(st.st_mode):
        return f"it is a link (to {target}), not a file of the submission"
    if st.st_dev != root_dev:
        return "it is on another file system mounted inside the submission"
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        return "it is a device, pipe or socket, not a file"
    if st.st_nlink > 1:
        return "it is a hard link: the same file also exists under another name, maybe someone else's"
    return None


def check_root(folder: Path | str, trainee: str) -> Refusal | None:
    """The submission folder itself must be a folder, not a link to one (nor anything else)."""
    folder = Path(folder)
    try:
        st = os.lstat(folder)
    except OSError as exc:
        return Refusal(trainee, ".", f"it cannot be read ({exc.strerror or exc})")
    if stat.S_ISLNK(st.st_mode):
        return Refusal(trainee, ".", f"it is a link (to {os.readlink(folder)}), not a folder of the trainee's")
    if not stat.S_ISDIR(st.st_mode):
        return Refusal(trainee, ".", "it is not a folder")
    return None


def walk(
    folder: Path | str,
    trainee: str,
    on_file: Callable[[int, str, str, os.stat_result], None] | None = None,
    on_dir: Callable[[str], None] | None = None,
    ignore: Callable[[str, list[str]], list[str]] | None = None,
) -> list[Refusal]:
    """Walk a submission without ever following a link; refuse what is not the trainee's own plain file or folder.

    Folders are opened relative to their parent's descriptor, so nothing swapped in during the walk is followed.
    `on_file(dir_fd, name, relpath, stat)` and `on_dir(relpath)` see only what passed; `ignore(dirpath, names)`
    (nbgrader's ignore_patterns) drops names as nbgrader's own copy would.
    """
    folder = Path(folder)
    root = check_root(folder, trainee)
    if root is not None:
        return [root]
    refusals: list[Refusal] = []
    fd = os.open(folder, O_DIR)
    root_dev = os.fstat(fd).st_dev
    stack: list[tuple[int, str, int]] = [(fd, "", 0)]
    try:
        while stack:
            dir_fd, rel, depth = stack.pop()
            try:
                names = sorted(os.listdir(dir_fd))
                if ignore is not None:
                    dropped = set(ignore(str(folder / rel) if rel else str(folder), names))
                    names = [n for n in names if n not in dropped]
                for name in names:
                    relpath = f"{rel}/{name}" if rel else name
                    try:
                        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                        target = os.readlink(name, dir_fd=dir_fd) if stat.S_ISLNK(st.st_mode) else None
                    except OSError:
                        refusals.append(Refusal(trainee, relpath, "it changed while it was being checked"))
                        continue
                    reason = _why(st, root_dev, target)
                    if reason is None and stat.S_ISDIR(st.st_mode) and depth + 1 > MAX_DEPTH:
                        reason = f"folders are nested more than {MAX_DEPTH} deep"
                    if reason is not None:
                        refusals.append(Refusal(trainee, relpath, reason))
                    elif stat.S_ISDIR(st.st_mode):
                        try:
                            sub = os.open(name, O_DIR, dir_fd=dir_fd)
                        except OSError:
                            refusals.append(Refusal(trainee, relpath, "it changed while it was being checked"))
                            continue
                        stack.append((sub, relpath, depth + 1))
                        if on_dir is not None:
                            on_dir(relpath)
                    elif on_file is not None:
                        on_file(dir_fd, name, relpath, st)
            finally:
                os.close(dir_fd)
    finally:
        for fd_left, _, _ in stack:  # only after an error above
            os.close(fd_left)
    return refusals


def check_submission(folder: Path | str, trainee: str) -> list[Refusal]:
    """Every entry of a submission that must not be copied or graded (empty: all plain files and folders)."""
    return walk(folder, trainee)


def copy_submission(src: Path | str, dest: Path | str, trainee: str, ignore=None) -> list[Refusal]:
    """Copy a submission's own plain files and folders to `dest`, refusing the rest; the refusals.

    Each file is opened without following links and checked again once open, so a link or hard link
    swapped in after the check is refused too. Nothing is copied if the folder itself is refused.
    """
    dest = Path(dest)
    late: list[Refusal] = []

    def on_dir(relpath: str) -> None:
        (dest / relpath).mkdir(parents=True, exist_ok=True)

    def on_file(dir_fd: int, name: str, relpath: str, seen: os.stat_result) -> None:
        try:
            fd = os.open(name, O_FILE, dir_fd=dir_fd)
        except OSError as exc:
            late.append(Refusal(trainee, relpath, f"it could not be opened as a plain file ({exc.strerror or exc})"))
            return
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if (st.st_ino, st.st_dev) != (seen.st_ino, seen.st_dev) or _why(st, seen.st_dev) is not None:
                late.append(Refusal(trainee, relpath, "it was replaced while it was being copied"))
                return
            target = dest / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as out:
                while chunk := fh.read(1 << 20):
                    out.write(chunk)
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.chmod(target, stat.S_IMODE(st.st_mode) | stat.S_IRUSR | stat.S_IWUSR)

    refusals = walk(src, trainee, on_file, on_dir, ignore)
    if not any(r.path == "." for r in refusals):
        dest.mkdir(parents=True, exist_ok=True)
    return refusals + late


def clear_refused(folder: Path | str, trainee: str) -> tuple[list[Refusal], bool]:
    """Remove refused entries from a collected submission (only their names: a link, never what it points to).

    Returns the refusals and whether the submission is now safe to grade (False when something refused
    could not be removed, such as a mounted folder or the submission folder itself).
    """
    folder = Path(folder)
    refusals = check_submission(folder, trainee)
    safe = True
    for refusal in refusals:
        path = folder if refusal.path == "." else folder / refusal.path
        try:
            if refusal.path == "." or (path.is_dir() and not path.is_symlink()):
                safe = False
                continue
            os.unlink(path)
        except OSError:
            safe = False
    return refusals, safe


def report(refusals: list[Refusal], logger=None) -> None:
    """Each refusal as one plain line on the given logger (nbgrader's), else this module's."""
    for refusal in refusals:
        (logger or log).error(refusal.message())


def _app_log():
    """The running nbgrader app's logger (its messages carry the app's name), else None."""
    try:
        from nbgrader.apps.autogradeapp import AutogradeApp

        return AutogradeApp.instance().log if AutogradeApp.initialized() else None
    except Exception:  # noqa: BLE001 - this module's logger then
        return None


def autograde_pre_hook(assignment: str, student: str, notebooks: list[str], **_) -> None:
    """nbgrader's Autograde.pre_convert_hook: before a submission is copied, refuse what must not be graded.

    Refused entries are removed from submitted/ (links, device nodes, other names of hard-linked files);
    a refused notebook is dropped from the list nbgrader grades, so the trainee is graded as if it were
    absent. If something refused cannot be removed, no notebook of that submission is graded.
    """
    if not notebooks:
        return
    folder = Path(notebooks[0]).parent
    trainee = folder.parent.name
    problems = [r for r in (check_root(folder.parent, trainee), check_root(folder, trainee)) if r is not None]
    refusals, safe = clear_refused(folder, trainee) if not problems else (problems, False)
    report(refusals, _app_log())
    if not safe:
        notebooks.clear()
        return
    refused = {str(folder / r.path) for r in refusals}
    notebooks[:] = [nb for nb in notebooks if str(nb) not in refused and os.path.lexists(nb)]
