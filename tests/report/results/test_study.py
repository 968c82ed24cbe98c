"""The study section of the results: the respondent profile hides small cells (kemuning_eval.report.results.study).

Reference: primary and secondary suppression of kemuning_eval.stats.suppression.suppress.
"""

from __future__ import annotations

from crafted_metrics import crafted

from kemuning_eval.report.content import render


def test_profile_hides_small_cells_and_the_cell_that_would_reveal_them():
    import pandas as pd

    from kemuning_eval.report.results.common import Context
    from kemuning_eval.report.results.study import profile

    people = pd.DataFrame({"gender": ["L"] * 2 + ["P"] * 40, "age_band": ["<30"] * 21 + ["30-39"] * 21})
    rows = profile({"participants": people}, Context(min_n=5))
    gender = {r["value"]: r for r in rows if r["variable"] == "gender"}
    assert gender["L"]["suppressed"] and gender["L"]["n"] is None
    assert gender["P"]["suppressed"] and gender["P"]["n"] is None  # 42 - 40 would reveal L
    ages = [r for r in rows if r["variable"] == "age_band"]
    assert [r["n"] for r in ages] == [21, 21] and not any(r["suppressed"] for r in ages)
    m = crafted({"study": {"profile": rows, "min_group_size": 5}})
    html = render.Report(m, "id").section("findings")
    assert html.count("<td>n &lt; 5</td>") == 4 and "Profil peserta" in html
