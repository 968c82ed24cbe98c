"""Study configuration: loading, validation messages naming the key, defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ingest_support import make_project

from kemuning_eval.config import default_study, load_study
from kemuning_eval.errors import ConfigError
from kemuning_eval.paths import ProjectPaths

_BASE = "study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n"


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
    # every open section is closed and typed too (issue 16)
    (_BASE + "scoring: {likert_cutoffs: x}\n", "scoring.likert_cutoffs"),
    (_BASE + "scoring: {likert_cutoffs: {Baik: tinggi}}\n", "scoring.likert_cutoffs.Baik"),
    (_BASE + "scoring: {completion_min_attendance: 120}\n", "scoring.completion_min_attendance"),
    (_BASE + "report: {rules: {gain_min: tinggi}}\n", "report.rules.gain_min"),
    (_BASE + "report: {rules: {gain_minimum: 0.3}}\n", "report.rules.gain_minimum"),
    (_BASE + "report: {legal_basis: UU 27/2022}\n", "report.legal_basis"),
    (_BASE + "report: {date: 15/12/2026}\n", "report.date"),
    (_BASE + "linking: {max_dropped_share: 1.5}\n", "linking.max_dropped_share"),
    (_BASE + "outcomes: {first_period: 2026-S2}\n", "outcomes.first_period"),
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



def test_example_config_states_the_defaults_config_holds():
    """The values the shipped example writes or comments out as defaults are config's defaults."""
    from importlib import resources

    import yaml

    from kemuning_eval.config import DEFAULTS, REPORT_RULE_DEFAULTS, NipConfig, PrivacyConfig

    text = (resources.files("kemuning_eval") / "data" / "studi.example.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(re.sub(r"(?m)^(\s*)# (rules:|  \w+: |jp_target:|min_appointment_age:)", r"\1\2", text))
    assert data["report"]["rules"] == dict(REPORT_RULE_DEFAULTS)
    for key in ("pass_mark_default", "completion_min_attendance", "jp_target"):
        assert data["scoring"][key] == DEFAULTS["scoring"][key], key
    assert data["privacy"]["min_group_size"] == PrivacyConfig.min_group_size
    assert data["privacy"]["key_env"] == PrivacyConfig.key_env
    assert data["nip"]["min_appointment_age"] == NipConfig.min_appointment_age

# ---------------------------------------------------------------- hardening (issue 16)


def test_symlink_inside_is_read_under_its_configured_name(tmp_path):
    path = _write(tmp_path, "study: {year: 2026}\ninputs: {tests: {file: nilai.csv}}\n")
    (tmp_path / "arsip").mkdir()
    (tmp_path / "tes.csv").rename(tmp_path / "arsip" / "tes-asli.csv")
    (tmp_path / "nilai.csv").symlink_to(Path("arsip") / "tes-asli.csv")
    cfg = load_study(path)
    assert cfg.inputs["tests"].file.name == "nilai.csv"  # not resolved to the target
    assert cfg.inputs["tests"].file.read_text(encoding="utf-8").startswith("NIP")


def test_symlink_out_of_the_study_folder_is_refused_unless_explicit(tmp_path):
    study = tmp_path / "2026"
    study.mkdir()
    (tmp_path / "bersama.csv").write_text("NIP;Nilai\n1;2\n", encoding="utf-8")
    (study / "tes.csv").symlink_to(tmp_path / "bersama.csv")
    path = study / "studi.yaml"
    path.write_text("study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_study(path)
    assert "'tes.csv'" in err.value.message and "bersama" not in str(err.value)
    path.write_text("study: {year: 2026}\ninputs: {tests: {file: ../bersama.csv}}\n", encoding="utf-8")
    assert load_study(path).inputs["tests"].file.name == "bersama.csv"


def test_year_must_match_its_folder(tmp_path):
    study = tmp_path / "2026"
    study.mkdir()
    path = _write(study, "study: {year: 2025}\ninputs: {tests: {file: tes.csv}}\n")
    with pytest.raises(ConfigError, match="study.year"):
        load_study(path)


def test_defaults_are_held_once_in_config(tmp_path):
    from kemuning_eval.config import DEFAULTS, REPORT_RULE_DEFAULTS
    from kemuning_eval.report.results.rules import DEFAULT_THRESHOLDS, thresholds

    cfg = load_study(_write(tmp_path, "study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n"
                                      "scoring: {jp_target: 24}\nreport: {date: 2026-12-15}\n"))
    assert DEFAULT_THRESHOLDS is REPORT_RULE_DEFAULTS
    assert thresholds()["gain_min"] == REPORT_RULE_DEFAULTS["gain_min"]
    assert cfg.setting("scoring", "jp_target") == 24
    assert cfg.setting("scoring", "pass_mark_default") == DEFAULTS["scoring"]["pass_mark_default"]
    assert cfg.linking.max_dropped_share == 0.2
    assert cfg.report["date"] == "2026-12-15"  # an unquoted YAML date is kept as its ISO text


def test_repeated_section_and_alias_bomb_are_refused(tmp_path):
    text = "study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n"
    with pytest.raises(ConfigError, match="inputs"):
        load_study(_write(tmp_path, text + "inputs: {tests: {file: tes.csv}}\n"))
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    with pytest.raises(ConfigError, match="alias"):  # refused before anything walks the expansion
        load_study(_write(tmp_path, text + "bom:\n" + "".join("  " + line + "\n" for line in bomb.splitlines())))


@pytest.mark.parametrize(("rules", "key", "hint"), [
    ("{tidak_ada: 1}", "report.rules.tidak_ada", None),      # moved from the report-time check
    ("{demand_ratio: banyak}", "report.rules.demand_ratio", "0.0"),  # moved from the report-time check
    ("{alpha: 0}", "report.rules.alpha", "0.05"),
    ("{alpha: 1.5}", "report.rules.alpha", "1.0"),
    ("{applying_share_min: 60}", "report.rules.applying_share_min", "0"),
    ("{ikm_nrr_min: 76.61}", "report.rules.ikm_nrr_min", "4"),
    ("{gain_min: true}", "report.rules.gain_min", None),
    ("{outdated_material_theme: ''}", "report.rules.outdated_material_theme", "materi_usang"),
])
def test_rule_thresholds_are_checked_at_load(tmp_path, rules, key, hint):
    path = _write(tmp_path, "study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n"
                            f"report: {{rules: {rules}}}\n")
    with pytest.raises(ConfigError, match=re.escape(key)) as caught:
        load_study(path)
    assert caught.value.file == "studi.yaml" and caught.value.hint
    if hint:
        assert hint in caught.value.hint


def test_rule_thresholds_are_read_as_loaded(tmp_path):
    from kemuning_eval.config import REPORT_RULE_DEFAULTS, REPORT_RULE_RANGES
    from kemuning_eval.report.results.rules import thresholds

    cfg = load_study(_write(tmp_path, "study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n"
                                      "report: {rules: {alpha: 0.1, gain_min: 0.25, roi_min: ~}}\n"))
    th = thresholds(cfg.report["rules"])
    assert (th["alpha"], th["gain_min"], th["roi_min"]) == (0.1, 0.25, REPORT_RULE_DEFAULTS["roi_min"])
    numeric = {k for k, v in REPORT_RULE_DEFAULTS.items() if not isinstance(v, str)}
    assert set(REPORT_RULE_RANGES) == numeric


@pytest.mark.parametrize(("section", "key"), [
    ("privacy: {min_group_size: 0}", "privacy.min_group_size"),
    ("nip: {min_appointment_age: 0}", "nip.min_appointment_age"),
    ("study: {year: 2026, population_asn: 0}", "study.population_asn"),
    ("study: {year: 2026, previous_year: 2026}", "study.previous_year"),
    ("scoring: {likert_cutoffs: {Baik: 7}}", "scoring.likert_cutoffs.Baik"),
    ("scoring: {jp_target: -1}", "scoring.jp_target"),
    ("outcomes: {first_post_period: 2026-Semester2}", "outcomes.first_post_period"),
    ("outcomes: {higher_is_better: {budget_ratio: ya}}", "outcomes.higher_is_better.budget_ratio"),
])
def test_every_section_names_the_key_and_what_to_do(tmp_path, section, key):
    text = "inputs: {tests: {file: tes.csv}}\n" + section + "\n"
    if not section.startswith("study"):
        text = "study: {year: 2026}\n" + text
    with pytest.raises(ConfigError, match=re.escape(key)) as caught:
        load_study(_write(tmp_path, text))
    assert caught.value.hint


@pytest.mark.parametrize("lang", ["id", "en"])
def test_config_messages_come_from_the_catalogue(tmp_path, monkeypatch, lang):
    from kemuning_eval.i18n import LANG_ENV, t

    monkeypatch.setenv(LANG_ENV, lang)
    with pytest.raises(ConfigError) as caught:
        load_study(_write(tmp_path, "study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\n"
                                    "report: {rules: {alpha: 0}}\n"))
    assert t("config.open_interval", lang, low=0, high=1, value="0.0") in str(caught.value)


@pytest.mark.parametrize("label", ["2026-S2", "2026 TW3", "2026-04", "2026"])
def test_first_post_period_is_checked_at_load(tmp_path, label):
    # a known label loads as written; an unknown one is refused at load (above), not
    # silently replaced by the programmes' end dates during ingestion
    cfg = load_study(_write(tmp_path, _BASE + f"outcomes: {{first_post_period: '{label}'}}\n"))
    assert cfg.outcomes["first_post_period"] == label


def test_outcome_directions_load_as_declared(tmp_path):
    from kemuning_eval.config import higher_is_better

    text = "study: {year: 2026}\ninputs: {tests: {file: tes.csv}}\noutcomes: {higher_is_better: {budget_ratio: false}}\n"
    cfg = load_study(_write(tmp_path, text))
    assert higher_is_better("budget_ratio", cfg.outcomes["higher_is_better"]) is False
    assert higher_is_better("on_time", cfg.outcomes["higher_is_better"]) is True
