"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD): compatibility and ordering keys."""

from __future__ import annotations


def precision(value: str | None) -> int:
    """0 unknown, 1 year, 2 month, 3 day."""
    if not value:
        return 0
    return value.count("-") + 1


def relation(a: str | None, b: str | None) -> str:
    """``equal``, ``contains`` (one is a coarser form of the other), ``unknown`` or ``conflict``."""
    if not a or not b:
        return "unknown"
    if a == b:
        return "equal"
    n = min(len(a), len(b))
    return "contains" if a[:n] == b[:n] else "conflict"


def sort_key(value: str | None) -> str | None:
    """``date_value`` padded so that it sorts as a string (2024 -> 2024-00-00)."""
    if not value:
        return None
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("00")
    return "-".join(parts)
