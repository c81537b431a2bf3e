"""Imported once by the forkserver that forks the --jobs worker processes (parallel.py): what
every worker would otherwise load itself (our modules, spaCy and its model) is loaded once and
shared by the workers, copy-on-write. Which engines to warm up comes from the environment, the
only input a preloaded module has. (fastText is left out: it is read only for Germanic text.)"""
import importlib
import os
import pkgutil

from . import checks, runner  # noqa: F401

for module in pkgutil.iter_modules(checks.__path__):
    importlib.import_module(f"{checks.__name__}.{module.name}")

NEEDS = os.environ.get("INCLUSICHECK_PRELOAD", "").split(",")
if "nlp" in NEEDS:
    from .engines.nlp import load_model
    load_model()
if "langid" in NEEDS:
    import pycld2  # noqa: F401

    from .engines.langid import Markers, py3_model
    Markers.load()
    py3_model()
