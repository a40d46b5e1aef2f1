"""Run the scan's row partitions on Dask distributed: a local cluster by default, or one the society runs.

The client decides everything that must be the same for every partition (column profiles) before
any partition runs; workers only scan. Each worker process loads GiNZA once (a worker plugin) and
keeps its own caches. Results come back in submission order, so findings are in row order and
identical to a one-process run; a partition that fails or whose worker dies makes the scan fail
(fail closed): the caller turns that into an ERROR verdict, never a PASS.
"""

from __future__ import annotations

import logging
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin

from ..errors import IndigoError, PartitionLost


class LoadGinza(WorkerPlugin):
    """Worker plugin: load the NER model once when the worker starts, not inside the first partition."""

    name = "indigo-review-ginza"

    def setup(self, worker: Any) -> None:
        """Load GiNZA into the worker process."""
        from .ner import load_nlp

        load_nlp()


@contextmanager
def dask_client(
    scheduler: str | None = None, workers: int | None = None, preload_ner: bool = True, timeout: float = 10.0
) -> Iterator[Any]:
    """A Dask client on the given scheduler (waiting at most `timeout` seconds for it), or on a new local cluster
    of `workers` processes (closed after)."""
    # Dask logs lost workers and failed tasks itself; the scan reports them once, as an ERROR naming the file.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=f"{timeout}s")
        else:
            # The scheduler's HTTP port may be taken by another cluster; it then picks a free one and says so.
            warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
            cluster = LocalCluster(
                n_workers=workers or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.CRITICAL,
            )
            client = Client(cluster)
    except OSError:
        where = scheduler or "(a local cluster)"
        raise IndigoError(
            None, f"cannot reach the Dask scheduler {where} within {timeout:g} s", "check --scheduler"
        ) from None
    try:
        if preload_ner:
            client.register_plugin(LoadGinza(), name=LoadGinza.name)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_ordered(
    client: Any,
    function: Callable[..., Any],
    tasks: Iterable[tuple[str, tuple]],
    window: int | None = None,
) -> Iterator[Any]:
    """Submit `function(*args)` for each (name, args) and yield the results in submission order.

    At most `window` tasks are in flight, so a huge file never sits in the scheduler's memory at once.
    Any failure (an exception in the task, a worker that died, a cancelled future) raises PartitionLost
    naming the partition and the kind of failure, never its data.
    """
    window = window or 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 1
    in_flight: deque[tuple[str, Any]] = deque()
    tasks = iter(tasks)

    def fill() -> None:
        while len(in_flight) < window:
            try:
                name, args = next(tasks)
            except StopIteration:
                return
            in_flight.append((name, client.submit(function, *args, pure=False, retries=0)))

    fill()
    while in_flight:
        name, future = in_flight.popleft()
        try:
            result = future.result()
        except IndigoError:  # a recognizer failure inside the partition: its own message says where
            for _, other in in_flight:
                other.cancel()
            raise
        except Exception as exc:
            for _, other in in_flight:
                other.cancel()
            raise PartitionLost(None, f"{name} was lost ({type(exc).__name__})", "rerun the scan") from None
        future.release()
        fill()
        yield result
