"""The writer's lock on a run directory: one writer at a time, and a way to tell it is gone.

A run being written holds an exclusive ``flock`` on ``run.lock`` in its directory for as long as
the writing process lives. The kernel drops the lock when that process ends, however it ends
(SIGKILL included), so a reader can tell a run whose writer is still at work from one whose
writer is gone without trusting anything the writer had time to say.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..errors import PackbondError, quoted

__all__ = ["LOCK_NAME", "RunLock", "RunLockedError", "writer_alive"]

LOCK_NAME = "run.lock"


class RunLockedError(PackbondError):
    """Another process is writing a run in this directory."""


class RunLock:
    """An exclusive lock on a run directory, held until :meth:`release`."""

    def __init__(self, directory: Path) -> None:
        fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise RunLockedError(
                f"{quoted(str(directory))} is being written by another packbond run{who}; "
                "wait for it to end or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd: int | None = fd

    def release(self) -> None:
        """Let the directory go (closing the file drops the lock)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def writer_alive(directory: Path) -> bool:
    """Whether some process holds the writer's lock on ``directory`` now."""
    try:
        fd = os.open(directory / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
