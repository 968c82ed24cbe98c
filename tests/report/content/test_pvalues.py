"""p-values in challenge sentences and in the evidence basis read as expressions (``p = 0,330``).

Reference: the formats of :mod:`kemuning_eval.numfmt` (``fmt_p``: three decimals or ``< 0,001``),
checked here against values computed with the standard library's ``format``.
"""

from __future__ import annotations

import pytest

from kemuning_eval.report.content.findings import challenge_text, evidence_text
from kemuning_eval.report.results.model import Challenge


def _did_challenge(p: float) -> Challenge:
    return Challenge(id="did_not_significant", text={"outcome": "Rasio serapan anggaran"}, evidence=[
        {"name": "estimate", "path": "results.did.0.estimate", "value": 0.0123, "fmt": "num3"},
        {"name": "p", "path": "results.did.0.p_val", "value": p, "fmt": "p"}])


@pytest.mark.parametrize("p", [0.33, 0.0456, 0.0004])
def test_did_sentence_and_basis_read_p_expression(p):
    plain = "< 0,001" if p < 0.001 else format(p, ".3f").replace(".", ",")
    expr = f"p {plain}" if p < 0.001 else f"p = {plain}"
    sentence = challenge_text(_did_challenge(p), "id")
    assert sentence == f"Dampak pada Rasio serapan anggaran belum terbukti: efek 0,012, {expr}."
    assert evidence_text(_did_challenge(p), "id") == (
        "Dasar: efek pada indikator itu (selisih dari selisih) = 0,012; "
        f"efek pada indikator itu, {expr}.")
