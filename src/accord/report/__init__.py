"""The dyad brief report (HTML or Markdown, plots embedded)."""

from .brief import ReportError, brief, context

__all__ = ["brief", "context", "ReportError"]
