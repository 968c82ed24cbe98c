"""Evidence is named in words, never by its machine path (issue: machine keys shown to readers)."""

from __future__ import annotations

import inspect
import re

import pytest

from kemuning_eval.i18n import catalogue
from kemuning_eval.report.content import findings
from kemuning_eval.report.results import rules
from kemuning_eval.report.results.model import Challenge


def _rule_paths() -> set[str]:
    source = inspect.getsource(rules)
    paths = re.findall(r'_ev\("[a-z_]+",\s*f?"([^"]+)"', source)
    return {re.sub(r"\.\{i\}(?=\.)", "", p) for p in paths}


def test_every_evidence_path_of_the_rules_has_a_label_in_both_languages():
    paths = _rule_paths()
    assert len(paths) >= 10  # the regex still finds the rules' evidence
    entries = catalogue()
    missing = sorted(p for p in paths if f"report.basis.{p}" not in entries)
    assert missing == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_basis_text_shows_no_dotted_machine_key(lang):
    item = Challenge(id="outdated_material", text={}, evidence=[
        {"name": "share", "path": "qualitative.themes.0.share", "value": 0.325, "fmt": "pct1"},
        {"name": "n", "path": "qualitative.themes.0.n", "value": 13, "fmt": "int"},
        {"name": "p", "path": "results.did.1.p_val", "value": 0.0496, "fmt": "p"},
    ])
    text = findings.evidence_text(item, lang)
    assert not re.search(r"\b[a-z_]+\.[a-z_]+\.[0-9]+\.[a-z_]+", text)
    assert "13" in text and ("32,5" in text if lang == "id" else "32.5" in text)
