"""Speed check of ingestion on a large raw study (a script, not a test).

Writes a seeded raw study with N participants into a temporary project: a
roster CSV (name, NIP with spaces, programme, unit, attendance), a Google
Forms-style reaction CSV (30 Likert items as Indonesian labels and
abbreviations, a free-text column) and a test-score CSV (``;``, decimal
comma), with codebooks and ``studi.yaml``; then times
:func:`kemuning_eval.ingest.pipeline.ingest_study` end to end (read, codebook,
NIP checks, pseudonyms, duplicates, linking, scrubbing, atomic parquet write).
Target: well under a minute for 1,000,000 participants on a 2-core machine.

Run::

    .venv/bin/python benchmarks/bench_ingest.py [--participants 1000000] [--seed 2026]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

LABELS = np.array(["Sangat Setuju", "Setuju", "Netral", "Tidak Setuju", "Sangat Tidak Setuju", "SS", "s",
                   " setuju "])
N_ITEMS = 30


def unique_nips(n: int, rng: np.random.Generator) -> pd.Series:
    """Return n distinct valid PNS NIPs written with spaces."""
    birth = pd.Timestamp("1965-01-01") + pd.to_timedelta(rng.permutation(n) % 12000, unit="D")
    idx = np.arange(n)
    seq = pd.Series(idx % 999 + 1).map("{:03d}".format).to_numpy()
    month = pd.Series(idx // 999 % 12 + 1).map("{:02d}".format).to_numpy()
    year = (birth.year + 20 + idx // (999 * 12) % 10).astype(str)
    gender = np.where(idx % 2 == 0, "1", "2")
    nip = pd.Series(birth.strftime("%Y%m%d")).to_numpy() + " " + year + month + " " + gender + " " + seq
    return pd.Series(nip).drop_duplicates()


def write_study(root: Path, n: int, seed: int) -> None:
    """Write the raw study of ``n`` participants under ``root``."""
    rng = np.random.default_rng(seed)
    raw = root / "data" / "raw" / "2026"
    (raw / "codebook").mkdir(parents=True)
    (root / "notebooks").mkdir()
    nip = unique_nips(n, rng)
    m = len(nip)
    programs = np.array(["PM", "PL", "KP", "LD"])[rng.integers(0, 4, m)]
    pd.DataFrame({"Nama": "Peserta " + pd.Series(np.arange(m)).astype(str), "NIP": nip.to_numpy(),
                  "Kode Pelatihan": programs,
                  "Unit Kerja": "Unit " + pd.Series(rng.integers(0, 50, m)).astype(str),
                  "Kehadiran (%)": rng.integers(50, 101, m)}).to_csv(raw / "peserta.csv", index=False)
    react = pd.DataFrame({"Stempel waktu": "01/03/2026 10:15:30", "NIP": nip.to_numpy(), "Pelatihan": programs})
    for i in range(N_ITEMS):
        react[f"Pertanyaan {i}"] = LABELS[rng.integers(0, len(LABELS), m)]
    react["Saran"] = np.array(["Bagus", "Ruangan panas", "", "Terima kasih"])[rng.integers(0, 4, m)]
    react.to_csv(raw / "reaksi.csv", index=False)
    pd.DataFrame({"NIP": nip.to_numpy(), "Kode Pelatihan": programs,
                  "Pre": (rng.random(m) * 100).round(1), "Post": (rng.random(m) * 100).round(1)}
                 ).to_csv(raw / "tes.csv", index=False, sep=";", decimal=",")
    (raw / "codebook" / "peserta.yaml").write_text(
        "columns:\n"
        "  - {raw: Nama, variable: name, type: text, pii: name}\n"
        "  - {raw: NIP, variable: nip, type: nip, pii: nip, required: true}\n"
        "  - {raw: Kode Pelatihan, variable: program_id, type: category, required: true}\n"
        "  - {raw: Unit Kerja, variable: unit, type: category}\n"
        "  - {raw: Kehadiran (%), variable: attendance, type: percent}\n", encoding="utf-8")
    items = "".join(f"  - {{raw: 'Pertanyaan {i}', variable: q_{i}, type: likert, scale: setuju5, "
                    f"dimension: d{i % 5}}}\n" for i in range(N_ITEMS))
    (raw / "codebook" / "reaksi.yaml").write_text(
        "columns:\n"
        "  - {raw: Stempel waktu, variable: submitted_at, type: datetime, format: '%d/%m/%Y %H:%M:%S'}\n"
        "  - {raw: NIP, variable: nip, type: nip, pii: nip, required: true}\n"
        "  - {raw: Pelatihan, variable: program_id, type: category}\n" + items +
        "  - {raw: Saran, variable: suggestion, type: freetext}\n", encoding="utf-8")
    (raw / "codebook" / "tes.yaml").write_text(
        "columns:\n"
        "  - {raw: NIP, variable: nip, type: nip, pii: nip, required: true}\n"
        "  - {raw: Kode Pelatihan, variable: program_id, type: category}\n"
        "  - {raw: Pre, variable: pre, type: number, min: 0, max: 100}\n"
        "  - {raw: Post, variable: post, type: number, min: 0, max: 100}\n", encoding="utf-8")
    (raw / "studi.yaml").write_text(
        "study: {year: 2026}\ninputs:\n"
        "  roster: {file: peserta.csv, codebook: codebook/peserta.yaml}\n"
        "  reaction: {file: reaksi.csv, codebook: codebook/reaksi.yaml}\n"
        "  tests: {file: tes.csv, codebook: codebook/tes.yaml}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    from kemuning_eval.ingest.pipeline import ingest_study
    from kemuning_eval.paths import ProjectPaths

    os.environ.setdefault("KEMUNING_EVAL_KEY", "benchmark-key-not-secret-0123456789")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        write_study(root, args.participants, args.seed)
        t1 = time.perf_counter()
        result = ingest_study(2026, paths=ProjectPaths(root))
        t2 = time.perf_counter()
    print(f"raw study written in {t1 - t0:.1f} s")
    print(f"ingest_study: {t2 - t1:.1f} s  tables: {result.tables}")


if __name__ == "__main__":
    main()
