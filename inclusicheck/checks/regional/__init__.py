"""The `regional` pack: regional languages present where expected, marked with the right `lang` so that
assistive technology can read them, never replacing French in election material.

Declared `lang` attributes are trusted first (reference §1); language identification (ctx.langid)
fills in where nothing is declared and catches declarations that contradict the text.

- passages.py: what language each passage is in (declared and detected), the share of each, and
  the pack's metric;
- presence.py: expected languages present (and in the main headings), French kept in election
  material;
- marking.py: passages not marked, marked with another language, or with a wrong tag;
- parity.py: bilingual headings and signs, the regional version as prominent as the French one.
"""
from .passages import regional_shares  # noqa: F401  (the pack's metrics are found here: packs/loading.py)
