"""The `falc` pack (Facile à lire et à comprendre): its checks, by theme, and its metrics.

Rule numbers in messages and references are those of reference falc.md §3 (R1..R44). FALC rules
apply to French only: blocks declared in another language are not analysed (engines/nlp.py), and
blocks declared French whose words are plainly not French are skipped too (text.falc_text); the
metrics count them. No check or metric says that a text "is FALC": a FALC label needs proofreading
by people with intellectual disabilities.

- text.py: which blocks the pack reads, and their sentences (shared by every check);
- sentences.py: length, enumerations, negations, passive voice, moods;
- words.py: rare words and abbreviations;
- numbers.py: numbers in letters, big numbers, numeric dates, Roman numerals;
- characters.py: special characters, semicolons, capitals;
- typography.py: font size and family, alignment, italics, underline, hyphenation;
- metrics.py: the pack's metrics (readability of the French text).
"""
from .metrics import falc_metrics  # noqa: F401  (the pack's metrics are found here: packs/loading.py)
