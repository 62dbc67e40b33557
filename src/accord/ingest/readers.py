"""One reader per format: file content -> original text plus the format's own metadata.

What ``original`` is, per format (offsets of every extracted fact point into it):

- txt, md: the decoded file text, unchanged (front matter included);
- html: the text trafilatura extracts from the page (the article body as lines,
  the markup itself is not kept);
- pdf: the text layer of every page as pdfium returns it, ``\\r\\n`` turned into ``\\n``,
  pages separated by a form feed line (``\\n\\f\\n``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import IngestError

from . import dates
from .decode import decode
from .htmlpage import above_body
from .markdown import front_matter

#: File name extension -> format.
EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
              ".html": "html", ".htm": "html", ".pdf": "pdf"}
FORMATS = ("txt", "md", "html", "pdf")
_FORMAT_ALIASES = {"text": "txt", "markdown": "md", "htm": "html"}

#: Front matter / sidecar keys accepted for each metadata field, in order of preference.
KEYS = {
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline", "creator"),
    "outlet": ("outlet", "publisher", "site", "site_name", "sitename", "source", "publication"),
    "published": ("published", "date", "published_at", "pubdate", "publication_date"),
    "language": ("language", "lang"),
    "url": ("url", "source_url", "link", "canonical"),
    "wire": ("wire", "agency", "news_agency"),
}


@dataclass
class Raw:
    """A reader's output, before cleaning."""

    original: str
    format: str
    meta: dict[str, Any] = field(default_factory=dict)  # title/author/outlet/published/...
    info: dict[str, Any] = field(default_factory=dict)  # goes to IngestedDocument.meta
    warnings: list[str] = field(default_factory=list)
    body_start: int = 0  # where front matter ends
    mode: str = "auto"  # paragraph mode for the cleaner
    page_header: list[str] = field(default_factory=list)  # HTML: lines above the body


def format_for(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "no extension"
        raise IngestError(str(path), f"unsupported file type '{shown}' "
                                     f"(supported: {', '.join(sorted(EXTENSIONS))})")
    return fmt


def normal_format(fmt: str) -> str:
    f = fmt.lower().lstrip(".")
    f = _FORMAT_ALIASES.get(f, f)
    if f not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    return f


def pick(data: dict[str, Any], field_name: str) -> Any:
    """The value of a metadata field under any of its accepted keys."""
    for key in KEYS[field_name]:
        value = data.get(key)
        if value not in (None, "", []):
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
            return value
    return None


def read_bytes(fmt: str, data: bytes, source: str) -> Raw:
    if fmt == "pdf":
        return read_pdf(data, source)
    decoded = decode(data, source)
    raw = read_str(fmt, decoded.text, source)
    raw.info["encoding"] = decoded.encoding
    if decoded.repaired:
        raw.info["mojibake_repaired"] = decoded.repaired
        raw.warnings.append(f"repaired {decoded.repaired} mojibake sequence(s) (UTF-8 text "
                            "that had been read as cp1252, e.g. '\u00e2\u20ac\u2122' for "
                            "'\u2019')")
    if decoded.confidence < 1.0:
        raw.info["encoding_confidence"] = decoded.confidence
    return raw


def read_str(fmt: str, text: str, source: str) -> Raw:
    if not text.strip():
        raise IngestError(source, "empty file")
    if fmt == "html":
        return read_html(text, source)
    if fmt == "md":
        return read_md(text, source)
    return Raw(original=text, format="txt")


def read_md(text: str, source: str) -> Raw:
    fm = front_matter(text)
    raw = Raw(original=text, format="md", body_start=fm.end, mode="md")
    if fm.error:
        raw.warnings.append(fm.error)
    if fm.data:
        for name in KEYS:
            value = pick(fm.data, name)
            if value is not None:
                raw.meta[name] = value
        raw.info["front_matter"] = {k: str(v) for k, v in fm.data.items()}
    return raw


#: Fewer real words than this is not an article (garbled markup, a script, a cookie wall).
MIN_WORDS = 5


def wordy(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= MIN_WORDS


def read_html(html: str, source: str) -> Raw:
    """Article body and metadata by trafilatura; precision first, recall as a fallback."""
    import trafilatura

    params = {"extensive_search": False, "original_date": True}
    result = None
    for precision in (True, False):
        try:
            result = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=True,
                favor_precision=precision, favor_recall=not precision,
                date_extraction_params=params, url=None)
        except Exception as exc:  # noqa: BLE001 - lxml errors on garbage markup
            raise IngestError(source, f"cannot parse HTML ({type(exc).__name__})") from exc
        if result is not None and wordy(result.text or ""):
            break
    if result is None or not wordy(result.text or ""):
        raise IngestError(source, "no article text in the HTML (truncated or not an article)")
    raw = Raw(original=result.text, format="html", mode="lines")
    for name, attr in (("title", "title"), ("author", "author"), ("outlet", "sitename"),
                       ("url", "url")):
        value = getattr(result, attr, None)
        if value:
            raw.meta[name] = value
    published = dates.normalise(getattr(result, "date", None))
    if published:
        raw.meta["published"] = published
        raw.info["published_from"] = _date_source(html, published, raw.meta.get("url"))
    for attr in ("description", "hostname", "language"):
        value = getattr(result, attr, None)
        if value:
            raw.info[attr] = value
    if "language" not in raw.info:
        declared = _declared_language(html)
        if declared:
            raw.info["language"] = declared
    raw.page_header = above_body(html, result.text, getattr(result, "title", None))
    tail = html.rstrip()[-200:].lower()
    if "</html>" not in tail and "</body>" not in tail:
        raw.warnings.append("HTML looks truncated (no closing </body> or </html>)")
    return raw


#: Where a page states its publication date, strongest first (see :func:`_date_source`).
_DATE_SOURCES = (
    ("json-ld", r'"datePublished"\s*:\s*"{d}'),
    ("meta tag", r'<meta\b[^>]*(?:published|pubdate|publication|\bdate\b|created)[^>]*'
                 r'content\s*=\s*["\']{d}'),
    ("meta tag", r'<meta\b[^>]*content\s*=\s*["\']{d}[^>]*(?:published|pubdate|'
                 r'publication|\bdate\b|created)'),
    ("time element", r'<time\b[^>]*datetime\s*=\s*["\']{d}'),
)


def _date_source(html: str, published: str, url: str | None) -> str:
    """Which part of the page gave htmldate its publication date: ``json-ld``, ``meta
    tag``, ``time element``, ``url`` or ``page`` (a date in the page's text)."""
    head = html[:400_000]
    d = re.escape(published)
    for name, pattern in _DATE_SOURCES:
        if re.search(pattern.format(d=d), head, re.I):
            return name
    y, *rest = published.split("-")
    in_url = "[/_-]".join([y, *rest])
    if url and re.search(rf"(?<!\d){in_url}(?!\d)", url):
        return "url"
    return "page"


_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?",
                   re.I)


def _declared_language(html: str) -> str | None:
    """The language the page declares on its ``<html lang=...>`` element."""
    m = _LANG.search(html[:5000])
    return m.group(1).lower() if m else None


def read_pdf(data: bytes, source: str) -> Raw:
    """Text layer of every page with pypdfium2; no text layer is an error, not OCR."""
    import pypdfium2 as pdfium

    if not data.strip():
        raise IngestError(source, "empty file")
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError(source, "not a PDF file (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise IngestError(source, f"cannot open PDF ({exc})") from exc
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
        info = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    if not any(p.strip() for p in pages):
        raise IngestError(source, f"PDF has no text layer ({len(pages)} page(s) of images?); "
                                  "run OCR on it first")
    raw = Raw(original="\n\f\n".join(p.strip("\n") for p in pages), format="pdf", mode="auto")
    raw.info["pages"] = len(pages)
    title = (info.get("Title") or "").strip()
    if title and not title.lower().endswith((".doc", ".docx", ".pdf", ".indd")) \
            and not title.lower().startswith("microsoft"):
        raw.meta["title"] = title
    if (info.get("Author") or "").strip():
        raw.meta["author"] = info["Author"].strip()
    return raw
