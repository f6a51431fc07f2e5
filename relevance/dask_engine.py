"""The Dask engine: the runner's tasks scored on a Dask cluster, past one machine.

:class:`relevance.runner.Runner` cuts the input into chunks and orders the results; this module
only runs its tasks elsewhere. The scoring state (model, settings, profile, goals) is sent to
every worker once (``scatter`` with ``broadcast``), and so is the sample, when the first chunk
has made it; a task then carries only its chunk of records. Results come back in input order
with a bounded number of tasks in flight, as with the local pool, so the output is the local
engine's, byte for byte.

``dask[distributed]`` is an optional extra (``pip install "group-relevance[dask]"``); it is
imported only when the engine is asked for.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from relevance.errors import UsageError

if TYPE_CHECKING:
    from relevance.batch import IdfSample
    from relevance.runner import Engine, Outcome, Plan, Task, Worker


INSTALL_HINT = 'install it with: pip install "group-relevance[dask]"'

LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # Dask has its workers' glibc give freed memory back to the system from 64 KiB up, which
    # costs system time on every chunk (3 to 4 times the local engine's workers' on 20,000
    # groups), only for the next chunk to take the memory back: a run's memory is flat, so
    # glibc's own threshold is kept, as in the local engine's workers. A
    # MALLOC_TRIM_THRESHOLD_ set in the environment still applies.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # Nobody reads the profile of a cluster that lives for one run: no sampling of the
    # workers' stacks every 10 ms.
    "distributed.worker.profile.enabled": False,
}
"""Dask settings for the local cluster a run starts (a real cluster's workers keep theirs)."""


@dataclass(frozen=True)
class _State:
    """What every task of one run shares, sent to each worker once."""

    key: str
    engine: Engine
    plan: Plan


class DaskPool:
    """Runs a plan's tasks on a Dask cluster, for one run; use it as a context manager.

    Parameters
    ----------
    engine : Engine
        What scores a chunk.
    plan : Plan
        The run's plan; ``plan.scheduler`` is the scheduler's address (e.g.
        ``tcp://10.0.0.5:8786``), or None for a ``LocalCluster`` of ``plan.jobs`` worker
        processes on this machine, ended with the run.
    """

    def __init__(self, engine: Engine, plan: Plan) -> None:
        distributed = _import_distributed()
        self._cluster: Any = None
        self._key: str | None = None
        if plan.scheduler is None:
            import dask

            with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read as the workers are started
                self._cluster = distributed.LocalCluster(
                    n_workers=plan.jobs,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address="127.0.0.1:0",  # a free port, never a clash
                    silence_logs=logging.ERROR,  # no "event loop unresponsive" on a busy machine
                )
            # Results straight from the workers, not relayed by the scheduler (which runs in
            # this process): the workers are on this machine, so they can always be reached.
            self.client = distributed.Client(self._cluster, direct_to_workers=True)
        else:
            self.client = _connect(distributed, plan.scheduler)
        try:
            threads = sum(self.client.nthreads().values())
            if threads == 0:
                raise UsageError(
                    f"the Dask scheduler at {plan.scheduler} has no workers",
                    hint="start some with: dask worker " + str(plan.scheduler),
                )
            self.in_flight = 2 * threads  # tasks sent ahead: enough to keep every worker busy
            self._key = uuid.uuid4().hex
            state = _State(self._key, engine, plan)
            self._state = self.client.scatter(state, broadcast=True, hash=False)
        except BaseException:
            self.close()
            raise
        self._sample: tuple[IdfSample, Any] | None = None

    def submit(self, task: Task, sample: IdfSample | None) -> Any:
        """Send ``task`` to a worker; the result is the future's :class:`Outcome`."""
        return self.client.submit(_run_task, self._state, task, self._scattered(sample), pure=False)

    def _scattered(self, sample: IdfSample | None) -> Any:
        # One sample per run: sent to every worker once, then named by its future.
        if sample is None:
            return None
        if self._sample is None or self._sample[0] is not sample:
            self._sample = (sample, self.client.scatter(sample, broadcast=True, hash=False))
        return self._sample[1]

    def close(self) -> None:
        """Let go of the run's data on the cluster; end the local cluster, if one was made."""
        if self._key is not None and self._cluster is None:  # a cluster that outlives the run
            with contextlib.suppress(Exception):  # a lost worker has nothing left to drop
                self.client.run(_forget, self._key)
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def check_installed() -> None:
    """Raise :class:`UsageError` when ``dask.distributed`` is not installed (without importing
    it: that waits for the run)."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        raise UsageError(
            "the dask engine needs dask.distributed, which is not installed", hint=INSTALL_HINT
        )


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as error:
        raise UsageError(
            f"the dask engine needs dask.distributed, which is not installed ({error})",
            hint=INSTALL_HINT,
        ) from None
    return distributed


def _connect(distributed: Any, address: str) -> Any:
    """A client of the scheduler at ``address``; a clear error when it cannot be reached."""
    try:
        return distributed.Client(address)
    except (OSError, ValueError, TypeError) as error:
        raise UsageError(
            f"cannot reach the Dask scheduler at {address}: {error}",
            hint="start one with 'dask scheduler' and give its address (tcp://HOST:8786), "
            "or leave out --scheduler for a cluster on this machine",
        ) from None


_WORKERS: dict[int, tuple[str, Worker]] = {}
"""Each worker thread's :class:`Worker` of the run it last scored for (by thread id): the
blocks of goals of one chunk then vectorize it once. Dropped when the run ends."""


def _run_task(state: _State, task: Task, sample: IdfSample | None) -> Outcome:
    """Score one task on a Dask worker."""
    from relevance.runner import Worker

    thread = threading.get_ident()
    last = _WORKERS.get(thread)
    if last is None or last[0] != state.key:
        _WORKERS.pop(thread, None)  # the previous run's chunk goes before this run's is built
        last = _WORKERS[thread] = (state.key, Worker(state.engine, state.plan))
    return last[1].run(task, sample)


def _forget(key: str) -> None:
    """Drop the run's workers (and the chunk each holds) from this worker process."""
    for thread, (run, _) in list(_WORKERS.items()):
        if run == key:
            _WORKERS.pop(thread, None)
