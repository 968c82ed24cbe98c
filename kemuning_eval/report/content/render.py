"""Render the report's sections, tables and figures as safe HTML from the metrics.

The notebooks create one :class:`Report` and display what its methods
return (:class:`~kemuning_eval.report.content.htmlsafe.Html`).  The report numbers
its tables and figures in the order the notebook shows them.  All text comes
from the catalogue via :mod:`kemuning_eval.report.content.narrative`; everything is
escaped on the way into HTML (names from the data included).

Examples
--------
>>> from kemuning_eval.report.results.metrics import empty_metrics
>>> m = empty_metrics(2026, report_date="2026-12-15")
>>> m["study"]["synthetic"] = True
>>> rep = Report(m, "id")
>>> "SINTETIS" in rep.banner()
True
>>> rep.title().startswith("<h1")
True
>>> "tidak dapat dilaporkan" in rep.section("learning")
True
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import fmt_ci, fmt_int, fmt_number, fmt_pct
from kemuning_eval.report.content import (
    category_labels,
    comparison_tables,
    findings,
    outcome_tables,
    wording,
)
from kemuning_eval.report.content import figures as figs
from kemuning_eval.report.content import limitations as limits
from kemuning_eval.report.content import narrative as nar
from kemuning_eval.report.content import program_table as programs
from kemuning_eval.report.content import recommendations as recs
from kemuning_eval.report.content import triangulation as triangulated
from kemuning_eval.report.content.citations import FIGURE_SOURCES, Sources, anchor, sources_html
from kemuning_eval.report.content.economics import EconomicsTables
from kemuning_eval.report.content.extension import ResearcherCells
from kemuning_eval.report.content.htmlsafe import Html, esc, heading, join, p, tag, ul
from kemuning_eval.report.content.ikm_tables import ServiceTables
from kemuning_eval.report.content.labels import labelled
from kemuning_eval.report.content.quality_rows import check_label, check_text
from kemuning_eval.report.content.reading import min_group_size
from kemuning_eval.report.content.tables import formatted, html_table
from kemuning_eval.report.results.model import Metrics

__all__ = ["SECTIONS", "Report", "check_label"]

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
    "limitations": (2, "report.sec.limitations", "keterbatasan"),
    "conclusion": (2, "report.sec.conclusion", "kesimpulan"),
    "appendix": (2, "report.sec.appendix", "lampiran"),
}


def _typed_or_none(m: dict) -> Metrics | None:
    try:
        return Metrics.model_validate(m)
    except ValidationError:
        return None


def _paras(texts: list[str]) -> Html:
    return join(p(x) for x in texts)


class Report(ResearcherCells, ServiceTables, EconomicsTables):
    """Renders one report (whole study or one programme) from its metrics.

    A researcher's own cells call :meth:`subheading` and :meth:`table`
    (:mod:`kemuning_eval.report.content.extension`); the IKM tables, the RTL
    matrix and the facilitator table come from
    :class:`~kemuning_eval.report.content.ikm_tables.ServiceTables`.

    Parameters
    ----------
    m : Metrics or dict
        The metrics of :func:`kemuning_eval.report.results.metrics.compute_metrics`.
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
    """

    def __init__(self, m: Any, lang: str, *, tests: Any = None) -> None:
        # the typed results (new content reads attributes); a partial dict of an older test fixture has none
        self.model: Metrics | None = m if isinstance(m, Metrics) else _typed_or_none(m)
        self.m = labelled(m if isinstance(m, dict) else m.model_dump(), lang)  # boundary: older content reads dicts  # stored codes (bands, categories) shown as catalogue text
        self.lang = lang
        self.tests = tests
        self._table_no = 0
        self._figure_no = 0
        self.sources = Sources()  # which numbered table or figure shows which metric list ("Sumber: Tabel 6")

    # -- building blocks -------------------------------------------------
    def _fmt(self, kind: str):
        fmt, lang = wording.FORMATS[kind], self.lang  # the formats of the report text
        return lambda v: fmt(v, lang)

    def _table(self, rows: list[dict], columns: list[tuple[str, str, str | None]], caption_key: str,
               source: str | None = None) -> Html:
        if not rows:
            return Html("")
        # a column without any value was not collected (e.g. costs): left out, never a row of dashes
        if not any(row.get("suppressed") for row in rows):  # hidden small groups keep their columns
            columns = [c for c in columns if any(row.get(c[0]) is not None for row in rows)]
        self._table_no += 1
        if source:  # the metric list the table shows, for the evidence's "Sumber: Tabel n"
            self.sources.add("table", source, self._table_no)
        cols = [(key, col, self._fmt(kind) if kind else None) for key, col, kind in columns]
        frame = formatted(rows, cols, self.lang, min_n=min_group_size(self.m))
        return html_table(frame, caption=t(caption_key, self.lang, n=self._table_no),
                          anchor=anchor("table", self._table_no))

    def _heading(self, name: str) -> Html:
        level, key, anchor = SECTIONS[name]
        return heading(level, t(key, self.lang), anchor=anchor)

    # -- title and banner ------------------------------------------------
    def title(self) -> Html:
        """The title block (title, agency, date)."""
        s = self.m["study"]
        if s.get("program_id"):
            text = t("report.title_program", self.lang, program=s.get("program_name") or s["program_id"], year=s["year"])
        else:
            text = t("report.title", self.lang, year=s["year"])
        parts = [heading(1, text, anchor="judul")]
        region = s.get("region") if s.get("region") and s.get("region") not in (s.get("agency") or "") else None
        sub = " · ".join(str(x) for x in (s.get("agency"), region, wording.fmt_date(s.get("report_date"), self.lang)) if x)
        if sub:
            parts.append(p(sub, class_="subtitle"))
        return join(parts)

    def banner(self) -> Html:
        """A visible warning when the study's data are synthetic (empty otherwise)."""
        if not self.m["study"].get("synthetic"):
            return Html("")
        return tag("div", t("report.banner.synthetic", self.lang), class_="banner-synthetic", role="note",
                   style="border:3px solid #b35806;background:#fff3e0;padding:0.8em;margin:1em 0;font-weight:bold;")

    # -- sections ----------------------------------------------------------
    def section(self, name: str) -> Html:
        """Heading plus the section's text (and its tables) for ``name`` in :data:`SECTIONS`."""
        body = getattr(self, f"_s_{name}")()
        return join([self._heading(name), body])

    def _s_summary(self) -> Html:
        text = nar.summary(self.m, self.lang)
        effects = self.model.results.effects if self.model is not None and self.model.results.available else None
        if effects:  # Level 4 summarised from the verdicts read in each outcome's direction, per scope
            pooled_line = nar.summary_results(self.m, self.lang)
            text = [outcome_tables.summary_line(effects, self.lang) if x == pooled_line else x for x in text]
        return _paras(text)

    def _s_intro(self) -> Html:
        intro = nar.introduction(self.m, self.lang)
        return join([_paras(intro["paragraphs"][:2]), p(intro["legal_intro"]), ul(intro["legal"]),
                     p(intro["paragraphs"][2])])

    def _s_overview(self) -> Html:
        rows = self.m["study"].get("programs") or []
        return join([_paras(nar.overview(self.m, self.lang)), self._table(rows, [
            ("program_id", "program_id", None), ("name", "name", None), ("field", "field", None),
            ("jp", "jp", "int"), ("capacity", "capacity", "int"), ("applicants", "applicants", "int"),
            ("participants", "participants", "int"), ("cost", "cost", "rupiah")], "report.overview.table_caption",
            "study.programs")])

    def _s_method(self) -> Html:
        me = nar.method(self.m, self.lang)
        parts = [_paras(me["paragraphs"])]
        if me["rates"]:
            parts += [p(me["rates_intro"]), ul(me["rates"])]
        parts += [p(me["stats_intro"]), ul(me["definitions"]), _paras(me["after"])]
        return join(parts)

    def _s_findings(self) -> Html:
        rows = self.m["study"].get("profile") or []
        if not rows:
            return Html("")
        hidden = any(row.get("suppressed") for row in rows)
        if self.model is not None:  # a PPPK grade named as such
            rows = [dict(row, value=category_labels.profile_value(typed, self.lang))
                    for row, typed in zip(rows, self.model.study.profile, strict=True)]
        parts = [p(t("report.profile.intro", self.lang)), self._table(rows, [
            ("label", "characteristic", None), ("value", "value", None), ("n", "n", "int"),
            ("share", "share", "pct1")], "report.profile.caption", "study.profile")]
        if hidden:
            parts.append(p(t("report.suppressed_note", self.lang, min_n=min_group_size(self.m))))
        return join(parts)

    def _s_reaction(self) -> Html:
        r = self.m.get("reaction") or {}
        parts = [_paras(nar.reaction(self.m, self.lang))]
        if r.get("available"):
            parts.append(self._table(r.get("dimensions") or [], [
                ("label", "dimension", None), ("n", "n", "int"), ("mean", "mean", "num2"), ("sd", "sd", "num2"),
                ("favourable", "favourable", "pct1"), ("category", "category", None)], "report.reaction.table_caption",
                "reaction.dimensions"))
            # with the regulation's layout (ikm_tables) the NRR table would only repeat it
            ikm = {} if self._reaction_part("ikm_report") else r.get("ikm") or {}
            parts.append(self._table(ikm.get("elements") or [], [
                ("label", "element", None), ("n", "n", "int"), ("nrr", "nrr", "num2")], "report.reaction.ikm_caption",
                "reaction.ikm.elements"))
        return join(parts)

    def _s_learning(self) -> Html:
        lv = self.m.get("learning") or {}
        parts = [_paras(nar.learning(self.m, self.lang))]
        rows = [dict(row, ci=fmt_ci(row.get("ci_low"), row.get("ci_high"), 2, self.lang)) for row in lv.get("by_program") or []]
        parts.append(self._table(rows, [
            ("name", "name", None), ("n", "n", "int"), ("estimate", "diff", "num2"), ("ci", "ci", None),
            ("p_val", "p", "p"), ("p_holm", "p_holm", "p"), ("dz", "dz", "num2")], "report.learning.table_caption",
            "learning.by_program"))
        if any(row.get("suppressed") for row in rows):
            parts.append(p(t("report.suppressed_note", self.lang, min_n=min_group_size(self.m))))
        return join(parts)

    def _s_behavior(self) -> Html:
        return _paras(nar.behavior(self.m, self.lang))

    def _s_results(self) -> Html:
        text = nar.results(self.m, self.lang)
        effects = self.model.results.effects if self.model is not None and self.model.results.available else None
        if not effects:
            return _paras(text)
        # pooled and per programme, Holm within each scope, read in each outcome's direction: these sentences
        # replace the per-outcome lines of the pooled effect (the introduction and the caveats stay)
        n_rows = sum(1 for row in self.model.results.did if row.estimate is not None)
        rows, columns = outcome_tables.table_rows(effects, self.lang)
        return join([_paras(text[:1] + outcome_tables.sentences(effects, self.lang) + text[1 + n_rows:]),
                     self._table(rows, columns, "report.effects.table_caption")])

    def _s_cost(self) -> Html:
        c = self.m.get("cost") or {}
        return join([_paras(nar.cost(self.m, self.lang)), self._table(c.get("by_program") or [], [
            ("name", "name", None), ("participants", "participants", "int"), ("cost", "cost", "rupiah"),
            ("cost_per_participant", "cost_per_participant", "rupiah")], "report.cost.table_caption",
            "cost.by_program")])

    def _s_qualitative(self) -> Html:
        q = nar.qualitative(self.m, self.lang)
        parts = [_paras(q["paragraphs"])]
        if q["themes"]:
            parts.append(ul(q["themes"]))
        if q["quotes"]:
            parts.append(p(q["quotes_intro"]))
            parts += [tag("blockquote", join([p(qt["text"]), p(qt["by"], class_="quote-source")]))
                      for qt in q["quotes"]]
        return join(parts)

    def _s_comparison(self) -> Html:
        yoy = self.model.findings.year_on_year if self.model is not None else None
        if yoy is None:  # no previous basis worded by the intervals: the status or the bare values
            return _paras(nar.comparison(self.m, self.lang))
        rows, columns = comparison_tables.table_rows(yoy, self.lang)
        return join([_paras(comparison_tables.sentences(yoy, self.lang)),
                     self._table(rows, columns, "report.compare.table_caption")])

    def _s_challenges(self) -> Html:
        items = (self.m.get("findings") or {}).get("challenges") or []
        if not items:
            return p(t("report.challenges.none", self.lang))
        typed = self.model.findings.challenges if self.model else []
        named = [programs.challenge_programs(ch, self.model, self.lang) for ch in typed] or [""] * len(items)
        return join([p(t("report.challenges.intro", self.lang)),
                     tag("ol", join(tag("li", join([findings.challenge_text(c, self.lang),
                                                     Html(" ") if extra else Html(""), extra, Html("<br>"),
                                                     self._basis(c)], sep=""))
                                    for c, extra in zip(items, named, strict=True)))])

    # -- programmes, triangulation, suggestions (content/program_table.py, content/triangulation.py) --
    def program_summary(self) -> Html:
        """The executive summary's paragraph on which programmes meet the thresholds (empty without programmes)."""
        return programs.summary_paragraph(self.model, self.lang) if self.model else Html("")

    def program_table(self) -> Html:
        """The programme decision table at the top of the findings (empty without programmes)."""
        if self.model is None or self.model.program_table is None or not self.model.program_table.rows:
            return Html("")
        self._table_no += 1
        self.sources.add("table", "program_table", self._table_no)
        return join([heading(3, t("programs.heading", self.lang), anchor="keputusan-program"),
                     programs.decision_table(self.model, self.lang, self._table_no)])

    def triangulation(self) -> Html:
        """The sources, agreement and contradictions of each challenge's topic (empty without any)."""
        return triangulated.triangulation_section(self.model, self.lang) if self.model else Html("")

    def suggestions(self) -> Html:
        """The participants' suggestions coded with the theme codebook beside the interviews."""
        if self.model is None or self.model.suggestions is None or not self.model.suggestions.themes:
            return Html("")
        self._table_no += 1
        return triangulated.suggestions_section(self.model, self.lang, self._table_no)

    def _s_recommendations(self) -> Html:
        items = (self.m.get("findings") or {}).get("recommendations") or []
        if not items:
            return join([p(t("report.recommendations.none", self.lang)), self._followup()])
        if self.model is not None:  # the action plan: owner, indicator, target, deadline, last year's status
            rows = recs.recommendation_rows(self.model, self.lang)
            return join([p(t("recs.intro", self.lang)), self._table(rows, [(k, c, None) for k, c in recs.COLUMNS],
                                                                    "recs.caption"), self._followup()])
        lis = []
        for rec in items:
            audience, body, basis = findings.recommendation_text(rec, self.lang)
            lis.append(tag("li", join([tag("strong", audience), Html(": "), body, Html("<br>"),
                                       self._basis(rec, basis)], sep="")))
        return join([p(t("report.recommendations.intro", self.lang)), tag("ol", join(lis))])

    def _followup(self) -> Html:
        """Last year's recommendations and their status (nothing without a comparable previous report)."""
        if self.model is None or self.model.findings.followup is None:
            return Html("")
        year = self.model.findings.followup_year
        rows = recs.followup_rows(self.model, self.lang)
        table = self._table(rows, [(k, c, None) for k, c in recs.FOLLOWUP_COLUMNS], "recs.followup.caption")
        return join([heading(3, t("recs.followup.heading", self.lang, year=year), anchor="tindak-lanjut"),
                     p(recs.followup_intro(self.model, self.lang)), table])

    def _s_limitations(self) -> Html:
        items = limits.limitation_items(self.model, self.lang) if self.model is not None else []
        if not items:
            return p(t("lim.none", self.lang))
        return join([p(t("lim.intro", self.lang)), ul(items)])

    def _basis(self, item: dict, basis: str | None = None) -> Html:
        """The evidence in words and, linked, the tables and figures showing it (``Sumber: Tabel 6``)."""
        basis = findings.evidence_text(item, self.lang) if basis is None else basis
        cite = sources_html([ev["path"] for ev in item["evidence"]], self.sources, self.lang)
        return tag("small", join([Html(esc(basis)), cite], sep=" ") if cite else basis)

    def _s_conclusion(self) -> Html:
        return _paras(nar.conclusion(self.m, self.lang))

    def _s_appendix(self) -> Html:
        r = self.m.get("reaction") or {}
        parts = []
        if r.get("items") or r.get("reliability"):  # Appendix A only for a reaction survey that was measured
            parts += self._appendix_items(r)
        parts += self._appendix_quality_provenance()
        return join(parts)

    def _appendix_items(self, r: dict) -> list[Html]:
        lang = self.lang
        parts = [heading(3, t("report.sec.appendix_items", lang), anchor="lampiran-butir")]
        items = r.get("items") or []
        if self.model is not None and self.model.reaction.available:  # reverse-worded items marked
            items = [dict(row, label=category_labels.item_label(typed, lang))
                     for row, typed in zip(items, self.model.reaction.items, strict=True)]
        parts.append(self._table(items, [
            ("label", "item", None), ("dimension_label", "dimension", None), ("n", "n", "int"), ("mean", "mean", "num2"),
            ("sd", "sd", "num2"), ("favourable", "favourable", "pct1"), ("category", "category", None)],
            "report.appendix.items_caption", "reaction.items"))
        rel = [dict(x, ci=fmt_ci(x.get("ci_low"), x.get("ci_high"), 2, lang)) for x in r.get("reliability") or []]
        parts.append(self._table(rel, [
            ("label", "dimension", None), ("n", "n", "int"), ("k", "k", "int"), ("alpha", "alpha", "num2"),
            ("ci", "ci", None), ("band", "category", None)], "report.appendix.reliability_caption",
            "reaction.reliability"))
        return parts

    def _appendix_quality_provenance(self) -> list[Html]:
        lang, m = self.lang, self.m
        parts = [heading(3, t("report.sec.appendix_quality", lang), anchor="lampiran-kualitas")]
        year, rows = m["study"]["year"], (m["study"].get("data_quality") or {}).get("rows") or []
        quality = self.model.study.data_quality if self.model is not None else None
        checks = ([check_text(record, lang, year=year) for record in quality.rows] if quality is not None
                  else [check_label(str(row.get("check")), lang, year=year) for row in rows])  # a partial dict
        dq = [dict(row, check=check, severity=t(f"report.severity.{row.get('severity')}", lang))
              for row, check in zip(rows, checks, strict=True)]
        parts.append(self._table(dq, [
            ("file", "file", None), ("check", "check", None), ("column", "column", None), ("n", "n", "int"),
            ("severity", "severity", None)], "report.appendix.quality_caption", "study.data_quality.rows") if dq
            else p(t("report.appendix.quality_none", lang)))
        parts.append(heading(3, t("report.sec.appendix_provenance", lang), anchor="lampiran-asal"))
        prov = m.get("provenance") or {}
        params = ", ".join(f"{k} = {v!r}" for k, v in sorted((prov.get("parameters") or {}).items()))
        parts.append(p(t("report.appendix.params", lang, params=params, version=prov.get("package_version") or "–",
                         commit=prov.get("git_commit") or t("report.appendix.no_commit", lang))))
        env = prov.get("environment") or {}
        if env:
            libraries = ", ".join(f"{k} {v or '–'}" for k, v in (env.get("libraries") or {}).items())
            parts.append(p(t("install.appendix.environment", lang, python=env.get("python") or "–",
                             libraries=libraries)))
        parts.append(p(t("report.appendix.inputs", lang)))
        parts.append(self._table(prov.get("inputs") or [], [
            ("file", "file", None), ("kind", "kind", None), ("sha256", "sha256", None)],
            "report.appendix.inputs_caption", "provenance.inputs"))
        return parts

    # -- figures -------------------------------------------------------------
    def figure(self, name: str) -> Html:
        """One figure as ``<figure>`` with alt text and a numbered caption (empty when nothing to draw)."""
        lang = self.lang
        fig, alt = self._draw(name)
        if fig is None:
            return Html("")
        self._figure_no += 1
        for source in FIGURE_SOURCES.get(name, ()):
            self.sources.add("figure", source, self._figure_no)
        key = {"did": "did_all", "comparison": "compare"}.get(name, name)
        return figs.figure_html(fig, alt=alt, caption=t(f"report.fig.{key}.caption", lang, n=self._figure_no),
                                anchor=anchor("figure", self._figure_no))

    def _draw(self, name: str) -> tuple[Any, str]:
        """The figure ``name`` and its alt text (a one-line summary of what it shows)."""
        draw = getattr(self, f"_fig_{name}", None)
        if draw is None:
            raise KeyError(name)
        return draw()

    def _fig_likert(self) -> tuple[Any, str]:
        lang, m = self.lang, self.m
        dims = (m.get("reaction") or {}).get("dimensions") or []
        summary = "; ".join(f"{d['label']} {fmt_pct(d.get('favourable'), 1, lang)}" for d in dims)
        return figs.likert_diverging(m, lang), t("report.fig.likert.alt", lang, summary=summary)

    def _fig_prepost(self) -> tuple[Any, str]:
        lang, m = self.lang, self.m
        o = (m.get("learning") or {}).get("overall") or {}
        return figs.prepost_box(self.tests, m, lang), t(
            "report.fig.prepost.alt", lang, n=fmt_int(o.get("n"), lang),
            pre=fmt_number(o.get("pre_mean"), 2, lang), post=fmt_number(o.get("post_mean"), 2, lang))

    def _fig_forest(self) -> tuple[Any, str]:
        lang, m = self.lang, self.m
        rows = [r for r in (m.get("learning") or {}).get("by_program") or [] if not r.get("suppressed")]
        summary = "; ".join(f"{r['name']} {fmt_number(r.get('estimate'), 2, lang)}" for r in rows)
        return figs.learning_forest(m, lang), t("report.fig.forest.alt", lang, summary=summary)

    def _fig_applying(self) -> tuple[Any, str]:
        lang, m = self.lang, self.m
        rows = [r for r in (m.get("behavior") or {}).get("applying_by_program") or [] if not r.get("suppressed")]
        summary = "; ".join(f"{r['name']} {fmt_pct(r.get('share'), 1, lang)}" for r in rows)
        return figs.applying_bars(m, lang), t("report.fig.applying.alt", lang, summary=summary)

    def _fig_did(self) -> tuple[Any, str]:
        lang, m = self.lang, self.m
        rows = (m.get("results") or {}).get("did") or []
        summary = "; ".join(f"{r['label']} {fmt_number(r.get('estimate'), 3, lang)}" for r in rows)
        return figs.did_lines(m, lang), t("report.fig.did_all.alt", lang, summary=summary)

    def _fig_themes(self) -> tuple[Any, str]:
        lang, m = self.lang, self.m
        rows = (m.get("qualitative") or {}).get("themes") or []
        summary = "; ".join(f"{r['label']} {fmt_int(r.get('n'), lang)}" for r in rows)
        return figs.themes_bar(m, lang), t("report.fig.themes.alt", lang, summary=summary)

    def _fig_comparison(self) -> tuple[Any, str]:
        lang, m = self.lang, self.m
        comp = (m.get("findings") or {}).get("comparison") or {}
        shown = comparison_tables.figure_metrics(self.model.findings.year_on_year if self.model is not None else None)
        if shown is not None:  # an unchanged value gets no panel
            comp = dict(comp, rows=[r for r in comp.get("rows") or [] if r["metric"] in shown])
            m = dict(m, findings=dict(m["findings"], comparison=comp))
        summary = "; ".join(f"{t('report.metric.' + r['metric'], lang)} {wording.fmt_value(r['previous'], r['fmt'], lang)}"
                            f" → {wording.fmt_value(r['current'], r['fmt'], lang)}" for r in comp.get("rows") or [])
        return figs.comparison_bars(m, lang), t("report.fig.compare.alt", lang, previous=comp.get("previous_year", ""),
                                                 current=m["study"]["year"], summary=summary)
