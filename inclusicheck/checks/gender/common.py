"""What several checks of the gender pack share: the blocks they read, one hit a phrase, and the
words of a recruitment."""
from __future__ import annotations

import re

from ...language.tags import is_french

RECRUITMENT = re.compile(r"\b(?:recrute|recrutons|recrutement|offre d['’]emploi|poste à pourvoir|fiche de poste"
                         r"|vacance de poste|candidature)", re.IGNORECASE)


def french_blocks(doc):
    return [b for b in doc.blocks if is_french(b.lang or doc.lang) and b.text.strip()]


def without_overlaps(hits):
    """One hit a phrase: where two patterns of a rule flag overlapping text, the first found is
    kept ("les Français" is both a lexicon noun and a demonym, and got two different suggestions;
    "électeurs/électrices" is a lexicon pair and a word with its feminine)."""
    kept = []
    for hit in hits:
        if not any(hit.span[0] < other.span[1] and other.span[0] < hit.span[1] for other in kept):
            kept.append(hit)
    return kept
