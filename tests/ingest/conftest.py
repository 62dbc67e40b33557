"""Fixtures for ingest tests: PDFs rendered on the fly with fpdf2 (never committed)."""

from __future__ import annotations

from pathlib import Path

import pytest


def render_paper_pdf(source: Path, target: Path) -> Path:
    """Render examples/05 as a 2-page PDF: the hard wraps of the text file become the PDF's
    lines (so ``agree-`` ends a line), the running header and page numbers come from
    fpdf2's header/footer, as in a real report."""
    from fpdf import FPDF

    lines = source.read_text("utf-8").splitlines()
    running = lines[0]
    pages: list[list[str]] = [[]]
    for line in lines[1:]:
        if line == running:
            pages.append([])
        elif line.strip().startswith("- ") and line.strip().endswith(" -"):
            continue  # page number: drawn by footer()
        else:
            pages[-1].append(line)
    pages = [p for p in pages if any(x.strip() for x in p)]

    class Paper(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, running.split("  ")[0], new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")

    pdf = Paper()
    pdf.set_auto_page_break(False)
    for page in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        for line in page:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


@pytest.fixture
def paper_pdf(tmp_path: Path, examples_dir: Path) -> Path:
    return render_paper_pdf(examples_dir / "05-think-tank-paper.txt", tmp_path / "paper.pdf")


@pytest.fixture
def image_only_pdf(tmp_path: Path) -> Path:
    """A one-page PDF holding only a picture of text: no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 120), "white")
    ImageDraw.Draw(img).text((10, 50), "Scanned page: Poland and South Korea", fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(img, x=10, y=10, w=180)
    target = tmp_path / "scan.pdf"
    pdf.output(str(target))
    return target
