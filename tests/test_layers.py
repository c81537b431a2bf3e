"""The package's shape (issue 16; CONTRIBUTING.md, « Architecture »): no import cycle, each layer
imports only from itself and the layers before it, no module above 400 lines. The import graph is
read from the source by scripts/import_graph.py (`python scripts/import_graph.py` lists cycles).

Every import counts, at module level or inside a function: an import in a function ties the two
modules together as much, it only fails later. Module-level cycles are tested on their own too, as
they are the ones that break at import time.
"""
import importlib.util

import pytest

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
import_graph = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_graph)

MAX_LINES = 400

# The layers, in import order: a module may import from its own layer and the layers before it.
# The document layer (document/: HTML -> Document) is what sources build, so it comes before them:
# the data flows sources -> document -> engines..., the imports go from each layer to the ones it
# builds on. The foundations are shared by all: model, i18n, config, cache, packs (the rules),
# language (French: language tags, readability, words).
LAYERS = ["foundation", "document", "sources", "engines", "checks", "findings", "audit", "reporters", "run"]
LAYER_OF_PREFIX = {  # the longest prefix that names a module decides its layer
    "inclusicheck": "foundation",  # the package itself (its version)
    "inclusicheck.model": "foundation",
    "inclusicheck.i18n": "foundation",
    "inclusicheck.config": "foundation",
    "inclusicheck.cache": "foundation",
    "inclusicheck.packs": "foundation",
    "inclusicheck.language": "foundation",
    "inclusicheck.extras": "foundation",  # the optional extra a missing module belongs to (extras branch)
    "inclusicheck.document": "document",
    "inclusicheck.sources": "sources",
    "inclusicheck.engines": "engines",
    "inclusicheck.checks": "checks",
    "inclusicheck.findings": "findings",
    "inclusicheck.audit": "audit",  # the RGAA view of a run's findings, and the official grid
    "inclusicheck.reporters": "reporters",
    # what runs the layers: one document (runner), many (batch, parallel), the entry points
    "inclusicheck.runner": "run",
    "inclusicheck.batch": "run",
    "inclusicheck.parallel": "run",
    "inclusicheck.preload": "run",
    "inclusicheck.api": "run",
    "inclusicheck.cli": "run",
    "inclusicheck.cli_lang": "run",  # the command line's words: help texts, click's messages
}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        layer = LAYER_OF_PREFIX.get(".".join(parts[:end]))
        if layer is not None and (end > 1 or len(parts) == 1):  # "inclusicheck" names the package only
            return layer
    return None


@pytest.fixture(scope="module")
def graph():
    return import_graph.import_graph(all_levels=True)


def test_module_level_imports_form_no_cycle():
    assert import_graph.cycles(import_graph.import_graph(all_levels=False)) == []


def test_no_import_cycle_even_through_imports_in_functions(graph):
    assert import_graph.cycles(graph) == []


def test_every_module_has_a_layer(graph):
    assert [m for m in graph if layer_of(m) is None] == [], "give them a layer in LAYER_OF_PREFIX"


def test_layers_import_only_from_themselves_and_earlier_layers(graph):
    wrong = {(module, imported) for module, imports in graph.items() for imported in imports
             if LAYERS.index(layer_of(imported)) > LAYERS.index(layer_of(module))}
    described = sorted(f"{m} ({layer_of(m)}) imports {i} ({layer_of(i)})" for m, i in wrong)
    assert described == [], "imports against the layer order"


def test_no_module_above_400_lines():
    counts = import_graph.line_counts()
    assert len(counts) > 50
    too_long = sorted(f"{m}: {n} lines" for m, n in counts.items() if n > MAX_LINES)
    assert too_long == [], f"modules above {MAX_LINES} lines: split them"


def test_the_graph_sees_every_kind_of_import(tmp_path):
    """The reader itself: relative, absolute, submodule and function-level imports, and a cycle
    (so that an empty answer above means no cycle, not a blind reader)."""
    package = tmp_path / "inclusicheck"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("import inclusicheck.c\n")
    (package / "c.py").write_text("def f():\n    from .a import x\n")
    (package / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import a\n")
    module_level = import_graph.import_graph(all_levels=False, root=package)
    every = import_graph.import_graph(all_levels=True, root=package)
    assert module_level["inclusicheck.a"] == {"inclusicheck.sub.b"}
    assert module_level["inclusicheck.sub.b"] == {"inclusicheck.c"}
    assert module_level["inclusicheck.c"] == set() and every["inclusicheck.c"] == {"inclusicheck.a"}
    assert every["inclusicheck.d"] == set()
    assert import_graph.cycles(module_level) == []
    assert import_graph.cycles(every) == [["inclusicheck.a", "inclusicheck.c", "inclusicheck.sub.b"]]
