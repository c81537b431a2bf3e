"""Command line: check, rules, explain, init, config.

Exit codes live in ExitCode and are decided in one place (`main` and `exit_code`). Machine output
goes to stdout (or --output); progress, warnings and errors go to stderr.
"""
from __future__ import annotations

import itertools
import json
import shutil
import sys
import time
from contextlib import ExitStack
from enum import IntEnum
from pathlib import Path

import click

from . import __version__
from .batch import run
from .cli_lang import asked_lang, click_speaks, localise_help
from .config import FAIL_ON, REPORT_LANGS, Config, ConfigError, did_you_mean, load_config
from .engines import Engines
from .extras import missing_module, rule_extras
from .findings.baseline import load_baseline, write_baseline
from .i18n import environment_lang, t
from .model import RunResult
from .packs import RuleError
from .reporters import FORMATS, reporter_class
from .runner import make_cache, make_plan
from .sources import discover


class ExitCode(IntEnum):
    OK = 0            # nothing at or above --fail-on
    FINDINGS = 1      # findings at or above --fail-on
    USAGE = 2         # bad usage or configuration
    UNREADABLE = 3    # some target could not be checked (wins over FINDINGS: the run is incomplete)
    INTERRUPTED = 130 # Ctrl-C (partial reports are written)


class UsageError(Exception):
    pass


def stderr_console():
    from rich.console import Console  # imported when needed: 30 ms of every run's start-up
    return Console(stderr=True, highlight=False)


def main(argv=None) -> int:
    """Entry point: map every expected failure to its exit code, here and nowhere else. Help and the
    errors found before the configuration is read are in `asked_lang` (cli_lang.py)."""
    args = sys.argv[1:] if argv is None else [str(a) for a in argv]
    lang = asked_lang(args)
    localise_help(cli, lang, formats=", ".join(FORMATS))
    with click_speaks(lang):
        try:
            code = cli.main(args=args, prog_name="inclusicheck", standalone_mode=False)
            return int(code or 0)
        except click.exceptions.Exit as exc:
            return exc.exit_code
        except click.ClickException as exc:
            exc.show()
            return ExitCode.USAGE
        except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            stderr_console().print(t("run.interrupted", lang))
            return ExitCode.INTERRUPTED
        except (ConfigError, RuleError, UsageError) as exc:
            from rich.text import Text
            message = exc.render(lang) if isinstance(exc, ConfigError) else str(exc)
            stderr_console().print(Text.assemble(("inclusicheck: ", "bold red"), message))
            return ExitCode.USAGE


def run_main():  # console_scripts wrapper
    sys.exit(main())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="inclusicheck")
def cli():
    """The command group (help texts: cli.* keys of the catalogue, set by cli_lang.localise_help)."""


def exit_code(result: RunResult, fail_on: str) -> ExitCode:
    if any(d.status == "error" for d in result.documents):
        return ExitCode.UNREADABLE
    if any(d.fails(fail_on) for d in result.documents):
        return ExitCode.FINDINGS
    return ExitCode.OK


def parse_report_specs(specs, lang) -> list[tuple[str, str]]:
    parsed = []
    for spec in specs:
        name, sep, path = spec.partition(":")
        if not sep or not path:
            raise UsageError(t("usage.report_spec", lang, value=spec))
        check_format(name, lang)
        parsed.append((name, path))
    return parsed


def check_format(name: str, lang: str) -> None:
    if name not in FORMATS:
        raise UsageError(t("usage.unknown_format", lang, name=name, known=", ".join(sorted(FORMATS))))


class DelayedProgress:
    """A progress bar on stderr that only appears when the run lasts more than `delay` seconds."""

    def __init__(self, total: int | None, lang: str, delay: float = 2.0, enabled: bool = True):
        self.total, self.lang, self.delay, self.enabled = total, lang, delay, enabled
        self.started_at = time.monotonic()
        self.progress = None
        self.task = None
        self.done = 0

    def __call__(self, uri: str):
        if self.progress is None and self.enabled and time.monotonic() - self.started_at > self.delay:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), TextColumn("{task.fields[uri]}"),
                                     console=stderr_console(), transient=True)
            self.progress.start()
            self.task = self.progress.add_task(getattr(self, "description", t("progress.checking", self.lang)),
                                               total=self.total,
                                               completed=self.done, uri="")
        if self.progress is not None:
            self.progress.update(self.task, completed=self.done, uri=uri[-60:])
        self.done += 1

    def crawl_status(self, stats, left: int):
        """Crawler callback: pages found, checked and left, in the bar's description."""
        self.description = t("progress.crawl", self.lang, found=stats.found, checked=stats.checked, left=left)
        if not sys.stderr.isatty():  # logs (CI) get no live bar: a plain line every 10 pages
            if self.enabled and (stats.checked % 10 == 0 or not left):
                print(self.description, file=sys.stderr)
        elif self.progress is not None:
            self.progress.update(self.task, description=self.description)

    def close(self):
        if self.progress is not None:
            self.progress.stop()


@cli.command()
@click.argument("targets", nargs=-1, required=False, metavar="cli.metavar.targets")
@click.option("--pack", "packs", multiple=True, metavar="PACK")
@click.option("--rule", "rules", multiple=True, metavar="cli.metavar.rule")
@click.option("--exclude-rule", "exclude", multiple=True, metavar="cli.metavar.rule")
@click.option("--format", "fmt", default="terminal", show_default=True, metavar="FORMAT")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="cli.metavar.file")
@click.option("--report", "reports", multiple=True, metavar="cli.metavar.report")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None)
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None)
@click.option("--config", "config_path", type=click.Path(), default=None, metavar="cli.metavar.file")
@click.option("--no-browser", is_flag=True)
@click.option("--kind", type=click.Choice(["social"]), default=None)
@click.option("--falc", "all_falc", is_flag=True)
@click.option("--baseline", type=click.Path(dir_okay=False), default=None, metavar="cli.metavar.file")
@click.option("--update-baseline", is_flag=True)
@click.option("--no-cache", is_flag=True)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, metavar="N")
@click.option("--remote-webdriver", metavar="URL", default=None)
@click.option("--quiet", "-q", is_flag=True)
@click.option("--crawl", "crawl_urls", multiple=True, metavar="URL")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL")
@click.option("--max-pages", type=click.IntRange(1), default=None, metavar="N")
@click.option("--max-depth", type=click.IntRange(0), default=None, metavar="N")
@click.option("--delay", type=click.FloatRange(0), default=None, metavar="cli.metavar.seconds")
@click.option("--concurrency", type=click.IntRange(1, 8), default=None, metavar="N")
@click.option("--include", "include_urls", multiple=True, metavar="cli.metavar.pattern")
@click.option("--exclude-url", "exclude_urls", multiple=True, metavar="cli.metavar.pattern")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="cli.metavar.host")
def check(targets, packs, rules, exclude, fmt, output, reports, fail_on, lang, config_path, no_browser, kind, all_falc,
          baseline,
          update_baseline, no_cache, jobs, remote_webdriver, quiet, crawl_urls, sitemaps, max_pages, max_depth, delay, concurrency,
          include_urls, exclude_urls, allow_hosts):
    """Check files, folders, URLs or - (standard input)."""
    config = load_config(config_path, flags={"fail_on": fail_on, "lang": lang, "cache": False if no_cache else None,
                                             "jobs": jobs, "remote_webdriver": remote_webdriver, "kind": kind,
                                             "falc": {"documents": ["*"]} if all_falc else None})
    lang = config.lang
    check_format(fmt, lang)
    extra_reports = parse_report_specs(reports, lang)
    for pattern in (*packs, *rules, *exclude):
        if not config.registry.matching(pattern):
            if pattern in packs:
                raise UsageError(t("config.unknown_pack", lang, pack=pattern, known=", ".join(sorted(config.registry.packs))))
            stderr_console().print(t("usage.pattern_matches_nothing", lang, pattern=pattern)
                                   + did_you_mean(config.registry, pattern, lang))

    if update_baseline and not baseline:
        raise UsageError(t("usage.update_baseline", lang))
    try:
        known = load_baseline(baseline) if baseline and not update_baseline else None
    except ConfigError as exc:  # read after the configuration: said in its language, not the help's
        raise UsageError(exc.render(lang)) from None

    disabled = {}
    if no_browser or not config.browser:
        disabled["browser"] = "--no-browser"
    engines = Engines(config, disabled)
    plan = make_plan(config, engines, packs or None, rules, exclude)
    targets_found = list(discover(targets, config.exclude, config.values["social_posts"]))
    if not targets_found and not crawl_urls and not sitemaps:
        raise UsageError(t("usage.no_target", lang))
    progress = DelayedProgress(len(targets_found) if not (crawl_urls or sitemaps) else None, lang, enabled=not quiet)
    crawler = None
    if crawl_urls or sitemaps:
        from .runner import load_options
        from .sources.crawl import Crawler, CrawlSettings
        c = config.crawl
        settings = CrawlSettings(
            max_pages=max_pages or c["max_pages"], max_depth=c["max_depth"] if max_depth is None else max_depth,
            delay=c["delay"] if delay is None else delay, concurrency=concurrency or c["concurrency"],
            allowed_hosts=(*c["allowed_hosts"], *allow_hosts), include=include_urls, exclude=exclude_urls)
        crawler = Crawler(load_options(config), settings, progress=progress.crawl_status)
        targets_found = itertools.chain(targets_found, *(crawler.sitemap(u) for u in sitemaps),
                                        *(crawler.crawl([u]) for u in crawl_urls))

    with ExitStack() as stack:
        options = {"registry": config.registry,
                   "rules": [r.id for r in plan.rules] + [i for s in plan.skipped for i in s.rules],
                   "fail_on": config.fail_on}
        primary = reporter_class(fmt)
        if primary.binary:
            primary_stream = stack.enter_context(open(output, "wb")) if output else sys.stdout.buffer
        else:
            primary_stream = stack.enter_context(open(output, "w", encoding="utf-8")) if output else sys.stdout
        reporters = [primary(primary_stream, lang, **options)]
        for name, path in extra_reports:
            cls = reporter_class(name)
            stream = stack.enter_context(open(path, "wb" if cls.binary else "w",
                                              **({} if cls.binary else {"encoding": "utf-8"})))
            reporters.append(cls(stream, lang, **options))
        try:
            result = run(targets_found, config, plan, engines, reporters, lang, progress, known,
                         make_cache(config, plan))
        finally:
            progress.close()
            engines.close()
    for name, path in extra_reports:
        stderr_console().print(t("report.written", lang, format=name, path=path))
    if crawler is not None and not quiet:
        stderr_console().print(crawl_summary(crawler.stats, lang))
    if update_baseline:
        count = write_baseline(baseline, result)
        stderr_console().print(t("baseline.written", lang, n=count, path=baseline))
        return ExitCode.UNREADABLE if any(d.status == "error" for d in result.documents) else ExitCode.OK
    return exit_code(result, config.fail_on)


def crawl_summary(stats, lang: str) -> str:
    reasons = ", ".join(t("field.value", lang, label=t("crawl.skip." + k, lang), value=v)
                        for k, v in sorted(stats.skipped.items()))
    return t("crawl.summary", lang, found=stats.found, checked=stats.checked, skipped=reasons or "0")


@cli.command("rules")
@click.option("--pack", "packs", multiple=True, metavar="PACK")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table")
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None)
@click.option("--config", "config_path", type=click.Path(), default=None, metavar="cli.metavar.file")
def rules_command(packs, fmt, lang, config_path):
    """List the rules: id, pack, severity, title."""
    config = load_config(config_path, flags={"lang": lang})
    lang = config.lang
    rules = [r for r in sorted(config.registry.rules.values(), key=lambda r: r.id)
             if not packs or r.pack in packs]
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "pack": r.pack, "severity": r.severity.value,
                                "title": r.title[lang], "references": r.references,
                                "extras": rule_extras(r)} for r in rules],
                              ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        from .packs.docs import rules_table
        click.echo(rules_table(rules, lang))
    else:
        from rich.console import Console
        from rich.table import Table

        from .packs.docs import label, value_word
        table = Table(*(label(name, lang) for name in ("id", "pack", "severity", "title")), t("rules.extras", lang))
        for r in rules:
            table.add_row(r.id, r.pack, value_word(r.severity, lang), r.title[lang],
                          " ".join(e if missing_module(e) is None else f"{e} ✗" for e in rule_extras(r)))
        Console(width=max(120, shutil.get_terminal_size().columns)).print(table)


@cli.command()
@click.argument("rule_id", metavar="cli.metavar.rule")
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None)
@click.option("--config", "config_path", type=click.Path(), default=None, metavar="cli.metavar.file")
def explain(rule_id, lang, config_path):
    """A rule's documentation: description, references, params, examples."""
    config = load_config(config_path, flags={"lang": lang})
    rule = config.registry.get(rule_id)
    if rule is None:
        hint = did_you_mean(config.registry, rule_id, config.lang)
        raise UsageError(t("usage.unknown_rule", config.lang, rule=rule_id) + (f".{hint}" if hint else ""))
    from .packs.docs import rule_markdown
    click.echo(rule_markdown(rule, config.lang))


@cli.command()
@click.option("--force", is_flag=True)
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None)
def init(force, lang):
    """Write a commented inclusicheck.toml in the current folder, in `lang` (its comments and `lang` setting)."""
    lang = lang or environment_lang()
    path = Path("inclusicheck.toml")
    if path.exists() and not force:
        raise UsageError(t("init.exists", lang, path=path))
    path.write_text(t("init.config", lang), encoding="utf-8")
    click.echo(t("init.written", lang, path=path))


@cli.command("config")
@click.option("--config", "config_path", type=click.Path(), default=None, metavar="cli.metavar.file")
def config_command(config_path):
    """The effective configuration (files merged), as JSON."""
    config: Config = load_config(config_path)
    settings = {pack: config.pack_settings(pack) for pack in sorted(config.registry.packs)}
    click.echo(json.dumps({"files": config.files, **config.values, "pack_settings": settings},
                          ensure_ascii=False, indent=2, default=str))


@cli.group("report")
def report_group():
    """RGAA audit reports from the official grid."""


@report_group.command("import")
@click.argument("grid", type=click.Path(exists=True, dir_okay=False), metavar="cli.metavar.grid")
@click.option("--output", "-o", type=click.Path(dir_okay=False), metavar="cli.metavar.file")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False), metavar="cli.metavar.file")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None)
def report_import(grid, output, pdf_path, fmt, lang):
    """Read a completed RGAA 4.1.2 audit grid (ODS) and compute the compliance rate."""
    from .audit.grid import GridError, read_grid
    from .audit.rgaa import audit_result
    from .reporters.rgaa import audit_html, declaration_label
    lang = lang or "fr"
    try:
        audit = audit_result(read_grid(Path(grid).read_bytes()))
    except GridError as exc:
        raise UsageError(t("error.where", lang, where=grid, message=exc.render(lang))) from None
    if output or pdf_path:
        page = audit_html(audit, lang)
        if output:
            Path(output).write_text(page, encoding="utf-8")
        if pdf_path:
            from .engines.pdfprint import PdfUnavailable, html_to_pdf
            try:
                Path(pdf_path).write_bytes(html_to_pdf(page, lang))
            except PdfUnavailable as exc:
                raise UsageError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps({"rate": audit.rate, "average": audit.average, "declaration": audit.declaration,
                               "remaining_nt": audit.remaining_nt, "counts": audit.counts,
                               "pages": [{"id": p.id, "title": p.title, "url": p.url, "rate": p.rate}
                                         for p in audit.pages]}, ensure_ascii=False, indent=2))
    else:
        if audit.rate is None:
            click.echo(t("audit.no_rate", lang, n=audit.remaining_nt))
        else:
            click.echo(t("audit.rate", lang, rate=f"{audit.rate:.2f}",
                         declaration=declaration_label(audit.declaration, lang)))
    return ExitCode.OK


if __name__ == "__main__":
    run_main()
