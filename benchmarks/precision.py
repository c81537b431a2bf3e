"""Precision on real pages: run every default pack on benchmarks/data/realworld/ and join the
findings with the hand labels of benchmarks/data/realworld/labels.tsv.

    .venv/bin/python benchmarks/precision.py                 # browser on (as a user runs it)
    .venv/bin/python benchmarks/precision.py --no-browser
    .venv/bin/python benchmarks/precision.py --check         # exit 1 when a goal is not met
    .venv/bin/python benchmarks/precision.py --to-label new.tsv   # unlabelled findings, to label
    .venv/bin/python benchmarks/precision.py --report out.json    # reuse a JSON report, no run

Only findings at severity error or warning are counted ("alarms"). A label is keyed by
(document, rule, anchor) — see `anchor` and docs/precision.md — and applies to every finding
with that key. Goals (`--check`): overall precision >= 0.90 over the error+warning findings whose
outcome is `fail`; every rule >= 0.80 unless all its error+warning findings are `review`; no page
above 200 error+warning findings; writing the reports (JSON + HTML) < 10 % of the run; and no
error+warning finding left unlabelled (an unlabelled finding could be either).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "benchmarks" / "data" / "realworld"
LABELS = CORPUS / "labels.tsv"
ALARMS = ("error", "warning")
LABEL_COLUMNS = ["doc", "rule", "anchor", "label", "reason"]
CONTEXT_COLUMNS = ["severity", "outcome", "line", "selector", "message", "snippet"]
GOALS = {"precision": 0.90, "rule_precision": 0.80, "max_page": 200, "report_share": 0.10}
ANCHOR_CHARS = 80


# ---- keys ------------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Whitespace collapsed and tabs removed, so the key survives reindentation and fits a TSV cell."""
    return " ".join((text or "").split())


def anchor(finding: dict) -> str:
    """What a label is attached to, chosen to survive code changes. The flagged words when the rule
    points at part of its snippet (an abbreviation, a masculine generic: still the same words when
    findings get grouped per block); otherwise the snippet itself — the sentence, the element's
    HTML, or the start of the block — cut to 80 characters. A single flagged character (one finding
    per character of a code sample) is keyed by its block, not by the character. Fingerprints and
    line numbers are not used: they change when a rule regroups its findings."""
    snippet = finding.get("snippet") or ""
    span = finding.get("span")
    if span and 0 <= span[0] < span[1] <= len(snippet) and (span[1] - span[0]) < len(snippet):
        flagged = normalise(snippet[span[0]:span[1]])
        if len(flagged) >= 2:
            return normalise(flagged[:ANCHOR_CHARS])
    text = normalise(snippet) or (finding.get("location") or {}).get("selector") or ""
    return normalise(text[:ANCHOR_CHARS])  # again: the cut may leave a trailing space


def doc_key(uri: str) -> str:
    """The document's path inside the corpus, whatever folder the run was started from."""
    marker = "benchmarks/data/realworld/"
    return uri.split(marker, 1)[1] if marker in uri else uri


def key(doc: str, finding: dict) -> tuple[str, str, str]:
    return doc, finding["rule"], anchor(finding)


# ---- labels ----------------------------------------------------------------------------------------

@dataclass
class Label:
    true: bool
    reason: str


SCOPE = "selector~"  # an anchor "selector~> pre": every finding of the rule on the page inside a <pre>


class Labels:
    """Exact labels by key, and scoped ones: an anchor `selector~TEXT` labels every finding of that
    rule on that page whose selector contains TEXT (used for the floods inside code samples, which
    would otherwise need one row per block). An exact key always wins over a scoped row."""

    def __init__(self):
        self.exact: dict[tuple[str, str, str], Label] = {}
        self.scoped: dict[tuple[str, str], list[tuple[str, Label]]] = defaultdict(list)

    def add(self, doc: str, rule: str, anchor_text: str, label: Label) -> None:
        if anchor_text.startswith(SCOPE):
            self.scoped[(doc, rule)].append((anchor_text[len(SCOPE):], label))
        else:
            self.exact[(doc, rule, normalise(anchor_text))] = label

    def find(self, doc: str, finding: dict) -> Label | None:
        exact = self.exact.get(key(doc, finding))
        if exact is not None:
            return exact
        selector = (finding.get("location") or {}).get("selector") or ""
        return next((label for text, label in self.scoped.get((doc, finding["rule"]), ()) if text in selector), None)

    def docs(self) -> set[str]:
        return {k[0] for k in self.exact} | {k[0] for k in self.scoped}

    def all(self) -> list[Label]:
        return list(self.exact.values()) + [label for rows in self.scoped.values() for _, label in rows]

    def __len__(self) -> int:
        return len(self.all())


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Tab-separated rows under a header line; lines starting with # are comments. No quoting:
    anchors are normalised (no tab, no newline), so a cell is taken exactly as written."""
    lines = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def load_labels(path: Path) -> Labels:
    labels = Labels()
    if not path.exists():
        return labels
    for number, row in enumerate(read_tsv(path), start=1):
        value = (row.get("label") or "").strip().lower()
        if value not in ("true", "false"):
            raise SystemExit(f"{path}: row {number}: label must be true or false, not {value!r}")
        labels.add(row["doc"], row["rule"], row["anchor"], Label(value == "true", row.get("reason") or ""))
    return labels


# ---- the run ---------------------------------------------------------------------------------------

class TimedReporter:
    """Wraps a reporter and adds up the time spent in it, to know what writing reports costs."""

    def __init__(self, inner):
        self.inner = inner
        self.needs_source = getattr(inner, "needs_source", False)
        self.seconds = 0.0

    def _timed(self, method, *args):
        start = time.perf_counter()
        try:
            method(*args)
        finally:
            self.seconds += time.perf_counter() - start

    def start(self, result):
        self._timed(self.inner.start, result)

    def add(self, doc):
        self._timed(self.inner.add, doc)

    def finish(self, result):
        self._timed(self.inner.finish, result)


@dataclass
class Timing:
    total: float
    reports: float

    @property
    def report_share(self) -> float:
        return self.reports / self.total if self.total else 0.0


def run_corpus(out_dir: Path, browser: bool) -> tuple[Path, Timing]:
    """Check the corpus with every default pack, no cache, writing JSON and HTML; return the JSON path."""
    from inclusicheck.config import load_config
    from inclusicheck.engines import Engines
    from inclusicheck.reporters import reporter_class
    from inclusicheck.batch import run
    from inclusicheck.runner import make_plan
    from inclusicheck.sources import discover

    start = time.perf_counter()
    config = load_config(None, cwd=ROOT, flags={"cache": False})
    engines = Engines(config, {} if browser else {"browser": "--no-browser"})
    plan = make_plan(config, engines)
    options = {"registry": config.registry, "rules": [r.id for r in plan.rules], "fail_on": config.fail_on}
    json_path, html_path = out_dir / "realworld.json", out_dir / "realworld.html"
    with json_path.open("w", encoding="utf-8") as js, html_path.open("w", encoding="utf-8") as html:
        reporters = [TimedReporter(reporter_class("json")(js, "fr", **options)),
                     TimedReporter(reporter_class("html")(html, "fr", **options))]
        try:
            run(list(discover([str(CORPUS)], config.exclude)), config, plan, engines, reporters, "fr")
        finally:
            engines.close()
    return json_path, Timing(time.perf_counter() - start, sum(r.seconds for r in reporters))


# ---- the join --------------------------------------------------------------------------------------

@dataclass
class Alarm:
    doc: str
    finding: dict
    label: Label | None

    @property
    def rule(self) -> str:
        return self.finding["rule"]

    @property
    def review(self) -> bool:
        return self.finding.get("outcome") == "review"


def alarms_of(report: dict, labels: Labels) -> list[Alarm]:
    found = []
    for document in report["documents"]:
        doc = doc_key(document["uri"])
        for finding in document["findings"]:
            if finding["severity"] in ALARMS:
                found.append(Alarm(doc, finding, labels.find(doc, finding)))
    return found


def precision(alarms: list[Alarm]) -> float | None:
    judged = [a for a in alarms if a.label is not None]
    return sum(a.label.true for a in judged) / len(judged) if judged else None


@dataclass
class Summary:
    by_rule: dict[str, list[Alarm]]
    overall: float | None  # over error+warning findings with outcome fail
    overall_with_review: float | None
    per_page: Counter
    pages: int
    unlabelled: list[Alarm]

    @property
    def mean_per_page(self) -> float:
        return sum(self.per_page.values()) / self.pages if self.pages else 0.0


def summarise(report: dict, labels: Labels) -> Summary:
    alarms = alarms_of(report, labels)
    by_rule: dict[str, list[Alarm]] = defaultdict(list)
    for alarm in alarms:
        by_rule[alarm.rule].append(alarm)
    return Summary(dict(sorted(by_rule.items())), precision([a for a in alarms if not a.review]),
                   precision(alarms), Counter(a.doc for a in alarms), len(report["documents"]),
                   [a for a in alarms if a.label is None])


def failed_goals(summary: Summary, timing: Timing | None) -> list[str]:
    failures = []
    if summary.overall is None or summary.overall < GOALS["precision"]:
        failures.append(f"overall precision {fmt(summary.overall)} < {GOALS['precision']}")
    for rule, alarms in summary.by_rule.items():
        if all(a.review for a in alarms):
            continue  # a person is asked to look: not an alarm the goal counts
        value = precision(alarms)
        if value is not None and value < GOALS["rule_precision"]:
            failures.append(f"{rule}: precision {value:.2f} < {GOALS['rule_precision']} and not at review/info")
    crowded = [doc for doc, n in summary.per_page.items() if n > GOALS["max_page"]]
    if crowded:
        failures.append(f"{len(crowded)} page(s) above {GOALS['max_page']} error+warning findings")
    if timing is not None and timing.report_share >= GOALS["report_share"]:
        failures.append(f"writing the reports takes {timing.report_share:.0%} of the run")
    if summary.unlabelled:
        failures.append(f"{len(summary.unlabelled)} error+warning finding(s) unlabelled (--to-label FILE)")
    return failures


# ---- output ----------------------------------------------------------------------------------------

def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_summary(summary: Summary, timing: Timing | None) -> None:
    print(f"{'rule':36s} {'alarms':>7s} {'review':>7s} {'true':>6s} {'false':>6s} {'unlab.':>7s} {'prec.':>6s}")
    for rule, alarms in summary.by_rule.items():
        judged = [a for a in alarms if a.label]
        true = sum(a.label.true for a in judged)
        print(f"{rule:36s} {len(alarms):7d} {sum(a.review for a in alarms):7d} {true:6d} {len(judged) - true:6d} "
              f"{len(alarms) - len(judged):7d} {fmt(precision(alarms)):>6s}")
    total = sum(summary.per_page.values())
    print(f"\nerror+warning findings: {total} on {summary.pages} documents; "
          f"precision (outcome fail): {fmt(summary.overall)}; with reviews: {fmt(summary.overall_with_review)}")
    busiest = summary.per_page.most_common(1)
    print(f"per page: mean {summary.mean_per_page:.1f}, max {busiest[0][1] if busiest else 0}"
          f"{f' ({busiest[0][0]})' if busiest else ''}; "
          f"pages above {GOALS['max_page']}: {sum(n > GOALS['max_page'] for n in summary.per_page.values())}")
    print(f"unlabelled: {len(summary.unlabelled)}")
    for alarm in summary.unlabelled[:20]:
        print(f"  {alarm.doc}\t{alarm.rule}\t{anchor(alarm.finding)}")
    if len(summary.unlabelled) > 20:
        print(f"  ... {len(summary.unlabelled) - 20} more (--to-label FILE writes them all)")
    if timing is not None:
        print(f"run: {timing.total:.1f} s, of which writing JSON + HTML reports {timing.reports:.2f} s "
              f"({timing.report_share:.1%})")


def write_to_label(summary: Summary, path: Path) -> int:
    """Unlabelled findings, one row per key, with what a person needs to judge them; fill `label`
    (true/false) and `reason`, then append the first five columns to labels.tsv."""
    rows: dict[tuple, dict] = {}
    for alarm in summary.unlabelled:
        f = alarm.finding
        row_key = key(alarm.doc, f)
        if row_key in rows:
            continue
        location = f.get("location") or {}
        rows[row_key] = {"doc": alarm.doc, "rule": alarm.rule, "anchor": row_key[2], "label": "", "reason": "",
                         "severity": f["severity"], "outcome": f.get("outcome", ""), "line": location.get("line") or "",
                         "selector": location.get("selector") or "", "message": normalise(f.get("message", "")),
                         "snippet": normalise(f.get("snippet", ""))[:300]}
    columns = LABEL_COLUMNS + CONTEXT_COLUMNS
    lines = ["\t".join(columns)] + ["\t".join(str(row[c]) for c in columns) for row in rows.values()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the rules that need Chromium")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is not met")
    parser.add_argument("--to-label", type=Path, metavar="FILE", help="write the unlabelled findings to FILE (TSV)")
    parser.add_argument("--report", type=Path, metavar="JSON", help="join this JSON report instead of running")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labels file (default: %(default)s)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the JSON and HTML reports in DIR")
    options = parser.parse_args(argv)

    timing = None
    with tempfile.TemporaryDirectory() as tmp:
        report_path = options.report
        if report_path is None:
            out_dir = options.keep or Path(tmp)
            out_dir.mkdir(parents=True, exist_ok=True)
            report_path, timing = run_corpus(out_dir, browser=not options.no_browser)
        report = json.loads(report_path.read_text(encoding="utf-8"))
    summary = summarise(report, load_labels(options.labels))
    print_summary(summary, timing)
    if options.to_label:
        print(f"{write_to_label(summary, options.to_label)} keys to label written to {options.to_label}")
    if options.check:
        failures = failed_goals(summary, timing)
        for failure in failures:
            print(f"GOAL NOT MET: {failure}")
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
