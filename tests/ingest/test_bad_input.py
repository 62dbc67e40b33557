"""Every kind of bad input gets an IngestError with a one-line reason naming the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accord.errors import IngestError
from accord.ingest import discover, read_document, read_text

ARTICLE = ("Wladyslaw Kosiniak-Kamysz said the caf\u00e9 owners in Gda\u0144sk were not "
           "consulted. \u201cWe are ready,\u201d he told reporters \u2013 the r\u00e9sum\u00e9 of "
           "the talks will follow.\n")


def _error(path: Path) -> IngestError:
    with pytest.raises(IngestError) as err:
        read_document(path)
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith(str(path)) and err.value.path == str(path)
    return err.value


def test_empty_file(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _error(tmp_path / "empty.txt").reason == "empty file"
    (tmp_path / "blank.md").write_text("  \n\n\t\n")
    assert "empty" in _error(tmp_path / "blank.md").reason


def test_binary_file(tmp_path: Path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary" in _error(p).reason


def test_unknown_extension(tmp_path: Path):
    p = tmp_path / "report.docx"
    p.write_bytes(b"PK\x03\x04 not really a docx")
    reason = _error(p).reason
    assert "unsupported file type '.docx'" in reason and ".pdf" in reason


def test_cp1252_file_is_read_correctly(tmp_path: Path):
    text = ARTICLE.replace("\u0144", "n")  # cp1252 has no Polish n-acute
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode("cp1252"))
    doc = read_document(p)
    assert doc.original == text
    assert doc.meta["encoding"] == "cp1252"
    assert "\u201cWe are ready,\u201d" in doc.clean


def test_latin1_file_is_read_correctly(tmp_path: Path):
    text = ("Les ministres se sont rencontr\u00e9s \u00e0 S\u00e9oul: un accord d\u00e9fini "
            "sur la d\u00e9fense, les chars et l'\u00e9conomie fran\u00e7aise.\n"
            "Le ministre polonais a d\u00e9clar\u00e9 que la coop\u00e9ration \u00e9tait "
            "\u00e0 la fois n\u00e9cessaire et b\u00e9n\u00e9fique pour les deux pays.\n")
    p = tmp_path / "latin.txt"
    p.write_bytes(text.encode("latin-1"))
    doc = read_document(p)
    assert doc.original == text
    assert doc.meta["encoding"] in ("cp1252", "latin_1")  # identical for these characters


def test_utf16_with_bom_is_read(tmp_path: Path):
    p = tmp_path / "wide.txt"
    p.write_bytes(ARTICLE.encode("utf-16"))
    assert read_document(p).original == ARTICLE


def test_undecodable_text(tmp_path: Path):
    p = tmp_path / "garbage.txt"
    p.write_bytes(bytes([0x80 + (i * 37) % 120 for i in range(3000)]))
    reason = _error(p).reason
    assert "decode" in reason or "binary" in reason


def test_pdf_without_text_layer(image_only_pdf: Path):
    reason = _error(image_only_pdf).reason
    assert reason.startswith("PDF has no text layer") and "OCR" in reason


def test_corrupt_pdf(tmp_path: Path, paper_pdf: Path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(paper_pdf.read_bytes()[:300])
    assert "cannot open PDF" in _error(broken).reason
    fake = tmp_path / "fake.pdf"
    fake.write_text("this is plain text with a pdf name")
    assert "not a PDF" in _error(fake).reason


def test_truncated_html_without_body(tmp_path: Path, examples_dir: Path):
    html = (examples_dir / "01-seoul-visit.html").read_text("utf-8")
    p = tmp_path / "cut.html"
    p.write_text(html[: html.index("<body>") + 40])
    assert "no article text in the HTML" in _error(p).reason


def test_garbled_html(tmp_path: Path):
    p = tmp_path / "garbled.html"
    p.write_text("<<<html>>><div <p <<span>>> >>> </ <script>var x = 1;</script>")
    assert "no article text" in _error(p).reason


def test_truncated_html_with_body_is_read_with_warning(tmp_path: Path, examples_dir: Path):
    html = (examples_dir / "01-seoul-visit.html").read_text("utf-8")
    p = tmp_path / "partial.html"
    p.write_text(html[: html.index("The trip was the minister")])
    doc = read_document(p)
    assert "$2.6 billion agreement" in doc.clean
    assert any("truncated" in w for w in doc.warnings)


def test_vanished_file(tmp_path: Path):
    p = tmp_path / "gone.txt"
    p.write_text(ARTICLE)
    found = discover([tmp_path])
    p.unlink()
    assert "not found" in _error(found[0]).reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path):
    p = tmp_path / "secret.txt"
    p.write_text(ARTICLE)
    p.chmod(0)
    try:
        assert _error(p).reason == "permission denied"
    finally:
        p.chmod(0o644)


def test_directory_named_like_a_file(tmp_path: Path):
    d = tmp_path / "folder.txt"
    d.mkdir()
    assert "directory" in _error(d).reason


def test_only_furniture(tmp_path: Path):
    p = tmp_path / "nav.txt"
    p.write_text("Home | World | Defence | Opinion\nRead more: the archive\nShare on X\n- 2 -\n")
    assert "no article text left" in _error(p).reason


def test_broken_sidecar(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text('{"published": "2024-01-01",,}')
    with pytest.raises(IngestError) as err:
        read_document(tmp_path / "a.txt")
    assert err.value.path == str(tmp_path / "a.meta.json")
    assert "not valid JSON (line 1" in err.value.reason


def test_discover_missing_path(tmp_path: Path):
    with pytest.raises(IngestError) as err:
        discover([tmp_path / "nowhere"])
    assert err.value.reason == "no such file or directory"


def test_read_text_rejects_pdf_and_unknown_format():
    with pytest.raises(IngestError):
        read_text("%PDF-1.4", "x.pdf", format="pdf")
    with pytest.raises(IngestError) as err:
        read_text("hello", "x", format="docx")
    assert "unknown format" in err.value.reason
    with pytest.raises(IngestError):
        read_text("   ", "blank")


def test_cp1250_polish_file_is_read_correctly(tmp_path: Path):
    text = ("Minister B\u0142aszczak spotka\u0142 si\u0119 w Seulu z ministrem obrony. Rozmowy "
            "dotyczy\u0142y dostaw czo\u0142g\u00f3w i haubic oraz produkcji amunicji w Polsce. "
            "\u0179r\u00f3d\u0142a m\u00f3wi\u0105, \u017ce umowa b\u0119dzie podpisana "
            "wkr\u00f3tce.\n")
    p = tmp_path / "pl.txt"
    p.write_bytes(text.encode("cp1250"))
    doc = read_document(p)
    assert doc.original == text and doc.meta["encoding"] == "cp1250"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_unreadable_file_even_for_root(tmp_path: Path):
    p = tmp_path / "device.txt"
    p.symlink_to("/proc/self/mem")  # exists, but reading it from offset 0 fails
    reason = _error(p).reason
    assert reason.startswith("cannot read file (")
