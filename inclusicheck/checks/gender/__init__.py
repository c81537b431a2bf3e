"""The `gender` pack (rules/gender/): its checks, by theme, and the text helpers they share.

Regexes run on raw block text (spaCy splits or mis-tags abbreviated forms, reference §7); spaCy is
used by the masculine-generic rule only, for sentences and parts of speech.

Text helpers, kept free of the runner so they are easy to test:
- lexicon.py: the person-noun lexicon (rules/gender/data/person-nouns.yml), its forms found in a
  text, and doublets written in the order of the convention;
- exclusions.py: masking of URLs, e-mail addresses, abbreviations and numbers (offsets are kept);
  spans of quotations and legal titles, institution names before a noun, nouns naming organisations;
- inclusive_forms.py: abbreviated inclusive forms (point médian and look-alikes, dots, parentheses,
  slashes, hyphens, capitals): detection on raw text and expansion into a full doublet.

Checks:
- generics.py: masculine generics (GEN-01);
- titles.py: non-feminised titles and functions (GEN-02), job ads (GEN-08);
- doublets.py: abbreviated forms (GEN-05), order of doublets (GEN-06), slash doublets (GEN-11);
- people.py: the balance of women and men named in a document (GEN-09) and its metric.
"""
from .people import named_people  # noqa: F401  (the pack's metrics are found here: packs/loading.py)
