"""Certificates: one PDF per passing trainee, in their language (fpdf2, with a Unicode font so accents print)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..build.assessment_notebooks import display_name
from ..engine.messages import t
from ..engine.model import Guideline
from ..engine.report_words import long_date


@dataclass(frozen=True)
class Certificate:
    """What one certificate says."""

    trainee_id: str
    name: str
    lang: str
    assignment: str
    day: date
    score: float
    maximum: float
    guidelines: tuple[Guideline, ...]


def font_files() -> tuple[Path, Path]:
    """DejaVu Sans, regular and bold: the copy matplotlib ships (a dependency), so no system font is needed."""
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def render(cert: Certificate) -> bytes:
    """The certificate as PDF bytes: A4 landscape, a border, the name large, the guidelines assessed listed."""
    from fpdf import FPDF

    lang = cert.lang if cert.lang in ("en", "es") else "en"
    regular, bold = font_files()
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"{t('certificate.title', lang)}: {cert.name}")
    pdf.set_author("PACT")
    pdf.set_lang(lang)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(27, 95, 140)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    width = pdf.w - 50

    def line(text: str, size: float, style: str = "", gap: float = 3) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_x(25)
        pdf.multi_cell(width, size * 0.5, text, align="C")
        pdf.ln(gap)

    pdf.set_y(24)
    line(t("certificate.course", lang), 14, "B", 6)
    line(t("certificate.title", lang), 32, "B", 6)
    line(t("certificate.awarded", lang), 13)
    line(cert.name, 26, "B", 4)
    en, es = display_name(cert.assignment)
    line(
        t(
            "certificate.passed",
            lang,
            assignment=es if lang == "es" else en,
            date=long_date(cert.day, lang),
            score=_number(cert.score),
            maximum=_number(cert.maximum),
        ),
        13,
    )
    line(t("certificate.assessed", lang), 13, gap=2)
    for g in cert.guidelines:
        line(t("guideline", lang, number=g.number, title=g.title.get(lang)), 11, gap=0.5)
    pdf.set_y(pdf.h - 38)
    pdf.set_font("DejaVu", "", 11)
    pdf.set_x(pdf.w - 110)
    pdf.cell(80, 8, "", border="B")
    pdf.ln(9)
    pdf.set_x(pdf.w - 110)
    pdf.cell(80, 6, t("certificate.signed", lang), align="C")
    return bytes(pdf.output())


def write(cert: Certificate, folder: Path) -> Path:
    """Write `<trainee id>.pdf` into `folder`; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{cert.trainee_id}.pdf"
    path.write_bytes(render(cert))
    return path
