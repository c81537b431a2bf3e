"""A run: every target checked (runner.check_target; with --jobs N, in N worker processes:
parallel.py), each result streamed to the reporters as soon as it is ready, the findings a
baseline knows marked.
"""
from __future__ import annotations

from typing import Iterable

from .cache import ResultCache
from .config import Config
from .engines import Engines
from .findings.baseline import mark_known
from .model import DocumentResult, RunResult
from .runner import Plan, cached_result, check_target, load_options, tool_info
from .sources import Target


def run(targets: Iterable[Target], config: Config, plan: Plan, engines: Engines, reporters=(),
        lang: str = "fr", progress=None, baseline: set[str] | None = None, cache: ResultCache | None = None
        ) -> RunResult:
    """Check every target (from sources.discover) and stream each result to the reporters."""
    result = RunResult(tool=tool_info(), skipped=plan.skipped)
    for reporter in reporters:
        reporter.start(result)
    options = load_options(config)
    jobs = int(config.values.get("jobs", 1))
    keep_source = any(getattr(r, "needs_source", False) for r in reporters)

    def check_one(target: Target) -> DocumentResult:
        return check_target(target, options, config, plan, engines, lang, cache, keep_source)

    if jobs > 1:
        from .parallel import check_in_processes, setup_for  # its imports only when it is used
        setup = setup_for(config, plan, engines, lang, cache, keep_source)
        lookup = lambda target: cached_result(target, options, config, plan, lang, cache, keep_source)  # noqa: E731
        results = check_in_processes(targets, jobs, setup, check_one, lookup, options, engines)
    else:
        results = map(check_one, targets)
    try:
        for doc_result in results:
            if progress:
                progress(doc_result.uri)
            if baseline:
                mark_known(doc_result, baseline)
            result.documents.append(doc_result)
            for reporter in reporters:
                reporter.add(doc_result)
    finally:  # Ctrl-C included: what was checked is still reported
        if hasattr(results, "close"):
            results.close()  # stops the worker processes, if any
        result.tool = tool_info(engines)
        for reporter in reporters:
            reporter.finish(result)
    return result
