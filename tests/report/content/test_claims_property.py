"""Property: every claim of the rendered report agrees with the decision stored in the typed results.

For random results (numbers drawn by hypothesis around every edge where a
decision flips), each decision is made once, the way the results layer makes
it, by :mod:`kemuning_eval.stats.bands` (significance and direction, Cohen,
Hake, the low-alpha flag, George & Mallery, Likert categories, IKM grades) and
:func:`kemuning_eval.report.results.rules.derive_challenges` (the rules), and
stored in a :class:`~kemuning_eval.report.results.model.Metrics`.  The report's
sections are rendered by :class:`~kemuning_eval.report.content.render.Report`
in both languages, and every claim is read back from the page with the
catalogue template it was written from (placeholders become wildcards), so the
test does not repeat the wording code:

* significance and direction words of the learning, behaviour, DiD, summary
  and conclusion sentences ("meningkat signifikan" / "tidak signifikan" ...);
* the Cohen band word of d_z (d = 0.1996 reads "negligible" though shown as
  0,20), the Hake band word of the gain;
* the scales named as below alpha .70 (exactly those with the stored ``low``);
* the IKM grade letter and quality word, the Likert category of every
  dimension in the reaction table;
* a challenge's sentence is shown exactly when its rule fired (and its short
  name in the summary), each recommendation exactly when it was derived.

References of the edges drawn: Cohen (1988) 0.2 / 0.5 / 0.8; Hake (1998)
0.3 / 0.7; George & Mallery (2003) 0.70; PermenPANRB 14/2017 grades at
65.00 / 76.61 / 88.31 and the Likert bands 1.81 / 2.61 / 3.41 / 4.21; the
rule thresholds of ``config.REPORT_RULE_DEFAULTS``.
"""

from __future__ import annotations

import html
import re

from crafted_metrics import complete
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kemuning_eval.config import RECOMMENDATION_DEFAULTS
from kemuning_eval.i18n import catalogue, t
from kemuning_eval.report.content import render
from kemuning_eval.report.content.findings import PER_PROGRAM, challenge_text, worded_fields
from kemuning_eval.report.content.labels import label
from kemuning_eval.report.results.model import Metrics
from kemuning_eval.report.results.rules import derive_challenges, derive_recommendations
from kemuning_eval.stats import bands
from kemuning_eval.stats.ikm import ELEMENTS

ALPHA = 0.05
DIRECTIONS = bands.CODES["direction"]
RECOMMENDATIONS = tuple(RECOMMENDATION_DEFAULTS)
CHALLENGES = ("low_dimension", "outdated_material", "unmet_demand", "weak_transfer", "low_ikm_element", "low_gain",
              "did_not_significant", "low_roi", "low_response")


# -- reading claims back ------------------------------------------------------------
def _pattern(key: str, lang: str, *slots: str) -> re.Pattern:
    """The catalogue text of ``key`` as a regex; the placeholders named in ``slots`` are captured."""
    parts = re.split(r"(\{[a-z_]+\})", catalogue()[key][lang])
    regex = "".join((f"(?P<{p[1:-1]}>.+?)" if p[1:-1] in slots else ".+?") if p.startswith("{") else re.escape(p)
                    for p in parts)
    return re.compile(regex + ("$" if parts[-1] == "" else ""), re.MULTILINE)  # a closing placeholder runs to the end


def _text(page: str) -> str:
    """The visible text of rendered HTML, one paragraph or cell per line (inline marks such as <i> kept in the line)."""
    inline = re.sub(r"</?(?:i|span)\b[^>]*>", "", str(page))
    return html.unescape(re.sub(r"<[^>]+>", "\n", inline))


def _lines(page: str) -> list[str]:
    return [x.strip() for x in _text(page).split("\n") if x.strip()]


def _sig(text: str, lang: str) -> list[str]:
    return [d for d in DIRECTIONS if _pattern(f"report.sig.{d}", lang).search(text)]


def _word(text: str, key: str, slot: str, lang: str) -> str:
    match = _pattern(key, lang, slot).search(text)
    assert match, (key, text)
    return match.group(slot)


# -- random results, decided once by the bands and the rules -------------------------------
def _edges(*values: float) -> st.SearchStrategy[float]:
    return st.sampled_from(values)


_p = st.one_of(st.floats(0.0, 1.0), st.floats(0.045, 0.055), _edges(0.0, 0.0496, 0.05, 0.0504, 1e-9))
_est = st.floats(-20, 20).filter(lambda x: abs(x) > 1e-6)
_d = st.one_of(st.floats(-2.5, 2.5), _edges(0.1996, 0.2, 0.4996, 0.5, 0.7996, 0.8, -0.1996, -0.8))
_gain = st.one_of(st.floats(-0.5, 1.0), _edges(0.2996, 0.3, 0.6996, 0.7))
_cronbach = st.one_of(st.floats(0.3, 0.97), _edges(0.6996, 0.7, 0.7004, 0.8, 0.9))
_converted = st.one_of(st.floats(25.0, 100.0), _edges(64.994, 65.0, 76.605, 76.61, 88.305, 88.31))
_likert = st.one_of(st.floats(1.0, 5.0), _edges(1.805, 2.6049, 3.405, 3.4049, 3.41, 4.205, 4.2049))
_share = st.floats(0.0, 1.0)


@st.composite
def _change(draw) -> dict:
    est, half, p, d = draw(_est), draw(st.floats(1e-3, 25)), draw(_p), draw(_d)
    low, high = est - half, est + half
    direction = bands.significance(est, low, high, p, ALPHA)
    return {"n": 40, "estimate": est, "ci_low": low, "ci_high": high, "p_val": p, "direction": direction,
            "significant": bands.is_significant(est, low, high, p, ALPHA), "dz": d, "gz": d * 0.98,
            "effect_band": bands.effect_band(d)}


@st.composite
def _reaction(draw) -> dict:
    names = ("materi", "fasilitas", "penyelenggaraan")[:draw(st.integers(1, 3))]
    means = [draw(_likert) for _ in names]
    dims = [{"dimension": k, "label": k.capitalize(), "n": 30, "mean": x, "sd": 0.6, "favourable": 0.5,
             "category": c, "shares": {}} for k, x, c in zip(names, means, bands.likert_category(means), strict=True)]
    rel = []
    for k in names:
        a = draw(_cronbach)
        rel.append({"dimension": k, "label": k.capitalize(), "n": 30, "k": 4, "alpha": a, "ci_low": a - 0.1,
                    "ci_high": min(a + 0.05, 1.0), "band": bands.alpha_band(a), "low": bands.is_low_reliability(a)})
    converted = draw(_converted)
    grade, quality = bands.ikm_grade(converted)
    nrr = [draw(st.one_of(st.floats(1.0, 4.0), _edges(3.0644, 3.064, 3.0648))) for _ in ELEMENTS]
    rank = {e: i + 1 for i, e in enumerate(sorted(ELEMENTS, key=lambda e: (nrr[ELEMENTS.index(e)], e)))}
    elements = [{"element": e, "label": e, "n": 30, "nrr": x, "rank": rank[e]} for e, x in zip(ELEMENTS, nrr, strict=True)]
    return {"available": True, "n_responses": 30, "response_rate": 0.8, "dimensions": dims,
            "mean_overall": sum(means) / len(means), "category_overall": bands.likert_category([sum(means) / len(means)])[0],
            "reliability": rel, "ikm": {"n": 30, "index": converted / bands.IKM_CONVERSION, "converted": converted,
                                        "grade": grade, "category": quality, "elements": elements}}


@st.composite
def _results(draw) -> Metrics:
    learning = draw(_change())
    gain = draw(_gain)
    learning.update(pre_mean=55.0, post_mean=55.0 + learning["estimate"], w_stat=120.0, w_p=learning["p_val"],
                    gain_class=gain, gain_band=bands.gain_band(gain), pass_pre=0.4, pass_post=0.6)
    behavior = dict(draw(_change()), baseline_mean=3.0)
    behavior["followup_mean"] = 3.0 + behavior["estimate"]
    did = []
    for outcome, name in (("on_time", "Tepat waktu"), ("budget_ratio", "Serapan anggaran"))[:draw(st.integers(1, 2))]:
        c = draw(_change())
        did.append({k: c[k] for k in ("n", "estimate", "ci_low", "ci_high", "p_val", "direction", "significant")}
                   | {"outcome": outcome, "label": name})
    applying = draw(st.one_of(_share, _edges(0.5996, 0.6, 0.6004)))
    outdated = draw(st.one_of(_share, _edges(0.1996, 0.2, 0.2004)))
    partial = {
        "study": {"alpha": ALPHA, "demand_ratio": draw(st.one_of(st.floats(0.5, 2.0), _edges(1.1996, 1.2, 1.2004))),
                  "applicants_total": 120, "capacity_total": 100,
                  "sample": {"population": 300, "required": 169, "achieved": draw(_edges(150, 168, 169, 200)),
                             "rate": 0.6, "adequate": True}},
        "reaction": draw(_reaction()),
        "learning": {"available": True, "overall": learning},
        "behavior": {"available": True, "change": behavior,
                     "applying": {"n": 30, "count": 18, "share": applying, "ci_low": None, "ci_high": None}},
        "results": {"available": True, "n_clusters": 12, "n_treated_clusters": 6, "n_control_clusters": 6,
                    "inference": "cr1", "did": did},
        "cost": {"available": True, "total_cost": 100_000_000, "n_participants": 40, "cost_per_participant": 2_500_000,
                 "total_benefit": 100_000_000, "bcr": 1.0, "payback_months": 12.0,
                 "roi_pct": draw(st.one_of(st.floats(-80, 80), _edges(-0.04, 0.0, 0.04)))},
        "qualitative": {"available": True, "n_excerpts": 40,
                        "themes": [{"theme": "materi_usang", "label": "Materi usang", "n": round(40 * outdated),
                                    "share": outdated}]},
    }
    m = Metrics.model_validate(complete(partial))
    challenges = derive_challenges(m)  # the rules, decided once in the results layer
    found = m.findings.model_copy(update={"challenges": challenges,
                                          "recommendations": derive_recommendations(challenges)})
    return m.model_copy(update={"findings": found})


# -- the claims --------------------------------------------------------------------
def _check_levels(rep: render.Report, m: Metrics, lang: str) -> None:
    o = m.learning.overall
    learning = _lines(rep.section("learning"))
    assert _sig(learning[1], lang) == [o.direction]
    assert _word(learning[2], "report.effect.sentence", "word", lang) == t(f"report.effect.{o.effect_band}", lang)
    assert _word(learning[3], "report.learning.gain", "band", lang) == t(f"report.learning.band.{o.gain_band}", lang)

    c = m.behavior.change
    behavior = _lines(rep.section("behavior"))
    assert _sig(behavior[1], lang) == [c.direction]
    assert _word(behavior[2], "report.effect.sentence_dz", "word", lang) == t(f"report.effect.{c.effect_band}", lang)

    results = _lines(rep.section("results"))
    for row in m.results.did:
        line = next(x for x in results if x.startswith(row.label + ":"))
        expected = f"report.results.{row.direction}" if row.significant else "report.results.nosig"
        assert _word(line, "report.results.row", "verdict", lang) == t(expected, lang)


def _check_reaction(rep: render.Report, m: Metrics, lang: str) -> None:
    r = m.reaction
    page = rep.section("reaction")
    text = "\n".join(_lines(page))
    low = [x.label for x in r.reliability if x.low]
    match = _pattern("report.reaction.reliability_low", lang, "dims").search(text)
    assert (match.group("dims").split(", ") if match else []) == low
    ikm = _pattern("report.reaction.ikm", lang, "grade", "category").search(text)
    assert (ikm.group("grade"), ikm.group("category")) == (r.ikm.grade, label("ikm", r.ikm.category, lang))
    table = page.split("report-table")[1]  # the dimensions' table: the category is the last cell of each row
    for d in r.dimensions:
        row = re.search(rf"<tr><td>{re.escape(d.label)}</td>(.*?)</tr>", table).group(1)
        assert html.unescape(re.findall(r"<td[^>]*>(.*?)</td>", row)[-1]) == label("likert", d.category, lang)


def _check_findings(rep: render.Report, m: Metrics, lang: str) -> None:
    fired = {c.id for c in m.findings.challenges}
    summary = _text(rep.section("summary"))
    challenges = _text(rep.section("challenges"))
    for ch in m.findings.challenges:
        assert challenge_text(ch, lang) in challenges
    for cid in CHALLENGES:
        key = f"report.econ.challenge.{cid}" if cid in PER_PROGRAM else f"report.challenge.{cid}"
        shown = bool(_pattern(key, lang).search(challenges))
        assert shown == (cid in fired), cid
        assert (t(f"report.challenge_short.{cid}", lang) in summary) == (cid in fired), cid
    recommendations = _text(rep.section("recommendations"))
    made = {rec.id for rec in m.findings.recommendations}
    for rid in RECOMMENDATIONS:  # the table names a recommendation and its action exactly when the rules made it
        short = t(f"report.recommendation_short.{rid}", lang)
        assert (short in recommendations) == (rid in made), rid
        if rid in made:
            assert short in summary, rid
    for rec in m.findings.recommendations:
        action = t(f"recs.action.{rec.id}", lang, **worded_fields(dict(rec.text), lang))
        assert action in recommendations, rec.id

    o, did = m.learning.overall, m.results.did
    assert _sig(summary, lang) == [o.direction]
    assert bool(_pattern("report.results.summary_sig", lang).search(summary)) == any(r.significant for r in did)
    conclusion = _text(rep.section("conclusion"))
    assert (t("report.conclusion.learning_up", lang) in conclusion) == (o.direction == "increase")
    assert (t("report.conclusion.results_sig", lang) in conclusion) == any(r.significant for r in did)
    assert (t("report.conclusion.transfer_ok", lang) in conclusion) == ("weak_transfer" not in fired)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(m=_results(), lang=st.sampled_from(["id", "en"]))
def test_every_rendered_claim_agrees_with_the_stored_decision(m, lang):
    rep = render.Report(m, lang)
    _check_levels(rep, m, lang)
    _check_reaction(rep, m, lang)
    _check_findings(rep, m, lang)


def test_a_mistyped_field_fails_instead_of_printing_a_dash():
    import pytest
    from pydantic import ValidationError

    doc = complete({"cost": {"available": True, "total_cost": 10}})
    doc["cost"]["total_cots"] = doc["cost"].pop("total_cost")
    with pytest.raises(ValidationError, match="total_cots"):
        render.Report(doc, "id")
    m = Metrics.model_validate(complete())
    with pytest.raises(AttributeError):
        m.study.n_particpants  # noqa: B018 - the read itself is the test
