"""The data-quality findings as the report shows them: each check named with its real values, counted as listed.

A check's catalogue text may need values of the run (the duplicates rule of
``studi.yaml``, the reasons a NIP failed); ingestion stores them as codes in
the finding's ``detail`` and they are worded here (``report.quality.*``).
A check whose values are not known is named without them, never with a
``{placeholder}``.  The method section counts the findings the appendix table
lists (:func:`quality_counts`), so the sentence and the table agree.

Examples
--------
>>> from kemuning_eval.report.results.model import DataQualityRow
>>> row = DataQualityRow(file="survei.csv", check="duplicate_submission", column="nip", n=3,
...                      severity="warning", detail="keep_latest_complete")
>>> check_text(row, "id", year=2026)
'isian ganda dibuang menurut aturan "simpan isian lengkap yang terakhir" (lihat duplikat-2026.csv)'
>>> check_text(row.model_copy(update={"check": "invalid_nip", "detail": "format; gender"}), "en", year=2026)
'invalid NIP (not 18 digits; gender digit not 1 or 2)'
"""

from __future__ import annotations

import re

from kemuning_eval.i18n import catalogue, t
from kemuning_eval.report.results.model import DataQuality, DataQualityRow

#: check -> (the value its text names, the catalogue prefix that words each code of ``detail``)
FILLED_CHECKS: dict[str, tuple[str, str]] = {
    "duplicate_submission": ("rule", "report.quality.rule."),
    "invalid_nip": ("reason", "report.quality.nip_reason."),
}


def _code_text(code: str, prefix: str, lang: str) -> str:
    key = prefix + code
    return t(key, lang) if key in catalogue() else code


def check_label(check: str, lang: str, *, year: int) -> str:
    """Name of a data-quality check without values: never a ``{placeholder}`` of a per-problem message.

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


def check_text(row: DataQualityRow, lang: str, *, year: int) -> str:
    """The check of one finding with its values (:data:`FILLED_CHECKS`), else :func:`check_label`.

    Parameters
    ----------
    row : DataQualityRow
        One finding; ``detail`` holds the codes of its values (``;``-joined).
    lang, year
        As for :func:`check_label`.

    Returns
    -------
    str

    Examples
    --------
    >>> row = DataQualityRow(file="tes.csv", check="invalid_nip", column="NIP", n=2, severity="warning")
    >>> check_text(row, "id", year=2026)
    'NIP tidak valid'
    """
    filled = FILLED_CHECKS.get(row.check)
    if filled is None or not row.detail:
        return check_label(row.check, lang, year=year)
    name, prefix = filled
    codes = [c.strip() for c in row.detail.split(";") if c.strip()]
    value = "; ".join(_code_text(c, prefix, lang) for c in codes)
    return t(f"report.quality.{row.check}", lang, **{name: value}, year=year)


def quality_counts(quality: DataQuality) -> dict[str, int]:
    """The findings the appendix table lists, counted: all, and by severity.

    Examples
    --------
    >>> rows = [DataQualityRow(file="a.csv", check="x", column=None, n=1, severity=s)
    ...         for s in ("error", "warning", "warning", "info")]
    >>> quality_counts(DataQuality(n_checks=9, n_errors=1, n_warnings=2, n_info=6, rows=rows))
    {'n': 4, 'error': 1, 'warning': 2, 'info': 1}
    """
    out = {"n": len(quality.rows), "error": 0, "warning": 0, "info": 0}
    for row in quality.rows:
        out[row.severity] += 1
    return out


def quality_sentence(quality: DataQuality, lang: str) -> str:
    """The method section's sentence on the data-quality findings, counted from the rows listed.

    Examples
    --------
    >>> rows = [DataQualityRow(file="a.csv", check="x", column=None, n=1, severity=s) for s in ("error", "info")]
    >>> quality_sentence(DataQuality(n_checks=9, n_errors=1, n_warnings=0, n_info=8, rows=rows), "en")
    'Data-quality checks recorded two findings (errors: 1, warnings: 0, for information: 1); details are in Appendix B.'
    """
    from kemuning_eval.numfmt import fmt_count, fmt_int

    c = quality_counts(quality)  # the total is a count of the text; its breakdown keeps digits (EYD: perincian)
    return t("report.quality.summary", lang, n=fmt_count(c["n"], lang), n_errors=fmt_int(c["error"], lang),
             n_warnings=fmt_int(c["warning"], lang), n_info=fmt_int(c["info"], lang))
