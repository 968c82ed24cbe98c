"""The bundled 2026 report as a reader sees it: no placeholder, no machine key, evidence cited with links.

Renders the bundled study (``data/raw/2026``, ingested into a temporary project) as the report
notebooks do, the whole-study report in Indonesian and English and one programme's report,
and checks the visible text (not attributes or scripts): no ``{...}``, no dotted metric key
(``qualitative.themes.0.share``, ``reaction.ikm``), the legal basis without "unverified"
notes, every "Sumber" link pointing at a table or figure of the page, the data-quality
sentence counting the rows of its table, natural category order, labelled PPPK grades,
reverse-scored items marked, and no payback beside a programme that does not pay back.
"""

from __future__ import annotations

import re

import pytest
from report_rendered import bundled_project, own_text, render_notebook, visible_text

from kemuning_eval.numfmt import count_pattern, parse_count
from kemuning_eval.report.content.citations import Sources, cited, sources_html
from kemuning_eval.report.content.quality_rows import check_text, quality_counts
from kemuning_eval.report.results.model import DataQuality, DataQualityRow
from kemuning_eval.stats.sampling import category_order_key as natural_key

pytestmark = pytest.mark.slow

#: a placeholder of a catalogue text left unfilled
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
#: a dotted machine key (metric path, catalogue key); file names (studi.yaml, duplikat-2026.csv) are not keys
MACHINE_KEY = re.compile(r"(?<![\w./-])[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+(?![\w/-])")
FILE_NAME = re.compile(r"\.(csv|yaml|yml|json|xlsx|sav|parquet|html)$")
PROGRAM = "KP"  # Kepemimpinan Pengawas: BCR below 1 in the bundled study


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return bundled_project(tmp_path_factory.mktemp("bundled"))


@pytest.fixture(scope="module")
def pages(project):
    return {
        ("study", "id"): render_notebook(project, "laporan_evaluasi.ipynb", "id"),
        ("study", "en"): render_notebook(project, "laporan_evaluasi.ipynb", "en"),
        ("program", "id"): render_notebook(project, "laporan_program.ipynb", "id", PROGRAM),
        ("program", "en"): render_notebook(project, "laporan_program.ipynb", "en", PROGRAM),
    }


def machine_keys(text: str) -> list[str]:
    """Dotted lowercase keys in ``text`` that are not file names."""
    return [k for k in MACHINE_KEY.findall(text) if not FILE_NAME.search(k)]


def test_the_checks_catch_what_they_look_for():
    text = 'Dasar: qualitative.themes.0.share = 32,5%; aturan {rule} (lihat duplikat-2026.csv); studi.yaml; 1.293'
    assert machine_keys(text) == ["qualitative.themes.0.share"]
    assert PLACEHOLDER.findall(text) == ["{rule}"]
    assert visible_text('<p title="a.b.c">x</p><script>reaction.ikm</script>') == "x"


@pytest.mark.parametrize("key", [("study", "id"), ("study", "en"), ("program", "id"), ("program", "en")])
def test_no_placeholder_and_no_machine_key_in_the_text(pages, key):
    text = visible_text(pages[key])
    assert len(text) > 2000
    assert PLACEHOLDER.findall(text) == []
    assert machine_keys(text) == []


@pytest.mark.parametrize("key", [("study", "id"), ("study", "en"), ("program", "id")])
def test_legal_basis_printed_as_configured_without_notes(pages, key):
    text = visible_text(pages[key])
    for note in ("belum diverifikasi", "unverified", "studi.yaml (report", "dapat diubah di studi.yaml",
                 "can be changed in studi.yaml"):
        assert note not in text
    assert "14 Tahun 2017" in text or "No. 14 of 2017" in text


@pytest.mark.parametrize("key", [("study", "id"), ("study", "en"), ("program", "id")])
def test_every_source_link_points_at_a_table_or_figure_of_the_page(pages, key):
    page = pages[key]
    links = re.findall(r'<a href="#((?:tabel|gambar)-\d+)">((?:Tabel|Table|Gambar|Figure) \d+)</a>', page)
    assert links, "the challenges cite where their evidence is shown"
    ids = set(re.findall(r'<(?:table|figure) class="report-(?:table|figure)" id="([^"]+)"', page))
    for target, text in links:
        assert target in ids
        assert target.split("-")[1] == text.split()[1]  # "Tabel 4" links to #tabel-4
    sumber = "Sumber:" if key[1] == "id" else "Source:"
    sources = page.count('<p class="report-source">')  # the data source under each table and figure
    assert visible_text(page).count(sumber) - sources == page.count("<small>")  # every challenge and recommendation


def test_the_outdated_material_challenge_cites_the_themes_figure(pages):
    page = pages[("study", "id")]
    figure = re.search(r'<figure class="report-figure" id="(gambar-\d+)">.*?<figcaption>([^<]*)</figcaption>',
                       page[page.index("Faktor Pendukung"):]).groups()
    assert "Frekuensi tema" in figure[1]
    assert f'<a href="#{figure[0]}">' in page[page.index('id="tantangan"'):]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_quality_sentence_counts_the_rows_of_its_table(pages, lang):
    page = pages[("study", lang)]
    word = "temuan" if lang == "id" else "findings"
    n = parse_count(re.search(rf"({count_pattern(lang)}) {word} \(", visible_text(page)).group(1), lang)
    caption = "Temuan pemeriksaan kualitas data" if lang == "id" else "Data-quality findings"
    table = page[page.index(caption):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") - 1 == n  # one header row
    assert "duplikat-2026.csv" in table and ("simpan isian lengkap yang terakhir" in table
                                               or "keep the latest complete submission" in table)


def test_profile_in_natural_order_with_pppk_grades_named(pages):
    text = visible_text(pages[("study", "id")])
    profile = text[text.index("Profil peserta"):text.index("Level 1")]
    ages = ["<30", "30-39", "40-49", "50+"]
    assert [profile.index(f"\n{a}\n") for a in ages] == sorted(profile.index(f"\n{a}\n") for a in ages)
    assert "PPPK golongan IX" in profile and profile.index("IV/b") < profile.index("PPPK golongan VII")
    assert profile.index("PPPK golongan VII") < profile.index("PPPK golongan IX") < profile.index("PPPK golongan X")


@pytest.mark.parametrize(("lang", "mark"), [("id", "(skor dibalik)"), ("en", "(reverse-scored)")])
def test_reverse_worded_item_marked(pages, lang, mark):
    text = re.sub(r"\s+", " ", visible_text(pages[("study", lang)]))  # the quoted item and its mark are two parts
    assert f"Materi pelatihan sudah ketinggalan zaman / tidak mutakhir {mark}" in text
    assert text.count(mark) == 1  # the bundled codebook has one reverse item


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_payback_for_a_programme_that_does_not_pay_back(pages, lang):
    text = visible_text(pages[("program", lang)])
    assert ("(BCR) 0,80" in text) if lang == "id" else ("(BCR) 0.80" in text)
    assert "biaya kembali dalam" not in text and "paid back in" not in text
    assert ("tidak ada periode pengembalian" in text) if lang == "id" else ("no payback period" in text)


@pytest.mark.parametrize("key", [("study", "id"), ("study", "en")])
def test_satisfaction_wording_not_used_for_other_dimensions(pages, key):
    text = visible_text(pages[key])
    assert "rerata kepuasan" not in text and "mean satisfaction" not in text


def _tables(page: str) -> list[tuple[str, list[list[str]]]]:
    """(caption, rows of cell texts) of every table of a page, the header row first."""
    out = []
    for table in re.findall(r"<table[^>]*>.*?</table>", page, re.S):
        caption = re.search(r"<caption>(.*?)</caption>", table, re.S)
        rows = [[visible_text(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]
        out.append((visible_text(caption.group(1)) if caption else "", rows))
    return out


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_table_has_as_many_cells_per_row_as_headers(pages, lang):
    tables = _tables(pages[("study", lang)])
    assert len(tables) >= 15
    for caption, rows in tables:
        assert rows and all(len(row) == len(rows[0]) for row in rows), caption
    items = next(rows for caption, rows in tables if "reaksi" in caption.lower() or "reaction" in caption.lower()
                 if rows[0][0] in ("Butir", "Item"))
    assert {"n", "Rerata" if lang == "id" else "Mean"} <= set(items[0])


def test_decision_table_bcr_per_programme_and_each_programmes_own_level4_effect(pages):
    tables = _tables(pages[("study", "id")])
    rows = next(rows for caption, rows in tables if caption.startswith("Tabel") and "Keputusan per program" in caption)
    header, body = rows[0], rows[1:]
    bcr, effect = header.index("BCR"), header.index("Efek Level 4 (IK 95%)")
    assert [r[0].split(" – ")[0] for r in body] == ["KP", "LD", "PKD", "PM", "PP"]
    assert all(re.match(r"\d,\d\d", r[bcr]) for r in body)  # a BCR for every programme
    pm = next(r for r in body if r[0].startswith("PM"))
    assert re.match(r"-?\d", pm[effect])  # the programme's own Level 4 effect, not the pooled one


def test_the_study_report_has_limitations_rtl_matrix_and_facilitator_table(pages):
    text = visible_text(pages[("study", "id")])
    captions = [caption for caption, _ in _tables(pages[("study", "id")])]
    assert "Keterbatasan" in text
    assert any("rencana tindak lanjut (RTL)" in c for c in captions)
    assert any("per fasilitator" in c for c in captions)


# -- the helpers, on crafted values --------------------------------------------------------------

def test_sources_cite_tables_and_figures_shown_else_the_section():
    src = Sources()
    src.add("table", "reaction.ikm.elements", 4)
    src.add("figure", "qualitative.themes", 6)
    assert cited(["reaction.ikm.elements.0.nrr"], src) == [("table", 4)]
    assert cited(["qualitative.themes.2.share", "qualitative.n_excerpts"], src) == [("figure", 6)]
    assert cited(["cost.roi_pct"], src) == [("section", "cost")]
    html = sources_html(["cost.roi_pct"], src, "id")
    assert html.startswith("Sumber: <a href=\"#biaya-roi\">bagian Biaya")


def test_quality_rows_named_with_their_values_and_counted():
    rows = [DataQualityRow(file="s.csv", check="invalid_nip", column="NIP", n=2, severity="warning",
                           detail="birth_date; format"),
            DataQualityRow(file="s.csv", check="duplicate_submission", column="k", n=3, severity="warning",
                           detail="keep_first"),
            DataQualityRow(file="s.csv", check="invalid_nip", column="NIP", n=1, severity="error")]
    assert check_text(rows[0], "id", year=2026) == "NIP tidak valid (tanggal lahir tidak sah; bukan 18 digit)"
    assert check_text(rows[1], "en", year=2025) == \
        'repeated submissions dropped by the rule "keep the first submission" (see duplikat-2025.csv)'
    assert check_text(rows[2], "id", year=2026) == "NIP tidak valid"  # no values known: named without them
    counts = quality_counts(DataQuality(n_checks=44, n_errors=1, n_warnings=2, n_info=41, rows=rows))
    assert counts == {"n": 3, "error": 1, "warning": 2, "info": 0}


def test_natural_order_of_categories():
    assert sorted(["IX", "II/a", "V", "IV/e", "XVII", "III/b"], key=natural_key) == \
        ["II/a", "III/b", "IV/e", "V", "IX", "XVII"]
    assert sorted(["50+", "<30", "30-39"], key=natural_key) == ["<30", "30-39", "50+"]


# -- the language of the text: no word of the other language outside quoted data ----------------------
#: common function words of each language that are no word of the other (so "per", "di", "be" are left out)
FUNCTION_WORDS = {
    "id": ("yang", "dan", "dengan", "untuk", "pada", "tidak", "dari", "ini", "itu", "atau", "adalah", "dalam",
           "belum", "sudah", "oleh", "akan", "juga", "karena", "tetapi", "bahwa", "telah", "sebagai", "terhadap",
           "setelah", "sebelum", "sehingga", "menjadi", "antara", "serta", "bila", "masih"),
    "en": ("the", "and", "of", "with", "for", "is", "not", "from", "this", "or", "which", "were", "was", "are",
           "that", "by", "has", "have", "been", "after", "before", "between", "than", "their", "its", "there"),
}
WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")


def foreign_words(text: str, lang: str) -> list[tuple[str, str]]:
    """``(word, line)`` for each function word of the language other than ``lang`` in ``text``."""
    other = set(FUNCTION_WORDS["en" if lang == "id" else "id"])
    return [(w, line) for line in text.splitlines() for w in WORD.findall(line.lower()) if w in other]


def test_the_language_check_catches_the_other_language_but_not_quoted_data():
    page = ('<p>Facilitator ratings were highest for Penggunaan metode dan alat bantu.</p>'
            '<p>survey item <span class="data">Materi sudah usang dan tidak mutakhir</span>: 3.38</p>'
            '<blockquote><p>Pelatihan ini bermanfaat.</p></blockquote><p>a1b2be3c</p>')
    assert foreign_words(own_text(page), "en") == [("dan", "Facilitator ratings were highest for Penggunaan "
                                                           "metode dan alat bantu.")]
    assert foreign_words("Evaluasi ini mencakup the training", "id") == [("the", "Evaluasi ini mencakup the training")]
    assert "Materi sudah usang" in visible_text(page) and "Materi sudah usang" not in own_text(page)


@pytest.mark.parametrize("key", [("study", "id"), ("study", "en"), ("program", "id"), ("program", "en")])
def test_no_word_of_the_other_language_outside_quoted_data(pages, key):
    text = own_text(pages[key])
    assert len(text) > 2000
    assert foreign_words(text, key[1]) == []
