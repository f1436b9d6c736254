"""A wake-up call between threads of one process: "something changed, look again".

Waiters note how many calls they have seen, look, and then sleep until the next
call or a timeout, so a call made while they were looking is never missed.
"""

from __future__ import annotations

import threading


class Wakeup:
    """Counts calls and wakes every thread waiting for the next one."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._count = 0

    def call(self) -> None:
        """Something changed: wake every waiter to look again."""
        with self._condition:
            self._count += 1
            self._condition.notify_all()

    def seen(self) -> int:
        """How many calls there have been so far."""
        with self._condition:
            return self._count

    def wait_after(self, seen: int, timeout: float) -> bool:
        """Block until a call after the ``seen``-th, or ``timeout`` seconds; whether
        there was one."""
        with self._condition:
            return self._condition.wait_for(lambda: self._count != seen, timeout)
