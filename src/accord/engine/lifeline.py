"""Worker processes die with the build that started them; SIGTERM ends a build cleanly.

A pool worker blocks on its task pipe, and the pipe never reaches end-of-file
when the build is killed (``kill -9``, the OOM killer): without help the
forkserver, every spaCy worker (~200 MB each) and multiprocessing's resource
tracker outlive it under PID 1. On Linux each process in the chain asks the
kernel for SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``):

* the forkserver imports this module as a preload; it reads the build's pid
  from :data:`PARENT_ENV` and binds itself to it;
* each worker binds itself to the forkserver (its parent) in the pool
  initialiser, and exits at once if the build is already gone;
* the resource tracker exits by itself once every process holding its pipe
  is gone.

Elsewhere a daemon thread polls the parent pid once a second instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
from collections.abc import Iterator

from ..procs import pid_alive

#: Environment variable naming the build's pid, read by the forkserver preload.
PARENT_ENV = "ACCORD_BUILD_PID"
#: ``prctl`` option number (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: handled like Ctrl-C (the run is recorded as interrupted), exit 143."""

    signum = signal.SIGTERM
    exit_code = 128 + signal.SIGTERM


def die_with_parent(build_pid: int | None = None) -> None:
    """Have this process killed when its parent dies; exit now if ``build_pid`` is gone."""
    parent = os.getppid()
    bound = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            bound = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            bound = False
    if not bound:
        threading.Thread(target=_watch, args=(parent,), daemon=True,
                         name="accord-lifeline").start()
    # The parent may have died before the request above: then nobody will signal us.
    if os.getppid() != parent or (build_pid is not None and not pid_alive(build_pid)):
        os._exit(1)


def _watch(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


_terminated = threading.Event()


def terminated() -> bool:
    """Whether SIGTERM arrived in a :func:`sigterm_as_interrupt` block of this process."""
    return _terminated.is_set()


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` in the main thread.

    Only installed when SIGTERM still has its default action and this is the
    main thread (a library caller that set its own handler keeps it).
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def handler(_signum: int, _frame: object) -> None:
        _terminated.set()
        raise Terminated()

    signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


class DocumentTimeout(Exception):
    """A document's extraction ran past its time budget (``ingest.document_seconds``)."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in the block after ``seconds`` (SIGALRM).

    Only in the main thread of a process (pool workers run tasks there); elsewhere,
    or with ``seconds <= 0``, the block runs without a budget.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "setitimer"):
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bind_forkserver() -> None:
    """On import in the forkserver (a preload), bind it to the build that started it."""
    value = os.environ.get(PARENT_ENV)
    if not value or not value.isdigit() or int(value) == os.getpid():
        return
    if os.getppid() == int(value):
        die_with_parent(int(value))


_bind_forkserver()
