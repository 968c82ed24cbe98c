"""The PDF and DOCX of the bundled-style synthetic 2026 report, built once for the module.

PDF (pypdf, pdftoppm): A4 pages, extractable text, every chapter title, page
numbers and the synthetic notice on every page, the BAB I-V chapters and the front
matter, no page nearly empty except the cover, the lembar pengesahan and short chapters.  DOCX (python-docx): Word headings at the right levels,
every table with its rows, every figure with its caption, no placeholder text.
A forced rebuild gives byte-identical HTML, PDF and DOCX; ``metrics.json`` lists
their hashes and the index page links all three.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess

import pytest

from kemuning_eval.paths import ProjectPaths

pytestmark = [pytest.mark.browser, pytest.mark.slow]

YEAR, REPORT_DATE = 2026, "2026-12-15"
A4_POINTS = (595.28, 841.89)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from kemuning_eval.report.engine.pdf import find_chromium

    if find_chromium() is None:
        pytest.skip("no Chromium found (/usr/bin/chromium); install Debian's chromium package")
    pytest.importorskip("docx")
    from report_study import KEY, build_study

    from kemuning_eval.report.engine.build import build_report

    root = build_study(tmp_path_factory.mktemp("formats"))
    monkey = pytest.MonkeyPatch()
    monkey.setenv("KEMUNING_EVAL_KEY", KEY)
    result = build_report(YEAR, paths=ProjectPaths(root), report_date=REPORT_DATE)
    yield root, result
    monkey.undo()


@pytest.fixture(scope="module")
def page(built):
    return built[1].html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chapters(page):
    """Chapter titles (h2 with an id: the contents list's own title has none)."""
    return [_text(m) for m in re.findall(r'<h2 id="[^"]+">(.*?)</h2>', page, re.DOTALL)]


@pytest.fixture(scope="module")
def pdf_pages(built):
    from pypdf import PdfReader

    reader = PdfReader(built[1].html.with_suffix(".pdf"))
    return reader, [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def test_pdf_is_a4_with_text_chapters_page_numbers_and_notice_on_every_page(pdf_pages, chapters):
    from kemuning_eval.i18n import t

    reader, texts = pdf_pages
    assert len(texts) >= 8
    for p in reader.pages:
        assert (float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(A4_POINTS, abs=1.5)
    assert all(len(text) > 20 for text in texts), "every page has extractable text"
    whole = " ".join(texts)
    assert chapters and all(title in whole for title in chapters), chapters
    notice = t("formats.pdf.synthetic_notice", "id")
    for number, text in enumerate(texts, start=1):
        assert notice in text, f"page {number} lacks the synthetic notice"
        assert t("formats.pdf.page", "id", page=number, pages=len(texts)) in text
    for title in ("BAB I Pendahuluan", "BAB II Gambaran Pelatihan", "BAB III Metode Evaluasi",
                  "BAB IV Hasil dan Pembahasan", "BAB V Penutup", "3.6 Keterbatasan", "4.3 Level 2", "Tantangan",
                  "5.1 Kesimpulan", "5.2 Rekomendasi", "Lembar Pengesahan", "Kata Pengantar", "Tim Penyusun",
                  "Daftar Isi", "Daftar Tabel", "Daftar Gambar", "Daftar Singkatan"):
        assert title in whole, title
    assert whole.index("Ringkasan Eksekutif") < whole.index("BAB I Pendahuluan") < whole.index("BAB V Penutup")
    assert reader.metadata["/CreationDate"] == "D:20261215000000Z"
    fonts = {str(f["/BaseFont"]).split("+")[-1] for p in reader.pages
             for f in (p["/Resources"].get("/Font") or {}).values()
             for f in [f.get_object()]}
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold"}, fonts  # only the bundled fonts


def test_no_pdf_page_is_nearly_empty_except_cover_and_section_starts(built, page, pdf_pages, tmp_path):
    """pdftoppm renders every page; the body (between running header and footer) must carry ink.

    Allowed nearly empty: the cover and the lembar pengesahan (a title and
    signature blocks, nearly empty by design: the cover alone on page 1, the
    approval sheet on page 2), and a page that starts a chapter or section (a
    short one, or the last section before a chapter break).  A page holding a
    stray line of running text is not.
    """
    from kemuning_eval.i18n import t

    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed (Debian poppler-utils)")
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(built[1].html.with_suffix(".pdf")),
                    str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p-*.pgm"))
    _, texts = pdf_pages
    assert "Lembar Pengesahan" not in texts[0] and "Lembar Pengesahan" in texts[1][:150]  # cover alone
    assert len(images) == len(texts)
    sections = [_text(m) for m in re.findall(r"<h[23] id=\"[^\"]+\">(.*?)</h[23]>", page, re.DOTALL)]
    empty = []
    for number, (image, text) in enumerate(zip(images, texts, strict=True), start=1):
        with Image.open(image) as im:
            w, h = im.size
            body = im.crop((0, int(h * 0.09), w, int(h * 0.91)))  # without header and footer
            ink = sum(body.histogram()[:200]) / (body.width * body.height)
        starts_section = any(0 <= text.find(title) < 150 for title in sections)
        by_design = number == 1 or (number == 2 and t("front.approval.heading", "id") in text[:150])
        if ink < 0.01 and not by_design and not starts_section:
            empty.append((number, round(ink, 4), text[:120]))
    assert empty == []


def test_docx_has_word_headings_tables_figures_and_no_placeholders(built, page, chapters):
    import docx

    document = docx.Document(str(built[1].html.with_suffix(".docx")))
    paragraphs = [(p.style.name, " ".join(p.text.split())) for p in document.paragraphs]
    title = _text(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL).group(1))
    assert ("Title", title) in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 1"] == chapters
    for front in ("Lembar Pengesahan", "Kata Pengantar", "Tim Penyusun", "Daftar Tabel", "Daftar Gambar",
                  "Daftar Singkatan", "BAB I Pendahuluan", "BAB V Penutup"):
        assert ("Heading 1", front) in paragraphs, front
    assert ("Heading 2", "5.1 Kesimpulan") in paragraphs
    sections = [_text(m) for m in re.findall(r"<h3[^>]*>(.*?)</h3>", page, re.DOTALL)]
    assert [text for style, text in paragraphs if style == "Heading 2"] == sections
    html_tables = re.findall(r"<table\b.*?</table>", page, re.DOTALL)
    assert len(document.tables) == len(html_tables) > 0
    for table, source in zip(document.tables, html_tables, strict=True):
        assert len(table.rows) == len(re.findall(r"<tr\b", source))
    figures = re.findall(r"<figcaption>(.*?)</figcaption>", page, re.DOTALL)
    assert len(document.inline_shapes) == len(figures) > 0
    captions = [text for style, text in paragraphs if style == "Image Caption"]
    assert captions == [_text(f) for f in figures]
    table_captions = [text for style, text in paragraphs if style == "Table Caption"]
    assert len(table_captions) == len(html_tables)
    body = "\n".join(text for _, text in paragraphs)
    assert not re.search(r"\{[a-z_]+\}|TODO|lorem ipsum|\bnan\b|\bNone\b", body), "placeholder text"


def test_forced_rebuild_is_byte_identical_and_hashes_are_listed(built):
    from kemuning_eval.report.engine.build import build_report

    root, first = built
    files = [first.html, first.html.with_suffix(".pdf"), first.html.with_suffix(".docx")]
    before = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    listed = json.loads(first.metrics.read_text(encoding="utf-8"))["provenance"]["outputs"]
    assert listed == before
    index = (ProjectPaths(root).reports_root / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{YEAR}/{f.name}"' in index for f in files)
    again = build_report(YEAR, paths=ProjectPaths(root), report_date=REPORT_DATE, force=True)
    assert not again.reused
    assert {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files} == before


def test_front_lists_cover_every_table_and_figure_once_and_links_resolve(page):
    from kemuning_eval.report.engine.lists import captions

    tables, figures = captions(page)
    assert tables and figures
    for anchor, kind in (("daftar-tabel", tables), ("daftar-gambar", figures)):
        listed = re.search(rf'<section class="report-list {anchor}">(.*?)</section>', page, re.DOTALL).group(1)
        entries = re.findall(r'<a href="#([^"]+)">(.*?)</a>', listed)
        assert [(a, _text(c)) for a, c in entries] == kind  # each caption once, in order
    # every caption of the page, whatever its markup, is in the lists (not only those the list builder found)
    for tag, anchor in (("caption", "daftar-tabel"), ("figcaption", "daftar-gambar")):
        listed = re.search(rf'<section class="report-list {anchor}">(.*?)</section>', page, re.DOTALL).group(1)
        every = [_text(c) for c in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, re.DOTALL)]
        assert len(every) > 3 and [_text(c) for c in re.findall(r"<a [^>]*>(.*?)</a>", listed, re.DOTALL)] == every
    assert any(c.startswith("Tabel") and "fasilitator" in c for _, c in tables)
    assert any(c.startswith("Tabel") and "saran tertulis" in c for _, c in tables)
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    links = set(re.findall(r'href="#([^"]*)"', page))
    assert links and links <= ids, links - ids
    listed = re.search(r'<section class="report-list daftar-singkatan">(.*?)</section>', page, re.DOTALL).group(1)
    body = html.unescape(re.sub(r"<[^>]+>", " ", page.replace(listed, "")))
    for abbr in re.findall(r"<dt>(.*?)</dt>", listed):
        assert re.search(rf"(?<![\w-]){re.escape(html.unescape(abbr))}(?![\w-])", body), abbr


def test_every_table_and_figure_has_a_source_line(page):
    n_tables, n_figures = page.count("</table>"), page.count("</figure>")
    assert n_tables > 10 and n_figures > 3
    assert len(re.findall(r'</table>\s*<p class="report-source">Sumber: [^<]+</p>', page)) == n_tables
    assert len(re.findall(r'</figure>\s*<p class="report-source">Sumber: [^<]+</p>', page)) == n_figures


def test_a_tables_source_line_names_the_data_it_comes_from(page):
    """The IKM tables come from the reaction survey, ROI and demand from the cost data, not "the team's analysis"."""
    def source_of(caption: str) -> str:
        at = re.search(rf"<caption>Tabel \d+\. {re.escape(caption)}", page).start()  # the table, not its list entry
        return re.search(r'</table>\s*<p class="report-source">([^<]+)</p>', page[at:]).group(1)

    for caption in ("Indeks Kepuasan Masyarakat per unsur pelayanan", "Profil responden survei IKM",
                    "IKM per program pelatihan", "Penilaian per fasilitator"):
        assert source_of(caption) == "Sumber: survei reaksi peserta 2026, diolah", caption
    for caption in ("Manfaat, biaya dan ROI per program", "Pendaftar, kursi dan peserta per program"):
        assert source_of(caption) == "Sumber: data biaya pelatihan 2026, diolah", caption
    assert source_of("Keputusan per program terhadap ambang") == "Sumber: analisis tim penyusun atas data evaluasi 2026"


def test_every_heading_inside_a_chapter_is_numbered_and_in_the_contents(page):
    body = page[page.index('<h2 id="pendahuluan"'):page.index('<h2 id="lampiran"')]
    headings = [(int(level), _text(inner)) for level, inner in re.findall(r"<h([2-4])[^>]*>(.*?)</h\1>", body,
                                                                         re.DOTALL)]
    assert len(headings) > 25 and any(level == 4 for level, _ in headings)
    pattern = {2: r"BAB [IV]+ \S", 3: r"\d\.\d+ \S", 4: r"\d\.\d+\.\d+ \S"}
    assert [h for h in headings if not re.match(pattern[h[0]], h[1])] == []
    titles = [title for _, title in headings]
    for expected in ("1.1 Latar Belakang", "1.3 Dasar Hukum", "3.1 Model dan Instrumen", "3.6 Keterbatasan",
                     "4.1 Keputusan per Program", "4.2.1 Indeks Kepuasan Masyarakat (IKM)"):
        assert expected in titles
    assert any(re.match(r"4\.\d+ Saran Tertulis", x) for x in titles)
    assert any(re.match(r"4\.\d+\.1 Triangulasi", x) for x in titles)
    assert all(re.match(r"5\.2\.1 ", x) for x in titles if "Tindak Lanjut" in x)  # with a previous report
    numbers = [x.split(" ", 1)[0] for x in titles if x[0].isdigit()]
    assert len(numbers) == len(set(numbers))  # computed once: no number twice
    toc = re.search(r'<nav class="report-toc".*?</nav>', page, re.DOTALL).group(0)
    assert [_text(a) for a in re.findall(r"<a [^>]*>(.*?)</a>", toc) if re.match(r"(BAB|\d)", _text(a))] == titles
    appendix = page[page.index('<h2 id="lampiran"'):]
    assert [_text(x) for x in re.findall(r"<h3[^>]*>(.*?)</h3>", appendix)][:3] == [
        "Lampiran A — Rincian per Butir", "Lampiran B — Kualitas Data", "Lampiran C — Asal-usul Data dan Parameter"]
