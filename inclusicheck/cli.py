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
from .config import FAIL_ON, REPORT_LANGS, Config, ConfigError, did_you_mean, load_config
from .engines import Engines
from .extras import missing_module, rule_extras
from .findings.baseline import load_baseline, write_baseline
from .i18n import t
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
    """Entry point: map every expected failure to its exit code, here and nowhere else."""
    try:
        code = cli.main(args=argv, standalone_mode=False)
        return int(code or 0)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return ExitCode.USAGE
    except (click.exceptions.Abort, KeyboardInterrupt):  # click turns Ctrl-C into Abort
        stderr_console().print(t("run.interrupted"))
        return ExitCode.INTERRUPTED
    except (ConfigError, RuleError, UsageError) as exc:
        stderr_console().print(f"[bold red]inclusicheck:[/] {exc}", markup=True, highlight=False)
        return ExitCode.USAGE


def run_main():  # console_scripts wrapper
    sys.exit(main())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="inclusicheck")
def cli():
    """Vérifie l'accessibilité (WCAG/RGAA), la lisibilité (FALC), l'écriture égalitaire et les
    langues régionales des publications des collectivités."""


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
@click.argument("targets", nargs=-1, required=False)
@click.option("--pack", "packs", multiple=True, help="Pack à exécuter (répétable ; défaut : tous).")
@click.option("--rule", "rules", multiple=True, help="Règle(s) à exécuter : identifiant ou motif (falc.*).")
@click.option("--exclude-rule", "exclude", multiple=True, help="Règle(s) à ne pas exécuter.")
@click.option("--format", "fmt", default="terminal", show_default=True,
              help=f"Format sur la sortie standard ({', '.join(FORMATS)}).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Écrire ce format dans un fichier.")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:CHEMIN",
              help="Rapport supplémentaire (répétable), par exemple json:rapport.json.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Gravité à partir de laquelle le code de sortie est 1 (défaut : error).")
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None, help="Langue des messages (défaut : fr).")
@click.option("--config", "config_path", type=click.Path(), default=None, help="Fichier de configuration.")
@click.option("--no-browser", is_flag=True, help="Ne pas lancer Chromium (règles axe ignorées).")
@click.option("--kind", type=click.Choice(["social"]), default=None,
              help="Lire les textes (.txt, -) comme des publications de réseaux sociaux.")
@click.option("--falc", "all_falc", is_flag=True,
              help="Toutes les cibles sont des documents FALC (sinon : réglage falc.documents, balise meta).")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Fichier des constats connus : seuls les nouveaux font échouer.")
@click.option("--update-baseline", is_flag=True, help="Écrire les constats de cette exécution dans --baseline.")
@click.option("--no-cache", is_flag=True, help="Ne pas réutiliser ni enregistrer de résultats en cache.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Documents vérifiés en parallèle, dans autant de processus, un navigateur chacun (défaut : 1).")
@click.option("--remote-webdriver", metavar="URL", default=None,
              help="WebDriver distant (Selenium Grid, ChromeDriver) au lieu de Chromium local.")
@click.option("--quiet", "-q", is_flag=True, help="Pas de barre de progression.")
@click.option("--crawl", "crawl_urls", multiple=True, metavar="URL",
              help="Explorer un site à partir de cette URL (même origine, robots.txt respecté).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="Vérifier les pages d'un sitemap (ou index de sitemaps).")
@click.option("--max-pages", type=click.IntRange(1), default=None, help="Pages au plus par exploration (défaut : 100).")
@click.option("--max-depth", type=click.IntRange(0), default=None, help="Profondeur de liens au plus (défaut : 10).")
@click.option("--delay", type=click.FloatRange(0), default=None, help="Secondes entre deux requêtes (défaut : 0,5).")
@click.option("--concurrency", type=click.IntRange(1, 8), default=None, help="Requêtes simultanées au plus (défaut : 2).")
@click.option("--include", "include_urls", multiple=True, metavar="MOTIF", help="Ne garder que les URL correspondant à ce motif (*).")
@click.option("--exclude-url", "exclude_urls", multiple=True, metavar="MOTIF", help="Écarter les URL correspondant à ce motif (*).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HÔTE", help="Autre hôte que l'exploration peut visiter.")
def check(targets, packs, rules, exclude, fmt, output, reports, fail_on, lang, config_path, no_browser, kind, all_falc,
          baseline,
          update_baseline, no_cache, jobs, remote_webdriver, quiet, crawl_urls, sitemaps, max_pages, max_depth, delay, concurrency,
          include_urls, exclude_urls, allow_hosts):
    """Vérifie des fichiers HTML, des dossiers, des URL, ou - (entrée standard)."""
    config = load_config(config_path, flags={"fail_on": fail_on, "lang": lang, "cache": False if no_cache else None,
                                             "jobs": jobs, "remote_webdriver": remote_webdriver, "kind": kind,
                                             "falc": {"documents": ["*"]} if all_falc else None})
    lang = config.lang
    check_format(fmt, lang)
    extra_reports = parse_report_specs(reports, lang)
    for pattern in (*packs, *rules, *exclude):
        if not config.registry.matching(pattern):
            if pattern in packs:
                raise UsageError(f"unknown pack '{pattern}' (known: {', '.join(sorted(config.registry.packs))})")
            stderr_console().print(t("usage.pattern_matches_nothing", lang, pattern=pattern)
                                   + did_you_mean(config.registry, pattern, lang))

    if update_baseline and not baseline:
        raise UsageError("--update-baseline needs --baseline FILE")
    known = load_baseline(baseline) if baseline and not update_baseline else None

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
    reasons = ", ".join(f"{t('crawl.skip.' + k, lang)} : {v}" if lang == "fr" else f"{t('crawl.skip.' + k, lang)}: {v}"
                        for k, v in sorted(stats.skipped.items()))
    return t("crawl.summary", lang, found=stats.found, checked=stats.checked, skipped=reasons or "0")


@cli.command("rules")
@click.option("--pack", "packs", multiple=True, help="Seulement ces packs.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table")
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None)
@click.option("--config", "config_path", type=click.Path(), default=None)
def rules_command(packs, fmt, lang, config_path):
    """Liste les règles : identifiant, pack, gravité, titre."""
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
        table = Table("id", "pack", "gravité" if lang == "fr" else "severity", "titre" if lang == "fr" else "title",
                      t("rules.extras", lang))
        for r in rules:
            table.add_row(r.id, r.pack, r.severity.value, r.title[lang],
                          " ".join(e if missing_module(e) is None else f"{e} ✗" for e in rule_extras(r)))
        Console(width=max(120, shutil.get_terminal_size().columns)).print(table)


@cli.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None)
@click.option("--config", "config_path", type=click.Path(), default=None)
def explain(rule_id, lang, config_path):
    """Documentation d'une règle : description, références, paramètres, exemples."""
    config = load_config(config_path, flags={"lang": lang})
    rule = config.registry.get(rule_id)
    if rule is None:
        hint = did_you_mean(config.registry, rule_id, config.lang)
        raise UsageError(t("usage.unknown_rule", config.lang, rule=rule_id) + (f".{hint}" if hint else ""))
    from .packs.docs import rule_markdown
    click.echo(rule_markdown(rule, config.lang))


STARTER_CONFIG = '''# inclusicheck configuration (see README.md, "Configuration")
[tool.inclusicheck]
# packs = ["wcag", "falc", "gender", "regional"]   # default: every pack
fail_on = "error"        # error | warning | info | never
lang = "fr"              # language of the messages: fr | en
# ignore_selectors = [".bandeau-cookies"]          # parts of pages you do not control
# exclude = ["*/archives/*"]                       # files not to check in folders
# newsletters = ["*newsletter*", "*.email.html"]   # .html files that are e-mail templates

# [tool.inclusicheck.crawl]                        # --crawl and --sitemap (docs/inputs.md)
# max_pages = 100
# delay = 0.5                                      # seconds between two requests

# [tool.inclusicheck.falc]                         # documents meant to be easy-to-read (docs/falc.md);
# documents = ["facile/*", "*-falc.html"]          # elsewhere falc findings are hints (info, review)

[tool.inclusicheck.rules]
# "falc.sentence-length" = { warning_words = 10, error_words = 15 }
# "gender.obsolete-terms" = "off"
'''


@cli.command()
@click.option("--force", is_flag=True, help="Écraser un fichier existant.")
def init(force):
    """Crée un fichier inclusicheck.toml commenté dans le dossier courant."""
    path = Path("inclusicheck.toml")
    if path.exists() and not force:
        raise UsageError(f"{path} exists (use --force to overwrite)")
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"{path} written")


@cli.command("config")
@click.option("--config", "config_path", type=click.Path(), default=None)
def config_command(config_path):
    """Affiche la configuration effective (après fusion des fichiers) en JSON."""
    config: Config = load_config(config_path)
    settings = {pack: config.pack_settings(pack) for pack in sorted(config.registry.packs)}
    click.echo(json.dumps({"files": config.files, **config.values, "pack_settings": settings},
                          ensure_ascii=False, indent=2, default=str))


@cli.group("report")
def report_group():
    """Rapports d'audit RGAA : relire la grille officielle complétée."""


@report_group.command("import")
@click.argument("grid", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Écrire le rapport d'audit HTML ici.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False), help="Écrire aussi le rapport en PDF (Chromium).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(REPORT_LANGS), default=None, help="Langue du rapport (défaut : fr).")
def report_import(grid, output, pdf_path, fmt, lang):
    """Lit une grille d'audit RGAA 4.1.2 (ODS) complétée et calcule le taux de conformité."""
    from .audit.grid import GridError, read_grid
    from .audit.rgaa import audit_result
    from .reporters.rgaa import audit_html, declaration_label
    lang = lang or "fr"
    try:
        audit = audit_result(read_grid(Path(grid).read_bytes()))
    except GridError as exc:
        raise UsageError(f"{grid}: {exc}") from None
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
