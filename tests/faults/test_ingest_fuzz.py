"""Random bytes and text through ingest: a document or a one-line IngestError, nothing else."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import IngestError
from accord.ingest import read_document, read_text

FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
WORDS = st.sampled_from(["Poland", "signed", "a", "deal", "with", "Korea", "on", "March",
                         "3,", "2024.", "\n", "\n\n", "#", "*", "<p>", "</p>", "{", "}",
                         "=", "-", "\x00", "\x0b", "\u200b", "\ufeff", "é", "—"])


def _check(doc) -> None:  # type: ignore[no-untyped-def]
    assert doc.id == hashlib.sha256(doc.original.encode("utf-8")).hexdigest()
    assert doc.clean.strip()
    assert "\n" not in (doc.title or "")


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_bytes_give_a_document_or_an_ingest_error(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except IngestError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
            return
        _check(doc)


@FUZZ
@given(words=st.lists(WORDS | st.text(max_size=12), max_size=80),
       fmt=st.sampled_from(["txt", "md", "html"]))
def test_random_text_gives_a_document_or_an_ingest_error(words, fmt):
    text = " ".join(words)
    try:
        doc = read_text(text, "fuzz", fmt)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    _check(doc)


@pytest.mark.parametrize("text", ["\x00" * 50, "\ufeff\n\n\n", "<html><body></body></html>",
                                  "---\ntitle: x\n---\n"])
def test_empty_in_disguise_is_an_ingest_error(text):
    with pytest.raises(IngestError):
        read_text(text, "fuzz", "html" if text.startswith("<") else "md")
