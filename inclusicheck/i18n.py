"""The tool's own words in French and English (rule messages live in the rule files)."""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # target errors
    "source.missing": {"fr": "Fichier ou dossier introuvable : {path}", "en": "File or folder not found: {path}"},
    "source.empty": {"fr": "Le fichier est vide.", "en": "The file is empty."},
    "source.binary": {"fr": "Ce n'est pas une page HTML : le fichier est binaire.",
                      "en": "This is not an HTML page: the file is binary."},
    "source.pdf": {"fr": "C'est un PDF, pas une page HTML.", "en": "This is a PDF, not an HTML page."},
    "source.too_large": {"fr": "Document trop volumineux ({size} octets ; limite : {limit} octets, réglable avec max_bytes).",
                         "en": "Document too large ({size} bytes; limit: {limit} bytes, set with max_bytes)."},
    "source.unsupported": {"fr": "Type de fichier non pris en charge : {what}.", "en": "Unsupported file type: {what}."},
    "source.unreadable": {"fr": "Lecture impossible : {reason}", "en": "Cannot read: {reason}"},
    "web.unreachable": {"fr": "Serveur injoignable : {reason}", "en": "Host unreachable: {reason}"},
    "web.http": {"fr": "Le serveur a répondu HTTP {code} ({reason}).", "en": "The server answered HTTP {code} ({reason})."},
    "web.redirect_loop": {"fr": "Boucle de redirections.", "en": "Redirect loop."},
    "web.timeout": {"fr": "Délai dépassé après {seconds} s.", "en": "Timed out after {seconds} s."},
    "web.not_html": {"fr": "La réponse n'est pas une page HTML ({type}).", "en": "The response is not an HTML page ({type})."},
    "pdf.not_pdf": {"fr": "Ce fichier n'est pas un PDF (pas d'en-tête %PDF).", "en": "This file is not a PDF (no %PDF header)."},
    "pdf.encrypted": {"fr": "PDF chiffré : il faut un mot de passe pour l'ouvrir. Un PDF protégé ainsi est illisible pour beaucoup d'outils d'assistance.",
                      "en": "Encrypted PDF: a password is needed to open it. Such a PDF cannot be read by many assistive tools."},
    "pdf.damaged": {"fr": "PDF endommagé ou illisible ({detail}).", "en": "Damaged or unreadable PDF ({detail})."},
    "pdf.timeout": {"fr": "Lecture du PDF abandonnée après {seconds} s (fichier trop complexe).",
                    "en": "Gave up reading the PDF after {seconds} s (file too complex)."},
    "pdf.limits": {"fr": "Lecture du PDF arrêtée : elle dépassait {mb} Mo de mémoire ou {seconds} s de calcul (fichier trop lourd ou piégé, par exemple une « bombe de décompression »).",
                   "en": "Stopped reading the PDF: it needed more than {mb} MB of memory or {seconds} s of CPU (file too heavy or hostile, e.g. a decompression bomb)."},
    "pdf.too_many_pages": {"fr": "PDF de {pages} pages : au-delà de la limite de {limit} pages.",
                           "en": "PDF of {pages} pages: over the limit of {limit} pages."},
    "text.binary": {"fr": "Ce n'est pas un texte : le fichier est binaire (un document Word ou LibreOffice renommé ?).",
                    "en": "This is not a text: the file is binary (a renamed Word or LibreOffice document?)."},
    "office.encrypted_or_binary": {"fr": "Fichier {format} protégé par mot de passe, ou ancien format binaire (.doc) : il ne peut pas être lu. Retirer la protection (un document protégé est illisible pour beaucoup d'outils d'assistance) ou l'enregistrer en .docx/.odt.",
                                   "en": "Password-protected {format} file, or old binary format (.doc): it cannot be read. Remove the protection (many assistive tools cannot open it) or save it as .docx/.odt."},
    "office.not_package": {"fr": "Ce fichier n'est pas un document {format} (ce n'est pas une archive zip).",
                           "en": "This file is not a {format} document (it is not a zip package)."},
    "office.not_this_format": {"fr": "Cette archive zip n'est pas un document {format} (elle contient : {found}).",
                               "en": "This zip package is not a {format} document (it holds: {found})."},
    "office.damaged": {"fr": "Document {format} endommagé ou illisible ({detail}).",
                       "en": "Damaged or unreadable {format} document ({detail})."},
    "office.encrypted": {"fr": "Document {format} protégé par mot de passe : il ne peut pas être lu. Un document protégé est illisible pour beaucoup d'outils d'assistance.",
                         "en": "Password-protected {format} document: it cannot be read. Many assistive tools cannot open it."},
    "office.macros": {"fr": "Document {format} avec macros : non lu (les macros peuvent exécuter du code). L'enregistrer sans macros (.docx, .odt) pour le vérifier et le diffuser.",
                      "en": "{format} document with macros: not read (macros can run code). Save it without macros (.docx, .odt) to check and publish it."},
    "office.too_large": {"fr": "Document {format} trop lourd une fois décompressé ({mb} Mo ; limite : {limit} Mo) ou piégé (« bombe de décompression »).",
                         "en": "{format} document too large once unzipped ({mb} MB; limit: {limit} MB) or hostile (a decompression bomb)."},
    "office.too_many_paragraphs": {"fr": "Document de {count} paragraphes : au-delà de la limite de {limit}.",
                                   "en": "Document of {count} paragraphs: over the limit of {limit}."},
    "social.unreadable": {"fr": "Export de publications illisible ({detail}).", "en": "Unreadable export of posts ({detail})."},
    "email.unreadable": {"fr": "Courriel illisible : {reason}", "en": "Unreadable e-mail: {reason}"},
    "email.no_html": {"fr": "Ce courriel n'a pas de partie HTML (texte seul) : il est vérifié comme texte.",
                      "en": "This e-mail has no HTML part (plain text only): it is checked as text."},
    "web.offsite_redirect": {"fr": "Redirection vers un autre site ({host}) non suivie.",
                             "en": "Redirect to another site ({host}) not followed."},
    "web.robots": {"fr": "Page interdite aux robots par robots.txt : non vérifiée.",
                   "en": "Page disallowed by robots.txt: not checked."},
    "web.sitemap": {"fr": "Sitemap illisible : {reason}", "en": "Unreadable sitemap: {reason}"},
    "progress.crawl": {"fr": "Exploration : {found} trouvée(s), {checked} vérifiée(s), {left} en attente",
                       "en": "Crawl: {found} found, {checked} checked, {left} left"},
    "crawl.summary": {"fr": "Exploration : {found} page(s) retenue(s), {checked} vérifiée(s) ; écartées : {skipped}.",
                      "en": "Crawl: {found} page(s) kept, {checked} checked; skipped: {skipped}."},
    "crawl.skip.offsite": {"fr": "hors du site", "en": "off-site"},
    "crawl.skip.not_html": {"fr": "ni HTML ni PDF", "en": "neither HTML nor PDF"},
    "crawl.skip.excluded": {"fr": "exclues par motif", "en": "excluded by pattern"},
    "crawl.skip.calendar": {"fr": "pages de calendrier au-delà de la limite", "en": "calendar pages over the limit"},
    "crawl.skip.robots": {"fr": "interdites par robots.txt", "en": "disallowed by robots.txt"},
    "crawl.skip.duplicate": {"fr": "doublons après redirection", "en": "duplicates after redirect"},
    "crawl.skip.max_pages": {"fr": "au-delà de --max-pages", "en": "beyond --max-pages"},
    "check.crashed": {"fr": "La règle {rule} a échoué sur ce document : {reason}",
                      "en": "Rule {rule} failed on this document: {reason}"},
    "check.worker_crashed": {"fr": "Le processus qui vérifiait ce document s'est arrêté ({reason}) ; "
                                   "relancer sans --jobs pour le vérifier",
                             "en": "The process checking this document stopped ({reason}); run without --jobs "
                                   "to check it"},
    "falc.not_designated": {"fr": "(Ce document n'est pas désigné FALC : constat indicatif, à vérifier.)",
                            "en": "(This document is not designated as easy-to-read: a hint, to review.)"},
    "styles.not_loaded": {"fr": "(feuille de style non chargée : résultat à vérifier)",
                          "en": "(stylesheet not loaded: result to check)"},
    # browser engine
    "browser.missing": {"fr": "Chromium ou ChromeDriver introuvable ; pour les installer (Debian, Ubuntu) : {install}",
                        "en": "Chromium or ChromeDriver not found; to install them (Debian, Ubuntu): {install}"},
    "browser.no_axe": {"fr": "Script axe-core illisible ({path}) : {reason}", "en": "Cannot read the axe-core script ({path}): {reason}"},
    "browser.start_failed": {"fr": "Chromium ne démarre pas ({reason}) ; vérifier l'installation : {install}",
                             "en": "Chromium does not start ({reason}); check the installation: {install}"},
    "browser.unavailable": {"fr": "Navigateur indisponible : {reason}", "en": "Browser unavailable: {reason}"},
    "browser.timeout": {"fr": "Le navigateur n'a pas fini d'afficher la page ou d'exécuter ses scripts à temps "
                              "(limites : chargement {load} s, scripts {script} s) ; règles axe non vérifiées sur cette page.",
                        "en": "The browser did not finish loading the page or running its scripts in time "
                              "(limits: load {load} s, scripts {script} s); axe rules not checked on this page."},
    "browser.crashed": {"fr": "Le navigateur s'est arrêté pendant cette page ({reason}) ; il a été relancé pour les suivantes.",
                        "en": "The browser stopped on this page ({reason}); it was restarted for the next ones."},
    "browser.remote_unreachable": {"fr": "WebDriver distant {url} injoignable ou pas prêt ({reason})",
                                   "en": "Remote WebDriver {url} unreachable or not ready ({reason})"},
    "browser.remote_local_file": {
        "fr": "Un navigateur distant ({url}) ne peut pas ouvrir les fichiers locaux : vérifier des URL, "
              "ou publier le site là où la grille le voit (docs/wcag-axe.md).",
        "en": "A remote browser ({url}) cannot open local files: check URLs, or serve the site where "
              "the grid can reach it (docs/wcag-axe.md)."},
    "browser.axe_failed": {"fr": "axe-core a échoué sur cette page : {reason}", "en": "axe-core failed on this page: {reason}"},
    # terminal report
    "severity.error": {"fr": "ERREUR", "en": "ERROR"},
    "severity.warning": {"fr": "AVERTISSEMENT", "en": "WARNING"},
    "severity.info": {"fr": "INFO", "en": "INFO"},
    "outcome.review": {"fr": "À VÉRIFIER", "en": "TO REVIEW"},
    # repeats of a rule in one block, grouped in one finding (runner.merge_repeats)
    "finding.repeats": {"fr": "({n} occurrences dans {where})", "en": "({n} occurrences in {where})"},
    "finding.repeats_of": {"fr": "({n} occurrences dans {where} : {texts})", "en": "({n} occurrences in {where}: {texts})"},
    # hits of a rule on elements of one kind, grouped in one finding (runner.merge_elements)
    "finding.similar": {"fr": "({n} éléments semblables sur la page)", "en": "({n} similar elements on this page)"},
    "sarif.related": {"fr": "Aussi : {links}", "en": "Also: {links}"},  # links to a grouped result's other places
    "sarif.line": {"fr": "ligne {line}", "en": "line {line}"},
    "finding.quoted": {"fr": "« {text} »", "en": "“{text}”"},
    "block.paragraph": {"fr": "ce paragraphe", "en": "this paragraph"},
    "block.heading": {"fr": "ce titre", "en": "this heading"},
    "block.list-item": {"fr": "cet élément de liste", "en": "this list item"},
    "block.cell": {"fr": "cette cellule", "en": "this cell"},
    "block.caption": {"fr": "cette légende", "en": "this caption"},
    "block.quote": {"fr": "cette citation", "en": "this quotation"},
    "block.label": {"fr": "cette étiquette", "en": "this label"},
    "block.alt": {"fr": "ce texte alternatif", "en": "this text alternative"},
    "block.title": {"fr": "le titre de la page", "en": "the page title"},
    "block.other": {"fr": "ce bloc de texte", "en": "this block of text"},
    "report.checked": {"fr": "vérifié", "en": "checked"},
    "report.error": {"fr": "ERREUR DE LECTURE", "en": "READ ERROR"},
    "report.suggestion": {"fr": "Suggestion", "en": "Suggestion"},
    "report.summary": {"fr": "Résumé", "en": "Summary"},
    "report.pack": {"fr": "Pack", "en": "Pack"},
    "report.total": {"fr": "Total", "en": "Total"},
    "report.documents": {"fr": "{n} document(s) vérifié(s), {errors} illisible(s), {findings} constat(s).",
                         "en": "{n} document(s) checked, {errors} unreadable, {findings} finding(s)."},
    "report.nothing": {
        "fr": "Les règles vérifiées n'ont rien relevé. Cela ne veut pas dire que le document est conforme ou « FALC » : "
              "une partie seulement des critères se vérifie automatiquement, et un label FALC demande une relecture "
              "par des personnes en situation de handicap intellectuel.",
        "en": "The rules checked found nothing. This does not mean the document is compliant or easy-to-read: only "
              "part of the criteria can be checked automatically, and an easy-to-read label needs proofreading by "
              "people with intellectual disabilities."},
    "report.skipped": {"fr": "Règles non exécutées ({n}) : {reason}", "en": "Rules not run ({n}): {reason}"},
    "report.written": {"fr": "Rapport {format} écrit dans {path}", "en": "{format} report written to {path}"},
    "baseline.written": {"fr": "{n} constat(s) enregistré(s) dans la baseline {path}",
                         "en": "{n} finding(s) written to the baseline {path}"},
    "report.baselined": {"fr": "{n} constat(s) déjà connu(s) (baseline) non affiché(s).",
                         "en": "{n} known finding(s) (baseline) not shown."},
    "progress.checking": {"fr": "Vérification", "en": "Checking"},
    # usage / config errors
    "usage.unknown_format": {"fr": "Format inconnu « {name} » (disponibles : {known}).",
                             "en": "Unknown format '{name}' (available: {known})."},
    "usage.report_spec": {"fr": "--report attend FORMAT:CHEMIN, par exemple json:rapport.json (reçu : {value}).",
                          "en": "--report expects FORMAT:PATH, e.g. json:report.json (got: {value})."},
    "usage.unknown_rule": {"fr": "Règle inconnue : {rule}", "en": "Unknown rule: {rule}"},
    "usage.did_you_mean": {"fr": "Vouliez-vous dire {ids} ?", "en": "Did you mean {ids}?"},
    "usage.no_target": {"fr": "Aucune cible à vérifier.", "en": "Nothing to check."},
    "usage.pattern_matches_nothing": {"fr": "Attention : « {pattern} » ne correspond à aucune règle.",
                                      "en": "Warning: '{pattern}' matches no rule."},
    "audit.rate": {"fr": "Taux de conformité : {rate} % ({declaration}).",
                   "en": "Conformity rate: {rate}% ({declaration})."},
    "audit.no_rate": {"fr": "Taux non calculé : il reste {n} statut(s) NT (non testé) dans la grille.",
                      "en": "Rate not computed: {n} NT (not tested) status(es) remain in the grid."},
    "interrupted": {"fr": "Interrompu : rapports partiels écrits.", "en": "Interrupted: partial reports written."},
    # optional parts (extras.py)
    "extra.missing": {"fr": "le module {module} de l'extra « {extra} » n'est pas installé ; pour l'installer : {install}",
                      "en": "the module {module} of the '{extra}' extra is not installed; to install it: {install}"},
    "pdf.no_extra": {"fr": "PDF non lu : le module {module} de l'extra « pdf » n'est pas installé ({install}).",
                     "en": "PDF not read: the module {module} of the 'pdf' extra is not installed ({install})."},
    "rules.extras": {"fr": "extra (absent : ✗)", "en": "extra (missing: ✗)"},
}


def t(key: str, lang: str = "fr", **params) -> str:
    texts = MESSAGES[key]
    return (texts.get(lang) or texts["fr"]).format(**params)


class LocalisedError(Exception):
    """An error whose text is chosen when it is shown, in the run's language."""

    def __init__(self, key: str, **params):
        super().__init__(t(key, "en", **params))
        self.key, self.params = key, params

    def render(self, lang: str) -> str:
        return t(self.key, lang, **self.params)
