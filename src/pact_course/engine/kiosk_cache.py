"""The kiosk's course without YAML: the validated kiosk scenarios cached as JSON, used only while still fresh."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .model import Course
from .root import find_course_root
from .showcase import kiosk_scenarios

CACHE = Path("kiosk") / "kiosk-course.json"  # under the course root; generated, never committed
FORMAT = 1
CONTENT = Path("content")
ENGINE = Path(__file__).resolve().parent


def fingerprint(root: Path) -> str:
    """A digest of everything the cached course depends on: the content files and the engine's code.

    Any edit to a guideline or scenario file (or a new or removed one), or to the code that validates and
    filters them, gives another digest, so a cache written before it is never used.
    """
    digest = hashlib.sha256(f"pact-kiosk-course {FORMAT}\n".encode())
    content = root / CONTENT
    files = [content / "guidelines.yaml", *sorted((content / "scenarios").glob("*.y*ml"))]
    files += sorted(ENGINE.glob("*.py"))
    for file in files:
        digest.update(str(file.relative_to(root) if file.is_relative_to(root) else file.name).encode() + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:
            digest.update(b"\0missing\0")
        digest.update(b"\0")
    return digest.hexdigest()


def kiosk_subset(course: Course) -> Course:
    """The guidelines and only the scenarios a kiosk may show."""
    return Course(guidelines=course.guidelines, scenarios={s.id: s for s in kiosk_scenarios(course)})


def write_cache(root: Path | str, course: Course | None = None) -> Path | None:
    """Write the kiosk's cache for the course at `root` (loading it if not given); its path, or None if the
    course folder cannot be written (the kiosk then validates the content itself).

    Raises ContentError when the content does not validate (nothing is written then).
    """
    root = Path(root).resolve()
    digest = fingerprint(root)
    if course is None:
        from .content import load_course

        course = load_course(root)
    data = {"format": FORMAT, "fingerprint": digest, "course": kiosk_subset(course).model_dump(mode="json")}
    target = root / CACHE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kiosk-course.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.chmod(tmp, (root / CONTENT / "guidelines.yaml").stat().st_mode & 0o666)  # as readable as content/
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return None
    return target


def read_cache(root: Path | str) -> Course | None:
    """The cached kiosk course if the cache exists, is whole and matches the content and code now; else None."""
    root = Path(root).resolve()
    try:
        data = json.loads((root / CACHE).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if data.get("fingerprint") != fingerprint(root):
            return None
        course = Course.model_validate(data["course"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # pydantic's ValidationError is a ValueError
        return None
    return kiosk_subset(course)  # a cache edited by hand still shows only kiosk scenarios


def kiosk_course(root: Path | str | None = None) -> Course:
    """The course the kiosk shows: from the cache when fresh, else loaded and validated from content/.

    Only `pact-course build` and `pact-course kiosk` write the cache; a kiosk kernel only reads it.
    Raises ContentError (from validation) when the content is broken.
    """
    root = Path(root) if root else find_course_root()
    cached = read_cache(root)
    if cached is not None:
        return cached
    from .content import load_course

    return kiosk_subset(load_course(root))


def refresh_cache(root: Path | str) -> bool:
    """Write the cache unless a fresh one is there; True if a fresh cache is there now.

    Broken or unreadable content writes nothing and never stops the kiosk from starting: its page then says it is
    unavailable, and `pact-course validate` says why.
    """
    if read_cache(root) is not None:
        return True
    try:
        return write_cache(root) is not None
    except Exception:  # noqa: BLE001 - ContentError or anything else: the kiosk's own load reports it on its page
        return False
