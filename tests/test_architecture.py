"""The shape of the package: layers import downwards only, one read side, a pinned API.

These read the source (``ast``), not the running program, so a new module that
breaks a rule fails here with its name and line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import accord

SRC = Path(accord.__file__).resolve().parent

#: Higher imports lower, never the reverse; a package at the same rank as
#: another does not import it. A new package must be given its place here.
RANK = {
    "errors": 0, "records": 0, "install": 0, "procs": 0, "settings": 1,
    "ingest": 2, "extract": 3, "store": 4, "reconcile": 5,
    "query": 6, "engine": 6,
    "report": 7, "export": 7,
    "api": 8, "bench": 8, "eval": 8,
    "web": 9,  # reads and writes through the KnowledgeBase (api), as a Python user does
    "cli": 10,
}
#: Modules that read the knowledge base only through :mod:`accord.query`.
READ_SIDE_CLIENTS = ("cli", "web", "report", "export")


def _modules() -> Iterator[tuple[str, Path, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(module: str, path: Path, tree: ast.Module) -> Iterator[tuple[str, int]]:
    """Absolute names of the accord modules (or module attributes) ``tree`` imports."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                full = ".".join([*base, node.module] if node.module else base)
            else:
                full = node.module or ""
            if full == "accord":
                for alias in node.names:
                    yield f"accord.{alias.name}", node.lineno
            elif full.startswith("accord."):
                yield full, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("accord."):
                    yield alias.name, node.lineno


def _package(name: str) -> str | None:
    """``accord.query.events`` -> ``query``; the package root and its dunders -> None."""
    parts = name.split(".")
    if len(parts) < 2 or parts[1].startswith("__"):
        return None
    return parts[1]


def test_every_package_has_a_rank() -> None:
    packages = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
                if (p.suffix == ".py" and p.stem != "__init__")
                or (p.is_dir() and (p / "__init__.py").exists())}
    missing = sorted(packages - set(RANK))
    assert not missing, f"give these packages a place in RANK (this file): {missing}"


def test_imports_go_downwards_only() -> None:
    bad = []
    for module, path, tree in _modules():
        src = _package(module)
        if src is None or src not in RANK:
            continue
        for name, line in _imports(module, path, tree):
            dst = _package(name)
            if dst is None or dst == src or dst not in RANK:
                continue
            if RANK[dst] >= RANK[src]:
                bad.append(f"{path.relative_to(SRC)}:{line} {src} imports {dst}")
    assert not bad, "upward or sideways imports:\n" + "\n".join(bad)


def test_no_sql_outside_the_query_and_store_layers() -> None:
    """The CLI, the web app, the reports and the exports read through accord.query."""
    bad = []
    for module, path, tree in _modules():
        if _package(module) not in READ_SIDE_CLIENTS:
            continue
        where = path.relative_to(SRC)
        for name, line in _imports(module, path, tree):
            if name.startswith("accord.store.schema") or name == "accord.store.S":
                bad.append(f"{where}:{line} imports the schema")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and not node.level and node.module and \
                    node.module.split(".")[0] == "sqlalchemy" and node.module != "sqlalchemy.exc":
                bad.append(f"{where}:{node.lineno} imports {node.module}")
            if isinstance(node, ast.Import) and any(
                    a.name.split(".")[0] == "sqlalchemy" and a.name != "sqlalchemy.exc"
                    for a in node.names):
                bad.append(f"{where}:{node.lineno} imports sqlalchemy")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("execute", "scalar", "scalars"):
                bad.append(f"{where}:{node.lineno} runs a statement (.{node.func.attr})")
    assert not bad, "SQL outside accord.query/accord.store:\n" + "\n".join(bad)


#: What users may import from ``accord``; changing it is an API change.
PUBLIC = [
    "__version__", "open", "KnowledgeBase", "Settings",
    "IngestedDocument", "Extraction", "SentenceRecord", "MentionRecord", "ActorRef",
    "EventRecord", "ClaimRecord", "QuantityRecord",
    "AccordError", "ConfigError", "IngestError", "StoreError", "NotFound", "QueryError",
]


def test_public_api_is_pinned() -> None:
    assert accord.__all__ == PUBLIC
    for name in PUBLIC:
        assert getattr(accord, name) is not None, name
    from accord.api import KnowledgeBase

    assert accord.KnowledgeBase is KnowledgeBase
    assert issubclass(accord.QueryError, accord.AccordError)
    assert all(issubclass(getattr(accord, e), accord.AccordError)
               for e in ("ConfigError", "IngestError", "StoreError", "NotFound"))


def test_knowledge_base_methods_reach_the_query_layer() -> None:
    """Every read a user may make is a method of the knowledge base."""
    reads = {"timeline", "dyad", "search", "ask", "entities", "entity", "resolve_actor",
             "event", "document", "documents", "contradictions", "copies", "brief", "export",
             "export_json", "stats"}
    missing = sorted(r for r in reads if not callable(getattr(accord.KnowledgeBase, r, None)))
    assert not missing
