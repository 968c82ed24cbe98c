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

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kemuning_eval.i18n import t
from kemuning_eval.numfmt import fmt_ci, fmt_int, fmt_number, fmt_pct
from kemuning_eval.report.content import (
    category_labels,
    comparison_tables,
    findings,
    front,
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
from kemuning_eval.report.content.foreign import italicize
from kemuning_eval.report.content.htmlsafe import Html, esc, heading, join, p, tag, ul
from kemuning_eval.report.content.ikm_tables import ServiceTables
from kemuning_eval.report.content.labels import label
from kemuning_eval.report.content.quality_rows import check_label, check_text
from kemuning_eval.report.content.reading import available, min_group_size
from kemuning_eval.report.content.sections import (
    CELLS,
    LISTS_SLOT,
    SECTIONS,
    section_numbers,
    section_title,
)
from kemuning_eval.report.content.source_lines import (
    FIGURE_KINDS,
    METHOD_KINDS,
    TABLE_KINDS,
    source_line,
    with_source,
)
from kemuning_eval.report.content.tables import cell_value, formatted, html_table
from kemuning_eval.report.results.model import Metrics

__all__ = ["CELLS", "SECTIONS", "Report", "check_label"]



def _paras(texts: list[str]) -> Html:
    return join(p(x) for x in texts)


class Report(ResearcherCells, ServiceTables, EconomicsTables):
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
        self.sources = Sources()  # which numbered table or figure shows which metric list ("Sumber: Tabel 6")
        # BAB I-V and their subsections numbered for the whole study (a programme's report shows fewer sections)
        self.numbers = {} if self.model.study.program_id else section_numbers(self._shown())

    @property
    def m(self) -> Metrics:
        """The same typed results as :attr:`model` (the name older cells use)."""
        return self.model

    # -- building blocks -------------------------------------------------
    def _fmt(self, kind: str):
        fmt, lang = wording.FORMATS[kind], self.lang  # the formats of the report text
        return lambda v: fmt(v, lang)

    def _table(self, rows: Sequence[Any], columns: list[tuple[Any, str, str | None]], caption_key: str,
               source: str | None = None, *, hidden: Callable[[Any], bool] | None = None) -> Html:
        if not rows:
            return Html("")
        if hidden is None and isinstance(rows[0], Mapping):  # display rows built by a content module
            hidden = lambda r: bool(r.get("suppressed"))  # noqa: E731
        # a column without any value was not collected (e.g. costs): left out, never a row of dashes
        if hidden is None or not any(hidden(row) for row in rows):  # hidden small groups keep their columns
            columns = [c for c in columns if any(cell_value(row, c[0]) is not None for row in rows)]
        self._table_no += 1
        if source:  # the metric list the table shows, for the evidence's "Sumber: Tabel n"
            self.sources.add("table", source, self._table_no)
        cols = [(key, col, self._fmt(kind) if kind else None) for key, col, kind in columns]
        frame = formatted(rows, cols, self.lang, min_n=min_group_size(self.model), hidden=hidden)
        return self._sourced(html_table(frame, caption=t(caption_key, self.lang, n=self._table_no),
                                        anchor=anchor("table", self._table_no)), TABLE_KINDS.get(caption_key))

    def _sourced(self, html: Html, kind: str | None) -> Html:
        """``html`` with the "Sumber:" line of the data ``kind`` under each table and figure."""
        s = self.model.study
        comparison = self.model.findings.comparison
        previous = comparison.previous_year if comparison is not None else s.previous_year
        return with_source(html, source_line(kind or "analysis", self.lang, year=s.year, previous=previous or ""))

    def _suppressed_note(self, rows: Sequence[Any]) -> list[Html]:
        """The note under a table with a suppressed group (its stored ``suppressed``)."""
        if any(row.suppressed for row in rows):
            return [p(t("report.suppressed_note", self.lang, min_n=min_group_size(self.model)))]
        return []

    def _shown(self) -> tuple[str, ...]:
        """The sections of :data:`SECTIONS` this report shows: an optional part without content takes no number."""
        m, s = self.model, self.model.study
        reaction = m.reaction if m.reaction.available else None
        present = {
            "sample": (s.sample is not None and s.sample.required is not None)
            or any(r.rate is not None for r in s.response_rates),
            "quality": s.data_quality is not None and s.data_quality.n_checks is not None,
            "programs": m.program_table is not None and bool(m.program_table.rows),
            "ikm": reaction is not None and reaction.ikm_report is not None,
            "facilitators": reaction is not None and reaction.facilitator_report is not None
            and bool(reaction.facilitator_report.rows),
            "economics": m.cost.available,
            "suggestions": m.suggestions is not None and bool(m.suggestions.themes),
            "triangulation": bool(triangulated.shown_topics(m)),
            "followup": m.findings.followup is not None,
        }
        return tuple(name for name in SECTIONS if present.get(name, True))

    def _heading(self, name: str, **params: object) -> Html:
        level, _key, anchor = SECTIONS[name]  # "BAB IV Hasil dan Pembahasan", "4.2 Level 2 — Pembelajaran"
        return heading(level, section_title(name, self.lang, self.numbers, **params), anchor=anchor)

    # -- front matter (content/front.py) -------------------------------------
    def cover(self) -> Html:
        """The cover page: logo, agency, title, year, region and date (``report.front_matter``)."""
        return front.cover(self.model, self.lang)

    def front_matter(self) -> Html:
        """Lembar pengesahan, kata pengantar, tim penyusun, then the place of the contents lists."""
        return join([front.approval(self.model, self.lang), front.foreword(self.model, self.lang),
                     front.team(self.model, self.lang), Html(LISTS_SLOT)])

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
        """Heading plus the section's text (and its tables) for ``name`` in :data:`CELLS`."""
        body = getattr(self, f"_s_{name}")()
        return join([self._heading(name), italicize(body, self.lang)])  # foreign terms slanted (EYD V)

    def _s_summary(self) -> Html:
        text = nar.summary(self.model, self.lang)
        effects = self.model.results.effects if self.model.results.available else None
        if effects:  # Level 4 summarised from the verdicts read in each outcome's direction, per scope
            pooled_line = nar.summary_results(self.model, self.lang)
            text = [outcome_tables.summary_line(effects, self.lang) if x == pooled_line else x for x in text]
        return _paras(text)

    def _s_intro(self) -> Html:
        intro = nar.introduction(self.model, self.lang)
        background, purpose, scope = intro["paragraphs"]
        return join([self._heading("background"), p(background), self._heading("purpose"), p(purpose),
                     self._heading("legal"), p(intro["legal_intro"]), ul(intro["legal"]),
                     self._heading("scope"), p(scope)])

    def _s_overview(self) -> Html:
        rows = self.model.study.programs or []
        return join([_paras(nar.overview(self.model, self.lang)), self._table(rows, [
            ("program_id", "program_id", None), ("name", "name", None), ("field", "field", None),
            ("jp", "jp", "int"), ("capacity", "capacity", "int"), ("applicants", "applicants", "int"),
            ("participants", "participants", "int"), ("cost", "cost", "rupiah")], "report.overview.table_caption",
            "study.programs")])

    def _s_method(self) -> Html:
        me = nar.method(self.model, self.lang)
        parts = [self._heading("model"), _paras(me["model"])]
        if me["sample"] or me["rates"]:
            parts += [self._heading("sample"), _paras(me["sample"])]
        if me["rates"]:
            parts += [p(me["rates_intro"]), ul(me["rates"])]
        privacy, *quality = me["after"]
        parts += [self._heading("statistics"), p(me["stats_intro"]), ul(me["definitions"]),
                  self._heading("privacy"), p(privacy)]
        if quality:
            parts += [self._heading("quality"), _paras(quality)]
        return join(parts)

    def _s_findings(self) -> Html:
        rows = self.model.study.profile
        if not rows:
            return Html("")
        return join([p(t("report.profile.intro", self.lang)), self._table(rows, [
            ("label", "characteristic", None),
            (lambda r: category_labels.profile_value(r, self.lang), "value", None), ("n", "n", "int"),  # PPPK named
            ("share", "share", "pct1")], "report.profile.caption", "study.profile", hidden=lambda r: r.suppressed),
            *self._suppressed_note(rows)])

    def _s_reaction(self) -> Html:
        lang = self.lang
        parts = [_paras(nar.reaction(self.model, lang))]
        r = available(self.model, "reaction")
        if r is not None:
            parts.append(self._table(r.dimensions, [
                ("label", "dimension", None), ("n", "n", "int"), ("mean", "mean", "num2"), ("sd", "sd", "num2"),
                ("favourable", "favourable", "pct1"), (lambda d: label("likert", d.category, lang), "category", None)],
                "report.reaction.table_caption", "reaction.dimensions"))
            # with the regulation's layout (ikm_tables) the NRR table would only repeat it
            ikm = None if self._reaction_part("ikm_report") else r.ikm
            parts.append(self._table(ikm.elements if ikm is not None else [], [
                (lambda e: label("ikm_element", e.element, lang), "element", None), ("n", "n", "int"),
                ("nrr", "nrr", "num2")], "report.reaction.ikm_caption", "reaction.ikm.elements"))
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
            "learning.by_program", hidden=lambda r: r.suppressed))
        return join(parts + self._suppressed_note(rows))

    def _s_behavior(self) -> Html:
        return _paras(nar.behavior(self.model, self.lang))

    def _s_results(self) -> Html:
        text = nar.results(self.model, self.lang)
        effects = self.model.results.effects if self.model.results.available else None
        if not effects:
            return _paras(text)
        # pooled and per programme, Holm within each scope, read in each outcome's direction: these sentences
        # replace the per-outcome lines of the pooled effect (the introduction and the caveats stay)
        n_rows = sum(1 for row in self.model.results.did if row.estimate is not None)
        rows, columns = outcome_tables.table_rows(effects, self.lang)
        return join([_paras(text[:1] + outcome_tables.sentences(effects, self.lang) + text[1 + n_rows:]),
                     self._table(rows, columns, "report.effects.table_caption")])

    def _s_cost(self) -> Html:
        c = available(self.model, "cost")
        return join([_paras(nar.cost(self.model, self.lang)), self._table(c.by_program if c is not None else [], [
            ("name", "name", None), ("participants", "participants", "int"), ("cost", "cost", "rupiah"),
            ("cost_per_participant", "cost_per_participant", "rupiah")], "report.cost.table_caption",
            "cost.by_program")])

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
        yoy = self.model.findings.year_on_year
        if yoy is None:  # no previous basis worded by the intervals: the status or the bare values
            return _paras(nar.comparison(self.model, self.lang))
        rows, columns = comparison_tables.table_rows(yoy, self.lang)
        return join([_paras(comparison_tables.sentences(yoy, self.lang)),
                     self._table(rows, columns, "report.compare.table_caption")])

    def _s_challenges(self) -> Html:
        items = self.model.findings.challenges
        if not items:
            return p(t("report.challenges.none", self.lang))
        named = [programs.challenge_programs(ch, self.model, self.lang) for ch in items]
        return join([p(t("report.challenges.intro", self.lang)),
                     tag("ol", join(tag("li", join([findings.challenge_text(c, self.lang),
                                                     Html(" ") if extra else Html(""), extra, Html("<br>"),
                                                     self._basis(c)], sep=""))
                                    for c, extra in zip(items, named, strict=True)))])

    # -- programmes, triangulation, suggestions (content/program_table.py, content/triangulation.py) --
    def program_summary(self) -> Html:
        """The executive summary's paragraph on which programmes meet the thresholds (empty without programmes)."""
        return programs.summary_paragraph(self.model, self.lang)

    def program_table(self) -> Html:
        """The programme decision table at the top of the findings (empty without programmes)."""
        if self.model.program_table is None or not self.model.program_table.rows:
            return Html("")
        self._table_no += 1
        self.sources.add("table", "program_table", self._table_no)
        return self._sourced(join([self._heading("programs"),
                                   programs.decision_table(self.model, self.lang, self._table_no)]),
                             METHOD_KINDS["program_table"])

    def triangulation(self) -> Html:
        """The sources, agreement and contradictions of each challenge's topic (empty without any)."""
        body = italicize(triangulated.triangulation_section(self.model, self.lang), self.lang)
        return self._sourced(join([self._heading("triangulation"), body]) if body else body,
                             METHOD_KINDS["triangulation"])

    def suggestions(self) -> Html:
        """The participants' suggestions coded with the theme codebook beside the interviews."""
        if self.model.suggestions is None or not self.model.suggestions.themes:
            return Html("")
        self._table_no += 1
        section = italicize(triangulated.suggestions_section(self.model, self.lang, self._table_no), self.lang)
        return self._sourced(join([self._heading("suggestions"), section]), METHOD_KINDS["suggestions"])

    def _s_recommendations(self) -> Html:
        items = self.model.findings.recommendations
        if not items:
            return join([p(t("report.recommendations.none", self.lang)), self._followup()])
        # the action plan: owner, indicator, target, deadline, last year's status
        rows = recs.recommendation_rows(self.model, self.lang)
        return join([p(t("recs.intro", self.lang)), self._table(rows, [(k, c, None) for k, c in recs.COLUMNS],
                                                                "recs.caption"), self._followup()])

    def _followup(self) -> Html:
        """Last year's recommendations and their status (nothing without a comparable previous report)."""
        if self.model.findings.followup is None:
            return Html("")
        year = self.model.findings.followup_year
        rows = recs.followup_rows(self.model, self.lang)
        table = self._table(rows, [(k, c, None) for k, c in recs.FOLLOWUP_COLUMNS], "recs.followup.caption")
        return join([self._heading("followup", year=year),
                     p(recs.followup_intro(self.model, self.lang)), table])

    def _s_limitations(self) -> Html:
        items = limits.limitation_items(self.model, self.lang)
        if not items:
            return p(t("lim.none", self.lang))
        # one block in print: the list's tail never stands alone on the page before BAB IV
        return tag("div", join([p(t("lim.intro", self.lang)), ul(items)]), class_="report-limitations")

    def _basis(self, item: Any, basis: str | None = None) -> Html:
        """The evidence in words and, linked, the tables and figures showing it (``Sumber: Tabel 6``)."""
        basis = findings.evidence_text(item, self.lang) if basis is None else basis
        cite = sources_html([ev.path for ev in item.evidence], self.sources, self.lang, numbers=self.numbers)
        return tag("small", join([Html(esc(basis)), cite], sep=" ") if cite else basis)

    def _s_closing(self) -> Html:
        return Html("")  # BAB V Penutup: its conclusion and recommendations follow as subsections

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
            (lambda x: category_labels.item_label(x, lang), "item", None),  # reverse-worded items marked
            ("dimension_label", "dimension", None), ("n", "n", "int"), ("mean", "mean", "num2"),
            ("sd", "sd", "num2"), ("favourable", "favourable", "pct1"),
            (lambda x: label("likert", x.category, lang), "category", None)], "report.appendix.items_caption",
            "reaction.items"))
        parts.append(self._table(r.reliability, [
            ("label", "dimension", None), ("n", "n", "int"), ("k", "k", "int"), ("alpha", "alpha", "num2"),
            (lambda x: fmt_ci(x.ci_low, x.ci_high, 2, lang), "ci", None),
            (lambda x: label("alpha", x.band, lang), "category", None)], "report.appendix.reliability_caption",
            "reaction.reliability"))
        return parts

    def _appendix_quality_provenance(self) -> list[Html]:
        lang, m = self.lang, self.model
        year = m.study.year
        parts = [heading(3, t("report.sec.appendix_quality", lang), anchor="lampiran-kualitas")]
        dq = m.study.data_quality.rows if m.study.data_quality is not None else []
        parts.append(self._table(dq, [
            ("file", "file", None), (lambda r: check_text(r, lang, year=year), "check", None),
            ("column", "column", None), ("n", "n", "int"),
            (lambda r: t(f"report.severity.{r.severity}", lang), "severity", None)], "report.appendix.quality_caption",
            "study.data_quality.rows")
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
        return self._sourced(figs.figure_html(fig, alt=alt, caption=t(f"report.fig.{key}.caption", lang,
                                                                       n=self._figure_no),
                                              anchor=anchor("figure", self._figure_no)), FIGURE_KINDS.get(name))

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
        shown = comparison_tables.figure_metrics(m.findings.year_on_year)
        if shown is not None and comp is not None:  # an unchanged value gets no panel
            comp = comp.model_copy(update={"rows": [r for r in comp.rows if r.metric in shown]})
            m = m.model_copy(update={"findings": m.findings.model_copy(update={"comparison": comp})})
        summary = "; ".join(f"{t('report.metric.' + r.metric, lang)} {wording.fmt_value(r.previous, r.fmt, lang)}"
                            f" → {wording.fmt_value(r.current, r.fmt, lang)}" for r in (comp.rows if comp else []))
        return figs.comparison_bars(m, lang), t("report.fig.compare.alt", lang,
                                                 previous=comp.previous_year if comp else "",
                                                 current=m.study.year, summary=summary)

