"""Shared helpers for the ingestion tests: a small crafted study in a temporary project.

The text files live in ``tests/fixtures/ingest/study``; the workbook (with
title rows above the header) and the SPSS file (with value labels) are
written here so that the repository holds no binary fixtures.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
STUDY = FIXTURES / "study"
KEY = "kunci-uji-untuk-pseudonim-0123456789"

ROSTER = [
    # No, Nama, NIP, JK, Unit, Jabatan, Gol, Kode, Hadir, HP, Email
    (1, "Budi Santoso", "19660801 198803 1 001", "L", "Dinas Kesehatan", "Analis", "III/c", "PM", 95,
     "0812-3456-7890", "budi@contoh.go.id"),
    (2, "Siti Aminah", "19750315 200003 2 002", "Perempuan", "Dinas Kesehatan", "Pengelola", "III/b",
     "PM", 88, "081298765432", "siti@contoh.go.id"),
    (3, "Ahmad Yani", "19800101 200501 1 003", "L", "Dinas Pendidikan", "Analis", "III/a", "PL", 70,
     "+62 813 1111 2222", "ahmad@contoh.go.id"),
    (4, "Andr\u00e9 R\u00e9naldi", "19851231 201012 2 004", "P", "Dinas Pendidikan", "Staf", "II/c",
     "PL", 100, "0813-2222-3333", "andre@contoh.go.id"),
    (5, "Rudi Hartono", "19661301 198803 1 005", "L", "Dinas Kesehatan", "Staf", "II/b", "PM", 90,
     "0813-4444-5555", "rudi@contoh.go.id"),
    (6, "Wati Susanti", "19900215 202121 2 015", "P", "Dinas Pendidikan", "Staf", "-", "PL", 85,
     "0813-6666-7777", "wati@contoh.go.id"),
]
FACILITATORS = [
    ("Dr. Hendra Gunawan", "19700101 199503 1 010", "PM", "Widyaiswara"),
    ("Rina Marlina", "19780505 200212 2 011", "PL", "Praktisi"),
]


def people() -> dict[str, list[str]]:
    """Every name, NIP, phone and e-mail of the crafted study (for privacy scans)."""
    out: dict[str, list[str]] = {"name": [], "nip": [], "phone": [], "email": []}
    for r in ROSTER:
        out["name"].append(r[1])
        out["nip"] += [r[2], r[2].replace(" ", "")]
        out["phone"].append(r[9])
        out["email"].append(r[10])
    for f in FACILITATORS:
        out["name"].append(f[0])
        out["nip"] += [f[1], f[1].replace(" ", "")]
    out["name"] += ["Orang Lain"]
    out["nip"] += ["197001011999011099"]
    return out


def write_workbook(path: Path, roster: list[tuple] | None = None) -> None:
    """Write the organiser's workbook: title rows above each sheet's header."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Peserta"
    ws.append(["DAFTAR PESERTA PELATIHAN TAHUN 2026"])
    ws.append(["BPSDM Kabupaten Uji"])
    ws.append([])
    ws.append(["No", "Nama", "NIP", "Jenis Kelamin", "Unit Kerja", "Jabatan", "Golongan",
               "Kode Pelatihan", "Kehadiran (%)", "No. HP", "Email"])
    for row in roster if roster is not None else ROSTER:
        ws.append(list(row))
    prog = wb.create_sheet("Program")
    prog.append(["Kode Pelatihan", "Nama Pelatihan", "JP", "Tanggal Mulai", "Tanggal Selesai", "Biaya (Rp)"])
    prog.append(["PM", "Manajemen Proyek", 40, dt.datetime(2026, 2, 2), dt.datetime(2026, 2, 6), 25000000])
    prog.append(["PL", "Pelayanan Publik", 30, dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 5), "Rp 15.000.000"])
    fac = wb.create_sheet("Fasilitator")
    fac.append(["Daftar Fasilitator"])
    fac.append(["Nama", "NIP", "Kode Pelatihan", "Peran"])
    for f in FACILITATORS:
        fac.append(list(f))
    wb.save(path)


def write_sav(path: Path) -> None:
    """Write the observation file (SPSS) with value labels for rater and wave."""
    import pandas as pd
    import pyreadstat

    df = pd.DataFrame({
        "NIP": ["19660801 198803 1 001", "19660801 198803 1 001", "19750315 200003 2 002",
                "19750315 200003 2 002"],
        "Kode_Pelatihan": ["PM", "PM", "PM", "PM"],
        "Penilai": [1.0, 1.0, 3.0, 3.0],
        "Gelombang": [1.0, 2.0, 1.0, 2.0],
        "Tanggal": [dt.date(2026, 1, 15), dt.date(2026, 6, 15), dt.date(2026, 1, 15), dt.date(2026, 6, 16)],
        "ind1": [3.0, 4.0, 2.0, 4.0],
        "ind2": [3.0, 5.0, 3.0, 3.0],
        "Menerapkan": [float("nan"), 1.0, float("nan"), 0.0],
    })
    pyreadstat.write_sav(df, str(path), variable_value_labels={
        "Penilai": {1.0: "atasan", 2.0: "rekan", 3.0: "diri sendiri"},
        "Gelombang": {1.0: "baseline", 2.0: "tindak lanjut"}},
        column_labels={"Penilai": "Penilai", "Gelombang": "Gelombang"})


def make_project(root: Path, year: int = 2026) -> Path:
    """Copy the crafted study into ``root/data/raw/<year>`` and return that folder."""
    raw = root / "data" / "raw" / str(year)
    shutil.copytree(STUDY, raw)
    (root / "notebooks").mkdir(parents=True, exist_ok=True)
    (root / "data" / "processed").mkdir(parents=True, exist_ok=True)
    write_workbook(raw / "penyelenggaraan.xlsx")
    write_sav(raw / "observasi.sav")
    return raw


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (relative path -> hash)."""
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
