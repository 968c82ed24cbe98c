"""Privacy at ingest: nothing identifying in data/processed; scrubbing; the pseudonym key."""

from __future__ import annotations

import io
import re
import stat

import pandas as pd
import pytest
from ingest_support import KEY, make_project, people

from kemuning_eval.errors import PrivacyError
from kemuning_eval.ingest.pipeline import ingest_study
from kemuning_eval.ingest.pseudonym import load_key, pseudonymise
from kemuning_eval.paths import ProjectPaths
from kemuning_eval.scrub import Scrubber


def _all_text(folder) -> str:
    """Every cell of every processed file as one lower-case text."""
    parts = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".parquet":
            df = pd.read_parquet(path)
            parts.append(" ".join(df.columns))
            buf = io.StringIO()
            df.astype(str).to_csv(buf, index=False)
            parts.append(buf.getvalue())
        else:
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts).lower()


def test_no_name_nip_phone_email_in_processed(tmp_path, monkeypatch):
    monkeypatch.setenv("KEMUNING_EVAL_KEY", KEY)
    make_project(tmp_path)
    paths = ProjectPaths(tmp_path)
    ingest_study(2026, paths=paths)
    text = _all_text(paths.processed(2026))
    digits = re.sub(r"\D", "", text)
    who = people()
    for name in who["name"]:
        assert name.lower() not in text, name
        for word in re.findall(r"\w{4,}", name.lower()):  # "Pak Budi" is scrubbed too
            assert not re.search(rf"\b{re.escape(word)}\b", text), word
    for nip in who["nip"]:
        assert re.sub(r"\D", "", nip) not in digits, nip
    for phone in who["phone"]:
        assert re.sub(r"\D", "", phone)[-9:] not in digits, phone
    for email in who["email"]:
        assert email.lower() not in text and email.split("@")[0] + "@" not in text
    assert "@" not in text
    # scrubbed placeholders are there instead
    assert "[nama]" in text and "[telepon]" in text and "[email]" in text and "[nip]" in text


def test_scrub_name_and_phone_inside_free_text():
    s = Scrubber(["Budi Santoso", "Dr. Hendra Gunawan, M.Si"])
    text = "Terima kasih pak hendra! WA saya 0812 3456 7890 atau +62-813-1111-2222, BUDI SANTOSO."
    out = s.scrub(text)
    assert out == "Terima kasih pak [NAMA]! WA saya [TELEPON] atau [TELEPON], [NAMA]."
    assert s.scrub("kantor (021) 555-1234, nip 196608011988031001") == "kantor [TELEPON], nip [NIP]"
    assert s.scrub("nilai 85 dari 100 pada 2026") == "nilai 85 dari 100 pada 2026"  # numbers survive
    assert pd.isna(s.scrub(float("nan")))
    col = s.scrub_series(pd.Series(["halo budi", None, "halo budi"]))
    assert col.tolist()[0] == col.tolist()[2] == "halo [NAMA]"


def test_same_key_same_pseudonyms_other_key_differs():
    nips = pd.Series(["196608011988031001", "197503152000032002"])
    a = pseudonymise(nips, b"kunci-satu-0123456789", prefix="P")
    b = pseudonymise(nips, b"kunci-satu-0123456789", prefix="P")
    c = pseudonymise(nips, b"kunci-dua-0123456789", prefix="P")
    assert a.tolist() == b.tolist() and a.tolist() != c.tolist()
    import hashlib
    import hmac

    # reference: HMAC-SHA256 from the standard library, first 16 hex digits
    ref = hmac.new(b"kunci-satu-0123456789", b"196608011988031001", hashlib.sha256).hexdigest()[:16]
    assert a.iloc[0] == "P" + ref


def test_key_file_created_outside_project_then_reused(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("KEMUNING_EVAL_KEY", raising=False)
    monkeypatch.delenv("CI", raising=False)
    key_file = tmp_path / "home" / ".config" / "kemuning-eval" / "pseudonym.key"
    project = tmp_path / "proyek"
    project.mkdir()
    key = load_key(key_file=key_file, project_root=project)
    assert key_file.is_file() and len(key) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_key(key_file=key_file, project_root=project) == key  # same key next year


def test_key_file_inside_project_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("KEMUNING_EVAL_KEY", raising=False)
    with pytest.raises(PrivacyError, match="di dalam folder proyek"):
        load_key(key_file=tmp_path / "data" / "pseudonym.key", project_root=tmp_path)
    assert not (tmp_path / "data" / "pseudonym.key").exists()


def test_env_key_used_and_short_key_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("KUNCI_SAYA", "x" * 32)
    assert load_key(key_env="KUNCI_SAYA", key_file=tmp_path / "k", project_root=tmp_path / "p") == b"x" * 32
    monkeypatch.setenv("KUNCI_SAYA", "pendek")
    with pytest.raises(PrivacyError, match="terlalu pendek"):
        load_key(key_env="KUNCI_SAYA")


def test_missing_key_without_create(tmp_path, monkeypatch):
    monkeypatch.delenv("KEMUNING_EVAL_KEY", raising=False)
    with pytest.raises(PrivacyError, match="tidak ditemukan"):
        load_key(key_file=tmp_path / "nope.key", create=False)


def test_unmarked_pii_column_is_refused(tmp_path, monkeypatch, capsys):
    """A codebook that forgets ``pii:`` on a free-text NIP column cannot leak it."""
    monkeypatch.setenv("KEMUNING_EVAL_KEY", KEY)
    raw = make_project(tmp_path)
    cb = raw / "codebook" / "tes.yaml"
    cb.write_text(cb.read_text(encoding="utf-8").replace(
        '{raw: "Nama Peserta", variable: name, type: text, pii: name, keep: false}',
        '{raw: "Nama Peserta", variable: name, type: text, pii: name, keep: false}\n'
        '  - {raw: "NIP", variable: nip_copy, type: freetext}'), encoding="utf-8")
    ingest_study(2026, paths=ProjectPaths(tmp_path))
    tests = pd.read_parquet(ProjectPaths(tmp_path).processed(2026) / "tests.parquet")
    assert "nip_copy" not in tests.columns  # only the contract's columns are written
