"""Run the inclusicheck CLI as a base install would, without some packages:

    python -m tests.without_packages spacy,selenium check page.html
    python -m tests.without_packages spacy,selenium --import-all   # import every inclusicheck module

A sys.meta_path finder refuses the named top-level modules, so `import spacy` raises
ModuleNotFoundError and `importlib.util.find_spec("spacy")` raises it too (code must take both as
"not installed"). Child processes (the PDF worker, --jobs workers) are not affected.
"""
import importlib
import pkgutil
import sys


class Refuse:
    def __init__(self, names: set[str]):
        self.names = names

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"No module named {name!r} (refused by tests.without_packages)", name=name)
        return None  # let the other finders look


def import_all() -> None:
    import inclusicheck
    for module in pkgutil.walk_packages(inclusicheck.__path__, "inclusicheck."):
        # preload: the forkserver's, imports what the run's engines need; __main__ would run the CLI
        if module.name != "inclusicheck.preload" and not module.name.endswith(".__main__"):
            importlib.import_module(module.name)


def main() -> None:
    names, *args = sys.argv[1:]
    sys.meta_path.insert(0, Refuse(set(names.split(","))))
    if args == ["--import-all"]:
        import_all()
        return
    sys.argv = ["inclusicheck", *args]
    from inclusicheck.cli import run_main
    run_main()


if __name__ == "__main__":
    main()
