"""The rule packs: loading.py reads and validates the rule files, registry.py holds what they
define and selects the rules of a run; docs.py and references.py document them."""
from .loading import load_registry
from .registry import Registry, Rule, RuleError

__all__ = ["Registry", "Rule", "RuleError", "load_registry"]
