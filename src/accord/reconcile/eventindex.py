"""Which events of a block a mention can join at all, by date: a candidate index.

In a large block most events are dated days or months away from a mention, and a
date that cannot overlap is a veto (:mod:`accord.reconcile.eventscore`). Looking
only at the events with a member whose date can overlap gives the same clusters
as visiting every event (an event is skipped only when each of its members would
veto the mention) at a fraction of the cost. Members dated only by year, by
publication or not at all can meet anything in their block: they are always
candidates, and so are mentions of that kind always compared with every event.
Events holding a copy of the mention's sentence are candidates too (a copy may
alter the date). Which sentence a copied sentence comes from is known only after
aligning the copy with its source, so that is looked up only for members that
could share a mention's origin at all: those whose document is the mention's, or
one it copies, or one that copies a document the mention's copies (known from
``copy_of`` alone).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .events import Mention


def _day(value: str) -> int | None:
    try:
        y, m, d = (int(p) for p in value.split("-"))
        return date(y, m, d).toordinal()
    except ValueError:
        return None


def _month_days(value: str) -> tuple[int, int] | None:
    try:
        y, m = (int(p) for p in value.split("-"))
        first = date(y, m, 1).toordinal()
        last = date(y + (m == 12), m % 12 + 1, 1).toordinal() - 1
        return first, last
    except ValueError:
        return None


def _own_sentence(m: Mention) -> str:
    return f"{m.document_id}#{m.sentence_idx}"


def _own_document(m: Mention) -> Collection[str]:
    return (m.document_id,)


class DateIndex:
    """Cluster positions by the dates of their members: weeks (day dates), months
    (month dates), and a "wild" set for members that can meet any date.

    ``origin`` gives the (document#sentence) a mention's sentence was first written
    in (it may align sentences: asked only when needed); ``sources`` the documents
    that origin can lie in (the mention's own and those it copies, nearest first).
    """

    def __init__(self, near_days: int, origin: Callable[[Mention], str] = _own_sentence,
                 sources: Callable[[Mention], Collection[str]] = _own_document):
        self.near = near_days
        self.weeks: dict[int, set[int]] = {}
        self.months: dict[str, set[int]] = {}
        self.wild: set[int] = set()
        self.origin = origin
        self.sources = sources
        #: document -> (position, member) of the members whose origin can lie in it.
        self.by_source: dict[str, list[tuple[int, Mention]]] = {}
        self.count = 0

    @staticmethod
    def _kind(m: Mention) -> str:
        v = m.date_value or ""
        if not v or m.date_basis == "publication" or len(v) == 4:
            return "wild"
        return "month" if len(v) == 7 else "day"

    def add(self, pos: int, m: Mention) -> None:
        self.count = max(self.count, pos + 1)
        for doc in self.sources(m):
            self.by_source.setdefault(doc, []).append((pos, m))
        kind, v = self._kind(m), m.date_value or ""
        day = _day(v) if kind == "day" else None
        if kind == "month" and _month_days(v) is not None:
            self.months.setdefault(v, set()).add(pos)
        elif day is not None:
            self.weeks.setdefault(day // 7, set()).add(pos)
        else:
            self.wild.add(pos)

    def candidates(self, m: Mention) -> list[int]:
        """Positions of the clusters ``m`` may join, in cluster order."""
        kind, v = self._kind(m), m.date_value or ""
        if kind == "wild":
            return list(range(self.count))
        if kind == "month":
            span = _month_days(v)
            if span is None:
                return list(range(self.count))
            out = set(self.months.get(v, ()))
            for w in range(span[0] // 7, span[1] // 7 + 1):
                out |= self.weeks.get(w, set())
        else:
            day = _day(v)
            if day is None:
                return list(range(self.count))
            out = set(self.months.get(v[:7], ()))
            for w in range((day - self.near) // 7, (day + self.near) // 7 + 1):
                out |= self.weeks.get(w, set())
        out |= self.wild
        mine: str | None = None
        for doc in self.sources(m):
            for pos, o in self.by_source.get(doc, ()):
                if pos in out:
                    continue
                if mine is None:
                    mine = self.origin(m)
                if self.origin(o) == mine:
                    out.add(pos)
        return sorted(out)
