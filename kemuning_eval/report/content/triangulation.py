"""The triangulation of the challenges and the participants' coded suggestions, in words.

Reads ``findings.triangulation`` and ``suggestions`` of the typed results:
the sources, their signals, the agreement and the contradictions were decided
in :mod:`kemuning_eval.report.results.triangulation`; this module words them
(``catalogue/report_programs.yaml``).  Labels and quotes from the data are
escaped on the way into HTML (:mod:`~kemuning_eval.report.content.htmlsafe`);
quotes carry the role only.

Examples
--------
>>> from kemuning_eval.report.results.model import Source
>>> s = Source(kind="ikm_element", ref="sarana", label="sarana", path="reaction.ikm.elements.0.nrr", value=2.95,
...            fmt="num2", signal="concern", programs=["LD"])
>>> source_text(s, "id", {"LD": "Literasi Digital"})
'unsur IKM Sarana dan Prasarana: 2,95 (menunjukkan masalah; rendah di Literasi Digital)'
"""

from __future__ import annotations

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import fmt_count
from kemuning_eval.report.content.htmlsafe import (
    Html,
    esc,
    fill_quoted,
    join,
    p,
    quoted,
    tag,
    ul,
)
from kemuning_eval.report.content.labels import label as code_label
from kemuning_eval.report.content.tables import html_table
from kemuning_eval.report.content.wording import FORMATS, join_list
from kemuning_eval.report.results.model import Metrics, Source, Triangulated


def source_name(src: Source, lang: str) -> str:
    """A source named briefly, with its value (for a contradiction).

    Examples
    --------
    >>> s = Source(kind="learning", ref="gain_class", label=None, path="learning.overall.gain_class", value=0.43,
    ...            fmt="num2", signal="ok")
    >>> source_name(s, "en")
    'Hake gain (tests) (0.43)'
    """
    label = _label(src, lang)
    kind = t(f"triangulation.kind.{src.kind}", lang)
    value = FORMATS[src.fmt](src.value, lang)
    if label and src.kind in DATA_KINDS:
        return Html(f"{esc(kind)} {quoted(label)} ({esc(value)})")
    return f"{kind} {label} ({value})" if label else f"{kind} ({value})"


#: kinds of source whose label is quoted from the data (the codebook's wording of a survey item)
DATA_KINDS = ("survey_item",)


def _label(src: Source, lang: str) -> str | None:
    return code_label("ikm_element", src.ref, lang) if src.kind == "ikm_element" else src.label


def source_text(src: Source, lang: str, names: dict[str, str]) -> str:
    """One source: its kind, label, value, signal and the programmes where it is low.

    Examples
    --------
    >>> s = Source(kind="demand", ref="demand_ratio", label=None, path="study.demand_ratio", value=1.96,
    ...            fmt="num2", signal="concern")
    >>> source_text(s, "en", {})
    'applicants per seat: 1.96 (signals a problem)'
    """
    kind = t(f"triangulation.kind.{src.kind}", lang)
    label = _label(src, lang)
    signal = t(f"triangulation.signal.{src.signal or 'none'}", lang)
    if src.programs:
        signal += "; " + t("triangulation.low_in", lang, programs=join_list([names.get(x, x) for x in src.programs], lang))
    value = FORMATS[src.fmt](src.value, lang)
    if label and src.kind in DATA_KINDS:
        return fill_quoted(lambda **d: t("triangulation.source", lang, kind=kind, value=value, signal=signal, **d),
                           label=label)
    if label:
        return t("triangulation.source", lang, kind=kind, label=label, value=value, signal=signal)
    return t("triangulation.source_plain", lang, kind=kind, value=value, signal=signal)


def shown_topics(model: Metrics) -> list[Triangulated]:
    """The topics the report shows: those a challenge fired on, and those whose sources contradict each other.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> shown_topics(Metrics.model_validate(empty_metrics(2026)))
    []
    """
    return [x for x in model.findings.triangulation if x.challenges or x.agreement == "contradiction"]


def _html(text: str | Html) -> Html:
    return text if isinstance(text, Html) else Html(esc(text))


def _topic(x: Triangulated, lang: str, names: dict[str, str]) -> Html:
    lead = t(f"triangulation.topic.{x.topic}", lang)
    fired = (t("triangulation.fired", lang, challenges=join_list(
        [t(f"triangulation.challenge.{c}", lang) for c in x.challenges], lang)) if x.challenges
        else t("triangulation.not_fired", lang))
    texts = [source_text(s, lang, names) for s in x.sources]
    parts = [p(join([tag("strong", lead), Html(". "), fired], sep="")), ul(texts),
             p(t(f"triangulation.agreement.{x.agreement}", lang))]
    if x.contradictions:
        parts.append(ul([fill_quoted(lambda **d: t("triangulation.contradiction", lang, **d),
                                     concern=_html(source_name(x.sources[c.concern], lang)),
                                     ok=_html(source_name(x.sources[c.ok], lang)))
                         for c in x.contradictions]))
    return join(parts)


def triangulation_section(model: Metrics, lang: str) -> Html:
    """The triangulation of the challenges (one block per topic shown, under the report's heading); empty without any.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> triangulation_section(Metrics.model_validate(empty_metrics(2026)), "id")
    Html('')
    """
    topics = shown_topics(model)
    if not topics:
        return Html("")
    names = {r.program_id: r.name or r.program_id for r in (model.program_table.rows if model.program_table else [])}
    return join([p(t("triangulation.intro", lang)),
                 *(_topic(x, lang, names) for x in topics)])


def suggestions_section(model: Metrics, lang: str, number: int) -> Html:
    """The coded suggestions beside the interviews (Table ``number``) and one scrubbed quote per theme.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> suggestions_section(Metrics.model_validate(empty_metrics(2026)), "id", 1)
    Html('')
    """
    import pandas as pd

    s = model.suggestions
    if s is None or not s.themes:
        return Html("")
    fmt = lambda kind, v: FORMATS[kind](v, lang) if v is not None else "–"  # noqa: E731
    frame = pd.DataFrame([{t("suggestions.col.theme", lang): x.label, t("suggestions.col.n", lang): fmt("int", x.n),
                           t("suggestions.col.share", lang): fmt("pct1", x.share),
                           t("suggestions.col.interview_n", lang): fmt("int", x.interview_n),
                           t("suggestions.col.interview_share", lang): fmt("pct1", x.interview_share)}
                          for x in s.themes])
    quotes = [fill_quoted(lambda **d: t("suggestions.quote", lang, **d), text=q.text, theme=_html(q.theme_label))
              for q in s.quotes]
    return join([p(t("suggestions.intro", lang, n=fmt_count(s.n_suggestions, lang),
                     total=fmt_count(s.n_responses, lang))),
                 html_table(frame, caption=t("suggestions.caption", lang, n=number), anchor=f"tabel-{number}"),
                 ul(quotes) if quotes else Html("")])
