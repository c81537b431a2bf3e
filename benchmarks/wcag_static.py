"""How the wcag pack's static layer does, without a browser. Run: .venv/bin/python benchmarks/wcag_static.py

1. ACT consistency of the static rules alone, per ACT rule they claim (W3C report terms: complete,
   partial, inconsistent, untested), on ../shared/data/act.
2. wcag.lang-change, the fallback without a language identifier (or with it, when the regional
   engine is installed): false alarms on French sentences (../shared/data/falc/wivico-dev.tsv) and
   detection of other-language texts in a French page (../shared/data/regional/lid.jsonl).
3. Speed: the static rules against a plain parse of the same pages (ratio), in this same run.
"""
from __future__ import annotations

import csv
import html
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from inclusicheck.api import Checker
from inclusicheck.config import load_config
from inclusicheck.document.dom import build_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def page(body: str, lang: str = "fr") -> str:
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Page</title></head>'
            f"<body>{body}</body></html>")


def act_consistency(config, ids):
    act = SHARED / "data" / "act"
    manifest = json.loads((act / "manifest.json").read_text(encoding="utf-8"))
    claimed = {a for i in ids for a in config.registry.get(i).references.get("act", [])}
    checker = Checker(config, rules=ids, browser=False)
    outcomes = defaultdict(Counter)
    for case in manifest["testcases"]:
        if case["ruleId"] not in claimed or not case["file"].endswith(".html"):
            continue
        result = checker.check_html((act / case["file"]).read_text(encoding="utf-8", errors="replace"),
                                    uri="http://127.0.0.1/" + case["file"])
        failed = any(f.outcome.value == "fail" and case["ruleId"] in f.references.get("act", [])
                     for f in result.findings)
        outcomes[case["ruleId"]][(case["expected"], failed)] += 1
    print("\n1. ACT consistency of the static rules (dev half of the cases)")
    for rule_id in sorted(claimed):
        o = outcomes[rule_id]
        wrong = o[("passed", True)] + o[("inapplicable", True)]
        caught, failed_cases = o[("failed", True)], o[("failed", True)] + o[("failed", False)]
        status = ("untested" if not sum(o.values()) else "inconsistent" if wrong else
                  "complete" if failed_cases and caught == failed_cases else "partial" if caught else "untested")
        print(f"   {rule_id}: {status:12} failed caught {caught}/{failed_cases}, wrong failures {wrong}")


def lang_change(config):
    checker = Checker(config, rules=["wcag.lang-change"], browser=False)
    engine = "language identifier" if checker.engines.unavailable("langid") is None else "stop-word fallback"
    print(f"\n2. wcag.lang-change ({engine})")
    with open(SHARED / "data" / "falc" / "wivico-dev.tsv", encoding="utf-8") as f:
        french = [s for row in csv.DictReader(f, delimiter="\t") for s in (row["wiki_sent"], row["viki_sent"])]
    alarms = sum(bool(checker.check_html(page(f"<p>{html.escape(s)}</p>")).findings) for s in french)
    print(f"   French sentences flagged (false alarms): {alarms}/{len(french)}")
    by_label = defaultdict(Counter)
    for line in open(SHARED / "data" / "regional" / "lid.jsonl", encoding="utf-8"):
        row = json.loads(line)
        findings = checker.check_html(page(f"<p>{html.escape(row['text'])}</p>")).findings
        tags = {(f.suggestion or "").removeprefix('lang="').rstrip('"').split("-")[0] for f in findings}
        by_label[row["label"]]["flagged" if findings else "missed"] += 1
        by_label[row["label"]]["right tag"] += row["label"].split("-")[0] in tags
    print("   texts in a lang=\"fr\" page: flagged (with the right language tag suggested) / total")
    for label, c in sorted(by_label.items()):
        print(f"     {label:5} {c['flagged']:3} ({c['right tag']:3}) / {c['flagged'] + c['missed']}")


def speed(config, ids):
    act = SHARED / "data" / "act"
    files = sorted(act.glob("WAI/content-assets/wcag-act-rules/testcases/*/*.html"))
    pages = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    checker = Checker(config, rules=ids, browser=False)
    start = time.perf_counter()
    for text in pages:
        build_document("p.html", text)
    parse = time.perf_counter() - start
    start = time.perf_counter()
    for text in pages:
        checker.check_html(text)
    full = time.perf_counter() - start
    print(f"\n3. Speed on {len(pages)} ACT pages: parse only {len(pages) / parse:.0f} pages/s, "
          f"parse + {len(ids)} static rules {len(pages) / full:.0f} pages/s (ratio {full / parse:.2f}x the parse)")


def main():
    if not SHARED.is_dir():
        sys.exit("../shared is absent: this benchmark needs the project's shared test material")
    config = load_config(cwd=ROOT / "tests")
    ids = sorted(r.id for r in config.registry.rules.values()  # DOM-only rules: checks/wcag*.py without the browser
                 if r.pack == "wcag" and r.check_name and r.check_name.startswith("wcag") and "browser" not in r.needs)
    print("static rules:", ", ".join(ids))
    act_consistency(config, ids)
    lang_change(config)
    speed(config, ids)


if __name__ == "__main__":
    main()
