"""Check functions: the code that rules name.

A check is a plain function `fn(doc, params, ctx) -> Iterable[Hit]`, found by the name a rule
gives in `check: <module>.<function>` (module = `inclusicheck.checks.<module>`). It reads what
the engines computed through `ctx` (never re-parses), and yields Hits; the runner turns each Hit
into a Finding with the rule's message, severity, references and fingerprint.

A metric is `fn(doc, ctx) -> dict`, registered with @metric; it runs for every document when its
pack is enabled, and its values go to the report's `metrics`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from ..model import Block, Location, Outcome, Severity


@dataclass
class Hit:
    """One thing a check found. Everything is optional but something must locate it:
    an element, a block (+ span), or an explicit location/selector (browser results)."""
    element: Any = None
    block: Block | None = None
    span: tuple[int, int] | None = None  # characters of block.text (or of `snippet`)
    data: dict[str, Any] = field(default_factory=dict)  # message parameters
    message_key: str = "default"
    suggestion: str | None = None
    outcome: Outcome | None = None  # None: the rule's outcome
    severity: Severity | None = None  # None: the rule's (configured) severity
    snippet: str | None = None  # None: derived from block or element
    selector: str | None = None
    location: Location | None = None
    references: dict[str, list[str]] | None = None  # merged over the rule's


# A word as every pack counts it (report metrics, shares, thresholds): letters or digits, with
# inner apostrophes and hyphens ("aujourd'hui", "Saint-Herblon" are one word).
WORD = re.compile(r"\w+(?:['’-]\w+)*")

Check = Callable[..., Iterable[Hit]]
NEEDS = {"nlp", "browser", "langid"}  # engines a check or metric can ask for (the DOM is always there)


def check(*, needs: Iterable[str] = ()) -> Callable[[Check], Check]:
    """Mark a function as a check and say which engines it needs (so only those start)."""
    needs = frozenset(needs)
    unknown = needs - NEEDS
    if unknown:
        raise ValueError(f"unknown engines {sorted(unknown)}")

    def mark(fn: Check) -> Check:
        fn.needs = needs
        return fn
    return mark


def metric(*, needs: Iterable[str] = ()) -> Callable:
    def mark(fn):
        fn.needs = frozenset(needs)
        fn.is_metric = True
        return fn
    return mark
