"""Every bundled example article is added by a build: nothing is skipped silently.

A missing optional module (lxml's HTML cleaner once moved to its own project) made
HTML input fail in some fresh installs only; this test fails on any such install.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf"}


def _articles() -> set[str]:
    return {p.name for p in EXAMPLES.iterdir()
            if p.is_file() and p.suffix in ARTICLE_SUFFIXES and p.name != "README.md"}


def test_every_bundled_article_is_added(example_build):
    kb, report = example_build
    added = {Path(d["source"]).name for d in kb.documents()}
    expected = _articles()
    assert len(expected) == 10
    assert added == expected
    assert not report.failed


def test_html_cleaner_is_importable():
    import lxml.html.clean  # noqa: F401  (trafilatura needs it for some pages)
