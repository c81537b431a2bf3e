"""Speed of the browser part: pages per second, inclusicheck against a plain axe-selenium-python loop.

    .venv/bin/python benchmarks/speed.py [--limit 200] [--repeat 5] [--packs wcag]

Two page sets: ACT test cases served on a loopback port (the first --limit HTML cases of
../shared/data/act) and the pages of examples/ (read --repeat times). On each, in this one command:
- the plain loop: one Chrome, for each page `driver.get`, `Axe.inject()`, `Axe.run()` (axe-selenium-python);
- inclusicheck with one browser (--jobs 1) and with two (--jobs 2), the result cache off.
Times include starting the browsers. Ratios > 1 mean inclusicheck is faster than the plain loop.
"""
from __future__ import annotations

import argparse
import time

from actcases import ACT, ROOT, PlainAxe, load_cases, run_inclusicheck, serve


def plain_loop(urls: list[str]) -> float:
    started = time.monotonic()
    axe = PlainAxe()
    try:
        for url in urls:
            axe.check(url)
    finally:
        axe.close()
    return time.monotonic() - started


def ours(targets: list[str], jobs: int, packs) -> float:
    started = time.monotonic()
    result = run_inclusicheck(targets, jobs=jobs, packs=packs)
    errors = [d.uri for d in result.documents if d.status == "error"]
    if errors:
        print(f"  ({len(errors)} page(s) with errors, e.g. {errors[0]})")
    return time.monotonic() - started


def measure(label: str, targets: list[str], urls: list[str], packs) -> None:
    n = len(targets)
    plain = plain_loop(urls)
    one = ours(targets, 1, packs)
    two = ours(targets, 2, packs)
    print(f"\n{label}: {n} pages")
    print(f"  plain axe-selenium loop   {n / plain:6.2f} pages/s  ({plain:.1f} s)")
    print(f"  inclusicheck --jobs 1     {n / one:6.2f} pages/s  ({one:.1f} s)  ratio to plain: {plain / one:.2f}")
    print(f"  inclusicheck --jobs 2     {n / two:6.2f} pages/s  ({two:.1f} s)  ratio to plain: {plain / two:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=200, help="ACT cases to check (0: all)")
    parser.add_argument("--repeat", type=int, default=5, help="times the examples/ pages are checked")
    parser.add_argument("--packs", default="wcag", help="comma-separated packs inclusicheck runs")
    args = parser.parse_args()
    packs = args.packs.split(",")
    print(f"inclusicheck packs: {', '.join(packs)}")

    cases = load_cases()
    cases = cases[: args.limit] if args.limit else cases
    with serve(ACT) as base:
        urls = [base + c["file"] for c in cases]
        measure("ACT test cases (served on 127.0.0.1)", urls, urls, packs)

    pages = sorted((ROOT / "examples").rglob("*.html")) * args.repeat
    measure(f"examples/ ({len(pages) // args.repeat} pages x {args.repeat})", [str(p) for p in pages],
            [p.as_uri() for p in pages], packs)


if __name__ == "__main__":
    main()
