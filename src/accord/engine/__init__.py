"""Build engines: turn input files into a reconciled knowledge base.

``local`` (default) runs extraction in a process pool on this machine; the
Spark engine (``accord.engine.spark``, optional) runs the same pure
extraction on a cluster. Both return a :class:`~accord.engine.local.BuildReport`.
"""

from .local import BuildReport, FileOutcome, add, build

__all__ = ["BuildReport", "FileOutcome", "add", "build"]
