"""The published report in a real browser (headless Chromium through Playwright).

Opened from file:// with every network request recorded: only file:// and
data: are allowed, there are no console errors, the contents links jump to
their sections, every figure renders, and HTML typed into a survey answer is
shown as text and never runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_engine_project import HOSTILE, REPORT_DATE, YEAR, make_project

from kemuning_eval.paths import ProjectPaths
from kemuning_eval.report.engine.build import build_report

REPO = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_PREFIX = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser",
                      shutil.which("chromium") or "", shutil.which("google-chrome") or ""):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found (/usr/bin/chromium); install Debian's chromium package")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    paths = make_project(tmp_path_factory.mktemp("browser"))
    return build_report(YEAR, paths=paths, report_date=REPORT_DATE).html


def _open(browser, path: Path, *, dialogs: list | None = None):
    """Open ``path``; record requests (only file:// and data: let through), errors and, when
    ``dialogs`` is given, every alert/confirm/prompt (dismissed)."""
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    requests, errors = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    if dialogs is not None:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        requests.append(r.request.url)
        if r.request.url.startswith(("file://", "data:")):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, errors


@pytest.fixture(scope="module")
def real_report(tmp_path_factory):
    """The real report notebook on a copy of the bundled study whose survey suggestions and
    interview quotes start with HTML/script a participant typed."""
    raw, notebook = REPO / "data" / "raw" / str(YEAR), REPO / "notebooks" / "laporan_evaluasi.ipynb"
    if not (raw / "studi.yaml").is_file() or not notebook.is_file():
        pytest.skip("the bundled study or notebooks/laporan_evaluasi.ipynb is not there yet")
    import pandas as pd

    root = tmp_path_factory.mktemp("real")
    shutil.copytree(raw, root / "data" / "raw" / str(YEAR))
    (root / "notebooks").mkdir()
    shutil.copy(notebook, root / "notebooks" / notebook.name)
    for name, column in ((f"survei-reaksi-{YEAR}.csv", "Saran dan masukan"),
                         (f"wawancara-{YEAR}.csv", "Kutipan")):
        path = root / "data" / "raw" / str(YEAR) / name
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        table[column] = HOSTILE_PREFIX + " " + table[column]
        table.to_csv(path, index=False)
    subprocess.run([sys.executable, "-m", "kemuning_eval", "--quiet", "--root", str(root),
                    "ingest", "--year", str(YEAR)], check=True, capture_output=True)
    return build_report(YEAR, paths=ProjectPaths(root))


def _jump(page, link) -> str:
    """Click an in-page link from the top: the URL names its target, which is scrolled into view."""
    anchor = link.get_attribute("href")
    page.evaluate("window.scrollTo(0, 0)")
    link.click()
    assert page.evaluate("location.hash") == anchor
    assert page.evaluate(f"document.getElementById('{anchor[1:]}').matches(':target')")
    target_top = page.evaluate(f"document.getElementById('{anchor[1:]}').getBoundingClientRect().top")
    assert -1 <= target_top < 700, (anchor, target_top)  # in view (sub-pixel rounding aside)
    return anchor


def _check_page(page, requests, errors):
    """No console errors, no network, contents links jump to their sections, figures render."""
    assert errors == []
    assert [u for u in requests if not u.startswith(("file://", "data:"))] == []
    links = page.locator("nav.report-toc a")
    assert links.count() >= 3
    for i in range(links.count()):
        _jump(page, links.nth(i))
    assert page.evaluate("window.scrollY") > 0  # the last section is far below the top
    figures = page.locator("img")
    assert figures.count() >= 1
    sizes = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
    assert all(done and w > 0 and h > 0 for done, w, h in sizes), sizes
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_fixture_report_offline_toc_figures(browser, report):
    page, requests, errors = _open(browser, report)
    _check_page(page, requests, errors)
    page.close()


def test_real_report_offline_toc_figures_and_hostile_text(browser, real_report):
    page, requests, errors = _open(browser, real_report.html)
    _check_page(page, requests, errors)
    text = page.inner_text("main")
    assert HOSTILE_PREFIX in text  # shown literally, at least once (a quote or a suggestion)
    assert page.locator("img[src='x']").count() == 0
    page.close()


def test_survey_html_is_shown_not_run(browser, report):
    page, _, errors = _open(browser, report)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.inner_text("main")
    assert "<script>window.__pwned=1</script>" in text
    assert HOSTILE.split("</script>")[1].split(">")[0] in text  # the <img ... onerror=...> text
    assert page.locator("img[src='x']").count() == 0
    assert errors == []
    page.close()


def test_print_layout(browser, report):
    page, _, _ = _open(browser, report)
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "Array.from(document.querySelectorAll('main h2:not(.report-toc-title)'))"
        ".map(h => getComputedStyle(h).breakBefore)")
    assert breaks and set(breaks) == {"page"}
    assert page.evaluate("getComputedStyle(document.querySelector('nav.report-toc')).display") != "none"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") in ("rgb(255, 255, 255)",)
    assert len(page.pdf()) > 1000
    page.close()


def test_real_report_rebuild_is_byte_identical(real_report):
    html, metrics = real_report.html.read_bytes(), real_report.metrics.read_bytes()
    paths = ProjectPaths(real_report.html.parents[2])
    again = build_report(YEAR, paths=paths, force=True)
    assert not again.reused
    assert again.html.read_bytes() == html
    assert again.metrics.read_bytes() == metrics
    for leak in (b"import ", b"kemuning_eval.", b"output_dir", b"http://", b"https://", b"<script"):
        assert leak not in html, leak


@pytest.fixture(scope="module")
def nbconvert_page(real_report, tmp_path_factory):
    """``jupyter nbconvert --to kemuning`` on the executed report notebook (the exporter's entry point)."""
    out = tmp_path_factory.mktemp("nbconvert")
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "kemuning", str(real_report.executed),
                    "--output-dir", str(out)], check=True, capture_output=True)
    return out / real_report.executed.with_suffix(".html").name


def test_nbconvert_exporter_page_is_offline_with_contents(browser, nbconvert_page, real_report):
    assert nbconvert_page.read_bytes() == real_report.html.read_bytes(), "the page kemuning-eval report publishes"
    page, requests, errors = _open(browser, nbconvert_page)
    _check_page(page, requests, errors)
    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.title().startswith("Laporan Evaluasi")
    page.close()


@pytest.fixture(scope="module")
def real_pages(real_report):
    """The bundled study's report in Indonesian (``real_report``) and in English."""
    english = build_report(YEAR, paths=ProjectPaths(real_report.html.parents[2]), lang="en")
    return {"id": real_report, "en": english}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_real_report_language_and_source_links(browser, real_pages, lang):
    """``<html lang>`` is the report's language; every "Sumber: Tabel n" link jumps to table n."""
    page, _, errors = _open(browser, real_pages[lang].html)
    assert errors == []
    assert page.evaluate("document.documentElement.lang") == lang
    text = page.inner_text("main")
    assert ("Sumber:" if lang == "id" else "Source:") in text
    links = page.locator("main small a[href^='#tabel-'], main small a[href^='#gambar-']")
    assert links.count() >= 3
    for i in range(links.count()):
        anchor = _jump(page, links.nth(i))
        caption = page.evaluate(
            f"document.getElementById('{anchor[1:]}').querySelector('caption, figcaption').textContent")
        assert caption.startswith(links.nth(i).inner_text() + "."), (anchor, caption)  # "Tabel 4" -> "Tabel 4. ..."
    page.close()
