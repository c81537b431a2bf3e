"""The document layer, between sources and engines: HTML -> Document (`dom.build_document`), and the
per-document lookups every later layer shares (`dom.index`: document order, source positions, CSS
selectors, inline suppressions; `visible_text`, `effective_lang`).

Sources build their Documents here and never import engines; engines, checks, findings and
reporters read the tree through these helpers instead of walking it in their own way.
"""
