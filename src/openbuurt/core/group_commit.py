"""Group commit: the threads of one process that each want to store a small row share one transaction.

A database commit that waits for the disk takes about half a millisecond, and while one transaction holds SQLite's
write lock every other writer waits. When many requests arrive at once, each committing its own row, the lock is
passed from thread to thread (and every hand-over waits for Python's interpreter lock as well), so most of the time
goes to waiting. With a :class:`GroupCommitter` the first thread to arrive becomes the leader: it takes every item
waiting at that moment, writes them all in one transaction with ``write_batch`` and wakes the others, who return
only after that commit. The guarantee of each caller is unchanged (its row is committed before it returns) while a
burst costs one lock turn and one disk wait per batch.

If a batch fails, its items are written one by one, each in its own transaction, so an item that cannot be written
(say, a duplicate) gets its own error and the others are still stored. Callers already inside a transaction must not
use a committer (their row would be committed by another thread's transaction): they write directly.

The transaction is Django's ``transaction.atomic()`` unless another is given (``atomic=``): a ``write_batch`` that
writes to a store of its own (the intake spool) commits itself and passes a context that does nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import transaction

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")


@dataclass
class _Ticket(Generic[ItemT, ResultT]):
    item: ItemT
    wake: threading.Event = field(default_factory=threading.Event)
    finished: bool = False
    result: ResultT | None = None
    error: BaseException | None = None

    def finish(self) -> None:
        self.finished = True
        self.wake.set()


class GroupCommitter(Generic[ItemT, ResultT]):
    """Write items in shared transactions; ``write_batch(items)`` returns one result per item, in order.

    ``write_batch`` runs inside ``atomic()`` (by default ``transaction.atomic()`` on the leader thread's database
    connection) and must write every item or raise. ``max_batch`` bounds how many items one transaction takes. A
    leader leads until its own item is written, then hands the lead to the longest-waiting caller, so no caller
    waits on others for long.
    """

    def __init__(
        self,
        write_batch: Callable[[Sequence[ItemT]], list[ResultT]],
        *,
        max_batch: int = 64,
        atomic: Callable[[], AbstractContextManager[Any]] = transaction.atomic,
    ) -> None:
        self._write_batch = write_batch
        self._atomic = atomic
        self._max_batch = max_batch
        self._mutex = threading.Lock()
        self._waiting: list[_Ticket[ItemT, ResultT]] = []
        self._leading = False

    def waiting(self) -> int:
        """Return how many callers wait for a transaction to take their item (a snapshot, for monitoring)."""
        with self._mutex:
            return len(self._waiting)

    def submit(self, item: ItemT) -> ResultT:
        """Store ``item`` and return its result once the transaction that wrote it has committed."""
        ticket: _Ticket[ItemT, ResultT] = _Ticket(item)
        with self._mutex:
            self._waiting.append(ticket)
            lead = not self._leading
            if lead:
                self._leading = True
        while True:
            if lead:
                self._lead(ticket)
            ticket.wake.wait()
            if ticket.finished:
                break
            # Woken to take over the lead: its own item is still waiting.
            ticket.wake.clear()
            lead = True
        if ticket.error is not None:
            raise ticket.error
        assert ticket.result is not None
        return ticket.result

    def _lead(self, own: _Ticket[ItemT, ResultT]) -> None:
        while True:
            with self._mutex:
                if own.finished:
                    if self._waiting:
                        # The lead stays taken: the woken caller finds its item unwritten and leads next.
                        self._waiting[0].wake.set()
                    else:
                        self._leading = False
                    return
                batch = self._waiting[: self._max_batch]
                del self._waiting[: self._max_batch]
            try:
                self._write(batch)
            except BaseException as exc:  # an interrupt: no thread may be left waiting for a leader
                with self._mutex:
                    stranded = batch + self._waiting
                    self._waiting = []
                    self._leading = False
                for ticket in stranded:
                    if not ticket.finished:
                        ticket.error = exc
                        ticket.finish()
                raise

    def _write(self, batch: list[_Ticket[ItemT, ResultT]]) -> None:
        """Write the batch in one transaction; if that fails, each item alone. Every ticket ends finished."""
        try:
            with self._atomic():
                results = self._write_batch([ticket.item for ticket in batch])
        except Exception as exc:
            if len(batch) == 1:
                batch[0].error = exc
                batch[0].finish()
                return
            # One item may be at fault: write each alone, so only that one fails.
            for ticket in batch:
                try:
                    with self._atomic():
                        ticket.result = self._write_batch([ticket.item])[0]
                except Exception as item_exc:
                    ticket.error = item_exc
                ticket.finish()
            return
        for ticket, result in zip(batch, results, strict=True):
            ticket.result = result
            ticket.finish()
