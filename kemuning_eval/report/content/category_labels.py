"""Category values and item wordings as the report shows them: PPPK grades named, reverse-worded items marked.

The stored values stay codes (``IX``, an item's codebook wording); only their
display changes here.  A PPPK grade is shown as "PPPK golongan IX" so it is
not read as a PNS grade, and a reverse-worded item keeps its wording with
"(skor dibalik)" beside it, since its score is recoded (higher = better).

Examples
--------
>>> from kemuning_eval.report.results.model import Item, ProfileRow
>>> row = ProfileRow(variable="grade", label="Golongan", value="IX", n=21, share=0.035, suppressed=False)
>>> profile_value(row, "id"), profile_value(row.model_copy(update={"value": "III/a"}), "en")
('PPPK golongan IX', 'III/a')
>>> item = Item(variable="mat_4", label="Materi sudah usang", dimension="materi", dimension_label="Materi",
...             n=10, mean=3.4, sd=1.1, favourable=0.5, category="cukup", reverse=True)
>>> item_label(item, "id")
Html('<span class="data">Materi sudah usang</span> (skor dibalik)')
"""

from __future__ import annotations

from kemuning_eval.i18n import t
from kemuning_eval.report.content.htmlsafe import Html, esc, quoted
from kemuning_eval.report.results.model import Item, ProfileRow
from kemuning_eval.stats.sampling import is_pppk_grade


def profile_value(row: ProfileRow, lang: str) -> str:
    """The shown value of one profile row (a PPPK grade named as such).

    Examples
    --------
    >>> from kemuning_eval.report.results.model import ProfileRow
    >>> profile_value(ProfileRow(variable="grade", label="Grade", value="V", n=5, share=0.1,
    ...                          suppressed=False), "en")
    'PPPK grade V'
    """
    if row.variable == "grade" and is_pppk_grade(row.value):
        return t("report.profile.pppk_grade", lang, grade=row.value)
    return row.value


def item_label(item: Item, lang: str) -> Html:
    """An item's wording (quoted data), marked "(skor dibalik)" / "(reverse-scored)" when its score is recoded.

    Examples
    --------
    See the module's example.
    """
    text = quoted(item.label or item.variable)
    return Html(f"{text} {esc(t('report.item.reverse_scored', lang))}") if item.reverse else text
