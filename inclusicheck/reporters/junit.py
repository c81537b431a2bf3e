"""JUnit XML for CI dashboards (Jenkins, GitLab, Azure...): one test suite per document, one test
case per document and rule. A rule fails its test case when it has `fail` findings at or above
`fail_on` that the baseline does not know (the same predicate as the exit code, Finding.fails);
findings below it, known ones and `review` findings are listed in <system-out> without failing. Rules the run skipped are <skipped/>; an unreadable document is
an <error/>. The structure is checked in tests against schemas/junit.xsd."""
from __future__ import annotations

import re

from lxml import etree

from . import Reporter, kind_of
from .rules_info import relative_uri


class JunitReporter(Reporter):
    binary = True  # lxml writes the XML declaration and encoding itself

    def finish(self, result):
        tree = junit_tree(result, self.options.get("rules"), self.options.get("fail_on") or "error")
        self.stream.write(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))


XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str | None) -> str:
    """Page text can hold characters XML 1.0 forbids (control characters): drop them."""
    return XML_INVALID.sub("", text or "")


def junit_tree(result, rules=None, fail_on: str = "error"):
    root = etree.Element("testsuites", name="inclusicheck")
    skipped_rules = {rule: s.reason for s in result.skipped for rule in s.rules}
    totals = dict(tests=0, failures=0, errors=0, skipped=0)
    for doc in result.documents:
        suite = document_suite(doc, rules, skipped_rules, fail_on)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    return root


def document_suite(doc, rules, skipped_rules, fail_on):
    name, _ = relative_uri(doc.uri)
    suite = etree.Element("testsuite", name=xml_text(name))
    counts = dict(tests=0, failures=0, errors=0, skipped=0)
    if doc.status == "error":
        case = etree.SubElement(suite, "testcase", classname=xml_text(name), name="inclusicheck.read")
        etree.SubElement(case, "error", message=xml_text(doc.error) or "error", type="unreadable").text = xml_text(doc.error)
        counts.update(tests=1, errors=1)
    by_rule: dict[str, list] = {}
    for finding in doc.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    ran = [r for r in (rules or []) if r not in skipped_rules]
    for rule_id in sorted(set(ran) | set(by_rule)):
        findings = by_rule.get(rule_id, [])
        case = etree.SubElement(suite, "testcase", classname=xml_text(name), name=rule_id)
        counts["tests"] += 1
        failures = [f for f in findings if f.fails(fail_on)]
        if failures:
            counts["failures"] += 1
            node = etree.SubElement(case, "failure", message=xml_text(failures[0].message), type=failures[0].severity.value)
            node.text = xml_text("\n".join(describe(f) for f in failures))
        others = [f for f in findings if f not in failures]
        if others:
            etree.SubElement(case, "system-out").text = xml_text("\n".join(describe(f) for f in others))
    if doc.status != "error":
        for rule_id in sorted(r for r in (rules or []) if r in skipped_rules):
            case = etree.SubElement(suite, "testcase", classname=xml_text(name), name=rule_id)
            etree.SubElement(case, "skipped", message=xml_text(skipped_rules[rule_id]))
            counts["tests"] += 1
            counts["skipped"] += 1
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def describe(f) -> str:
    where = ":".join(str(x) for x in (f.location.line, f.location.column) if x)
    where = where or f.location.selector or (f"p.{f.location.page}" if f.location.page else "")
    label = kind_of(f)
    label += ", baseline" if f.baselined else ""
    return f"[{label}] {where} {f.message}".replace("  ", " ") + (f" ({f.suggestion})" if f.suggestion else "")
