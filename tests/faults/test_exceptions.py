"""Every exception type through every reader and writer: one clear message, exit 1, no traceback.

Real permission errors cannot be produced in CI (the tests run as root, and
``chmod 000`` does not stop root), so each reader and writer is replaced by
one that raises the exception a real failure would raise (with the path it
was given, as the operating system does).  Asserted: exit code 1, no
traceback, the configured file named, and with ``--debug`` the original
exception propagates.
"""

from __future__ import annotations

import csv
import errno
import importlib
from pathlib import Path

import pandas as pd
import pytest
import yaml
from fault_cases import YEAR, edit_config, make_template, materialise

from kemuning_eval.cli import main

KEY = "kunci-uji-untuk-pseudonim-0123456789"


def _exceptions(path: str) -> dict[str, BaseException]:
    return {
        "permission": PermissionError(errno.EACCES, "Permission denied", path),
        "missing": FileNotFoundError(errno.ENOENT, "No such file or directory", path),
        "directory": IsADirectoryError(errno.EISDIR, "Is a directory", path),
        "disk-full": OSError(errno.ENOSPC, "No space left on device", path),
        "too-large": OSError(errno.EFBIG, "File too large", path),
        "io-error": OSError(errno.EIO, "Input/output error", path),
        "decode": UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte"),
        "yaml": yaml.YAMLError("mapping values are not allowed here"),
        "parser": pd.errors.ParserError("Error tokenizing data. C error: Expected 3 fields in line 7, saw 5"),
        "csv": csv.Error("line contains NUL"),
        "memory": MemoryError(),
        "unexpected": KeyError("kolom"),
    }


KINDS = list(_exceptions("x"))
#: reader -> (module, function, instruments kept, configured file the message must name)
READERS = {
    "studi.yaml": ("kemuning_eval.yamlsafe", "read_yaml", ("programs", "roster"), "studi.yaml"),
    "codebook": ("kemuning_eval.ingest.codebook", "load_codebook", ("programs", "roster", "tests"), "peserta.yaml"),
    "csv": ("kemuning_eval.ingest.readers", "read_csv", ("programs", "roster", "tests"),
            f"nilai-pretest-posttest-{YEAR}.csv"),
    "xlsx": ("kemuning_eval.ingest.readers", "read_xlsx", ("programs", "roster"), f"data-penyelenggaraan-{YEAR}.xlsx"),
    "sav": ("kemuning_eval.ingest.readers", "read_sav", ("observations", "programs", "roster"),
            f"observasi-kinerja-{YEAR}.sav"),
    "encoding": ("kemuning_eval.ingest.readers", "detect_encoding", ("programs", "roster", "tests"),
                 f"nilai-pretest-posttest-{YEAR}.csv"),
    "resolutions": ("kemuning_eval.ingest.duplicates", "load_resolutions", ("programs", "roster"),
                    f"resolusi-duplikat-{YEAR}.csv"),
    "themes": ("kemuning_eval.stats.qualitative", "load_themes", ("programs", "roster"), "tema.yaml"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KEMUNING_EVAL_KEY", KEY)
        return make_template(tmp_path_factory.mktemp("exc-template") / "project")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEMUNING_EVAL_KEY", KEY)
    monkeypatch.delenv("KEMUNING_EVAL_LANG", raising=False)


def _project(template: Path, dest: Path, keep: tuple[str, ...]) -> Path:
    from fault_cases import Case

    return materialise(Case("x", lambda raw: None, "", keep=keep), template, dest)


def _raiser(module: str, name: str, exc: BaseException, monkeypatch: pytest.MonkeyPatch, only: str = "") -> None:
    """Replace ``module.name`` by a function raising ``exc`` (only for a path ending in ``only``)."""
    mod = importlib.import_module(module)
    real = getattr(mod, name)

    def fake(*args, **kwargs):
        target = str(args[0]) if args else ""
        if only and not target.endswith(only):
            return real(*args, **kwargs)
        raise exc

    monkeypatch.setattr(mod, name, fake)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("reader", list(READERS))
def test_reader_failure_is_a_clean_stop(reader: str, kind: str, template: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    module, name, keep, file = READERS[reader]
    project = _project(template, tmp_path / "p", keep)
    raw = project / "data" / "raw" / str(YEAR)
    if reader == "resolutions":
        (raw / file).write_text("key,file,row,action\n", encoding="utf-8")
    if reader == "encoding":  # let the reader detect the encoding
        edit_config(lambda d: d["inputs"]["tests"].pop("encoding"))(raw)
    exc = _exceptions(str(raw / file))[kind]
    _raiser(module, name, exc, monkeypatch, only=file if reader in ("studi.yaml", "codebook", "encoding") else "")
    code = main(["--root", str(project), "validate", "--year", str(YEAR)])
    text = "".join(capsys.readouterr())
    assert code == 1, text
    assert "Traceback" not in text
    assert file in text, text


@pytest.mark.parametrize("kind", ["permission", "disk-full", "too-large", "io-error", "unexpected"])
@pytest.mark.parametrize("writer", ["ingest", "codebook", "synth"])
def test_writer_failure_is_a_clean_stop(writer: str, kind: str, template: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    project = _project(template, tmp_path / "p", ("programs", "roster"))
    if writer == "ingest":
        target = project / "data" / "processed" / str(YEAR)
        _raiser("kemuning_eval.ingest.store", "write_outputs", _exceptions(str(target))[kind], monkeypatch)
        argv = ["ingest", "--year", str(YEAR), "--force"]
        named = str(target) if kind != "unexpected" else ""
    elif writer == "codebook":
        out = tmp_path / "reaksi.yaml"
        monkeypatch.setattr(Path, "write_text", lambda self, *a, **k: (_ for _ in ()).throw(
            _exceptions(str(self))[kind]))
        source = project / "data" / "raw" / str(YEAR) / f"survei-reaksi-{YEAR}.csv"
        argv = ["codebook", "template", str(source), "--out", str(out), "--instrument", "reaction"]
        named = out.name if kind != "unexpected" else source.name
    else:
        out = tmp_path / "sintetis"
        import kemuning_eval.synth.writers as writers

        monkeypatch.setattr(writers.Path, "write_text", lambda self, *a, **k: (_ for _ in ()).throw(
            _exceptions(str(self))[kind]))
        argv = ["synth", "--year", str(YEAR), "--participants", "20", "--out", str(out)]
        named = str(out)
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    code = main(["--root", str(project), *argv])
    text = "".join(capsys.readouterr())
    assert code == 1, text
    assert "Traceback" not in text
    assert named in text, text
    if writer == "ingest":
        assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before


def test_debug_shows_the_traceback(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(template, tmp_path / "p", ("programs", "roster"))
    _raiser("kemuning_eval.ingest.readers", "read_xlsx", KeyError("kolom"), monkeypatch)
    with pytest.raises(KeyError):
        main(["--root", str(project), "--debug", "validate", "--year", str(YEAR)])


def test_unexpected_error_names_file_and_column(template: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture) -> None:
    """An unexpected failure while converting a column names the file and that column."""
    import kemuning_eval.ingest.convert as convert

    project = _project(template, tmp_path / "p", ("programs", "roster", "tests"))
    real = convert.parse_numbers

    def broken(values, **kwargs):
        if values.name == "Nilai Post-Test":
            raise ZeroDivisionError("division by zero")
        return real(values, **kwargs)

    monkeypatch.setattr(convert, "parse_numbers", broken)
    code = main(["--root", str(project), "ingest", "--year", str(YEAR), "--force"])
    text = "".join(capsys.readouterr())
    assert code == 1 and "Traceback" not in text
    assert f"nilai-pretest-posttest-{YEAR}.csv" in text and "'Nilai Post-Test'" in text, text


def test_messages_reach_stderr_when_piped(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture) -> None:
    """Warnings and the key-creation notice are printed although stderr is not a terminal (issue 10)."""
    project = _project(template, tmp_path / "p", ("programs", "reaction", "roster"))
    key_file = tmp_path / "kunci" / "pseudonym.key"
    edit_config(lambda d: d.__setitem__("privacy", {"key_file": str(key_file)}))(project / "data" / "raw" / str(YEAR))
    monkeypatch.delenv("KEMUNING_EVAL_KEY")
    code = main(["--root", str(project), "--quiet", "ingest", "--year", str(YEAR), "--force"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert key_file.is_file() and str(key_file) in err
    assert "[warning]" in err and "Selesai" not in err  # --quiet: warnings stay, status lines go
    code = main(["--root", str(project), "ingest", "--year", str(YEAR), "--force"])
    err = capsys.readouterr().err
    assert code == 0 and "[warning]" in err and "Selesai" in err  # not a terminal: status lines stay


@pytest.mark.parametrize("kind", ["permission", "disk-full", "too-large", "unexpected"])
def test_report_failure_is_a_clean_stop(kind: str, template: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture) -> None:
    """The report command runs inside the same boundary (its publishing steps are tested in
    test_publication.py); an unexpected failure names the processed data it was built from."""
    import kemuning_eval.report.engine.build as build

    target = template / "reports" / str(YEAR)
    exc = _exceptions(str(target))[kind]
    monkeypatch.setattr(build, "build_from_cli", lambda args: (_ for _ in ()).throw(exc))
    code = main(["--root", str(template), "report", "--year", str(YEAR)])
    text = "".join(capsys.readouterr())
    assert code == 1 and "Traceback" not in text
    assert (str(target) if kind != "unexpected" else f"data/processed/{YEAR}") in text, text
