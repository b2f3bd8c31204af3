"""How the domain hands out the work of a step: ``each(step, work, items)`` is
``[work(x) for x in items]``, named, so that the caller may do it otherwise.

The archive's steps (reading the files, what each body tells, the checks of bodies) call the
``each`` they are given and know nothing of how it is done. The build layer chooses:
``vanban.machine.steps`` shares a build's items with a forked copy on the second core, and a
server's rebuilds take from memory what the files have not changed. The results must be what
``one_by_one`` gives, in the same order.
"""

from __future__ import annotations

from typing import Callable, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

READ = "read"              # a notice file's path -> (Notice | None, problems)
BODY = "body"              # a notice -> what its text alone tells (sections, tasks, citations)
STRUCTURE = "structure"    # a notice -> what would make rendering its body slow or deep


class Each(Protocol):
    def __call__(self, step: str, work: Callable[[T], R], items: list[T]) -> list[R]: ...


def one_by_one(step: str, work: Callable[[T], R], items: list[T]) -> list[R]:
    return [work(x) for x in items]
