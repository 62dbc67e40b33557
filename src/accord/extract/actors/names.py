"""Normalising names into keys and display forms.

Keys must be identical for "Władysław Kosiniak-Kamysz", "WLADYSLAW KOSINIAK-KAMYSZ" and
"Wladyslaw Kosiniak-Kamysz", so they are built from an ASCII-folded, lower-cased slug.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘`´"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Possessive endings that never belong to a name span.
POSSESSIVES = {"'s", "’s", "'", "’", "'S", "’S"}


def fold(text: str) -> str:
    """ASCII-fold: strip accents (ł -> l as well), keep everything else."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """``"Władysław Kosiniak-Kamysz"`` -> ``"wladyslaw-kosiniak-kamysz"``."""
    text = fold(text).lower()
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    return _NON_ALNUM.sub("-", text).strip("-")


def display(text: str) -> str:
    """A display form for a name seen in text: ALL-CAPS words become title case.

    "KOSINIAK-KAMYSZ" -> "Kosiniak-Kamysz"; acronyms of up to 4 letters stay ("ABW", "NATO").
    """
    words = []
    for w in text.split():
        if w.isupper() and len(w.strip(".-")) > 4:
            w = "-".join(p.capitalize() for p in w.lower().split("-"))
        words.append(w)
    out = " ".join(words)
    for p in POSSESSIVES:
        if out.endswith(p) and len(out) > len(p):
            out = out[: -len(p)]
    return out.strip(" ,.;:")
