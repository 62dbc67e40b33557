"""Hostile text made safe for the file formats exports write, and writes that are atomic.

Article text is not trusted: a title or sentence may begin with ``=`` (a
spreadsheet formula: ``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``) or hold a
control character that XML 1.0 cannot represent at all.

* CSV cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return
  get a leading apostrophe, as OWASP recommends ("CSV Injection"), so a
  spreadsheet shows the text instead of evaluating it. Plain numbers
  (``-3``, ``+1.5``) are left alone. ``accord export --raw-csv`` writes the
  values unchanged, for programs that read the files.
* XML strings lose the characters XML 1.0 does not allow (C0 controls other
  than tab, newline and carriage return; lone surrogates; U+FFFE/U+FFFF).
* :func:`atomic_path` writes to a temporary file beside the target and
  renames it into place, so a failed export never leaves a partial file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: First characters that make a spreadsheet treat a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def neutralise_cell(value: Any) -> Any:
    """``value`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and \
            not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot hold (even escaped)."""
    return _NOT_XML.sub("", value)


def xml_value(value: Any) -> Any:
    """:func:`xml_text` for strings; other values unchanged."""
    return xml_text(value) if isinstance(value, str) else value


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed onto it when the block succeeds.

    On any error the temporary file is removed and ``target`` is untouched
    (an earlier export stays as it was).
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                dir=target.parent if str(target.parent) else ".")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
