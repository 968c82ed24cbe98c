"""Render the report's sections, tables and figures as safe HTML from the metrics.

The notebooks create one :class:`Report` and display what its methods
return (:class:`~kemuning_eval.report.content.htmlsafe.Html`).  The report numbers
its tables and figures in the order the notebook shows them.  All text comes
from the catalogue via :mod:`kemuning_eval.report.content.narrative`; everything is
escaped on the way into HTML (names from the data included).

Examples
--------
>>> from kemuning_eval.report.content.examples import crafted
>>> rep = Report(crafted({"study": {"synthetic": True}}), "id")
>>> "SINTETIS" in rep.banner()
True
>>> rep.title().startswith("<h1")
True
>>> "tidak dapat dilaporkan" in rep.section("learning")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from kemuning_eval.i18n import catalogue, t
from kemuning_eval.numfmt import fmt_ci, fmt_int, fmt_number, fmt_pct
from kemuning_eval.report.content import figures as figs
from kemuning_eval.report.content import findings, wording
from kemuning_eval.report.content import narrative as nar
from kemuning_eval.report.content.extension import ResearcherCells
from kemuning_eval.report.content.htmlsafe import Html, heading, join, p, tag, ul
from kemuning_eval.report.content.labels import label
from kemuning_eval.report.content.reading import available, min_group_size
from kemuning_eval.report.content.tables import cell_value, formatted, html_table
from kemuning_eval.report.results.model import Metrics

#: section name -> (heading level, catalogue key, anchor)
SECTIONS = {
    "summary": (2, "report.sec.summary", "ringkasan"),
    "intro": (2, "report.sec.intro", "pendahuluan"),
    "overview": (2, "report.sec.overview", "gambaran"),
    "method": (2, "report.sec.method", "metode"),
    "findings": (2, "report.sec.findings", "hasil"),
    "reaction": (3, "report.sec.reaction", "reaksi"),
    "learning": (3, "report.sec.learning", "pembelajaran"),
    "behavior": (3, "report.sec.behavior", "perilaku"),
    "results": (3, "report.sec.results", "hasil-unit"),
    "cost": (3, "report.sec.cost", "biaya-roi"),
    "qualitative": (3, "report.sec.qualitative", "wawancara"),
    "comparison": (3, "report.sec.comparison", "perbandingan"),
    "challenges": (2, "report.sec.challenges", "tantangan"),
    "recommendations": (2, "report.sec.recommendations", "rekomendasi"),
    "conclusion": (2, "report.sec.conclusion", "kesimpulan"),
    "appendix": (2, "report.sec.appendix", "lampiran"),
}


def check_label(check: str, lang: str, *, year: int) -> str:
    """Name of a data-quality check in the appendix: never a ``{placeholder}`` of a per-problem message.

    Parameters
    ----------
    check : str
        The ``check`` of ``data_quality.parquet``.
    lang : {"id", "en"}
        Report language.
    year : int
        Study year (names the duplicates report).

    Returns
    -------
    str
        The catalogue's ``measured.check.<check>`` (the report's wording),
        else ``ingest.check.<check>``, else the check's code.

    Examples
    --------
    >>> check_label("duplicate_submission", "en", year=2026)
    'repeated submissions dropped by the duplicates rule (see duplikat-2026.csv)'
    >>> check_label("response_rate", "id", year=2026)
    'tingkat respons'
    """
    texts = catalogue()
    for key in (f"measured.check.{check}", f"ingest.check.{check}"):  # the report's name, else ingestion's
        if key in texts:
            text = texts[key][lang].replace("{year}", str(year))
            # a check whose text needs values the report does not have: the placeholders are left out
            return re.sub(r"\s*\([^()]*\{[a-z_]+\}[^()]*\)|\s*\{[a-z_]+\}", "", text)
    return check


def _paras(texts: list[str]) -> Html:
    return join(p(x) for x in texts)


class Report(ResearcherCells):
    """Renders one report (whole study or one programme) from its metrics.

    A researcher's own cells call :meth:`subheading` and :meth:`table`
    (:mod:`kemuning_eval.report.content.extension`).

    Parameters
    ----------
    m : Metrics or dict
        The results of :func:`kemuning_eval.report.results.metrics.compute_metrics`
        (a dict, e.g. a ``metrics.json`` read back, is validated with
        ``Metrics.model_validate``); kept as :attr:`model` and read as
        attributes.
    lang : {"id", "en"}
        Report language.
    tests : DataFrame, optional
        The processed ``tests`` table in the report's scope (for the pre/post figure).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> rep = Report(empty_metrics(2026, report_date="2026-12-15"), "en")
    >>> print(rep.title())
    <h1 id="judul">Evaluation Report of ASN Training 2026</h1>
    <p class="subtitle">15 December 2026</p>
    >>> section = rep.section("learning")
    >>> 'id="pembelajaran"' in section, "cannot be reported" in section
    (True, True)
    >>> rep.model.study.year, rep.model.learning.reason
    (2026, 'no_data')
    """

    def __init__(self, m: Metrics | dict, lang: str, *, tests: Any = None) -> None:
        # the typed results, read as attributes everywhere (a dict is validated: a mistyped field fails here)
        self.model: Metrics = m if isinstance(m, Metrics) else Metrics.model_validate(m)
        self.lang = lang
        self.tests = tests
        self._table_no = 0
        self._figure_no = 0

    @property
    def m(self) -> Metrics:
        """The same typed results as :attr:`model` (the name older cells use)."""
        return self.model

    # -- building blocks -------------------------------------------------
    def _fmt(self, kind: str):
        fmt, lang = wording.FORMATS[kind], self.lang  # the formats of the report text
        return lambda v: fmt(v, lang)

    def _table(self, rows: Sequence[Any], columns: list[tuple[Any, str, str | None]], caption_key: str, *,
               hidden: Callable[[Any], bool] | None = None) -> Html:
        if not rows:
            return Html("")
        # a column without any value was not collected (e.g. costs): left out, never a row of dashes
        if hidden is None or not any(hidden(row) for row in rows):  # hidden small groups keep their columns
            columns = [c for c in columns if any(cell_value(row, c[0]) is not None for row in rows)]
        self._table_no += 1
        cols = [(key, col, self._fmt(kind) if kind else None) for key, col, kind in columns]
        frame = formatted(rows, cols, self.lang, min_n=min_group_size(self.model), hidden=hidden)
        return html_table(frame, caption=t(caption_key, self.lang, n=self._table_no))

    def _suppressed_note(self, rows: Sequence[Any]) -> list[Html]:
        """The note under a table with a suppressed group (its stored ``suppressed``)."""
        if any(row.suppressed for row in rows):
            return [p(t("report.suppressed_note", self.lang, min_n=min_group_size(self.model)))]
        return []

    def _heading(self, name: str) -> Html:
        level, key, anchor = SECTIONS[name]
        return heading(level, t(key, self.lang), anchor=anchor)

    # -- title and banner ------------------------------------------------
    def title(self) -> Html:
        """The title block (title, agency, date)."""
        s = self.model.study
        if s.program_id:
            text = t("report.title_program", self.lang, program=s.program_name or s.program_id, year=s.year)
        else:
            text = t("report.title", self.lang, year=s.year)
        parts = [heading(1, text, anchor="judul")]
        region = s.region if s.region and s.region not in (s.agency or "") else None
        sub = " · ".join(str(x) for x in (s.agency, region, wording.fmt_date(s.report_date, self.lang)) if x)
        if sub:
            parts.append(p(sub, class_="subtitle"))
        return join(parts)

    def banner(self) -> Html:
        """A visible warning when the study's data are synthetic (empty otherwise)."""
        if not self.model.study.synthetic:
            return Html("")
        return tag("div", t("report.banner.synthetic", self.lang), class_="banner-synthetic", role="note",
                   style="border:3px solid #b35806;background:#fff3e0;padding:0.8em;margin:1em 0;font-weight:bold;")

    # -- sections ----------------------------------------------------------
    def section(self, name: str) -> Html:
        """Heading plus the section's text (and its tables) for ``name`` in :data:`SECTIONS`."""
        body = getattr(self, f"_s_{name}")()
        return join([self._heading(name), body])

    def _s_summary(self) -> Html:
        return _paras(nar.summary(self.model, self.lang))

    def _s_intro(self) -> Html:
        intro = nar.introduction(self.model, self.lang)
        return join([_paras(intro["paragraphs"][:2]), p(intro["legal_intro"]), ul(intro["legal"]),
                     p(intro["legal_note"], class_="note"), p(intro["paragraphs"][2])])

    def _s_overview(self) -> Html:
        rows = self.model.study.programs or []
        return join([_paras(nar.overview(self.model, self.lang)), self._table(rows, [
            ("program_id", "program_id", None), ("name", "name", None), ("field", "field", None),
            ("jp", "jp", "int"), ("capacity", "capacity", "int"), ("applicants", "applicants", "int"),
            ("participants", "participants", "int"), ("cost", "cost", "rupiah")], "report.overview.table_caption")])

    def _s_method(self) -> Html:
        me = nar.method(self.model, self.lang)
        parts = [_paras(me["paragraphs"])]
        if me["rates"]:
            parts += [p(me["rates_intro"]), ul(me["rates"])]
        parts += [p(me["stats_intro"]), ul(me["definitions"]), _paras(me["after"])]
        return join(parts)

    def _s_findings(self) -> Html:
        rows = self.model.study.profile
        if not rows:
            return Html("")
        return join([p(t("report.profile.intro", self.lang)), self._table(rows, [
            ("label", "characteristic", None), ("value", "value", None), ("n", "n", "int"),
            ("share", "share", "pct1")], "report.profile.caption", hidden=lambda r: r.suppressed),
            *self._suppressed_note(rows)])

    def _s_reaction(self) -> Html:
        lang = self.lang
        parts = [_paras(nar.reaction(self.model, lang))]
        r = available(self.model, "reaction")
        if r is not None:
            parts.append(self._table(r.dimensions, [
                ("label", "dimension", None), ("n", "n", "int"), ("mean", "mean", "num2"), ("sd", "sd", "num2"),
                ("favourable", "favourable", "pct1"), (lambda d: label("likert", d.category, lang), "category", None)],
                "report.reaction.table_caption"))
            parts.append(self._table(r.ikm.elements if r.ikm is not None else [], [
                (lambda e: label("ikm_element", e.element, lang), "element", None), ("n", "n", "int"),
                ("nrr", "nrr", "num2")], "report.reaction.ikm_caption"))
        return join(parts)

    def _s_learning(self) -> Html:
        lang = self.lang
        parts = [_paras(nar.learning(self.model, lang))]
        lv = available(self.model, "learning")
        rows = lv.by_program if lv is not None else []
        parts.append(self._table(rows, [
            ("name", "name", None), ("n", "n", "int"), ("estimate", "diff", "num2"),
            (lambda r: fmt_ci(r.ci_low, r.ci_high, 2, lang), "ci", None),
            ("p_val", "p", "p"), ("p_holm", "p_holm", "p"), ("dz", "dz", "num2")], "report.learning.table_caption",
            hidden=lambda r: r.suppressed))
        return join(parts + self._suppressed_note(rows))

    def _s_behavior(self) -> Html:
        return _paras(nar.behavior(self.model, self.lang))

    def _s_results(self) -> Html:
        return _paras(nar.results(self.model, self.lang))

    def _s_cost(self) -> Html:
        c = available(self.model, "cost")
        return join([_paras(nar.cost(self.model, self.lang)), self._table(c.by_program if c is not None else [], [
            ("name", "name", None), ("participants", "participants", "int"), ("cost", "cost", "rupiah"),
            ("cost_per_participant", "cost_per_participant", "rupiah")], "report.cost.table_caption")])

    def _s_qualitative(self) -> Html:
        q = nar.qualitative(self.model, self.lang)
        parts = [_paras(q["paragraphs"])]
        if q["themes"]:
            parts.append(ul(q["themes"]))
        if q["quotes"]:
            parts.append(p(q["quotes_intro"]))
            parts += [tag("blockquote", join([p(qt["text"]), p(qt["by"], class_="quote-source")]))
                      for qt in q["quotes"]]
        return join(parts)

    def _s_comparison(self) -> Html:
        return _paras(nar.comparison(self.model, self.lang))

    def _s_challenges(self) -> Html:
        items = self.model.findings.challenges
        if not items:
            return p(t("report.challenges.none", self.lang))
        return join([p(t("report.challenges.intro", self.lang)),
                     tag("ol", join(tag("li", join([findings.challenge_text(c, self.lang), Html("<br>"),
                                                     tag("small", findings.evidence_text(c, self.lang))], sep=""))
                                    for c in items))])

    def _s_recommendations(self) -> Html:
        items = self.model.findings.recommendations
        if not items:
            return p(t("report.recommendations.none", self.lang))
        lis = []
        for rec in items:
            audience, body, basis = findings.recommendation_text(rec, self.lang)
            lis.append(tag("li", join([tag("strong", audience), Html(": "), body, Html("<br>"),
                                       tag("small", basis)], sep="")))
        return join([p(t("report.recommendations.intro", self.lang)), tag("ol", join(lis))])

    def _s_conclusion(self) -> Html:
        return _paras(nar.conclusion(self.model, self.lang))

    def _s_appendix(self) -> Html:
        r = available(self.model, "reaction")
        parts = []
        if r is not None and (r.items or r.reliability):  # Appendix A only for a reaction survey that was measured
            parts += self._appendix_items(r)
        parts += self._appendix_quality_provenance()
        return join(parts)

    def _appendix_items(self, r: Any) -> list[Html]:
        lang = self.lang
        parts = [heading(3, t("report.sec.appendix_items", lang), anchor="lampiran-butir")]
        parts.append(self._table(r.items, [
            ("label", "item", None), ("dimension_label", "dimension", None), ("n", "n", "int"), ("mean", "mean", "num2"),
            ("sd", "sd", "num2"), ("favourable", "favourable", "pct1"),
            (lambda x: label("likert", x.category, lang), "category", None)], "report.appendix.items_caption"))
        parts.append(self._table(r.reliability, [
            ("label", "dimension", None), ("n", "n", "int"), ("k", "k", "int"), ("alpha", "alpha", "num2"),
            (lambda x: fmt_ci(x.ci_low, x.ci_high, 2, lang), "ci", None),
            (lambda x: label("alpha", x.band, lang), "category", None)], "report.appendix.reliability_caption"))
        return parts

    def _appendix_quality_provenance(self) -> list[Html]:
        lang, m = self.lang, self.model
        year = m.study.year
        parts = [heading(3, t("report.sec.appendix_quality", lang), anchor="lampiran-kualitas")]
        dq = m.study.data_quality.rows if m.study.data_quality is not None else []
        parts.append(self._table(dq, [
            ("file", "file", None), (lambda r: check_label(str(r.check), lang, year=year), "check", None),
            ("column", "column", None), ("n", "n", "int"),
            (lambda r: t(f"report.severity.{r.severity}", lang), "severity", None)], "report.appendix.quality_caption")
            if dq else p(t("report.appendix.quality_none", lang)))
        parts.append(heading(3, t("report.sec.appendix_provenance", lang), anchor="lampiran-asal"))
        prov = m.provenance
        params = ", ".join(f"{k} = {v!r}" for k, v in sorted(prov.parameters.items()))
        parts.append(p(t("report.appendix.params", lang, params=params, version=prov.package_version or "–",
                         commit=prov.git_commit or t("report.appendix.no_commit", lang))))
        env = prov.environment
        if env is not None:
            libraries = ", ".join(f"{k} {v or '–'}" for k, v in env.libraries.items())
            parts.append(p(t("install.appendix.environment", lang, python=env.python or "–", libraries=libraries)))
        parts.append(p(t("report.appendix.inputs", lang)))
        parts.append(self._table(prov.inputs, [
            ("file", "file", None), ("kind", "kind", None), ("sha256", "sha256", None)],
            "report.appendix.inputs_caption"))
        return parts

    # -- figures -------------------------------------------------------------
    def figure(self, name: str) -> Html:
        """One figure as ``<figure>`` with alt text and a numbered caption (empty when nothing to draw)."""
        lang = self.lang
        fig, alt = self._draw(name)
        if fig is None:
            return Html("")
        self._figure_no += 1
        key = {"did": "did_all", "comparison": "compare"}.get(name, name)
        return figs.figure_html(fig, alt=alt, caption=t(f"report.fig.{key}.caption", lang, n=self._figure_no))

    def _draw(self, name: str) -> tuple[Any, str]:
        """The figure ``name`` and its alt text (a one-line summary of what it shows)."""
        draw = getattr(self, f"_fig_{name}", None)
        if draw is None:
            raise KeyError(name)
        return draw()

    def _fig_likert(self) -> tuple[Any, str]:
        lang, m = self.lang, self.model
        r = available(m, "reaction")
        summary = "; ".join(f"{d.label} {fmt_pct(d.favourable, 1, lang)}" for d in (r.dimensions if r else []))
        return figs.likert_diverging(m, lang), t("report.fig.likert.alt", lang, summary=summary)

    def _fig_prepost(self) -> tuple[Any, str]:
        lang, m = self.lang, self.model
        lv = available(m, "learning")
        o = lv.overall if lv is not None else None
        return figs.prepost_box(self.tests, m, lang), t(
            "report.fig.prepost.alt", lang, n=fmt_int(o.n if o else None, lang),
            pre=fmt_number(o.pre_mean if o else None, 2, lang), post=fmt_number(o.post_mean if o else None, 2, lang))

    def _fig_forest(self) -> tuple[Any, str]:
        lang, m = self.lang, self.model
        lv = available(m, "learning")
        rows = [r for r in (lv.by_program if lv else []) if not r.suppressed]
        summary = "; ".join(f"{r.name} {fmt_number(r.estimate, 2, lang)}" for r in rows)
        return figs.learning_forest(m, lang), t("report.fig.forest.alt", lang, summary=summary)

    def _fig_applying(self) -> tuple[Any, str]:
        lang, m = self.lang, self.model
        b = available(m, "behavior")
        rows = [r for r in ((b.applying_by_program or []) if b else []) if not r.suppressed]
        summary = "; ".join(f"{r.name} {fmt_pct(r.share, 1, lang)}" for r in rows)
        return figs.applying_bars(m, lang), t("report.fig.applying.alt", lang, summary=summary)

    def _fig_did(self) -> tuple[Any, str]:
        lang, m = self.lang, self.model
        res = available(m, "results")
        summary = "; ".join(f"{r.label} {fmt_number(r.estimate, 3, lang)}" for r in (res.did if res else []))
        return figs.did_lines(m, lang), t("report.fig.did_all.alt", lang, summary=summary)

    def _fig_themes(self) -> tuple[Any, str]:
        lang, m = self.lang, self.model
        q = available(m, "qualitative")
        summary = "; ".join(f"{r.label} {fmt_int(r.n, lang)}" for r in (q.themes if q else []))
        return figs.themes_bar(m, lang), t("report.fig.themes.alt", lang, summary=summary)

    def _fig_comparison(self) -> tuple[Any, str]:
        lang, m = self.lang, self.model
        comp = m.findings.comparison
        summary = "; ".join(f"{t('report.metric.' + r.metric, lang)} {wording.fmt_value(r.previous, r.fmt, lang)}"
                            f" → {wording.fmt_value(r.current, r.fmt, lang)}" for r in (comp.rows if comp else []))
        return figs.comparison_bars(m, lang), t("report.fig.compare.alt", lang,
                                                 previous=comp.previous_year if comp else "",
                                                 current=m.study.year, summary=summary)
