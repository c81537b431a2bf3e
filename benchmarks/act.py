"""Accuracy on the W3C ACT Rules test cases: inclusicheck against plain axe-core, in one run.

    .venv/bin/python benchmarks/act.py [--act-dir ../shared/data/act] [--jobs 2] [--details]

Serves the ACT folder on a loopback port, checks every HTML case (cases with missing or remote
assets are left out) with inclusicheck's `wcag` pack and with a plain axe-selenium-python loop,
then rates each ACT rule as the W3C implementation reports do:

- inconsistent: some passed or inapplicable example got a failure mapped to that rule;
- complete: every failed example was caught, with no inconsistency;
- partial: some failed examples were caught, none wrongly;
- untested: no failed example caught, none wrongly.

inclusicheck findings map to ACT rules through their `references.act` (only `fail` outcomes:
`review` is a "can't tell"); axe violations through the `actIds` of their axe rule.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from actcases import ACT, PlainAxe, load_cases, run_inclusicheck, serve

STATUSES = ("complete", "partial", "inconsistent", "untested")


def rate(cases: list[dict], flagged: dict[tuple[str, str], set[str]]) -> dict[str, str]:
    """ACT rule id -> status, from the set of ACT ids each case (rule, test case) was failed for."""
    caught, wrong, failed = Counter(), Counter(), Counter()
    for case in cases:
        rule = case["ruleId"]
        hit = rule in flagged.get((rule, case["testcaseId"]), set())
        if case["expected"] == "failed":
            failed[rule] += 1
            caught[rule] += hit
        elif hit:
            wrong[rule] += 1
    status = {}
    for rule in {c["ruleId"] for c in cases}:
        if wrong[rule]:
            status[rule] = "inconsistent"
        elif failed[rule] and caught[rule] == failed[rule]:
            status[rule] = "complete"
        elif caught[rule]:
            status[rule] = "partial"
        else:
            status[rule] = "untested"
    return status


def ours(cases, base: str, jobs: int, best_practice: bool):
    """(rule, case) -> ACT ids failed, and -> the inclusicheck rules that failed them."""
    urls = [base + c["file"] for c in cases]
    result = run_inclusicheck(urls, jobs=jobs, wcag={"axe_best_practice": True} if best_practice else None)
    flagged, by_rule, errors = {}, {}, 0
    for case, doc in zip(cases, result.documents):
        errors += doc.status == "error"
        key = (case["ruleId"], case["testcaseId"])
        failing = [f for f in doc.findings if f.outcome.value == "fail"]
        flagged[key] = {act for f in failing for act in f.references.get("act", [])}
        by_rule[key] = {f.rule for f in failing if case["ruleId"] in f.references.get("act", [])}
    return flagged, by_rule, errors, result.tool["engines"]


def plain_axe(cases, base: str):
    axe = PlainAxe()
    flagged, by_rule, errors = {}, {}, 0
    try:
        for case in cases:
            key = (case["ruleId"], case["testcaseId"])
            try:
                results = axe.check(base + case["file"])
            except Exception:  # a page that breaks the plain loop counts as not caught
                errors += 1
                flagged[key], by_rule[key] = set(), set()
                continue
            ids = [v["id"] for v in results.get("violations", [])]
            flagged[key] = {act for rule in ids for act in axe.act_ids.get(rule, [])}
            by_rule[key] = {f"axe:{r}" for r in ids if case["ruleId"] in axe.act_ids.get(r, [])}
    finally:
        axe.close()
    return flagged, by_rule, errors


def totals(status: dict[str, str], rules) -> str:
    counts = Counter(status[r] for r in rules)
    return " / ".join(f"{counts[s]} {s}" for s in STATUSES)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--act-dir", type=Path, default=ACT)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--details", action="store_true", help="list the cases behind each inconsistency")
    parser.add_argument("--best-practice", action="store_true",
                        help="inclusicheck also runs axe's best-practice rules (as plain axe does by default)")
    args = parser.parse_args()
    cases = load_cases(args.act_dir)
    names = {c["ruleId"]: c["ruleName"] for c in cases}
    approved = {c["ruleId"] for c in cases if c["ruleApproved"]}
    with serve(args.act_dir) as base:
        started = time.monotonic()
        our_flags, our_rules, our_errors, engines = ours(cases, base, args.jobs, args.best_practice)
        our_time = time.monotonic() - started
        started = time.monotonic()
        axe_flags, axe_rules, axe_errors = plain_axe(cases, base)
        axe_time = time.monotonic() - started
    our_status, axe_status = rate(cases, our_flags), rate(cases, axe_flags)

    print(f"{len(cases)} ACT test cases (HTML, assets present), {len(names)} ACT rules; "
          f"inclusicheck engines: {engines}; axe best-practice rules: {'on' if args.best_practice else 'off'}")
    print(f"{'ACT rule':8}  {'name':52} {'inclusicheck':13} {'plain axe':13}")
    for rule in sorted(names, key=lambda r: (r not in approved, names[r])):
        mark = "" if rule in approved else " (proposed)"
        diff = " <" if our_status[rule] != axe_status[rule] else ""
        print(f"{rule:8}  {(names[rule] + mark)[:52]:52} {our_status[rule]:13} {axe_status[rule]:13}{diff}")
    for label, rules in (("approved rules", approved), ("all rules", set(names))):
        print(f"\n{label} ({len(rules)}):")
        for name, status in (("inclusicheck", our_status), ("plain axe", axe_status)):
            consistent = sum(status[r] in ("complete", "partial") for r in rules)
            print(f"  {name:13} {totals(status, rules)}  -> consistent (complete + partial): {consistent}")
    print(f"\npages with errors: inclusicheck {our_errors}, plain axe {axe_errors}; "
          f"time: inclusicheck {our_time:.1f} s, plain axe {axe_time:.1f} s")

    culprits = defaultdict(list)
    for case in cases:
        key = (case["ruleId"], case["testcaseId"])
        if case["expected"] != "failed" and case["ruleId"] in our_flags.get(key, set()):
            for rule in our_rules[key]:
                culprits[rule].append(f"{case['ruleId']} {case['testcaseTitle']} ({case['expected']})")
    if culprits:
        print("\ninclusicheck rules behind inconsistencies:")
        for rule, where in sorted(culprits.items()):
            print(f"  {rule}: {len(where)} case(s)" + ("".join(f"\n    {w}" for w in where) if args.details else ""))


if __name__ == "__main__":
    main()
