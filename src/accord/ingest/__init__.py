"""accord.ingest: read files into :class:`~accord.records.IngestedDocument`.

Public API (used by the build engine, the CLI, tests and benchmarks):

- :func:`read_document` reads one file (txt, md, html, pdf);
- :func:`read_text` reads text already in memory (uploads, tests, synthetic corpora);
- :func:`discover` lists the files a build should read.

See ``docs/ingest.md`` for formats, cleaning, the offset map and metadata precedence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from accord.errors import IngestError
from accord.records import IngestedDocument

from . import clean as clean_mod
from . import dates, language, lines, metadata, wires
from .readers import EXTENSIONS, KEYS, Raw, format_for, normal_format, pick, read_bytes, read_str
from .readers import wordy as _wordy

__all__ = ["read_document", "read_text", "discover", "document_id", "SUPPORTED_EXTENSIONS",
           "sidecar_path"]

SUPPORTED_EXTENSIONS = tuple(sorted(EXTENSIONS))
SIDECAR_SUFFIX = ".meta.json"
#: File names (without extension, lower case) that describe a folder rather than being an
#: article; skipped when walking directories (a file named explicitly is still read).
NOT_ARTICLES = frozenset({"readme", "license", "licence", "changelog", "contributing"})


def document_id(original: str) -> str:
    """Content hash: SHA-256 (hex, all 64 characters) of the original text as UTF-8.

    The same text read twice, from any file name, gets the same id, which makes re-adding
    a no-op. For HTML the hash is of the extracted text, so a page re-saved with other
    markup around the same article is still the same document.
    """
    return hashlib.sha256(original.encode("utf-8")).hexdigest()


def sidecar_path(path: Path) -> Path:
    """``dir/NAME.meta.json`` for ``dir/NAME.ext``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _load_sidecar(path: Path) -> dict[str, Any] | None:
    side = sidecar_path(path)
    if not side.is_file():
        return None
    try:
        data = json.loads(side.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise IngestError(str(side), f"sidecar is not valid JSON (line {exc.lineno}: {exc.msg})"
                          ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(str(side), f"cannot read sidecar ({exc})") from exc
    if not isinstance(data, dict):
        raise IngestError(str(side), "sidecar must be a JSON object")
    data = {str(k).lower(): v for k, v in data.items()}
    data["_path"] = str(side)
    return data


def _read_file(path: Path, cap: int | None = None) -> bytes:
    """The file's bytes; with ``cap``, at most that many (cut after a line end)."""
    try:
        if path.is_dir():
            raise IngestError(str(path), "is a directory, not a file")
        if cap is None:
            return path.read_bytes()
        with path.open("rb") as fh:
            data = fh.read(cap + 1)
        if len(data) <= cap:
            return data
        cut = data.rfind(b"\n", 0, cap)
        return data[:cut + 1] if cut > 0 else data[:cap]
    except FileNotFoundError as exc:
        raise IngestError(str(path), "file not found (moved or deleted?)") from exc
    except PermissionError as exc:
        raise IngestError(str(path), "permission denied") from exc
    except OSError as exc:
        raise IngestError(str(path), f"cannot read file ({exc.strerror or exc})") from exc


def read_document(path: str | Path) -> IngestedDocument:
    """Read, clean and describe one file. Raises :class:`IngestError` with a one-line reason."""
    p = Path(path)
    fmt = format_for(p)
    # A text file many times the article limit is not read whole (decoding 50 MB
    # alone takes half a minute): four bytes per character covers any UTF-8.
    limit = max_article_chars()
    cap = limit * 4 if limit > 0 and fmt != "pdf" else None
    data = _read_file(p, cap)
    sidecar = _load_sidecar(p)
    raw = read_bytes(fmt, data, str(p))
    raw.info["bytes"] = len(data)
    if cap is not None and len(data) < cap + 1:
        try:
            size = p.stat().st_size
        except OSError:
            size = len(data)
        if size > len(data):
            raw.info["bytes"] = size
            raw.info["bytes_read"] = len(data)
    _truncate(raw)
    return _finish(raw, str(p), sidecar)


def read_text(text: str, source: str, format: str = "txt",
              meta: dict[str, Any] | None = None) -> IngestedDocument:
    """Read text already in memory. ``format`` is txt, md or html (HTML source);
    ``meta`` overrides metadata like a sidecar does (keys as in docs/ingest.md)."""
    try:
        fmt = normal_format(format)
    except ValueError as exc:
        raise IngestError(source, str(exc)) from exc
    if fmt == "pdf":
        raise IngestError(source, "PDF must be read from a file (read_document)")
    raw = read_str(fmt, text, source)
    _truncate(raw)
    override = {str(k).lower(): v for k, v in meta.items()} if meta else None
    return _finish(raw, source, override)


def max_article_chars() -> int:
    """``ingest.max_article_chars`` of the active settings (see docs/ingest.md)."""
    from accord.settings import current

    return int(current().thresholds.get("ingest", {}).get("max_article_chars", 500_000))


def _truncate(raw: Raw) -> None:
    """Keep the first ``ingest.max_article_chars`` characters of a huge text, cut at a
    paragraph (or line, or sentence) break, and say so in the document's warnings.

    A 50 MB text file is a book or a dump, not an article; reading all of it would
    take the extraction pipeline hours and gigabytes.
    """
    limit = max_article_chars()
    text = raw.original
    partial = "bytes_read" in raw.info
    if limit <= 0 or (len(text) <= limit and not partial):
        return
    floor = int(limit * 0.9)
    cut = -1
    for sep in ("\n\n", "\n", ". "):
        cut = text.rfind(sep, floor, limit)
        if cut > 0:
            cut += len(sep)
            break
    cut = cut if cut > 0 else min(limit, len(text))
    raw.original = text[:cut]
    raw.body_start = min(raw.body_start, cut)
    if partial:
        whole = f"a {raw.info['bytes']:,}-byte file"
        raw.info["truncated"] = {"kept_chars": cut, "total_bytes": raw.info["bytes"]}
    else:
        whole = f"{len(text):,} characters"
        raw.info["truncated"] = {"kept_chars": cut, "total_chars": len(text)}
    raw.warnings.append(f"truncated: kept the first {cut:,} characters of {whole} "
                        "(ingest.max_article_chars)")


def discover(paths: Iterable[str | Path],
             errors: list[IngestError] | None = None) -> list[Path]:
    """Files to read: named files as given, directories walked recursively for supported
    extensions, skipping hidden files and folders and ``*.meta.json`` sidecars.

    A folder that cannot be listed (permission denied) is appended to ``errors``
    when given, so a build reports it instead of silently reading less; without
    ``errors`` it raises :class:`IngestError`.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    found: list[Path] = []
    seen: set[Path] = set()

    def unlistable(exc: OSError) -> None:
        err = IngestError(str(exc.filename or "?"),
                          f"cannot list folder ({exc.strerror or exc}); skipped")
        if errors is None:
            raise err
        errors.append(err)

    for given in paths:
        p = Path(given)
        try:
            is_file, is_dir = p.is_file(), p.is_dir()
        except OSError as exc:  # e.g. a parent folder without search permission
            raise IngestError(str(p), f"cannot access ({exc.strerror or exc})") from exc
        if is_file:
            candidates = [p]
        elif is_dir:
            candidates = sorted(
                f for f in _walk(p, unlistable)
                if not any(part.startswith(".") for part in f.relative_to(p).parts)
                and not f.name.endswith(SIDECAR_SUFFIX)
                and f.stem.lower() not in NOT_ARTICLES
                and f.suffix.lower() in EXTENSIONS)
        else:
            raise IngestError(str(p), "no such file or directory")
        for f in candidates:
            if f not in seen:
                seen.add(f)
                found.append(f)
    return found


def _walk(root: Path, onerror: Any) -> Iterable[Path]:
    """Every file under ``root`` (``os.walk``, which reports unreadable folders)."""
    import os

    for folder, dirs, files in os.walk(root, onerror=onerror):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            f = Path(folder) / name
            if f.is_file():
                yield f


def _finish(raw: Raw, source: str, override: dict[str, Any] | None) -> IngestedDocument:
    """Clean the text, settle the metadata and build the record."""
    original = raw.original
    lns = lines.analyse(original, raw.format, raw.body_start)
    found = metadata.from_lines(lns)
    metadata.mark_header(lns, found)
    clean, om, stats = clean_mod.build(original, lns, raw.mode)
    if not _wordy(clean):
        # A wire brief or a headline-style item: the line taken as its title is all
        # the file holds, so it is the article text too. Date lines and bylines
        # (not wordy) stay out.
        lns = lines.analyse(original, raw.format, raw.body_start)
        keep = {ln.index for ln in lns if _wordy(ln.plain)}
        found.header_lines = [i for i in found.header_lines if i not in keep]
        metadata.mark_header(lns, found)
        clean, om, stats = clean_mod.build(original, lns, raw.mode)
    if not _wordy(clean):
        raise IngestError(source, "no article text left after removing page furniture")
    info: dict[str, Any] = dict(raw.info)
    info["cleaning"] = stats
    warnings = list(raw.warnings)

    def choose(name: str, from_text: Any) -> tuple[Any, str]:
        if override:
            value = pick(override, name)
            if value is not None:
                return value, "sidecar"
        if raw.meta.get(name) not in (None, ""):
            return raw.meta[name], "metadata"
        if from_text:
            return from_text, "text"
        return None, "none"

    page = metadata.page_header(raw.page_header)
    if found.published is None and page.published:
        found.published, found.published_text = page.published, page.published_text
    found.author = found.author or page.author
    title, title_basis = choose("title", found.title)
    if title is None:
        title, title_basis = metadata.title_from_text(clean), "first sentence"
    elif title_basis == "text":
        title_basis = found.title_basis
    author, author_basis = choose("author", found.author)
    wire, wire_basis = _wire(override, found, page)
    if author and author_basis != "sidecar":
        person, credited = wires.split_author(str(author))
        if credited:
            author = person
            if wire is None:
                wire, wire_basis = credited, "author"
            if author is None:
                author_basis = "none"
    if wire is None and found.wire:
        wire, wire_basis = found.wire, found.wire_basis  # a copyright line
    outlet, _ = choose("outlet", None)
    if title_basis == "metadata" and outlet:
        title = _strip_site(str(title), str(outlet))
    published_raw, basis = choose("published", found.published)
    published = dates.normalise(published_raw) if published_raw is not None else None
    if published_raw is not None and published is None:
        where = override.get("_path", source) if basis == "sidecar" and override else source
        if basis == "sidecar":
            raise IngestError(where, f"cannot understand published date {published_raw!r}")
        warnings.append(f"ignored unreadable {basis} date {published_raw!r}")
        basis = "none"
    if published is None:
        basis = "none"
    declared, _ = choose("language", None)
    language_code, language_warning = language.settle(
        str(declared or raw.info.get("language") or "") or None, clean)
    if language_warning:
        warnings.append(language_warning)
    url, _ = choose("url", None)
    if url:
        info["url"] = url
    if wire:
        info["wire"], info["wire_basis"] = str(wire), wire_basis
    if found.dateline is not None:
        dl = found.dateline
        info["dateline"] = {"text": dl.text, "place": dl.place, "date_text": dl.date_text,
                            "date": dl.date or dates.month_day(dl.date_text, published),
                            "credit": dl.credit,
                            "cut": found.dateline_line is not None}
    if found.published_text and basis == "text":
        info["published_text"] = found.published_text
    info["title_basis"] = title_basis
    info["author_basis"] = author_basis
    if override:
        extra = {k: v for k, v in override.items()
                 if k != "_path" and not any(k in keys for keys in KEYS.values())}
        if extra:
            info["sidecar"] = extra
        if "_path" in override:
            info["sidecar_path"] = override["_path"]
    return IngestedDocument(
        id=document_id(original),
        source=source,
        format=raw.format,
        original=original,
        clean=clean,
        offset_map=om.to_json(),
        title=_one_line(title),
        author=_one_line(author),
        outlet=_one_line(outlet),
        published=published,
        published_basis=basis,
        language=language_code,
        warnings=warnings,
        meta=info,
    )


def _wire(override: dict[str, Any] | None, found: metadata.TextMeta,
          page: metadata.TextMeta) -> tuple[str | None, str | None]:
    """The credited wire, strongest first: sidecar, the dateline or byline of the text,
    the byline above a web page's body. (The author metadata and a copyright line come
    after, in :func:`_finish`.)"""
    if override:
        value = pick(override, "wire")
        if value:
            return str(value), "sidecar"
    if found.wire and found.wire_basis in ("dateline", "byline"):
        return found.wire, found.wire_basis
    if page.wire:
        return page.wire, "byline"
    return None, None


def _strip_site(title: str, outlet: str) -> str:
    """ "Tank deal signed | Baltic Defence Monitor" -> "Tank deal signed" (HTML <title>)."""
    for sep in (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00b7 "):
        for piece in (sep + outlet, outlet + sep):
            if title.endswith(piece) and len(title) > len(piece):
                return title[: -len(piece)].strip()
            if title.startswith(piece) and len(title) > len(piece):
                return title[len(piece):].strip()
    return title


def _one_line(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
