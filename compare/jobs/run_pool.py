"""`yoy run`'s workers: a process pool of one BLAS thread each (or this process, jobs 1), tasks
handed out and their results taken as they finish, and Ctrl-C: the parent decides, the workers
finish the pair they are in, and each ends with the run that started it, however it ends."""
from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from compare.jobs.blas import THREAD_VARS

# The index's parses go out in about this many chunks per worker: few round trips to the pool,
# yet a slow chunk cannot hold up the others for long.
CHUNKS_PER_WORKER = 8
# Seconds between a worker's checks that the run that started it is still there.
PARENT_CHECK = 0.5
ORPHANED = 3       # exit status of a worker whose run is gone

__all__ = ["Runner", "interrupt_deferred", "single_threaded", "worker_start"]


def single_threaded() -> None:
    """One BLAS/OpenMP thread in this process: for libraries loaded later (environment)
    and for those already loaded (threadpoolctl)."""
    # one worker per core: more threads only fight (jobs 2 was no faster than 1)
    for var in THREAD_VARS:
        os.environ[var] = "1"
    from threadpoolctl import threadpool_limits
    threadpool_limits(1)


def worker_start() -> None:
    import signal
    import threading
    # Ctrl-C reaches the whole process group: the parent decides, workers finish their pair
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # after kill -9 or SIGTERM of the run nothing else ends its workers: they would wait for work
    # forever, holding the run's lock (inherited); polling needs no Linux-only prctl
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    single_threaded()


def _exit_with(parent: int) -> None:
    """End this process once `parent` is no longer its parent (it died; the orphan was adopted)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK)
    os._exit(ORPHANED)


class Runner:
    """Tasks in a process pool (jobs > 1) or in this process; results as they finish."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.pending: dict[Future, object] = {}
        self.pool = (ProcessPoolExecutor(max_workers=jobs, initializer=worker_start)
                     if jobs > 1 else None)
        if self.pool is None:
            single_threaded()

    def map(self, fn: Callable, items: list) -> Iterable:
        """In order (for small, many tasks such as index entries)."""
        if self.pool is None:
            return map(fn, items)
        return self.pool.map(fn, items,
                             chunksize=max(1, len(items) // (CHUNKS_PER_WORKER * self.jobs)))

    def unordered(self, tasks: list[tuple]) -> Iterator[tuple[Any, dict]]:
        """(tag, result) for each (tag, fn, *args) task, in the order they finish."""
        if self.pool is None:
            for tag, fn, *args in tasks:
                yield tag, fn(*args)
            return
        with interrupt_deferred():
            self.pending = pending = {self.pool.submit(fn, *args): tag for tag, fn, *args in tasks}
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for f in finished:
                yield pending.pop(f), f.result()

    def drain(self) -> Iterator[tuple[Any, dict]]:
        """After Ctrl-C: drop the tasks not started, and give the results of those already running
        (workers ignore the signal and finish them) so that their work is not thrown away."""
        for f in self.pending:
            f.cancel()
        for f in wait(self.pending).done:
            if not f.cancelled():
                yield self.pending[f], f.result()
        self.pending = {}

    def close(self, interrupted: bool) -> None:
        if self.pool is not None:
            # on Ctrl-C queued pairs are dropped; the few running ones finish
            # (their files are atomic)
            self.pool.shutdown(wait=True, cancel_futures=interrupted)


@contextlib.contextmanager
def interrupt_deferred() -> Iterator[None]:
    """Ctrl-C waits until the block is over: a task handed to a worker but not yet noted as
    pending would be finished by the worker and lost to `drain` (seen once in 20 repeats of the
    Ctrl-C test on a loaded machine). Python runs signal handlers in the main thread only: from
    any other, the block runs as it is."""
    import signal
    import threading
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
    if caught:  # delivered again, to whatever handles it outside the block
        signal.raise_signal(signal.SIGINT)
