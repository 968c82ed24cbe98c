"""Front matter and structure of the whole-study report (issue 13): config, cover, lists, BAB numbering, Sumber."""

from __future__ import annotations

import base64
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from kemuning_eval.config import FRONT_MATTER_DEFAULTS, load_study
from kemuning_eval.errors import ConfigError
from kemuning_eval.report.content import render
from kemuning_eval.report.content.sections import SECTIONS, UNNUMBERED, section_numbers
from kemuning_eval.report.engine.lists import abbreviations, add_lists, captions, move_toc
from kemuning_eval.report.engine.toc import add_toc
from kemuning_eval.report.results.front_matter import front_matter
from kemuning_eval.report.results.metrics import empty_metrics
from kemuning_eval.report.results.model import Metrics

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _study(tmp_path: Path, report: str) -> Path:
    (tmp_path / "tes.csv").write_text("NIP;Nilai\n1;2\n", encoding="utf-8")
    path = tmp_path / "studi.yaml"
    path.write_text("study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n" + report, encoding="utf-8")
    return path


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def test_example_states_the_front_matter_defaults():
    text = (resources.files("kemuning_eval") / "data" / "studi.example.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "# front_matter:")
    block = [lines[start]] + [line for line in lines[start + 1:] if line.startswith("  #    ")][:20]
    assert all(lines[start + i] == line for i, line in enumerate(block)), "one contiguous block"
    data = yaml.safe_load("\n".join(line.replace("  # ", "", 1) for line in block))
    assert data["front_matter"] == _plain(FRONT_MATTER_DEFAULTS)


def test_front_matter_is_validated_with_clear_errors_in_both_languages(tmp_path, monkeypatch):
    for lang, words in (("id", "harus teks"), ("en", "must be text")):
        monkeypatch.setenv("KEMUNING_EVAL_LANG", lang)
        with pytest.raises(ConfigError) as err:
            load_study(_study(tmp_path, "report: {front_matter: {title: 12}}\n"))
        assert "report.front_matter.title" in str(err.value) and words in str(err.value)
        with pytest.raises(ConfigError) as err:
            load_study(_study(tmp_path, "report: {front_matter: {team: {ketua: Ana}}}\n"))
        assert "report.front_matter.team" in str(err.value)
        with pytest.raises(ConfigError, match="report.front_matter.sigantories"):
            load_study(_study(tmp_path, "report: {front_matter: {sigantories: [x]}}\n"))
    monkeypatch.setenv("KEMUNING_EVAL_LANG", "en")
    (tmp_path / "logo.png").write_bytes(b"GIF89a not a png")
    with pytest.raises(ConfigError) as err:
        load_study(_study(tmp_path, "report: {front_matter: {logo: logo.png}}\n"))
    assert "report.front_matter.logo" in str(err.value) and "PNG, JPEG or SVG" in str(err.value)
    with pytest.raises(ConfigError, match="not found"):
        load_study(_study(tmp_path, "report: {front_matter: {logo: tidak-ada.png}}\n"))


def test_configured_front_matter_reaches_the_page_escaped(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG)
    cfg = load_study(_study(tmp_path, (
        "report:\n  front_matter:\n    title: 'Laporan <script>alert(1)</script>'\n    logo: logo.png\n"
        "    foreword: ['Paragraf <b>satu</b>.']\n    signatories: [head_of_agency, 'Sekretaris <i>Badan</i>']\n"
        "    team: [{role: responsible, names: ['Nama <Ketua>']}, {role: Editor}]\n")))
    fm = front_matter(cfg.report["front_matter"])
    assert fm.logo.startswith("data:image/png;base64,") and fm.team[1].names == []
    m = Metrics.model_validate({**empty_metrics(2026, report_date="2026-12-15"),
                                "front_matter": fm.model_dump()})
    m = m.model_copy(update={"study": m.study.model_copy(update={"agency": "Badan <x>"})})
    rep = render.Report(m, "id")
    page = rep.cover() + rep.front_matter()
    assert "<script" not in page and "&lt;script&gt;" in page and "&lt;b&gt;satu" in page
    assert "Sekretaris &lt;i&gt;Badan" in page and "Nama &lt;Ketua&gt;" in page and "BADAN &lt;X&gt;" in page
    assert 'src="data:image/png;base64,' in page and "Kepala Badan" in page
    assert page.count("NIP: ") == 2  # one blank NIP line per signatory, no name filled in


@pytest.mark.parametrize("lang", ["id", "en"])
def test_default_front_matter_has_every_part(lang):
    rep = render.Report(empty_metrics(2026, report_date="2026-12-15"), lang)
    page = rep.banner() + rep.cover() + rep.front_matter()
    for anchor in ("judul", "pengesahan", "kata-pengantar", "tim-penyusun"):
        assert f'id="{anchor}"' in page
    assert 'class="report-lists"' in page
    heading = {"id": "Lembar Pengesahan", "en": "Approval Sheet"}[lang]
    assert heading in page and ("Tanda tangan" if lang == "id" else "Signature") in page


def test_chapters_are_numbered_from_the_sections_table():
    numbers = section_numbers()
    chapters = [numbers[n] for n, (level, _, _) in SECTIONS.items() if level == 2 and n not in UNNUMBERED]
    assert chapters == ["I", "II", "III", "IV", "V"]
    assert numbers["limitations"] == "3.6" and numbers["challenges"].startswith("4.")
    assert (numbers["conclusion"], numbers["recommendations"]) == ("5.1", "5.2")
    for lang, word in (("id", "BAB"), ("en", "Chapter")):
        rep = render.Report(empty_metrics(2026), lang)
        # no programme table in empty results: Level 2 moves up to 4.2 (4.3 beneath the table of the full study)
        assert f">{word} IV " in rep.section("findings") and '">4.2 ' in rep.section("learning")
        assert ">5.1 " in rep.section("conclusion") and "BAB" not in rep.section("summary")
    program = render.Report(empty_metrics(2026, program_id="PKA-01"), "id")
    assert "BAB" not in program.section("intro")  # a programme's report shows fewer sections: no numbers


def test_sub_sections_are_numbered_from_the_sections_table():
    numbers = section_numbers()
    assert [numbers[n] for n in ("background", "purpose", "legal", "scope")] == ["1.1", "1.2", "1.3", "1.4"]
    assert [numbers[n] for n in ("model", "sample", "statistics", "privacy", "quality", "limitations")] == [
        "3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]
    assert (numbers["programs"], numbers["reaction"], numbers["ikm"], numbers["facilitators"]) == (
        "4.1", "4.2", "4.2.1", "4.2.2")
    assert numbers["followup"] == numbers["recommendations"] + ".1"
    assert numbers["triangulation"] == numbers["challenges"] + ".1"
    # a part without content takes no number, and the next part closes the gap
    shown = tuple(n for n in SECTIONS if n not in ("programs", "sample"))
    fewer = section_numbers(shown)
    assert "programs" not in fewer and (fewer["reaction"], fewer["statistics"]) == ("4.1", "3.2")
    expected = {"id": ["1.1 Latar Belakang", "1.2 Tujuan", "1.3 Dasar Hukum", "1.4 Ruang Lingkup"],
                "en": ["1.1 Background", "1.2 Purpose", "1.3 Legal Basis", "1.4 Scope"]}
    for lang, titles in expected.items():
        intro = render.Report(empty_metrics(2026), lang).section("intro")
        assert [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h3[^>]*>.*?</h3>", intro)] == titles
        method = render.Report(empty_metrics(2026), lang).section("method")
        assert re.findall(r'<h3 id="([^"]+)">3\.\d ', method)[:1] == ["model-instrumen"]
    # the sentences stay as they were: the subsection headings only come between them
    m = empty_metrics(2026)
    words = render.nar.introduction(Metrics.model_validate(m), "id")
    intro = render.Report(m, "id").section("intro")
    assert all(html_escape(x) in intro for x in words["paragraphs"])


def html_escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def test_section_references_in_prose_link_to_the_numbered_heading():
    from kemuning_eval.report.engine.lists import link_references

    page = ('<h3 id="reaksi">4.2 Level 1</h3><h4 id="ikm">4.2.1 IKM</h4>'
            '<p>Lihat bagian 4.2, bagian 4.2.1 dan bagian 4.12; Tabel 3.</p><h3>bagian 4.2</h3>')
    out = link_references(page)
    assert '<a href="#reaksi">bagian 4.2</a>,' in out and '<a href="#ikm">bagian 4.2.1</a>' in out
    assert "dan bagian 4.12;" in out and "Tabel 3." in out  # no such heading or table: left as text
    assert out.endswith("<h3>bagian 4.2</h3>")  # headings are not prose


def test_lists_of_tables_figures_and_abbreviations():
    page = ('<html><body><main><h1>Laporan</h1><div class="report-lists"></div>'
            '<h2 id="hasil">BAB IV Hasil</h2><p>Lihat Tabel 2, Gambar 1 dan Lampiran C. IKM naik.</p>'
            '<table id="tabel-1"><caption>Tabel 1. A &amp; B</caption></table>'
            '<table id="tabel-2"><caption>Tabel 2. C</caption></table>'
            '<figure id="gambar-1"><img alt="x"><figcaption>Gambar 1. D</figcaption></figure>'
            '<h3 id="lampiran-asal">Lampiran C</h3></main></body></html>')
    out = move_toc(add_toc(add_lists(page, "id"), title="Daftar Isi"))
    tables, figures = captions(out)
    listed = re.search(r'<section class="report-list daftar-tabel">.*?</section>', out).group(0)
    for anchor, caption in tables:
        assert listed.count(f'<a href="#{anchor}">') == 1 and re.sub("&", "&amp;", caption) in listed
    ids = set(re.findall(r'\sid="([^"]+)"', out))
    assert {h[1:] for h in re.findall(r'href="(#[^"]+)"', out)} <= ids  # every link resolves
    assert '<a href="#tabel-2">Tabel 2</a>' in out and '<a href="#lampiran-asal">Lampiran C</a>' in out
    assert [a for a, _ in abbreviations(out, "id")] == ["IKM"]
    assert out.index('<nav class="report-toc"') < out.index("Daftar Tabel") < out.index("BAB IV")
    assert 'href="#daftar-tabel"' in out  # the lists are in the contents list
