"""The example corpus, built by the real pipeline, against examples/gold/reconcile.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from accord.store import schema as S

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold" / "reconcile.yaml"


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kb_state(example_kb) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    store = example_kb.store
    with store.connect() as conn:
        docs = {r.id: r._asdict() for r in conn.execute(select(S.documents.c.id,
                S.documents.c.source, S.documents.c.copy_of, S.documents.c.copy_kind))}
        name = {d: Path(r["source"]).name for d, r in docs.items()}
        events = {r.id: r._asdict() for r in conn.execute(select(S.events))}
        for e in events.values():
            e["documents"] = set()
        for r in conn.execute(select(S.event_mentions.c.event_id, S.event_mentions.c.document_id)):
            if r.event_id:
                events[r.event_id]["documents"].add(name[r.document_id])
        cx = [r._asdict() for r in conn.execute(select(S.contradictions))]
    for c in cx:
        c["names"] = {name.get(d, d) for d in c["documents"]}
    return {"docs": docs, "name": name, "events": events, "contradictions": cx}


def test_copies(gold: dict[str, Any], kb_state: dict[str, Any]) -> None:
    name, docs = kb_state["name"], kb_state["docs"]
    found = {name[d]: (name.get(r["copy_of"]), r["copy_kind"]) for d, r in docs.items()
             if r["copy_of"]}
    for c in gold["copies"]:
        assert c["copy"] in found, f"{c['copy']} is not recognised as a copy"
        assert found[c["copy"]][0] == c["of"]
        assert found[c["copy"]][1] in c["kind"]
    if gold.get("no_other_copies"):
        assert set(found) == {c["copy"] for c in gold["copies"]}


def _event(kb_state: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    matches = [e for e in kb_state["events"].values()
               if e["type"] == spec["type"] and e["date_value"] == spec["date"]
               and set(spec["documents"]) <= e["documents"]]
    assert len(matches) == 1, (spec["name"], [
        (e["type"], e["date_value"], sorted(e["documents"])) for e in kb_state["events"].values()
        if e["type"] == spec["type"]])
    return matches[0]


def test_events(gold: dict[str, Any], kb_state: dict[str, Any]) -> None:
    for spec in gold["events"]:
        e = _event(kb_state, spec)
        assert e["independent_sources"] == spec["independent_sources"], spec["name"]
        assert not (set(spec.get("not_documents", [])) & e["documents"]), spec["name"]


def test_contradictions(gold: dict[str, Any], kb_state: dict[str, Any]) -> None:
    for spec in gold["contradictions"]:
        hits = [c for c in kb_state["contradictions"] if c["kind"] == spec["kind"]
                and set(spec["documents"]) <= c["names"]
                and all(t in c["explanation"] for t in spec.get("explanation_contains", []))]
        assert hits, (spec, [(c["kind"], sorted(c["names"]), c["explanation"])
                             for c in kb_state["contradictions"]])
    for spec in gold.get("no_contradictions", []):
        assert not [c for c in kb_state["contradictions"] if c["kind"] == spec["kind"]
                    and set(spec["documents"]) <= c["names"]], spec
