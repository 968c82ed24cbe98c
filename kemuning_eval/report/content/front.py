"""The front matter of the whole-study report: cover, lembar pengesahan, kata pengantar, tim penyusun.

Everything configured in ``report.front_matter`` of ``studi.yaml`` (or its
defaults, :data:`kemuning_eval.config.FRONT_MATTER_DEFAULTS`) is escaped on
the way into HTML.  The signatories' names and NIP are blank lines to sign
on; a team role without names gets a blank line too.  The daftar isi, daftar
tabel, daftar gambar and daftar singkatan are built from the finished page
(:mod:`kemuning_eval.report.engine.lists`) and go where :data:`~kemuning_eval.report.content.sections.LISTS_SLOT` is.

Examples
--------
>>> from kemuning_eval.report.results.metrics import empty_metrics
>>> from kemuning_eval.report.results.model import Metrics
>>> m = Metrics.model_validate(empty_metrics(2026, report_date="2026-12-15"))
>>> page = cover(m, "id") + approval(m, "id")
>>> 'id="judul"' in page, "Lembar Pengesahan" in page, "Kepala Badan" in page
(True, True, True)
>>> "<script>" in cover(m.model_copy(update={"study": m.study.model_copy(update={"agency": "<script>"})}), "id")
False
"""

from __future__ import annotations

from kemuning_eval.config import FRONT_ROLES
from kemuning_eval.i18n import t
from kemuning_eval.report.content import wording
from kemuning_eval.report.content.htmlsafe import Html, esc, heading, join, p, tag
from kemuning_eval.report.results.front_matter import front_matter
from kemuning_eval.report.results.model import FrontMatter, Metrics

__all__ = ["approval", "cover", "foreword", "report_title", "role_text", "team"]

_BLANK = "…………………………………"


def _fm(m: Metrics) -> FrontMatter:
    return m.front_matter if m.front_matter is not None else front_matter(None)


def role_text(role: str, lang: str) -> str:
    """A role or position: the catalogue's words for a code of ``FRONT_ROLES``, else as configured.

    Examples
    --------
    >>> role_text("member", "en"), role_text("Sekretaris Badan", "en")
    ('Member', 'Sekretaris Badan')
    """
    return t(f"front.role.{role}", lang) if role in FRONT_ROLES else role


def report_title(m: Metrics, lang: str) -> str:
    """The report's title: configured (``front_matter.title``) or the catalogue's for the year.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> m = Metrics.model_validate(empty_metrics(2026, report_date="2026-12-15"))
    >>> report_title(m, "en")
    'Evaluation Report of ASN Training 2026'
    """
    return _fm(m).title or t("report.title", lang, year=m.study.year)


def cover(m: Metrics, lang: str) -> Html:
    """The cover: logo (if configured), agency, title, year, region and report date.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> m = Metrics.model_validate(empty_metrics(2026, report_date="2026-12-15"))
    >>> page = cover(m, "id")
    >>> page.startswith('<section class="report-front report-cover">'), "Tahun 2026" in page
    (True, True)
    """
    s, fm = m.study, _fm(m)
    agency = s.agency or t("front.cover.agency_default", lang)
    parts = []
    if fm.logo:
        parts.append(Html(f'<img class="cover-logo" alt="{esc(t("front.cover.logo_alt", lang, agency=agency))}"'
                          f' src="{esc(fm.logo)}">'))
    parts.append(p(agency.upper(), class_="cover-agency"))
    parts.append(heading(1, report_title(m, lang), anchor="judul"))
    parts.append(p(t("front.cover.year", lang, year=s.year), class_="cover-year"))
    sub = " · ".join(str(x) for x in (s.region, wording.fmt_date(s.report_date, lang)) if x)
    if sub:
        parts.append(p(sub, class_="subtitle"))
    return tag("section", join(parts), class_="report-front report-cover")


def approval(m: Metrics, lang: str) -> Html:
    """The lembar pengesahan: one signature block per position, name and NIP left blank.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> m = Metrics.model_validate(empty_metrics(2026, report_date="2026-12-15"))
    >>> approval(m, "en").count('class="sign-block"')
    2
    """
    fm = _fm(m)
    blocks = [tag("div", join([p(role_text(role, lang), class_="sign-role"),
                               p(t("front.approval.signature", lang), class_="sign-space"),
                               p(f"{t('front.approval.name', lang)}: {_BLANK}"),
                               p(f"{t('front.approval.nip', lang)}: {_BLANK}")]), class_="sign-block")
              for role in fm.signatories]
    date = wording.fmt_date(m.study.report_date, lang)
    parts = [heading(2, t("front.approval.heading", lang), anchor="pengesahan"),
             p(t("front.approval.intro", lang, title=report_title(m, lang)))]
    if date:
        parts.append(p(t("front.approval.date", lang, date=date)))
    return tag("section", join([*parts, *blocks]), class_="report-front report-approval")


def foreword(m: Metrics, lang: str) -> Html:
    """The kata pengantar: the configured paragraphs, or the catalogue's text.

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> m = Metrics.model_validate(empty_metrics(2026, report_date="2026-12-15"))
    >>> 'id="kata-pengantar"' in foreword(m, "id")
    True
    """
    fm, s = _fm(m), m.study
    agency = s.agency or t("front.cover.agency_default", lang)
    texts = fm.foreword or [t(f"front.foreword.{k}", lang, agency=agency, year=s.year) for k in ("p1", "p2")]
    closing = [p(x) for x in (s.region, wording.fmt_date(s.report_date, lang)) if x]
    return tag("section", join([heading(2, t("front.foreword.heading", lang), anchor="kata-pengantar"),
                                *(p(x) for x in texts), *closing,
                                p(t("front.foreword.closing", lang), class_="sign-role")]),
               class_="report-front report-foreword")


def team(m: Metrics, lang: str) -> Html:
    """The tim penyusun: each role with its names (a blank line where none is configured).

    Examples
    --------
    >>> from kemuning_eval.report.results.metrics import empty_metrics
    >>> m = Metrics.model_validate(empty_metrics(2026, report_date="2026-12-15"))
    >>> team(m, "en").count("<dt>")
    4
    """
    rows = [(role_text(r.role, lang), r.names or [_BLANK]) for r in _fm(m).team]
    items = [join([tag("dt", role), *(tag("dd", name) for name in names)], sep="") for role, names in rows]
    return tag("section", join([heading(2, t("front.team.heading", lang), anchor="tim-penyusun"),
                                tag("dl", join(items, sep=""), class_="report-team")]),
               class_="report-front report-team-section")
