"""Inline suppressions: the `inclusicheck-disable` comments (and `data-inclusicheck-ignore`
attributes) of a page that silence rules on an element, the next one, or a stretch of the page.
The DOM index (document/dom.py) finds them when it indexes the page; this module says whether a
hit falls under one, and marks the directive as used."""
from __future__ import annotations

import fnmatch

from ..checks import Hit
from ..document.dom import index
from ..model import Document


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
