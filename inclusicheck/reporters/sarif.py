"""SARIF 2.1.0, for CI and GitHub code scanning. The mapping is the table in STYLE.md:
rules with helpUri and help text, results with partialFingerprints, a physical location (file +
region) when the source line is known, else a logical location (the CSS selector); review outcomes
are `kind: review` (level `none`, as SARIF requires for kinds other than `fail`).
Validated in tests against the official OASIS schema (schemas/sarif-schema-2.1.0.json)."""
from __future__ import annotations

import json
from pathlib import Path

from ..packs.docs import rule_markdown
from ..i18n import t
from ..model import Outcome
from . import Reporter
from .rules_info import relative_uri, rule_info

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/inclusicheck/inclusicheck"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
RELATED_MAX = 100  # related locations a grouped result carries, to bound the file (the JSON has them all)
LINKED_MAX = 10  # of which the message links to


class SarifReporter(Reporter):
    def finish(self, result):
        json.dump(sarif_log(result, self.lang, self.options.get("registry")), self.stream,
                  ensure_ascii=False, indent=2)
        self.stream.write("\n")


def sarif_log(result, lang="fr", registry=None) -> dict:
    rule_ids = sorted({f.rule for d in result.documents for f in d.findings})
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    run = {
        "tool": {"driver": driver(result, rule_ids, lang, registry),
                 "extensions": [{"name": name, "version": str(version)}
                                for name, version in sorted(result.tool.get("engines", {}).items()) if version]},
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "artifacts": [{"location": artifact_location(d.uri)} for d in result.documents],
        "invocations": [invocation(result)],
        "results": [sarif_result(f, d, index, lang) for d in result.documents for f in d.findings],
        "language": lang,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def driver(result, rule_ids, lang, registry) -> dict:
    findings = {f.rule: f for d in result.documents for f in d.findings}
    rules = []
    for rule_id in rule_ids:
        info = rule_info(registry, rule_id, lang, findings[rule_id].references)
        rule = registry.get(rule_id) if registry is not None else None
        descriptor = {
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": info.description or info.title},
            "defaultConfiguration": {"level": LEVELS.get(info.severity or findings[rule_id].severity.value)},
            "properties": {"tags": [info.pack] + [f"{s.upper()}-{r}" for s, refs in info.references.items()
                                                  for r in refs or []]},
        }
        if info.help_uri:
            descriptor["helpUri"] = info.help_uri
        if rule is not None:
            markdown = rule_markdown(rule, lang)
            descriptor["help"] = {"text": info.description or info.title, "markdown": markdown}
        else:
            descriptor["help"] = {"text": info.title}
        rules.append(descriptor)
    return {"name": "inclusicheck", "version": result.tool.get("version", ""),
            "semanticVersion": result.tool.get("version", ""), "informationUri": INFORMATION_URI,
            "rules": rules}


def artifact_location(uri: str) -> dict:
    shown, local = relative_uri(uri)
    return {"uri": shown, "uriBaseId": SRCROOT} if local else {"uri": shown}


def sarif_result(finding, doc, index, lang="fr") -> dict:
    review = finding.outcome is Outcome.REVIEW
    loc = finding.location
    properties = {"severity": finding.severity.value, "outcome": finding.outcome.value,
                  "references": finding.references}
    if finding.suggestion:
        properties["suggestion"] = finding.suggestion
    if loc.page:
        properties["page"] = loc.page
    if finding.occurrences:  # repeats grouped in one finding: one result (the message says how many)
        properties["count"] = finding.count
        properties["occurrences"] = [o.text for o in finding.occurrences]
    related = related_locations(finding, doc)
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "kind": "review" if review else "fail",
        "level": "none" if review else LEVELS[finding.severity.value],
        "message": {"text": message_text(finding, related, lang)},
        "locations": [sarif_location(loc, doc, finding.snippet)],
        **({"relatedLocations": related} if related else {}),
        "partialFingerprints": {"inclusicheck/v1": finding.fingerprint},
        # Known in the --baseline file: SARIF's own word for "seen before, not new".
        **({"baselineState": "unchanged"} if finding.baselined else {}),
        "properties": properties,
    }


def sarif_location(loc, doc, snippet=None) -> dict:
    """A physical location (file + region) when the source line is known, and the CSS selector
    as a logical one."""
    physical = {"artifactLocation": artifact_location(doc.uri)}
    if loc.line:
        region = {"startLine": loc.line}
        if loc.column:
            region["startColumn"] = loc.column
        if snippet:
            region["snippet"] = {"text": snippet}
        physical["region"] = region
    location = {"physicalLocation": physical}
    if loc.selector:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.selector, "kind": "element"}]
    return location


def related_locations(finding, doc) -> list[dict]:
    """The other places a grouped finding stands for, as `relatedLocations`: GitHub code scanning
    reads only the first of `locations` (and SARIF keeps `locations` for places that must all
    change together), and links a related location where the message names it (message_text).
    Occurrences at the leading location (repeats in one block) add nothing and are left out;
    past RELATED_MAX, `properties.occurrences` and the JSON report keep the rest."""
    related = []
    for number, occurrence in enumerate(elsewhere(finding)[:RELATED_MAX], start=1):
        location = sarif_location(occurrence.location, doc)
        location["id"] = number
        location["message"] = {"text": occurrence.text}
        related.append(location)
    return related


def elsewhere(finding) -> list:
    return [o for o in finding.occurrences[1:] if o.location != finding.location]


def message_text(finding, related: list[dict], lang: str) -> str:
    """The finding's message; for a grouped finding, followed by links to the first related
    locations (SARIF's embedded links `[text](id)`: literal brackets are escaped)."""
    if not related:
        return finding.message
    escaped = finding.message.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    links = ", ".join(f"[{place_name(r, lang)}]({r['id']})" for r in related[:LINKED_MAX])
    more = len(elsewhere(finding)) - min(len(related), LINKED_MAX)
    return escaped + " " + t("sarif.related", lang, links=links) + (f" (+{more})" if more > 0 else "")


def place_name(location: dict, lang: str) -> str:
    line = location["physicalLocation"].get("region", {}).get("startLine")
    if line:
        return t("sarif.line", lang, line=line)
    names = location.get("logicalLocations") or [{"fullyQualifiedName": str(location["id"])}]
    return names[0]["fullyQualifiedName"].replace("[", "\\[").replace("]", "\\]")


def invocation(result) -> dict:
    notes = [{"level": "error", "message": {"text": d.error or d.status},
              "locations": [{"physicalLocation": {"artifactLocation": artifact_location(d.uri)}}]}
             for d in result.documents if d.status == "error"]
    notes += [{"level": "warning", "message": {"text": f"{s.reason}: {', '.join(s.rules)}"}}
              for s in result.skipped]
    return {"executionSuccessful": not any(d.status == "error" for d in result.documents),
            "toolExecutionNotifications": notes}
