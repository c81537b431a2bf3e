"""Findings: a rule's hits made findings (hits.py), those an inline directive silences left out
(suppressions.py), repeats made one finding (grouping.py), and those a baseline knows marked
(baseline.py)."""
