"""How much the report formats add to a run, as ratios against the same run writing JSON only.

    .venv/bin/python benchmarks/reports.py [--pages 100]

Generates the benchmark corpus (benchmarks/corpus.py) in a temporary folder, checks it once
(without browser, without cache) writing JSON only, then once writing every report format;
then renders each format alone from the same RunResult to show where the time goes.
"""
from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from inclusicheck.cli import main
from inclusicheck.reporters import FORMATS, reporter_class

FORMATS_WRITTEN = ["html", "sarif", "junit", "markdown", "rgaa", "rgaa-ods"]


def timed(args) -> float:
    start = time.perf_counter()
    main(args)
    return time.perf_counter() - start


def render_alone(name: str, result, registry) -> float:
    cls = reporter_class(name)
    stream = io.BytesIO() if cls.binary else io.StringIO()
    start = time.perf_counter()
    reporter = cls(stream, "fr", registry=registry)
    reporter.start(result)
    for doc in result.documents:
        reporter.add(doc)
    reporter.finish(result)
    return time.perf_counter() - start


def main_benchmark():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        subprocess.run([sys.executable, str(Path(__file__).parent / "corpus.py"), str(corpus),
                        "--pages", str(options.pages)], check=True, capture_output=True)
        base = ["check", str(corpus), "--no-browser", "--no-cache", "-q", "--format", "json",
                "-o", f"{tmp}/out.json"]
        baseline = timed(base)
        extra = [arg for name in FORMATS_WRITTEN for arg in ("--report", f"{name}:{tmp}/out.{name}")]
        everything = timed(base + extra)
        print(f"{options.pages} pages: JSON only {baseline:.2f} s; JSON + {', '.join(FORMATS_WRITTEN)} "
              f"{everything:.2f} s; ratio {everything / baseline:.2f}")

        from inclusicheck.config import load_config
        from inclusicheck.engines import Engines
        from inclusicheck.runner import make_plan, run
        from inclusicheck.sources import discover
        config = load_config(None, flags={"cache": False})
        engines = Engines(config, {"browser": "--no-browser"})
        plan = make_plan(config, engines)
        result = run(list(discover([str(corpus)], config.exclude)), config, plan, engines)
        engines.close()
        render_alone("json", result, config.registry)  # warm-up (imports, caches)
        json_time = render_alone("json", result, config.registry)
        for name in FORMATS_WRITTEN:
            seconds = render_alone(name, result, config.registry)
            print(f"  {name:9s} {seconds * 1000:8.1f} ms  ({seconds / json_time:5.1f} x json, {json_time * 1000:.1f} ms)")
        assert set(FORMATS_WRITTEN) <= set(FORMATS)


if __name__ == "__main__":
    main_benchmark()
