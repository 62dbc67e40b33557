"""Errors that users see.

Every error raised for bad input names the file and the reason in one line, so
a batch can report it and go on. The CLI maps these to exit codes.
"""

from __future__ import annotations


class AccordError(Exception):
    """Base class; ``str(err)`` is a one-line message fit for a terminal."""

    exit_code = 1


class IngestError(AccordError):
    """A file could not be read into a document (empty, binary, no text...)."""

    exit_code = 3

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(AccordError):
    """The store cannot be opened or written (unwritable path, corrupt file...)."""

    exit_code = 4


class ConfigError(AccordError):
    """A user data file (actors YAML, lexicon) is malformed; names file and line."""

    exit_code = 2


class NotFound(AccordError):
    exit_code = 5
