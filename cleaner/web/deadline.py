"""A hard time limit around one document, on top of the engine's cooperative time_budget.

The engine checks its budget between rule stages; a single slow step (a long regex-free Python loop in
extraction, a huge parse) could still overrun it. In a sync gunicorn worker the request runs in the
main thread, so SIGALRM can interrupt it: the handler raises TimeBudgetError at the next bytecode.
(A long call inside C code, e.g. one lxml parse, is interrupted only when it returns to Python; the
gunicorn worker timeout is the last line of defence there.) In other threads this is a no-op.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import TimeBudgetError

GRACE = 0.5   # seconds beyond the budget before the alarm fires: the cooperative check should win


def _on_alarm(signum, frame) -> None:
    raise TimeBudgetError("the document exceeded its time budget (hard limit)")


@contextmanager
def hard_limit(seconds: float | None, enabled: bool = True) -> Iterator[None]:
    """Raise TimeBudgetError in the block if it runs longer than seconds + GRACE (main thread only)."""
    if not enabled or not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds + GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
