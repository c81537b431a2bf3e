"""--jobs N: documents checked in N worker processes (spaCy and lxml are CPU-bound: threads would
share one core through the GIL). Each worker builds its own Config, Engines and Plan once, from
picklable facts (config values, rule ids), and owns its own browser, closed when it exits.

Targets are read lazily (a crawl produces them as it goes): at most 2×N documents are in flight,
and results come back in input order, so reports are the same as with --jobs 1.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.util import Finalize
from pathlib import Path
from typing import Iterable, Iterator

from .cache import ResultCache, cache_folder
from .config import Config
from .engines import Engines
from .i18n import t
from .model import DocumentResult
from .packs import load_registry
from .runner import Plan, check_target, expected_kind, load_options
from .sources import LoadOptions, SourceError, Target, read_stdin

_worker: dict = {}  # this worker process's config, plan, engines...


@dataclass(frozen=True)
class WorkerSetup:
    """Everything a worker needs to check documents as the parent would, in picklable form."""
    values: dict
    files: list[str]
    disabled: dict[str, str]
    rule_ids: list[str]
    metrics: list  # packs.Metric
    lang: str
    cache: ResultCache | None
    keep_source: bool
    needs: list[str]  # engines the rules use


def setup_for(config, plan, engines, lang: str, cache, keep_source: bool) -> WorkerSetup:
    # one browser per worker: the worker's engine must not start a pool of its own
    values = {**config.values, "jobs": 1}
    return WorkerSetup(values, list(config.files), dict(engines.disabled), [r.id for r in plan.rules],
                       list(plan.metrics), lang, cache, keep_source,
                       sorted(set().union(*(r.needs for r in plan.rules), *(m.needs for m in plan.metrics))))


def _init_worker(setup: WorkerSetup) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it stops the run cleanly
    signal.signal(signal.SIGTERM, _terminate)  # before any browser starts
    registry = load_registry(setup.values["rule_paths"], cache_folder(setup.values))
    config = Config(setup.values, registry, setup.files)
    engines = _worker["engines"] = Engines(config, setup.disabled)
    rules = [registry.rules[rule_id] for rule_id in setup.rule_ids]
    for name in setup.needs:
        engines.unavailable(name)  # starts what the rules need, as make_plan does in the parent
    engines.prepare(rules)
    _worker.update(config=config, engines=engines, plan=Plan(rules, setup.metrics), setup=setup,
                   options=load_options(config))
    # a worker leaves through multiprocessing's exit (finalizers run, atexit does not), or SIGTERM
    Finalize(engines, engines.close, exitpriority=10)


def _terminate(signum, frame) -> None:
    """Stopped by the parent (Ctrl-C): close the browser first, so that no Chromium outlives us."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once is enough
    try:
        _kill_child_groups()  # first: a browser still starting is not known to the engine yet
        if "engines" in _worker:
            _worker["engines"].abort()  # then what is not a child process (a remote session)
    finally:
        os._exit(0)


def _kill_child_groups() -> None:
    """Each ChromeDriver leads its own process group with its browsers (browser.py): end every
    group led by a child of this worker. Linux (/proc); elsewhere the engine's abort() does it."""
    me = os.getpid()
    for pid, parent in process_parents().items():
        if parent == me:
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass


def process_parents() -> dict[int, int]:
    """Every process's parent, pid -> ppid (Linux /proc; empty elsewhere)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return parents


def _check(target: Target) -> DocumentResult:
    w, setup = _worker, _worker["setup"]
    return check_target(target, w["options"], w["config"], w["plan"], w["engines"], setup.lang, setup.cache,
                        setup.keep_source)


def check_in_processes(targets: Iterable[Target], jobs: int, setup: WorkerSetup, in_parent, lookup,
                       options: LoadOptions, engines) -> Iterator[DocumentResult]:
    """Results of `targets` in input order. Targets that need no engine are answered here: by
    `lookup` (a result from the cache, or None) or `in_parent` (a source error). Workers start on
    the first document that needs one; fewer documents than jobs start fewer workers; a single
    document none at all."""
    targets = iter(targets)
    first = list(islice(targets, 2 * jobs))
    if len(first) <= 1:
        yield from map(in_parent, first)
        return
    workers = min(jobs, len(first))
    engines.release()  # the parent's browser was only the availability check: the workers have theirs
    pool = None

    def get_pool() -> ProcessPoolExecutor:
        nonlocal pool
        if pool is None:
            pool = ProcessPoolExecutor(workers, mp_context=_context(setup), initializer=_init_worker, initargs=(setup,))
        return pool

    pending: deque[tuple[Target, Future]] = deque()
    stopped = True
    try:
        for target in chain(first, targets):
            try:
                future = _submit(get_pool, target, in_parent, lookup, options)
            except BrokenProcessPool:  # a worker died (crash, out of memory): new ones take the next documents
                pool.shutdown(wait=True)
                pool = None
                future = _submit(get_pool, target, in_parent, lookup, options)
            pending.append((target, future))
            while len(pending) >= 2 * workers:
                yield _result(*pending.popleft(), setup.lang)
        while pending:
            yield _result(*pending.popleft(), setup.lang)
        stopped = False
    finally:
        if pool is not None:
            if stopped:  # Ctrl-C or an error: drop what waits, stop the workers (they kill their browsers)
                for _, future in pending:
                    future.cancel()
                for process in list((pool._processes or {}).values()):  # no public API for this
                    process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)


def _result(target: Target, future: Future, lang: str) -> DocumentResult:
    try:
        return future.result()
    except BrokenProcessPool as exc:  # the worker died with this document (or beside it): only these fail
        return DocumentResult(uri=target.uri, kind=expected_kind(target.uri), status="error",
                              error=t("check.worker_crashed", lang, reason=str(exc) or type(exc).__name__))


def _context(setup: WorkerSetup):
    """forkserver (never fork: the parent may run threads and browsers), with the heavy imports and
    the spaCy model loaded once in the server and shared by the workers; spawn where unavailable."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    os.environ["INCLUSICHECK_PRELOAD"] = ",".join(setup.needs)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["inclusicheck.preload"])
    return context


def _submit(get_pool, target: Target, in_parent, lookup, options: LoadOptions) -> Future:
    """The future result of one target: from a worker, or already known (cache hit, source error)."""
    if target.uri == "stdin" and target.data is None:  # a worker has no stdin: read it here
        try:
            target = Target("stdin", data=read_stdin(options))
        except SourceError as exc:
            target = Target("stdin", error=exc)
    known = in_parent(target) if target.error is not None else lookup(target)
    if known is None:
        return get_pool().submit(_check, target.portable())
    done: Future = Future()
    done.set_result(known)
    return done
