"""Compile the message catalogues (locale/<lang>/LC_MESSAGES/inclusicheck.po -> .mo) with Babel.

The tool reads the .mo files with the standard library's gettext, so the base install needs no
Babel; the .po files are the source, edited by hand. `make catalogue` runs this after an edit;
tests/test_catalogue.py fails when a .mo file is older than its .po."""
from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "inclusicheck" / "locale"


def compiled(po_path: Path) -> bytes:
    with po_path.open("rb") as po:
        catalog = read_po(po)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main() -> int:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
        print(f"compiled {po_path.relative_to(LOCALE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
