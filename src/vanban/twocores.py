"""Work shared with a forked copy of this process, when the machine has a second core."""

from __future__ import annotations

import gc
import os
import pickle
import threading
from typing import Callable, TypeVar

T = TypeVar("T")
R = TypeVar("R")
LEAST = 200  # below this, forking costs more than it saves


def can_fork() -> bool:
    """Linux (os.sched_getaffinity is Linux's; elsewhere a fork without exec may be unsafe or
    missing), a second core for this process, and no other thread: a fork copies only the calling
    thread, not the locks the others hold."""
    return (hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) > 1
            and threading.active_count() == 1)


def fork() -> int:
    """``os.fork()``, with every object alive so far moved out of the garbage collector's reach
    (gc.freeze): a collection in either process would otherwise write to each object's header
    and so copy every memory page the two share."""
    gc.freeze()
    return os.fork()


class Forked:
    """``work()`` run from now on in a forked copy of this process; ``result()`` is what it
    returned, pickled back through a pipe. The copy leaves without this process' exit handlers."""

    def __init__(self, work: Callable[[], R]):
        self._pipe, out = os.pipe()
        self._pid = fork()
        if self._pid == 0:
            os.close(self._pipe)
            try:
                payload = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(out, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(out)

    def result(self) -> R:
        """Waits for the copy; raises RuntimeError if it ended without an answer."""
        with os.fdopen(self._pipe, "rb") as pipe:
            payload = pipe.read()
        os.waitpid(self._pid, 0)
        try:
            return pickle.loads(payload)
        except Exception:
            raise RuntimeError("the forked copy ended without an answer") from None

    def abandon(self) -> None:
        """Closes the pipe without reading: the copy's writing fails, and it leaves."""
        os.close(self._pipe)
        os.waitpid(self._pid, 0)


def in_two(items: list[T], work: Callable[[T], R], least: int = LEAST) -> list[R]:
    """``[work(x) for x in items]``, the second half done meanwhile by a forked copy of this process.
    An item whose work raised in the copy is done again here, so that it raises here, in order."""
    if len(items) < least or not can_fork():
        return [work(x) for x in items]
    half = len(items) // 2
    copy = Forked(lambda: [_attempt(work, x) for x in items[half:]])
    try:
        mine = [work(x) for x in items[:half]]
    except BaseException:
        copy.abandon()
        raise
    try:
        theirs = copy.result()
    except RuntimeError:  # the copy failed as a whole: its half is done here
        theirs = [(False, None)] * (len(items) - half)
    return mine + [value if done else work(x) for x, (done, value) in zip(items[half:], theirs)]


def _attempt(work, x):
    try:
        return True, work(x)
    except Exception:
        return False, None
