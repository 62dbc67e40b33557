"""Is the article English? accord's extraction reads English only.

A page in another language is still read and stored (nothing is lost), but a French
article yields few events and wrong actors, so the document is labelled and warned about
instead of silently coded. The page's own declaration (``<html lang>``, front matter,
sidecar) is used when there is one; otherwise the share of English function words
decides, which tells English from other languages on any paragraph of news text.
"""

from __future__ import annotations

import re

#: Frequent English function words; they are a third of English news text and almost
#: none of French, German, Spanish or Turkish text.
_FUNCTION_WORDS = frozenset(
    "the of and to in is that for on was with said by as at from it has have be will are "
    "were an after its their his her not this which but had would been also who they".split())
#: Fewer words than this cannot be judged.
MIN_WORDS = 30
#: English news text has well over this share of function words.
MIN_SHARE = 0.12


def looks_english(text: str) -> bool | None:
    """True/False on at least ``MIN_WORDS`` words, None when too short to tell."""
    words = re.findall(r"[^\W\d_]+", text.lower())[:2000]
    if len(words) < MIN_WORDS:
        return None
    return sum(w in _FUNCTION_WORDS for w in words) / len(words) >= MIN_SHARE


def settle(declared: str | None, clean: str) -> tuple[str, str | None]:
    """(language code, warning or None) for a document's text."""
    code = (declared or "").strip().lower()[:3].split("-")[0].split("_")[0] or None
    english = looks_english(clean)
    if code and code != "en":
        if english:
            return "en", None  # a template's default lang on an English article
        return code, (f"not English (declared '{code}'): accord extracts from English text "
                      "only; expect few or no events")
    if english is False:
        return "und", ("text does not look English: accord extracts from English text "
                       "only; expect few or no events")
    return "en", None
