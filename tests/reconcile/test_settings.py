"""Thresholds and outlet priors: user files, their effect, and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from accord.errors import ConfigError
from accord.reconcile import reconcile
from accord.reconcile.settings import load_outlets, load_thresholds
from accord.store import Store
from accord.store import schema as S

from . import corpus
from .builder import add


def test_shipped_thresholds_are_complete() -> None:
    th = load_thresholds()
    assert set(th) == {"copies", "events", "corroboration", "contradictions", "ingest", "store"}
    w = th["events"]["weights"]
    assert abs(sum(w.values()) - 1.0) < 1e-9
    assert load_outlets() == {}


def test_user_thresholds_override_key_by_key(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("events:\n  merge_score: 0.99\n", encoding="utf-8")
    th = load_thresholds(str(f))
    assert th["events"]["merge_score"] == 0.99
    assert th["events"]["weights"] == load_thresholds()["events"]["weights"]


def test_bad_files_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("events: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.yaml"):
        load_thresholds(str(bad))
    out = tmp_path / "outlets.yaml"
    out.write_text("outlets:\n  harbour post: 1.7\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="harbour post"):
        load_outlets(str(out))


def _confidence(store: Store, doc_id: str) -> float:
    with store.connect() as conn:
        eid = conn.execute(select(S.event_mentions.c.event_id)
                           .where(S.event_mentions.c.document_id == doc_id)).scalar_one()
        return conn.execute(select(S.events.c.confidence)
                            .where(S.events.c.id == eid)).scalar_one()


def test_outlet_prior_lowers_confidence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = corpus.earlier()  # outlet "Harbour Post", one asserted mention
    with Store(tmp_path / "a.db") as s:
        add(s, doc)
        reconcile(s, None)
        plain = _confidence(s, doc.id)
    f = tmp_path / "outlets.yaml"
    f.write_text("outlets:\n  Harbour Post: 0.5\n", encoding="utf-8")
    monkeypatch.setenv("ACCORD_OUTLETS", str(f))
    with Store(tmp_path / "b.db") as s:
        add(s, doc)
        reconcile(s, None)
        assert _confidence(s, doc.id) == pytest.approx(plain * 0.5)


def test_stricter_merge_score_splits_events(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("events:\n  merge_score: 0.99\n", encoding="utf-8")
    monkeypatch.setenv("ACCORD_THRESHOLDS", str(f))
    with Store(tmp_path / "kb.db") as s:
        add(s, corpus.visit(), corpus.independent())
        reconcile(s, None)
        with s.connect() as conn:
            n = conn.execute(select(S.events.c.id).where(S.events.c.type == "CONSULT")).all()
    assert len(n) == 2
