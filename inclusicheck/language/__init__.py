"""Language knowledge that needs no engine: BCP 47 tags against the IANA registry (`tags`),
French readability measures and word frequencies (`readability`), French text helpers — numbers,
dates, Roman numerals, capitals, acronyms, names (`french`).

A library under the layers, like model and i18n: sources (document languages), engines (nlp,
langid) and checks import it; it imports none of them.
"""
