"""What writing the reports costs in a run: time (as a share of the run, and against the JSON
reporter written in the same command) and size.

    .venv/bin/python benchmarks/reports.py [--pages 100 | --folder DIR] [--formats html,sarif,...] [--alone]

Checks the benchmark corpus (benchmarks/corpus.py, generated in a temporary folder) or DIR (the
DSFR example pages give thousands of findings a page: a good stress test) once, without browser
and without cache, writing JSON plus the formats asked for (default: html), and times each
reporter inside that run. --alone then renders each format again from the same RunResult.
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


def time_reporters(names: list[str]) -> tuple[dict[str, float], list]:
    """Wrap start/add/finish of each reporter class so that their time adds up in `spent`;
    `results` receives the RunResult the run gives its reporters."""
    spent = dict.fromkeys(names, 0.0)
    results: list = []
    for name in names:
        cls = reporter_class(name)
        for method in ("start", "add", "finish"):
            setattr(cls, method, timed_method(getattr(cls, method), name, spent))
    json_finish = reporter_class("json").finish
    reporter_class("json").finish = lambda self, result: (results.append(result), json_finish(self, result))
    return spent, results


def timed_method(method, name: str, spent: dict[str, float]):
    def timed(self, *args):
        start = time.perf_counter()
        try:
            return method(self, *args)
        finally:
            spent[name] += time.perf_counter() - start
    return timed


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


def measure(target: str, formats: list[str], out: Path):
    spent, results = time_reporters(["json", *formats])
    args = ["check", target, "--no-browser", "--no-cache", "-q", "--format", "json", "-o", str(out / "out.json")]
    args += [arg for name in formats for arg in ("--report", f"{name}:{out}/out.{name}")]
    start = time.perf_counter()
    main(args)
    total = time.perf_counter() - start
    summary = results[0].summary()
    print(f"{summary['documents']} documents, {summary['findings']} findings; run {total:.1f} s "
          f"(json + {', '.join(formats)})")
    for name in ["json", *formats]:
        size = (out / f"out.{name}").stat().st_size / 1e6
        print(f"  {name:9s} {spent[name]:7.2f} s  {spent[name] / total:6.1%} of the run  "
              f"{spent[name] / spent['json']:6.1f} x json  {size:8.2f} MB")
    return results[0]


def main_benchmark():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100, help="size of the generated corpus")
    parser.add_argument("--folder", help="check this folder instead of a generated corpus")
    parser.add_argument("--formats", default="html", help="comma-separated formats written besides JSON")
    parser.add_argument("--alone", action="store_true", help="also render each format alone from the result")
    options = parser.parse_args()
    formats = [f for f in options.formats.split(",") if f and f != "json"]
    assert set(formats) <= set(FORMATS), f"unknown format in {formats}"
    with tempfile.TemporaryDirectory() as tmp:
        target = options.folder
        if not target:
            target = str(Path(tmp) / "corpus")
            subprocess.run([sys.executable, str(Path(__file__).parent / "corpus.py"), target,
                            "--pages", str(options.pages)], check=True, capture_output=True)
        result = measure(target, formats, Path(tmp))
        if options.alone:
            from inclusicheck.config import load_config
            registry = load_config(None, flags={"cache": False}).registry
            render_alone("json", result, registry)  # warm-up (imports, caches)
            json_time = render_alone("json", result, registry)
            for name in formats:
                seconds = render_alone(name, result, registry)
                print(f"  alone: {name:9s} {seconds * 1000:8.1f} ms  ({seconds / json_time:5.1f} x json, "
                      f"{json_time * 1000:.1f} ms)")


if __name__ == "__main__":
    main_benchmark()
