"""Each reader on our own example articles."""

from __future__ import annotations

from pathlib import Path

from accord.ingest import discover, document_id, read_document, read_text
from accord.ingest.offsets import OffsetMap


def _orig(doc, phrase: str) -> str:
    s = doc.clean.index(phrase)
    a, b = OffsetMap(doc.offset_map).to_original(s, s + len(phrase))
    return doc.original[a:b]


def test_txt_reader_keeps_original_and_drops_header_lines(examples_dir: Path):
    doc = read_document(examples_dir / "02-seoul-visit-reprint.txt")
    assert doc.format == "txt"
    assert doc.original == (examples_dir / "02-seoul-visit-reprint.txt").read_text("utf-8")
    assert doc.meta["encoding"] == "utf_8"
    assert doc.clean.startswith("Polish Defence Minister Wladyslaw Kosiniak-Kamysz visited Seoul")
    assert "Published March 8" not in doc.clean and "By Marek" not in doc.clean
    # furniture at the end is gone, the article's last sentence is not
    assert doc.clean.endswith("first published by Baltic Defence Monitor.")
    assert "Share this article" not in doc.clean and "Related:" not in doc.clean
    assert "$6.2 billion agreement" in doc.clean
    assert doc.id == document_id(doc.original) and len(doc.id) == 64


def test_md_reader_strips_front_matter_and_markup(examples_dir: Path):
    doc = read_document(examples_dir / "03-embassy-plot.md")
    assert doc.format == "md"
    assert doc.original.startswith("---\ntitle:")
    for markup in ("---", "# ", "**", "](", "https://", "- Four"):
        assert markup not in doc.clean
    assert "Agents arrested four people last month in raids" in doc.clean
    assert "thanked the Polish authorities for their cooperation" in doc.clean
    assert "\n\nWhat investigators found\n\n" in doc.clean  # a heading is its own paragraph
    assert "\n\nFour suspects are in pre-trial detention" in doc.clean  # so is a list item
    # the bold phrase maps back to the marked-up original
    assert _orig(doc, "arrested four people last month") == "arrested four people last month"
    assert _orig(doc, "Agents arrested four") == "Agents **arrested four"
    assert doc.meta["front_matter"]["tags"]


def test_html_reader_extracts_body_without_furniture(examples_dir: Path):
    doc = read_document(examples_dir / "01-seoul-visit.html")
    assert doc.format == "html"
    assert "<p>" not in doc.original  # original is trafilatura's text, not markup
    assert doc.clean.startswith("Polish Defence Minister Wladyslaw Kosiniak-Kamysz visited Seoul"
                                " on Monday")
    assert "$2.6 billion agreement for K2 tanks, officials said" in doc.clean
    for furniture in ("Subscribe", "Share on", "Photo:", "reader_from_gdansk", "Bumar",
                      "All rights reserved", "newsletter", "Blaszczak in Seoul"):
        assert furniture not in doc.clean, furniture
    # the pull quote repeats a sentence of the body: once is enough
    assert doc.clean.count("delivers on time, not in ten years") == 1
    assert doc.meta["cleaning"]["dropped_lines"].get("pull quote") == 1
    assert doc.warnings == []


def test_html_read_text_gives_same_document(examples_dir: Path):
    html = (examples_dir / "01-seoul-visit.html").read_text("utf-8")
    from_file = read_document(examples_dir / "01-seoul-visit.html")
    from_text = read_text(html, "upload.html", format="html")
    assert from_text.id == from_file.id
    assert from_text.clean == from_file.clean
    assert from_text.published == "2024-03-06"


def test_pdf_reader_on_rendered_paper(paper_pdf: Path, examples_dir: Path):
    doc = read_document(paper_pdf)
    assert doc.format == "pdf" and doc.meta["pages"] == 2
    assert "\f" in doc.original
    # pdfium marks the line-end hyphen; the cleaner repairs it
    assert "agreement worth $13.7 billion" in doc.clean
    assert "embassy in Warsaw," in doc.clean
    assert "Wladyslaw Kosiniak-Kamysz, has promised" in doc.clean
    # page furniture: running header and page numbers
    assert "CENTRE FOR EASTERN" not in doc.clean
    assert "- 1 -" not in doc.clean and "- 2 -" not in doc.clean
    # a sentence that runs across the page break is joined
    assert "Neither episode slowed the deliveries" in doc.clean
    assert doc.title == "POLAND AND SOUTH KOREA: AN ARMS PARTNERSHIP COMES OF AGE"
    assert doc.author == "Ewa Zielinska"
    assert doc.published == "2024-01" and doc.published_basis == "text"
    # same article as the text-file version of the paper
    txt = read_document(examples_dir / "05-think-tank-paper.txt")
    assert doc.clean == txt.clean
    hyphen = doc.clean.index("agreement")
    a, b = OffsetMap(doc.offset_map).to_original(hyphen, hyphen + len("agreement"))
    assert doc.original[a:b] == "agree\ufffement"


def test_read_text_txt_and_meta_override():
    text = "Warsaw talks end\n\nBy Ann Smith\n\nThe talks in Warsaw ended on Friday without " \
           "a statement from either side, officials said.\n"
    doc = read_text(text, "memory:1", meta={"published": "2024-02-03", "outlet": "Wire"})
    assert doc.source == "memory:1" and doc.format == "txt"
    assert doc.title == "Warsaw talks end" and doc.author == "Ann Smith"
    assert doc.published == "2024-02-03" and doc.published_basis == "sidecar"
    assert doc.outlet == "Wire"
    assert doc.clean == ("The talks in Warsaw ended on Friday without a statement from either "
                         "side, officials said.")


def test_same_content_same_id(tmp_path: Path, examples_dir: Path):
    a = read_document(examples_dir / "04-belarus-accuses.txt")
    copy = tmp_path / "renamed.txt"
    copy.write_bytes((examples_dir / "04-belarus-accuses.txt").read_bytes())
    b = read_document(copy)
    assert a.id == b.id and a.source != b.source
    changed = tmp_path / "changed.txt"
    changed.write_text(a.original.replace("3,000", "4,000"), "utf-8")
    assert read_document(changed).id != a.id


def test_discover_walks_dirs_and_skips_sidecars_hidden_and_readme(tmp_path: Path):
    (tmp_path / "sub" / ".hidden").mkdir(parents=True)
    for name in ("a.txt", "b.md", "sub/c.html", "sub/d.PDF", "sub/e.htm", "f.markdown"):
        (tmp_path / name).write_text("x")
    for name in ("a.meta.json", ".secret.txt", "sub/.hidden/g.txt", "notes.docx", "README.md",
                 "img.png"):
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.txt", "b.md", "f.markdown", "sub/c.html", "sub/d.PDF", "sub/e.htm"]
    # a named file is returned as given, whatever its type (reading it reports the problem)
    assert discover([tmp_path / "notes.docx", tmp_path / "a.txt"]) == [
        tmp_path / "notes.docx", tmp_path / "a.txt"]
    assert len(discover([tmp_path, tmp_path / "a.txt"])) == 6  # no duplicates


def test_examples_dir_has_ten_articles(examples_dir: Path):
    assert len(discover([examples_dir])) == 10
