"""The metrics of a document in the HTML report, as small plots: reading difficulty as a gauge,
shares (languages of the text, women and men named) as bars, the other figures in a table."""
from __future__ import annotations

from .text import esc, figure


def metrics_block(metrics: dict, t) -> str:
    if not metrics:
        return ""
    known, plain = [], []
    if isinstance(metrics.get("falc.difficulty"), (int, float)):
        known.append(gauge(t("html.difficulty"), float(metrics["falc.difficulty"]), t))
    shares = metrics.get("regional.shares")
    if isinstance(shares, dict) and shares:
        known.append(share_bars(t("html.shares"), {str(k): float(v) for k, v in shares.items()
                                              if isinstance(v, (int, float))}, t, percent=True))
    women, men = metrics.get("gender.women_named"), metrics.get("gender.men_named")
    if isinstance(women, (int, float)) and isinstance(men, (int, float)):
        known.append(share_bars(t("html.named"), {t("html.women"): float(women), t("html.men"): float(men)}, t,
                                 percent=False))
    shown = {"falc.difficulty", "regional.shares", "gender.women_named", "gender.men_named"}
    for key, value in sorted(metrics.items()):
        if key in shown:
            continue
        label = t("html.words") if key == "words" else key
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)):
            plain.append(f'<tr><th scope="row">{esc(label)}</th><td class="num">{esc(figure(value))}</td></tr>')
        elif isinstance(value, dict) and value and all(isinstance(v, (int, float)) for v in value.values()):
            known.append(share_bars(label, {str(k): float(v) for k, v in value.items()}, t, percent=False))
    table = ""
    if plain:
        table = (f'<details><summary>{esc(t("html.all_metrics", n=len(plain)))}</summary>'
                 f'<table><tbody>{"".join(plain)}</tbody></table></details>')
    return f'<h3>{esc(t("html.metrics"))}</h3><div class="metrics">{"".join(known)}</div>{table}'


def gauge(label: str, value: float, t) -> str:
    value = min(max(value, 0.0), 100.0)
    return (f'<div class="metric"><h4>{esc(label)}</h4><svg role="img" aria-label="{esc(t("field.value", label=label, value=f"{value:.0f}/100"))}" '
            f'width="220" height="30" viewBox="0 0 220 30"><rect x="0" y="4" width="200" height="16" fill="#e6e6e6">'
            f'</rect><rect x="0" y="4" width="{value * 2:.1f}" height="16" fill="#14213d"></rect>'
            f'<text x="{min(value * 2 + 4, 170):.1f}" y="17">{value:.0f}</text></svg></div>')


def share_bars(label: str, values: dict[str, float], t, percent: bool) -> str:
    total = sum(values.values()) or 1
    rows, y = [], 0
    for key, value in sorted(values.items(), key=lambda kv: -kv[1]):
        share = value / total if not percent else value
        width = max(0.0, min(share, 1.0)) * 140
        shown = f"{share * 100:.0f} %" if percent else figure(value)
        rows.append(f'<text x="0" y="{y + 16}">{esc(key)}</text><rect x="80" y="{y + 4}" width="{width:.1f}" '
                    f'height="16" fill="#1f5fa8"></rect><text x="{84 + width:.1f}" y="{y + 16}">{esc(shown)}</text>')
        y += 24
    summary = ", ".join(t("field.value", label=k, value=f"{(v * 100 if percent else v):.0f}{' %' if percent else ''}")
                        for k, v in values.items())
    return (f'<div class="metric"><h4>{esc(label)}</h4><svg role="img" aria-label="{esc(label)} — {esc(summary)}" '
            f'width="280" height="{y + 4}" viewBox="0 0 280 {y + 4}">{"".join(rows)}</svg></div>')
