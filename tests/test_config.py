"""Study configuration: loading, validation messages naming the key, defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_support import make_project

from kemuning_eval.config import default_study, load_study
from kemuning_eval.errors import ConfigError
from kemuning_eval.paths import ProjectPaths


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "tes.csv").write_text("NIP;Nilai\n1;2\n", encoding="utf-8")
    (tmp_path / "cb.yaml").write_text("columns: [{raw: NIP, variable: nip}]\n", encoding="utf-8")
    path = tmp_path / "studi.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_fixture_study_loads_with_all_sections(tmp_path):
    cfg = load_study(make_project(tmp_path) / "studi.yaml")
    assert cfg.year == 2026
    assert set(cfg.inputs) >= {"roster", "reaction", "tests", "observations"}
    assert cfg.inputs["roster"].sheet == "Peserta"
    assert cfg.inputs["reaction"].codebook.name == "reaksi.yaml"
    assert cfg.duplicates.rule == "keep_latest_complete"
    assert cfg.duplicates.resolution_file.name == "resolusi-duplikat-2026.csv"
    assert cfg.report["lang"] == "id" and cfg.scoring["pass_mark_default"] == 70
    assert cfg.privacy.min_group_size == 5 and cfg.nip.mode == "auto"
    assert cfg.outcomes["first_post_period"] == "2026-S2"
    with pytest.raises(TypeError):  # frozen, read-only mappings
        cfg.report["lang"] = "en"


@pytest.mark.parametrize(("text", "key"), [
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\nrepot: {}\n", "repot"),
    ("study: {year: 2026, yaer: 1}\ninputs: {tests: {file: tes.csv}}\n", "study.yaer"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv, spe: ';'}}\n", "inputs.tests.spe"),
    ("study: {year: 2026}\ninputs: {survey: {file: tes.csv}}\n", "inputs.survey"),
    ("study: {year: 2026}\ninputs: {tests: {file: hilang.csv}}\n", "inputs.tests.file"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv, codebook: x.yaml}}\n", "inputs.tests.codebook"),
    ("study: {year: '2026'}\ninputs: {tests: {file: tes.csv}}\n", "study.year"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv, header_row: 0}}\n", "inputs.tests.header_row"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv, encoding: klingon}}\n", "inputs.tests.encoding"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\nduplicates: {rule: keep_best}\n", "duplicates.rule"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\nnip: {mode: asn}\n", "nip.mode"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\nprivacy: {min_group_size: 0}\n", "privacy.min_group_size"),
    ("study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\nreport: [1, 2]\n", "report"),
    ("study: {year: 2026}\n", "inputs"),
])
def test_bad_config_names_the_key(tmp_path, text, key):
    with pytest.raises(ConfigError) as exc:
        load_study(_write(tmp_path, text))
    assert repr(key) in str(exc.value) or f"'{key}'" in str(exc.value)
    assert "studi.yaml" in str(exc.value)


def test_typo_suggests_the_known_key(tmp_path):
    with pytest.raises(ConfigError, match="maksud Anda 'report'"):
        load_study(_write(tmp_path, "study: {year: 2026}\ninputs: {tests: tes.csv}\nrepot: {}\n"))


def test_invalid_yaml_gives_line(tmp_path):
    with pytest.raises(ConfigError, match=r"YAML tidak valid.*baris \d"):
        load_study(_write(tmp_path, "study: {year: 2026}\ninputs: {a: 1\n  b: [}\n"))


def test_missing_config_and_default_study(tmp_path):
    with pytest.raises(ConfigError, match="studi.example.yaml"):
        default_study(2030, paths=ProjectPaths(tmp_path))
    raw = tmp_path / "data" / "raw" / "2026"
    raw.mkdir(parents=True)
    _write(raw, "study: {year: 2026}\ninputs: {tests: tes.csv}\n")
    cfg = default_study(2026, paths=ProjectPaths(tmp_path))
    assert cfg.inputs["tests"].file == (raw / "tes.csv").resolve()
    assert cfg.inputs["tests"].sep is None  # detected later


def test_example_config_is_valid(tmp_path):
    """The shipped, commented example parses (its files are made to exist here)."""
    from importlib import resources

    import yaml

    text = (resources.files("kemuning_eval") / "data" / "studi.example.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for spec in data["inputs"].values():
        (tmp_path / spec["file"]).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / spec["file"]).write_text("x\n", encoding="utf-8")
        (tmp_path / spec["codebook"]).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / spec["codebook"]).write_text("columns: []\n", encoding="utf-8")
    if data.get("themes"):
        (tmp_path / data["themes"]).write_text("{}\n", encoding="utf-8")
    (tmp_path / "studi.yaml").write_text(text, encoding="utf-8")
    cfg = load_study(tmp_path / "studi.yaml")
    assert cfg.year == data["study"]["year"]
