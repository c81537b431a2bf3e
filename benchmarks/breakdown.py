"""Where the time of one page goes (issue 9): each engine's analysis and each rule, on generated pages.

    .venv/bin/python benchmarks/breakdown.py [--pages 20] [--no-browser]

Times are wall-clock, in the same process, after a warm-up page (engines started, models loaded):
the first use of an engine on a page is counted as that engine's, what a rule does after is the rule's.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate  # noqa: E402

from inclusicheck.config import load_config  # noqa: E402
from inclusicheck.engines import Context, Engines  # noqa: E402
from inclusicheck.runner import check_document, load_options, make_plan  # noqa: E402
from inclusicheck.sources import load_file  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    config = load_config()
    engines = Engines(config, {"browser": "--no-browser"} if args.no_browser else {})
    plan = make_plan(config, engines)
    costs: dict[str, float] = defaultdict(float)
    real_analysis = Context.analysis

    def timed_analysis(self, name):
        if name in self._analyses:
            return real_analysis(self, name)
        start = time.perf_counter()
        try:
            return real_analysis(self, name)
        finally:
            costs[f"engine {name}"] += time.perf_counter() - start
            self.engine_time = getattr(self, "engine_time", 0.0) + time.perf_counter() - start

    Context.analysis = timed_analysis
    for rule in plan.rules:  # each rule's time, minus the engine analyses it triggered
        def timed(doc, params, ctx, _check=rule.check, _id=rule.id):
            before, start = getattr(ctx, "engine_time", 0.0), time.perf_counter()
            hits = list(_check(doc, params, ctx))
            costs[_id] += time.perf_counter() - start - (getattr(ctx, "engine_time", 0.0) - before)
            return hits
        rule.__dict__["check"] = timed
    with tempfile.TemporaryDirectory() as tmp:
        warm_up, *pages = generate(Path(tmp), args.pages + 1)
        options = load_options(config)
        check_document(load_file(warm_up, options), config, plan, engines, "fr")
        costs.clear()
        total = 0.0
        for page in pages:
            start = time.perf_counter()
            doc = load_file(page, options)
            costs["read + parse (lxml, blocks)"] += time.perf_counter() - start
            check_document(doc, config, plan, engines, "fr")
            total += time.perf_counter() - start
    engines.close()
    n = len(pages)
    print(f"{n} pages, {total / n * 1000:.0f} ms per page; the costliest parts (ms per page, share):")
    for name, spent in sorted(costs.items(), key=lambda item: -item[1])[:25]:
        print(f"  {name:40} {spent / n * 1000:7.1f}  {spent / total:6.1%}")
    rest = total - sum(costs.values())
    print(f"  {'(findings, messages, suppressions...)':40} {rest / n * 1000:7.1f}  {rest / total:6.1%}")


if __name__ == "__main__":
    main()
