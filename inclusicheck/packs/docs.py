"""Rule documentation, generated from the registry: `inclusicheck explain`, `inclusicheck rules
--format markdown`, docs/rules.md and the README's rule table all come from here."""
from __future__ import annotations

import yaml

from ..i18n import t
from ..model import Outcome, Severity
from .registry import Rule
from .references import reference_url


def label(name: str, lang: str) -> str:
    return t(f"docs.{name}", lang)


def field(name: str, value: str, lang: str) -> str:
    """'- Gravité : avertissement' (French puts a space before the colon)."""
    return "- " + t("field.value", lang, label=label(name, lang), value=value)


def value_word(value: Severity | Outcome, lang: str) -> str:
    """A severity or outcome in the reader's words, lower case: 'avertissement', 'à vérifier'."""
    if isinstance(value, Severity):
        return t("severity." + value.value, lang).lower()
    return t("outcome." + value.value, lang).lower()


def _references(rule: Rule) -> list[str]:
    lines = []
    for standard, refs in rule.references.items():
        if not refs:
            continue
        items = []
        for ref in refs:
            url = reference_url(standard, ref)
            items.append(f"[{ref}]({url})" if url else ref)
        lines.append(f"{standard.upper()} {', '.join(items)}")
    return lines


def rule_markdown(rule: Rule, lang: str = "fr") -> str:
    out = [f"## {rule.id} — {rule.title[lang]}", "", rule.description[lang].strip(), "",
           field("pack", f"`{rule.pack}`", lang), field("severity", value_word(rule.severity, lang), lang),
           field("outcome", value_word(rule.outcome, lang), lang)]
    refs = _references(rule)
    out.append(field("references", "; ".join(refs) if refs else label("none", lang), lang))
    if rule.params:
        params = ", ".join(f"`{k}` = `{yaml.safe_dump(v, allow_unicode=True, default_flow_style=True, width=10**6).strip()}`"
                           for k, v in rule.params.items())
        out.append(field("params", params, lang))
    if rule.aliases:
        out.append(field("aliases", ", ".join(rule.aliases), lang))
    out += ["", f"### {label('examples', lang)}", ""]
    for example in rule.examples:
        kind = "fail" if "fail" in example else "pass"
        out += [t("docs.example_head", lang, label=label(kind, lang)), "", "```" + _fence(example, kind),
                example[kind].strip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def _fence(example: dict, kind: str) -> str:
    """PDF and office examples are specs of the file to build (YAML); e-mail examples whole messages."""
    if example.get("kind") in ("pdf", "docx", "odt"):
        return "yaml"
    return "html" if example[kind].lstrip().startswith("<") and example.get("kind") != "social" else "text"


def rules_table(rules: list[Rule], lang: str = "fr") -> str:
    head = " | ".join(label(name, lang) for name in ("id", "severity", "title", "references"))
    rows = [f"| {head} |", "|---|---|---|---|"]
    for r in rules:
        refs = "; ".join(f"{k.upper()} {', '.join(v)}" for k, v in r.references.items() if v)
        rows.append(f"| `{r.id}` | {value_word(r.severity, lang)} | {r.title[lang]} | {refs} |")
    return "\n".join(rows)


def rules_document(rules: list[Rule], lang: str = "fr") -> str:
    """The whole of docs/rules.md (French first, as the tool speaks French by default)."""
    head = [f"# {t('docs.rules_title', lang)}", "", t("docs.generated", lang), "", rules_table(rules, lang), ""]
    return "\n".join(head) + "\n" + "\n".join(rule_markdown(r, lang) for r in rules)


README_START, README_END = "<!-- rules:start -->", "<!-- rules:end -->"


def expected_docs(root) -> dict:
    """path -> content that `make docs` writes (docs/rules.md, and the rule table in README.md)."""
    from .loading import load_registry
    rules = sorted(load_registry().rules.values(), key=lambda r: r.id)
    files = {root / "docs" / "rules.md": rules_document(rules)}
    readme = root / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8")
        if README_START in text and README_END in text:
            head, rest = text.split(README_START, 1)
            _, tail = rest.split(README_END, 1)
            files[readme] = f"{head}{README_START}\n{rules_table(rules)}\n{README_END}{tail}"
    return files


def write_docs(root=None) -> None:
    from pathlib import Path
    root = Path(root or Path.cwd())
    for path, content in expected_docs(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


if __name__ == "__main__":
    write_docs()
