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


def in_two(items: list[T], work: Callable[[T], R], least: int = LEAST) -> list[R]:
    """``[work(x) for x in items]``, the second half done meanwhile by a forked copy of this process.
    An item whose work raised in the copy is done again here, so that it raises here, in order."""
    if len(items) < least or not can_fork():
        return [work(x) for x in items]
    half = len(items) // 2
    read, write = os.pipe()
    child = fork()
    if child == 0:  # the copy: send its results, and leave without this process' exit handlers
        os.close(read)
        try:
            payload = pickle.dumps([_attempt(work, x) for x in items[half:]], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        try:
            mine = [work(x) for x in items[:half]]
            payload = pipe.read()
        finally:
            pipe.close()  # on an error here the copy's writing fails, and it leaves
            os.waitpid(child, 0)
    try:
        theirs = pickle.loads(payload)
    except Exception:  # the copy failed as a whole: its half is done here
        theirs = [(False, None)] * (len(items) - half)
    return mine + [value if done else work(x) for x, (done, value) in zip(items[half:], theirs)]


def _attempt(work, x):
    try:
        return True, work(x)
    except Exception:
        return False, None
