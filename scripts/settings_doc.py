"""Print the Markdown table of every threshold key, with the comments of ``thresholds.yaml``.

    python scripts/settings_doc.py > /tmp/keys.md   # then paste into docs/settings.md

The keys come from the shipped file (``accord.settings.threshold_keys``), the
descriptions from the comment lines above each key and the comment after its
value, so the table says what the file says. ``tests/test_docs.py`` checks that
docs/settings.md names every key.
"""

from __future__ import annotations

import re
from typing import Any

from accord.settings import DATA, threshold_keys

KEY = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][\w]*):(?P<rest>.*)$")


def comments() -> dict[str, str]:
    """Dotted key -> its comment text (block above plus inline), from the YAML source."""
    out: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    pending: list[str] = []
    for line in (DATA / "thresholds.yaml").read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            text = stripped.lstrip("#").strip()
            if not text.startswith("--"):
                pending.append(text)
            continue
        m = KEY.match(line)
        if not m:
            if not stripped:
                pending = [] if not stack else pending
            continue
        indent = len(m["indent"])
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = ".".join([*(k for _, k in stack), m["key"]])
        stack.append((indent, m["key"]))
        rest = m["rest"]
        inline = rest.split("#", 1)[1].strip() if "#" in rest else ""
        out[path] = " ".join(p for p in (*pending, inline) if p)
        pending = []
    return out


def _value(path: str) -> Any:
    from accord.settings import Settings

    node: Any = Settings().thresholds
    for part in path.split("."):
        node = node[part]
    return node


def main() -> None:
    notes = comments()
    print("| key | what it decides |")
    print("|---|---|")
    for key in threshold_keys():
        text = notes.get(key) or f"see `{key.rsplit('.', 1)[0]}`"
        if isinstance(_value(key), dict):
            text = f"(section) {text}" if notes.get(key) else "(section)"
        print(f"| `{key}` | {text.replace('|', '/')} |")


if __name__ == "__main__":
    main()
