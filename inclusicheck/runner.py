"""documents -> engines -> checks -> findings. One pass per document: it is read and parsed once,
each engine analyses it at most once (Context), every enabled rule reads those results, and its
hits become findings (findings/). A target's result comes from the result cache when it has it.

batch.run checks many targets (here, or in worker processes: parallel.py) for the reporters.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import __version__
from .cache import ResultCache, browser_signature, cache_folder, code_signature
from .checks import WORD, Hit
from .checks.falc_documents import PACK as FALC_PACK, apply_designation
from .checks.stopwords import PROFILES_RULE as STOPWORD_PROFILES_RULE
from .checks.wcag.browser import review_unstyled
from .config import Config
from .engines import Context, EngineError, Engines
from .findings.grouping import group_repeats
from .findings.hits import in_code, set_fingerprints, to_finding
from .findings.suppressions import suppressed
from .i18n import LocalisedError, t
from .model import Document, DocumentResult, Finding, Skipped
from .packs import Rule
from .sources import LoadOptions, SourceError, Target, load, load_file, read_file

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
