"""`pact-course report`'s output: reports/<assignment>/ with index.html, results.csv, certificates/ and xapi.jsonl."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..grading.results import PASS
from . import certificates, html_page, xapi
from .cohort import Cohort, Trainee, load_cohort


@dataclass
class ReportFiles:
    """What one report wrote."""

    folder: Path
    index: Path
    csv: Path
    xapi: Path
    statements: int = 0
    certificates: list[Path] = field(default_factory=list)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _named(cohort: Cohort, ids: list[str]) -> str:
    """Guideline ids as "1 Join and leave as you like | 3 ..." (numbers and titles, never slugs)."""
    by_id = {g.id: g for g in cohort.course.guidelines}
    return " | ".join(f"{by_id[g].number} {by_id[g].title.en}" if g in by_id else g for g in ids)


def _plan_text(trainee: Trainee) -> str:
    if trainee.plan is None or not trainee.plan.needed:
        return ""
    return " | ".join(
        f"{item.guideline.number} {item.guideline.title.en}: {item.practice('en')}" for item in trainee.plan.guidelines
    )


def write_csv(cohort: Cohort, path: Path) -> None:
    """results.csv: one row per trainee, scenarios by title, guidelines by number and title."""
    path.parent.mkdir(parents=True, exist_ok=True)
    guideline_cols = [
        f"{g.number} {g.title.en} ({what})" for g in cohort.guidelines for what in ("upheld", "went against")
    ]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "trainee",
                "name",
                "status",
                "score",
                "maximum",
                *[f"{s.title.en} ({s.id})" for s in cohort.scenarios],
                "guidelines upheld",
                "guidelines went against",
                *guideline_cols,
                "critical errors",
                "reflections marked",
                "reflections maximum",
                "follow-up plan",
                "note",
            ]
        )
        for tr in cohort.trainees:
            r = tr.result
            marked = [v for v in r.free_text.values() if v is not None]
            counts: list[int | str] = []
            for g in cohort.guidelines:
                tally = tr.tallies.get(g.id)
                counts += [tally.upheld, tally.breached] if tally else ["", ""]
            w.writerow(
                [
                    tr.id,
                    tr.name,
                    r.status,
                    _num(r.score),
                    _num(r.maximum),
                    *[_num(r.scenarios.get(s.id)) for s in cohort.scenarios],
                    _named(cohort, [g for g in r.upheld if g not in r.breached]),
                    _named(cohort, r.breached),
                    *counts,
                    " | ".join(r.critical),
                    _num(sum(marked)) if r.free_text and len(marked) == len(r.free_text) else "",
                    _num(r.free_text_maximum),
                    _plan_text(tr),
                    r.note,
                ]
            )


def certificate_for(cohort: Cohort, trainee: Trainee, day: date) -> certificates.Certificate | None:
    """The certificate of a passing trainee; None for anyone else (never for follow-up)."""
    r = trainee.result
    if r.status != PASS or r.score is None:
        return None
    return certificates.Certificate(
        trainee.id, trainee.name, trainee.lang, cohort.assignment, day, r.score, r.maximum, tuple(cohort.guidelines)
    )


def write_report(
    root: Path | str, assignment: str, out: Path | None = None, threshold: float | None = None, day: date | None = None
) -> ReportFiles:
    """Write the whole report; certificates/ holds exactly the passing trainees' PDFs (older ones are removed)."""
    cohort = load_cohort(root, assignment, threshold)
    day = day or date.today()
    folder = Path(out) if out else cohort.root / "reports" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(folder, folder / "index.html", folder / "results.csv", folder / "xapi.jsonl")
    files.index.write_text(html_page.page(cohort, day), encoding="utf-8")
    write_csv(cohort, files.csv)
    files.statements = xapi.write(cohort, files.xapi)
    cert_dir = folder / "certificates"
    cert_dir.mkdir(exist_ok=True)
    for old in cert_dir.glob("*.pdf"):
        old.unlink()
    for trainee in cohort.trainees:
        cert = certificate_for(cohort, trainee, day)
        if cert is not None:
            files.certificates.append(certificates.write(cert, cert_dir))
    return files
