"""documents -> engines -> checks -> findings. One pass per document: it is read and parsed once,
each engine analyses it at most once (Context), every enabled rule reads those results.

`run` streams each DocumentResult to the reporters as soon as it is ready.
"""
from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import lxml.html

from . import __version__
from .baseline import mark_known
from .cache import ResultCache, browser_signature, cache_folder, code_signature
from .checks import WORD, Hit
from .checks.falc_documents import PACK as FALC_PACK, apply_designation
from .checks.wcag_browser import review_unstyled
from .checks.stopwords import PROFILES_RULE as STOPWORD_PROFILES_RULE
from .config import Config
from .document.dom import index
from .engines import Context, EngineError, Engines
from .i18n import LocalisedError, t
from .model import (Document, DocumentResult, Finding, Location, Occurrence, Outcome, RunResult, Severity,
                    Skipped)
from .packs import Rule
from .sources import LoadOptions, SourceError, Target, load, load_file, read_file

SNIPPET_WINDOW = 80  # characters of context kept on each side of a flagged span
CORE_PACK = "inclusicheck"


@dataclass
class Plan:
    """What runs: the enabled rules (core rules last), metrics, and what was skipped and why."""
    rules: list[Rule]
    metrics: list
    skipped: list[Skipped] = field(default_factory=list)


def make_plan(config: Config, engines: Engines, packs: Iterable[str] | None = None,
              include: Iterable[str] = (), exclude: Iterable[str] = ()) -> Plan:
    packs = list(packs or config.packs or config.registry.packs)
    selected = config.registry.select(packs, include, exclude)
    rules, skipped_by_reason = [], {}
    for rule in selected:
        reason = next((r for r in map(engines.unavailable, sorted(rule.needs)) if r), None)
        if reason:
            skipped_by_reason.setdefault(reason, []).append(rule.id)
        else:
            rules.append(rule)
    rules.sort(key=lambda r: (r.pack == CORE_PACK, r.id))
    metrics = [m for m in config.registry.metrics(packs) if not any(map(engines.unavailable, m.needs))]
    engines.prepare(rules)
    return Plan(rules, metrics, [Skipped(ids, reason) for reason, ids in skipped_by_reason.items()])


def tool_info(engines: Engines | None = None) -> dict:
    return {"name": "inclusicheck", "version": __version__, "engines": engines.versions() if engines else {}}


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
        from .parallel import check_in_processes, setup_for
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


def load_options(config: Config) -> LoadOptions:
    return LoadOptions(max_bytes=int(config.max_bytes), timeout=float(config.timeout),
                       ignore_selectors=tuple(config.ignore_selectors),
                       user_agent=config.crawl["user_agent"], newsletter_globs=tuple(config.newsletters),
                       social_globs=tuple(config.values["social_posts"]), kind=config.values["kind"])


def check_target(target: Target, options: LoadOptions, config: Config, plan: Plan, engines: Engines,
                 lang: str, cache: ResultCache | None = None, need_source: bool = True) -> DocumentResult:
    """One target's result; from the cache when it has it. `need_source`: a reporter shows the
    page (the cache keeps the JSON contract only, the page is then read again on a hit); without
    one, the page is not kept, so that memory stays flat."""
    result = _check_target(target, options, config, plan, engines, lang, cache, need_source)
    if not need_source:
        result.source = None
    return result


def _check_target(target, options, config, plan, engines, lang, cache, need_source) -> DocumentResult:
    try:
        if _by_bytes(target, cache):
            key, data = _file_key(target.path, options, config, plan, lang, cache)
            get_doc = lambda: load_file(target.path, options, data)  # noqa: E731
        else:
            doc = load(target, options)
            if cache is None:
                return check_document(doc, config, plan, engines, lang)
            # sources whose facts are not all in doc.source (PDF structure, e-mail headers) add a digest
            key = cache.key(doc.uri, doc.kind, doc.source + doc.meta.get("content_digest", ""),
                            settings_text(doc.uri, config, plan, lang, options, cache))
            get_doc = lambda: doc  # noqa: E731
        result = _hit(cache, key, get_doc, need_source)
        if result is None:  # on a file's miss, get_doc() decodes it now (and may raise SourceError)
            result = check_document(get_doc(), config, plan, engines, lang)
            if result.status == "checked":  # failures may be transient (a browser crash): never cached
                cache.put(key, result)
        return result
    except SourceError as exc:
        return DocumentResult(uri=target.uri, kind=expected_kind(target.uri), status="error", error=exc.render(lang))


def _by_bytes(target: Target, cache: ResultCache | None) -> bool:
    """Is this a local file the cache looks up by its bytes? (a hit costs no decoding, no parsing)"""
    return cache is not None and target.path is not None and target.document is None


def _file_key(path: Path, options: LoadOptions, config: Config, plan: Plan, lang: str,
              cache: ResultCache) -> tuple[str, bytes]:
    data = read_file(path, options)
    uri = str(path)
    settings = settings_text(uri, config, plan, lang, options, cache)
    return cache.key(uri, "file", hashlib.sha256(data).hexdigest(), settings), data


def cached_result(target: Target, options: LoadOptions, config: Config, plan: Plan, lang: str,
                  cache: ResultCache | None, need_source: bool) -> DocumentResult | None:
    """A local file's result when the cache has it, else None (--jobs: a hit needs no worker)."""
    if not _by_bytes(target, cache):
        return None
    try:
        key, data = _file_key(target.path, options, config, plan, lang, cache)
    except SourceError:
        return None  # reported by whoever checks it
    return _hit(cache, key, lambda: load_file(target.path, options, data), need_source)


def _hit(cache: ResultCache, key: str, get_doc, need_source: bool) -> DocumentResult | None:
    """The cached result, or None. The cache keeps the JSON contract only: when a reporter shows
    the page, it is read again (`get_doc`) for its text and title."""
    result = cache.get(key)
    if result is not None and need_source:
        doc = get_doc()
        result.source, result.title = doc.source, doc.title
    return result


def expected_kind(uri: str) -> str:
    """The kind a target would have had, for the report of one that could not be read."""
    suffix = uri.split("?")[0].rsplit(".", 1)[-1].lower() if "." in uri else ""
    return {"pdf": "pdf", "eml": "newsletter", "txt": "text", "md": "markdown", "markdown": "markdown",
            "docx": "docx", "docm": "docx", "odt": "odt", "json": "social", "csv": "social"}.get(suffix, "page")


def settings_text(uri: str, config: Config, plan: Plan, lang: str, options: LoadOptions, cache: ResultCache) -> str:
    return cache.settings_text(config.override_ids(uri), lambda: document_settings(uri, config, plan, lang, options))


def document_settings(uri: str, config: Config, plan: Plan, lang: str, options: LoadOptions) -> dict:
    """Everything in the configuration that this document's result depends on (reading it
    included: which parts are ignored, which .html files are e-mail templates)."""
    rules = {}
    # falc reads wcag.lang-change's stop-word profiles even when that rule does not run, and
    # office.link-text wcag.link-text's list of link texts (checks/office.py)
    for rule_id in sorted({*(r.id for r in plan.rules), STOPWORD_PROFILES_RULE, "wcag.link-text"}):
        setting = config.rule_setting(rule_id, uri)
        rules[rule_id] = [setting.enabled, setting.severity.value, setting.configured, setting.params]
    packs = {pack: config.pack_settings(pack, uri) for pack in sorted({r.pack for r in plan.rules})}
    metrics = sorted(f"{m.module}.{m.name}" for m in plan.metrics)
    return {"rules": rules, "packs": packs, "metrics": metrics, "lang": lang,
            "ignore_selectors": list(options.ignore_selectors), "newsletters": list(options.newsletter_globs),
            "social": [options.kind, *options.social_globs],
            "max_bytes": options.max_bytes}


def make_cache(config: Config, plan: Plan) -> ResultCache | None:
    folder = cache_folder(config.values)
    if folder is None:
        return None
    signature = code_signature() + config.registry.house_signature  # house rules change results too
    if any("browser" in r.needs for r in plan.rules):
        signature += browser_signature(config.values.get("remote_webdriver") or None)
    return ResultCache(folder, signature)


def check_document(doc: Document, config: Config, plan: Plan, engines: Engines, lang: str = "fr") -> DocumentResult:
    ctx = Context(doc, engines, config, lang)
    ctx.registry = config.registry
    settings = {rule.id: config.rule_setting(rule.id, doc.uri) for rule in plan.rules}
    # a document without a DOM (PDF) cannot be rendered: rules needing the browser skip it
    active = [r for r in plan.rules if doc.kind in r.applies_to and settings[r.id].enabled
              and not ("browser" in r.needs and doc.tree is None)]
    ctx.enabled_rules = {r.id for r in active}
    result = DocumentResult(uri=doc.uri, kind=doc.kind, lang=doc.lang, source=doc.source, title=doc.title)
    result.metrics["words"] = sum(len(WORD.findall(b.text)) for b in doc.blocks if b.kind != "title")
    errors = []
    for rule in active:
        ctx.rule = rule
        setting = settings[rule.id]
        found: list[tuple[Hit, Finding]] = []
        try:
            for hit in rule.check(doc, setting.params, ctx):
                finding = to_finding(rule, setting.severity, setting.params, hit, doc, lang)
                if not in_code(hit) and not suppressed(doc, rule.id, hit):
                    found.append((hit, finding))
        except EngineError as exc:  # every rule of that engine fails alike: say it once
            if exc.render(lang) not in errors:
                errors.append(exc.render(lang))
        except Exception as exc:  # a rule or engine failing on one document must not stop the run
            reason = exc.render(lang) if isinstance(exc, LocalisedError) else f"{type(exc).__name__}: {exc}"
            errors.append(t("check.crashed", lang, rule=rule.id, reason=reason))
        result.findings.extend(group_repeats(found, lang))  # what a rule found before failing is kept
    for metric in plan.metrics:
        try:
            result.metrics.update(metric(doc, ctx))
        except Exception as exc:
            errors.append(t("check.crashed", lang, rule=metric.name, reason=f"{type(exc).__name__}: {exc}"))
    result.metrics.update(ctx.metrics)
    if ctx.analysed("browser") is not None:  # layout findings of a page rendered without its styles
        review_unstyled(ctx.analysed("browser"), active, result, lang)
    if any(r.pack == FALC_PACK for r in active):  # falc findings weigh in FALC documents only
        apply_designation(doc, config, result, lang)
    if errors:
        result.status, result.error = "error", " ; ".join(errors)
    set_fingerprints(doc, result.findings)
    return result


# ---- hits -> findings -------------------------------------------------------------------------

class _Template(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def to_finding(rule: Rule, severity: Severity, params: dict, hit: Hit, doc: Document, lang: str) -> Finding:
    element = hit.element if hit.element is not None else (hit.block.element if hit.block else None)
    has_dom = doc.tree is not None and element is not None
    line, column = index(doc).position(element) if has_dom else (None, None)
    if hit.block is not None and line is None:
        line = hit.block.line
    location = hit.location or Location(
        line=line, column=column, selector=hit.selector or (index(doc).selector(element) if has_dom else None)
        or (hit.block.where if hit.block else None),
        page=hit.block.page if hit.block else None)
    snippet, span = _snippet(hit, element)
    data = _Template({**params, **hit.data, "suggestion": hit.suggestion or ""})
    message = rule.message(hit.message_key, lang).format_map(data)
    outcome = hit.outcome or rule.outcome
    severity = hit.severity or severity
    if outcome is Outcome.REVIEW and severity is Severity.ERROR:
        severity = Severity.WARNING  # a person must look: never counted as an error
    references = {**rule.references, **(hit.references or {})}
    finding = Finding(rule=rule.id, pack=rule.pack, severity=severity, outcome=outcome, message=message,
                      location=location, snippet=snippet, suggestion=hit.suggestion, references=references,
                      span=span)
    finding.anchor = _anchor(hit, element, snippet, span)
    return finding


def in_code(hit: Hit) -> bool:
    """Does the hit flag characters of inline code (Block.code_spans)? Code is not prose."""
    if hit.block is None or hit.span is None or hit.snippet is not None or not hit.block.code_spans:
        return False
    start, end = hit.span
    return any(s <= start and end <= e for s, e in hit.block.code_spans)


# ---- repeats of a rule -> one finding ------------------------------------------------------------
# Two kinds of repeats become one finding whose `occurrences` list every hit (the first leads: its
# snippet, location and fingerprint): a rule's text matches in one block (« 3 occurrences dans ce
# paragraphe »), and a rule's hits on elements of one kind on the page (« 783 éléments semblables
# sur la page »). Elements are of one kind when they have the same tag name and class attribute;
# they are the same problem when the hit has the same message key and message parameters (measured
# figures included: two contrasts of 3,2:1 and 3,9:1 stay two findings), advice, severity and outcome.
# Text matches in blocks of the same text on elements of one kind (90 identical alt texts) are
# likewise one finding on similar elements.

GROUP_SNIPPET_MAX = 400  # characters of block text a grouped finding's snippet shows at most
MAX_LISTED = 5  # distinct occurrence texts a grouped finding's message names
BLOCK_NAMES = {"paragraph", "heading", "list-item", "cell", "caption", "quote", "label", "alt", "title"}
ELEMENT_TEXT_MAX = 80  # characters of an element occurrence's description
START_TAG = re.compile(r"<([A-Za-z][\w:-]*)(\s[^>]*)?/?>")
CLASS_ATTR = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _repeat_key(hit: Hit, finding: Finding):
    """What hits grouped in one finding share (None: the hit stands alone). Text matches in a block
    (a span, no element, snippet or location of their own) group by block, message and advice;
    hits on elements by the kind of element and the whole message (see above)."""
    same_problem = (hit.message_key, finding.suggestion, finding.severity, finding.outcome)
    if _is_text_match(hit):
        return "block", _block_identity(hit.block), *same_problem
    kind = element_kind(hit)
    if kind is None:
        return None
    params = tuple(sorted((name, repr(value)) for name, value in hit.data.items()))
    return "element", kind, params, finding.message, *same_problem


def _block_identity(block) -> tuple:
    """A block, or all the blocks with its text on elements of its kind: the same words flagged
    in 90 identical alt texts of one card image are one problem on 90 similar elements."""
    kind = element_kind(Hit(element=block.element)) if block.element is not None else None
    return ("id", id(block)) if kind is None else ("text", block.kind, kind, block.text)


def _is_text_match(hit: Hit) -> bool:
    return hit.block is not None and hit.span is not None and hit.element is None and hit.snippet is None \
        and hit.location is None and hit.selector is None


def element_kind(hit: Hit) -> tuple[str, str] | None:
    """(tag name, class attribute with its classes sorted) of the element a hit is about: our lxml
    element, else the start tag of the HTML that axe-core gave (an element our source does not
    have: added by scripts, or in a frame). None for hits that are not about an element."""
    element = hit.element
    if element is not None and isinstance(getattr(element, "tag", None), str):
        return element.tag.lower(), " ".join(sorted((element.get("class") or "").split()))
    if element is not None or hit.block is not None or not hit.snippet:
        return None
    start = START_TAG.match(hit.snippet.lstrip())
    if start is None:
        return None
    found = CLASS_ATTR.search(start.group(2) or "")
    classes = next((value for value in found.groups() if value is not None), "") if found else ""
    return start.group(1).lower(), " ".join(sorted(classes.split()))


def group_repeats(found: list[tuple[Hit, Finding]], lang: str) -> list[Finding]:
    """One rule's findings, its repeats made one finding (in the order of the first)."""
    groups: dict = {}
    for hit, finding in found:
        groups.setdefault(_repeat_key(hit, finding) or id(hit), []).append((hit, finding))
    return [group[0][1] if len(group) == 1 else
            merge_repeats(group, lang) if _is_text_match(group[0][0]) else merge_elements(group, lang)
            for group in groups.values()]


def merge_elements(group: list[tuple[Hit, Finding]], lang: str) -> Finding:
    """The first element's finding (in page order, as the rule found them: its fingerprint is the
    one it had alone), with every element listed (its location and a short description) and
    their count in the message."""
    finding = group[0][1]
    finding.occurrences = [Occurrence(location=Location(**f.location.to_dict()), text=element_text(hit, f))
                           for hit, f in group]
    finding.message += " " + t("finding.similar", lang, n=len(group))
    return finding


def element_text(hit: Hit, finding: Finding) -> str:
    """What tells one element of a group from the others: its text, else the start of its HTML."""
    element = hit.element
    text = " ".join(element.text_content().split()) if element is not None else ""
    if not text and hit.snippet and hit.element is None:  # axe's HTML: its text between the tags
        text = " ".join(re.sub(r"<[^>]*>", " ", hit.snippet).split())
    if not text:
        text = " ".join((finding.snippet or finding.location.selector or "").split())
    return text if len(text) <= ELEMENT_TEXT_MAX else text[:ELEMENT_TEXT_MAX - 1] + "…"


def merge_repeats(group: list[tuple[Hit, Finding]], lang: str) -> Finding:
    """The first hit's finding (in text order, so its fingerprint is the one that hit had alone),
    with a snippet spanning the occurrences, each of them listed, and their count in the message.
    Hits in identical blocks (_block_identity) share the first block's text, so its snippet
    shows them; the message then counts the elements."""
    order = {block: n for n, block in enumerate(dict.fromkeys(id(hit.block) for hit, _ in group))}
    group = sorted(group, key=lambda pair: (order[id(pair[0].block)], pair[0].span))
    first_hit, finding = group[0]
    text = first_hit.block.text
    first_start, first_end = first_hit.span
    lo = max(0, first_start - SNIPPET_WINDOW)
    hi = min(len(text), max(hit.span[1] for hit, _ in group) + SNIPPET_WINDOW,
             max(first_end + SNIPPET_WINDOW, lo + GROUP_SNIPPET_MAX))
    prefix, suffix = ("…" if lo else ""), ("…" if hi < len(text) else "")
    finding.snippet = prefix + text[lo:hi] + suffix
    finding.occurrences = [
        Occurrence(location=Location(**f.location.to_dict()), text=text[start:end],
                   span=(start - lo + len(prefix), end - lo + len(prefix)) if end <= hi else None)
        for (start, end), f in ((hit.span, f) for hit, f in group)]
    finding.span = finding.occurrences[0].span
    kind = first_hit.block.kind if first_hit.block.kind in BLOCK_NAMES else "other"
    where = t(f"block.{kind}", lang)
    # the message quotes the first hit: when the others differ (« / » and « & »), say which they are
    texts = list(dict.fromkeys(o.text for o in finding.occurrences))
    if len(order) > 1:
        finding.message += " " + t("finding.similar", lang, n=len(order))
    elif 1 < len(texts) <= MAX_LISTED and all(len(text) <= 30 for text in texts):
        listed = ", ".join(t("finding.quoted", lang, text=text) for text in texts)
        finding.message += " " + t("finding.repeats_of", lang, n=len(group), where=where, texts=listed)
    else:
        finding.message += " " + t("finding.repeats", lang, n=len(group), where=where)
    return finding


def _snippet(hit: Hit, element) -> tuple[str | None, tuple[int, int] | None]:
    if hit.snippet is not None:
        return hit.snippet, hit.span
    if hit.block is not None:
        text = hit.block.text
        if hit.span is None:
            return (text if len(text) <= 2 * SNIPPET_WINDOW else text[: 2 * SNIPPET_WINDOW] + "…"), None
        start, end = hit.span
        lo, hi = max(0, start - SNIPPET_WINDOW), min(len(text), end + SNIPPET_WINDOW)
        prefix, suffix = ("…" if lo else ""), ("…" if hi < len(text) else "")
        return prefix + text[lo:hi] + suffix, (start - lo + len(prefix), end - lo + len(prefix))
    if element is not None and isinstance(getattr(element, "tag", None), str):
        return outer_html(element), None
    return None, None


def outer_html(element, limit: int = 300) -> str:
    html = lxml.html.tostring(element, encoding="unicode", with_tail=False).strip()
    if len(html) <= limit:
        return html
    start_tag = html[: html.find(">") + 1] if ">" in html else html[:limit]
    return start_tag[:limit] + "…"


def _anchor(hit: Hit, element, snippet, span) -> str:
    """What identifies a finding regardless of where it sits in the file: its element's tag and
    id, and the flagged text. Line numbers are left out on purpose (they move with any edit)."""
    tag = element.tag if element is not None and isinstance(getattr(element, "tag", None), str) else ""
    el_id = element.get("id", "") if tag else ""
    text = snippet[span[0]:span[1]] if snippet and span else (snippet or "")
    if hit.block is not None and not span:
        text = hit.block.text
    return f"{tag}#{el_id}|{hit.message_key}|{' '.join(text.split())}"


def set_fingerprints(doc: Document, findings: list[Finding]) -> None:
    """Stable ids: the same rule, document and anchor; the n-th repeat of an identical anchor
    gets its rank, so two identical links stay two findings."""
    seen: dict[str, int] = {}
    for finding in findings:
        key = f"{finding.rule}|{doc.uri}|{finding.anchor}"
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        finding.fingerprint = hashlib.sha256(f"{key}|{rank}".encode()).hexdigest()[:32]


# ---- inline suppressions ----------------------------------------------------------------------

def suppressed(doc: Document, rule_id: str, hit: Hit) -> bool:
    """Is this hit silenced by an inline directive? Marks the directive as used."""
    if doc.tree is None:
        return False
    element = hit.element if hit.element is not None else (hit.block.element if hit.block else None)
    if element is None:
        element = doc.tree
    dom = index(doc)
    order = dom.order
    position = order.get(element)
    if position is None:
        return False
    ancestors = {element, *element.iterancestors()}
    suppressions = dom.suppressions
    for i, sup in enumerate(suppressions):
        if not _names(sup.patterns, rule_id):
            continue
        if sup.directive == "ignore-attr":
            covered = sup.element in ancestors
        elif sup.directive == "disable-next":
            target = _next_element(sup.element)
            covered = target is not None and target in ancestors
        elif sup.directive == "disable":
            start = order[sup.element]
            end = next((order[s.element] for s in suppressions[i + 1:]
                        if s.directive == "enable" and (not s.patterns or _names(s.patterns, rule_id))),
                       len(order))
            covered = start < position < end and element not in set(sup.element.iterancestors())
        else:
            continue
        if covered:
            sup.used.add(rule_id)
            return True
    return False


def _names(patterns: list[str], rule_id: str) -> bool:
    return not patterns or any(fnmatch.fnmatchcase(rule_id, p) for p in patterns)


def _next_element(node):
    while node is not None:
        sibling = node.getnext()
        while sibling is not None and not isinstance(sibling.tag, str):
            sibling = sibling.getnext()
        if sibling is not None:
            return sibling
        node = node.getparent()
    return None
