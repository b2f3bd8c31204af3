"""Work shared with a forked copy of this process, when the machine has a second core."""

from __future__ import annotations

import gc
import multiprocessing
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


class Claims:
    """Who works on each of ``count`` items: the first to claim it. Made before the fork, shared
    by both processes; one takes items from the start, the other from the end, so they meet where
    the work balances, however unequal the items or the two processes' speed."""

    FREE, MAIN, COPY = 0, 1, 2

    def __init__(self, count: int):
        context = multiprocessing.get_context("fork")
        self._lock = context.Lock()
        self.owners = context.RawArray("b", count)

    def claim(self, index: int, me: int) -> bool:
        with self._lock:
            if self.owners[index] == self.FREE:
                self.owners[index] = me
            return self.owners[index] == me


def in_two(items: list[T], work: Callable[[T], R], least: int = LEAST) -> list[R]:
    """``[work(x) for x in items]``, shared meanwhile with a forked copy of this process that works
    from the end of the list (a half each was uneven: the copy also pickles its results, and
    sometimes has the slower core). An item whose work raised in the copy is done again here,
    so that it raises here, in order."""
    if len(items) < least or not can_fork():
        return [work(x) for x in items]
    claims = Claims(len(items))
    copy = Forked(lambda: _from_the_end(items, work, claims))
    mine = []
    try:
        for i, x in enumerate(items):
            if not claims.claim(i, Claims.MAIN):
                break
            mine.append(work(x))
    except BaseException:
        copy.abandon()
        raise
    try:
        theirs = copy.result()[::-1]
    except RuntimeError:  # the copy failed as a whole: its items are done here
        theirs = [(False, None)] * (len(items) - len(mine))
    rest = items[len(mine):]
    return mine + [value if done else work(x) for x, (done, value) in zip(rest, theirs)]


def _from_the_end(items: list, work, claims: Claims) -> list:
    done = []
    for i in range(len(items) - 1, -1, -1):
        if not claims.claim(i, Claims.COPY):
            break
        done.append(_attempt(work, items[i]))
    return done


def _attempt(work, x):
    try:
        return True, work(x)
    except Exception:
        return False, None
