"""Render a document's original text with its annotations as safe HTML.

Annotations (entity, event and claim mentions) overlap: an event mention spans a
clause and holds entity mentions; two events may share a clause. HTML needs
proper nesting, so the text is swept boundary by boundary with a stack of open
elements; an annotation that crosses another is closed and reopened (it then
shows as two fragments with the same ``data-ann`` id).

One annotation can be the *focus* (the span a link pointed at): every other
annotation is cut at the focus edges first, so the focus is always one element
whose text is exactly ``text[start:end]``. All text goes through
:func:`markupsafe.escape`; attribute values are escaped too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass
class Ann:
    start: int
    end: int
    tag: str  # "span", "a" or "mark"
    classes: str
    attrs: dict[str, str] = field(default_factory=dict)
    key: str = ""  # stable id for fragments of one annotation
    focus: bool = False


def _open(a: Ann, fragment: bool, tag: str) -> str:
    cls = a.classes + (" frag" if fragment else "")
    parts = [f'<{tag} class="{escape(cls)}"']
    if a.key:
        parts.append(f' data-ann="{escape(a.key)}"')
    for k, v in a.attrs.items():
        if (fragment and k == "id") or (tag != "a" and k == "href"):
            continue  # an id must stay unique; links cannot nest
        parts.append(f' {k}="{escape(v)}"')
    parts.append(">")
    return "".join(parts)


def _split_at_focus(anns: list[Ann], focus: Ann | None) -> list[Ann]:
    if focus is None:
        return anns
    out: list[Ann] = []
    for a in anns:
        if a is focus:
            out.append(a)
            continue
        cuts = sorted({p for p in (focus.start, focus.end) if a.start < p < a.end})
        if not cuts:
            out.append(a)
            continue
        bounds = [a.start, *cuts, a.end]
        for i, (lo, hi) in enumerate(zip(bounds, bounds[1:], strict=False)):
            out.append(Ann(lo, hi, a.tag, a.classes + (" frag" if i else ""),
                           {k: v for k, v in a.attrs.items() if not (i and k == "id")},
                           a.key))
    return out


def render(text: str, anns: list[Ann]) -> Markup:
    """``text`` as HTML with ``anns`` wrapped around their spans."""
    anns = [a for a in anns if 0 <= a.start < a.end <= len(text)]
    focus = next((a for a in anns if a.focus), None)
    anns = _split_at_focus(anns, focus)
    starting: dict[int, list[Ann]] = {}
    points = {0, len(text)}
    for a in anns:
        starting.setdefault(a.start, []).append(a)
        points.update((a.start, a.end))
    out: list[str] = []
    stack: list[tuple[Ann, str]] = []  # (annotation, tag actually written)

    def push(a: Ann, fragment: bool) -> None:
        # A link inside a link is invalid HTML: inner ones become spans.
        tag = "span" if a.tag == "a" and any(t == "a" for _, t in stack) else a.tag
        out.append(_open(a, fragment, tag))
        stack.append((a, tag))

    pos = 0
    for p in sorted(points):
        if p > pos:
            out.append(str(escape(text[pos:p])))
            pos = p
        if any(a.end == p for a, _ in stack):
            reopen: list[Ann] = []
            while any(a.end == p for a, _ in stack):
                a, tag = stack.pop()
                out.append(f"</{tag}>")
                if a.end != p:
                    reopen.append(a)
            for a in reversed(reopen):
                push(a, fragment=True)
        # Longest first so that shorter spans nest inside; the focus outermost on ties.
        for a in sorted(starting.get(p, []), key=lambda a: (-a.end, not a.focus)):
            push(a, fragment=False)
    while stack:
        out.append(f"</{stack.pop()[1]}>")
    return Markup("".join(out))


#: The names other modules use; everything else here is internal.
__all__ = [
    "Ann",
    "render",
]
