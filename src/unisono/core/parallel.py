"""Running a producer in another process, so that reading and writing use both CPU cores."""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
_QUEUE_SIZE = 4  # items in flight: memory stays flat whatever the source's size
_POLL_S = 1.0


def iterate_in_process(factory: Callable[..., Iterator[T]], *args: Any) -> Iterator[T]:
    """Yield what ``factory(*args)`` yields, computed in a child process.

    An exception in the child is raised here; if this side stops early, the child is stopped,
    and if this process dies, the child notices and stops too.
    """
    context = multiprocessing.get_context("spawn")  # no state shared by accident (fork would)
    channel: Any = context.Queue(maxsize=_QUEUE_SIZE)
    child = context.Process(target=_produce, args=(channel, os.getpid(), factory, args))
    child.start()
    try:
        while True:
            kind, payload = _receive(channel, child)
            if kind == "done":
                break
            if kind == "error":
                raise payload
            yield payload
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def _receive(channel: Any, child: Any) -> tuple[str, Any]:
    while True:
        try:
            message: tuple[str, Any] = channel.get(timeout=_POLL_S)
        except queue.Empty:
            if not child.is_alive():
                stopped = f"the worker process stopped (exit code {child.exitcode})"
                raise RuntimeError(stopped) from None
            continue
        return message


def _produce(channel: Any, parent: int, factory: Callable[..., Iterator[Any]], args: Any) -> None:
    try:
        with fewer_collections():
            for item in factory(*args):
                if not _send(channel, parent, ("item", item)):
                    return
        _send(channel, parent, ("done", None))
    except Exception as error:
        _send(channel, parent, ("error", error))


def _send(channel: Any, parent: int, message: tuple[str, Any]) -> bool:
    """Put ``message`` on the queue; False when the parent is gone."""
    while True:
        try:
            channel.put(message, timeout=_POLL_S)
        except queue.Full:
            if os.getppid() != parent:
                channel.cancel_join_thread()  # nobody will read what is queued: do not wait
                return False
            continue
        return True


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Let the cyclic garbage collector run rarely while millions of short-lived, acyclic
    objects are made (it would otherwise take a third of an import's time)."""
    before = gc.get_threshold()
    gc.set_threshold(200_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def ordered_map(
    function: Callable[[Any], R], items: Iterator[Any], *, workers: int, ahead: int = 2
) -> Iterator[R]:
    """``function(item)`` for each item, computed in ``workers`` processes, yielded in order.

    Items are taken from ``items`` only as workers become free (at most ``workers + ahead`` in
    flight), so that producing them (in this process) overlaps with computing them.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        running: deque[Future[R]] = deque()
        for item in items:
            running.append(pool.submit(function, item))
            if len(running) > workers + ahead:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()
