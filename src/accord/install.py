"""How this accord was installed, so that a hint to install an extra works when pasted.

``pip install 'accord[ftm]'`` is right for a release from a package index; in a
source checkout (an editable install, ``make demo``) it would fetch something else,
and outside the virtual environment's Python it would install into another one.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

__all__ = ["install_hint", "source_checkout"]


def source_checkout() -> Path | None:
    """The checkout accord runs from (``src/accord`` below a ``pyproject.toml``), if any."""
    package = Path(__file__).resolve().parent
    root = package.parent.parent
    if package.parent.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None


def install_hint(extra: str) -> str:
    """The command that installs the optional dependencies ``extra`` into this accord."""
    pip = f"{shlex.quote(sys.executable)} -m pip install"
    root = source_checkout()
    if root is not None:
        return f"{pip} -e {shlex.quote(f'{root}[{extra}]')}"
    return f"{pip} {shlex.quote(f'accord[{extra}]')}"
