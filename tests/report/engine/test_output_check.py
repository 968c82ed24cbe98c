"""The output check tells markup the package wrote from text that came from the data."""

from __future__ import annotations

import pytest

from kemuning_eval.errors import ReportError
from kemuning_eval.report.content.htmlsafe import esc, tag
from kemuning_eval.report.engine.checks import cell_contents, check_page, scan

PAYLOADS = ['<img src=x onerror="alert(1)">', "<script>alert(2)</script>", '<svg onload="alert(3)">',
            '<a href="javascript:alert(4)">x</a>', '<iframe src="https://evil.example"></iframe>',
            '<div style="background:url(//evil.example/b.png)">', "{rule} {{x}} ${x}",
            '=HYPERLINK("http://evil.example")']


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_payload_passes_everywhere_the_package_puts_data(payload):
    # the regression of issue 16: an escaped programme name in an alt text refused the report
    page = "\n".join([
        f'<img alt="{esc(payload)}" src="data:image/png;base64,AAAA">',
        tag("td", payload), tag("blockquote", payload), tag("a", payload, href="#hasil"),
        f"<title>{esc(payload)}</title>", tag("p", payload, title=payload),
    ])
    assert scan(page) == []
    check_page(page, name="r.html", content=[("sel 3 'tabel()'", page)])


@pytest.mark.parametrize(("payload", "rule"), [
    ('<img src=x onerror="alert(1)">', "script"), ("<script>alert(2)</script>", "script"),
    ('<svg onload="alert(3)">', "script"), ('<a href="javascript:alert(4)">x</a>', "script"),
    ('<iframe src="https://evil.example"></iframe>', "script"),
    ('<div style="background:url(//evil.example/b.png)">', "external"),
    ('<img src="https://evil.example/p.png">', "external"), ('<meta http-equiv="refresh" content="0">', "script"),
])
def test_markup_not_written_by_the_package_fails_and_names_its_cell(payload, rule):
    assert rule in [f.rule for f in scan(payload)]
    nb = {"cells": [
        {"cell_type": "code", "source": "tampilkan_tabel(program)", "metadata": {"tags": ["tabel"]},
         "outputs": [{"output_type": "display_data", "data": {"text/html": f"<td>{payload}</td>"}}]}]}
    with pytest.raises(ReportError) as info:
        check_page("<p>ok</p>", name="laporan.html", content=cell_contents(nb))
    assert "sel 1 'tampilkan_tabel(program)' [tag tabel]" in str(info.value)


def test_active_markup_of_the_template_is_named_as_such():
    with pytest.raises(ReportError, match="templat halaman laporan"):
        check_page('<body onload="x()"><p>ok</p></body>', name="laporan.html",
                   content=[("sel 1 'a'", "<p>ok</p>")])


def test_raw_html_in_a_markdown_output_is_markup():
    nb = {"cells": [{"cell_type": "code", "source": "display(Markdown(teks))", "metadata": {},
                     "outputs": [{"output_type": "execute_result",
                                  "data": {"text/markdown": "Program **<b onclick=x()>A</b>**"}}]}]}
    with pytest.raises(ReportError, match="sel 1"):
        check_page("<p>ok</p>", name="laporan.html", content=cell_contents(nb))
