"""Checks about the run itself (pack `inclusicheck`)."""
from __future__ import annotations

import fnmatch

from ..document.dom import index
from . import Hit, check


@check()
def unused_suppressions(doc, params, ctx):
    """Inline directives that name no known rule, or that silenced nothing (the runner runs this
    rule last, after the other rules have used the suppressions)."""
    if doc.tree is None:
        return
    enabled = ctx.enabled_rules
    for suppression in index(doc).suppressions:
        if suppression.directive == "enable":
            continue
        for pattern in suppression.patterns or ["*"]:
            known = ctx.registry.matching(pattern)
            if not known:
                yield Hit(element=suppression.element, message_key="unknown", data={"pattern": pattern},
                          snippet=_directive_text(suppression))
                continue
            judged = [r.id for r in known if r.id in enabled and not r.id.startswith("inclusicheck.")]
            if judged and not any(fnmatch.fnmatchcase(used, pattern) for used in suppression.used):
                yield Hit(element=suppression.element, data={"pattern": pattern},
                          snippet=_directive_text(suppression))


def _directive_text(suppression) -> str:
    el = suppression.element
    if suppression.directive == "ignore-attr":
        return f'data-inclusicheck-ignore="{el.get("data-inclusicheck-ignore")}"'
    return f"<!--{el.text}-->"
