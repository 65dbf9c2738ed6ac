"""The check pass running ahead of the writing, in a thread of its own.

The rules of an entry are Python (one core); the writing of the rows already checked is the
database's work (the other core, the Python thread waiting on it without the GIL). Run one
after the other they add up; here the thread reads and checks the body chunk by chunk and hands
each checked chunk over, while the caller's thread writes the chunks it has been given.

The thread uses the caller's database connection: what it reads (the units the rows name) must
see the caller's transaction, as the writes do. Both threads hold `database` around their use
of it, so that its queries never interleave. A chunk is handed over through a small queue (the
memory stays bounded when the writing is the slower); an exception in the thread (a body that
cannot be read, a call too large) is raised again in the caller's thread when it asks for the
next chunk. Leaving the `with` block stops the thread and waits for it, whatever happened."""

from __future__ import annotations

import contextlib
import contextvars
import queue
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

Raw = TypeVar("Raw")
Checked = TypeVar("Checked")

WAITING = 4  # checked chunks held ready for the writing, at most
_POLL = 0.05  # seconds between two looks at the stop flag while the queue is full


class _End:
    """Put last: the body is read to its end."""


class _Failed:
    def __init__(self, error: BaseException):
        self.error = error


class CheckedAhead(Generic[Raw, Checked]):
    """`check(chunk)` of every chunk of `chunks`, in a thread; iterate for the checked chunks,
    in order. `check` takes `database` itself around its queries; a query of the thread made
    without it is refused (RuntimeError), so that a lazy read added later cannot interleave
    with the caller's."""

    def __init__(
        self, chunks: Iterator[Raw], check: Callable[[Raw], Checked], database: threading.Lock
    ):
        self.database = database
        self._chunks = chunks
        self._check = check
        self._ready: queue.Queue[Checked | _End | _Failed] = queue.Queue(maxsize=WAITING)
        self._stop = threading.Event()
        self._connection = connections[DEFAULT_DB_ALIAS]
        self._thread = threading.Thread(
            target=contextvars.copy_context().run,  # the audit context goes along
            args=(self._run,),
            name="bulk-check",
            daemon=True,
        )
        self._finished = False

    def __enter__(self) -> CheckedAhead[Raw, Checked]:
        self._connection.inc_thread_sharing()
        self._connection.execute_wrappers.append(self._guard)
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        while self._thread.is_alive():
            with contextlib.suppress(queue.Empty):  # free a put waiting on a full queue
                self._ready.get(timeout=_POLL)
        self._thread.join()
        self._connection.execute_wrappers.remove(self._guard)
        self._connection.dec_thread_sharing()

    def __iter__(self) -> Iterator[Checked]:
        while not self._finished:
            item = self._ready.get()
            if isinstance(item, _End):
                self._finished = True
            elif isinstance(item, _Failed):
                self._finished = True
                raise item.error
            else:
                yield item

    def drain(self) -> None:
        """Wait for the check of the whole body, dropping the chunks not taken yet."""
        for _chunk in self:
            pass

    # -- the thread ---------------------------------------------------------------------
    def _run(self) -> None:
        connections[DEFAULT_DB_ALIAS] = self._connection
        try:
            for chunk in self._chunks:
                if self._stop.is_set():
                    return
                self._put(self._check(chunk))
            self._put(_End())
        except BaseException as error:  # handed to the caller's thread
            self._put(_Failed(error))
        finally:  # the reader let go here, while the body is still open
            close = getattr(self._chunks, "close", None)
            if close is not None:
                close()

    def _guard(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        if threading.current_thread() is self._thread and not self.database.locked():
            raise RuntimeError("the bulk's check thread queried without holding the lock")
        return execute(sql, params, many, context)

    def _put(self, item: Checked | _End | _Failed) -> None:
        while not self._stop.is_set():
            try:
                self._ready.put(item, timeout=_POLL)
                return
            except queue.Full:
                continue
