"""Studies with only some of the instruments, cut from the bundled 2026 study (issue 10, item 1).

A subset project copies ``data/raw/2026`` into a temporary project and keeps
only the chosen inputs in ``studi.yaml`` (and, for "no costs", drops the cost
column from the programme codebook).  Expected values are computed here from
the raw exports with pandas alone, independently of :mod:`kemuning_eval`.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "2026"
YEAR = 2026
KEY = "test-key-subsets-0123456789abcdef"

EVERYTHING = ("roster", "programs", "facilitators", "benefits", "reaction", "facilitator_ratings", "tests",
              "observations", "outcomes", "interviews", "jp_records")

#: subset name -> instruments kept in studi.yaml
SUBSETS: dict[str, tuple[str, ...]] = {
    "survey_only": ("reaction",),
    "tests_only": ("tests",),
    "survey_tests": ("reaction", "tests"),
    "survey_roster": ("roster", "reaction"),
    "no_costs": tuple(k for k in EVERYTHING if k != "benefits"),  # and no cost column in the programme table
    "everything": EVERYTHING,
}

#: report level -> (anchor of its section, the instrument that measures it)
LEVELS = {
    "reaction": ("reaksi", "reaction"),
    "learning": ("pembelajaran", "tests"),
    "behavior": ("perilaku", "observations"),
    "results": ("hasil-unit", "outcomes"),
    "cost": ("biaya-roi", "costs"),
    "qualitative": ("wawancara", "interviews"),
}

SURVEY = "survei-reaksi-2026.csv"
TESTS = "nilai-pretest-posttest-2026.csv"
WORKBOOK = "data-penyelenggaraan-2026.xlsx"
#: setuju5 labels as the export writes them (any case and spacing) -> score
AGREE = {"sangat setuju": 5, "ss": 5, "setuju": 4, "s": 4, "netral": 3, "n": 3, "ragu-ragu": 3,
         "tidak setuju": 2, "ts": 2, "sangat tidak setuju": 1, "sts": 1}
ITEMS = {"mat_1": ("Materi pelatihan sesuai dengan kebutuhan pekerjaan saya", False),
         "mat_4": ("Materi pelatihan sudah ketinggalan zaman / tidak mutakhir", True)}


def measured(subset: str) -> set[str]:
    """The instruments of ``subset`` that measure something (``costs`` is the programmes' cost column)."""
    keep = set(SUBSETS[subset])
    if "programs" in keep and subset != "no_costs":
        keep.add("costs")
    return keep


def make_project(root: Path, subset: str) -> Path:
    """Write the subset's raw folder and the notebooks under ``root``; return ``root``."""
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    raw = root / "data" / "raw" / str(YEAR)
    shutil.copytree(RAW, raw)
    path = raw / "studi.yaml"
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    cfg["inputs"] = {k: v for k, v in cfg["inputs"].items() if k in SUBSETS[subset]}
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if subset == "no_costs":
        book = raw / "codebook" / "program.yaml"
        data = yaml.safe_load(book.read_text(encoding="utf-8"))
        data["columns"] = [c for c in data["columns"] if c["variable"] != "cost"]
        book.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def ingest(root: Path) -> None:
    from kemuning_eval.ingest.pipeline import ingest_study
    from kemuning_eval.paths import ProjectPaths

    with _key():
        ingest_study(YEAR, paths=ProjectPaths(root))


class _key:
    """Set the pseudonym key for the block (restored afterwards)."""

    def __enter__(self):
        self.old = os.environ.get("KEMUNING_EVAL_KEY")
        os.environ["KEMUNING_EVAL_KEY"] = KEY

    def __exit__(self, *exc):
        if self.old is None:
            os.environ.pop("KEMUNING_EVAL_KEY", None)
        else:
            os.environ["KEMUNING_EVAL_KEY"] = self.old


def _digits(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str).str.replace(r"\D", "", regex=True)


def roster_nips() -> set[str]:
    roster = pd.read_excel(RAW / WORKBOOK, sheet_name="Peserta", header=3, dtype=str)
    return set(_digits(roster["NIP"])) - {""}


def expected_respondents(subset: str) -> int:
    """Distinct (NIP, programme) pairs of the survey; only the roster's people when a roster is given."""
    raw = pd.read_csv(RAW / SURVEY, dtype=str)
    raw = raw.assign(nip=_digits(raw["NIP"]))
    raw = raw[raw["nip"] != ""]
    if "roster" in SUBSETS[subset]:
        raw = raw[raw["nip"].isin(roster_nips())]
    return int(len(raw.drop_duplicates(["nip", "Pelatihan yang diikuti"])))


def expected_item_means(kept_rows: list[int]) -> dict[str, float]:
    """Mean score of the survey items :data:`ITEMS` over the spreadsheet rows ``kept_rows`` (reverse recoded)."""
    raw = pd.read_csv(RAW / SURVEY, dtype=str)
    raw.index = raw.index + 2  # spreadsheet row numbers: the header is row 1
    rows = raw.loc[kept_rows]
    out = {}
    for variable, (header, reverse) in ITEMS.items():
        scores = rows[header].dropna().map(lambda v: AGREE[" ".join(str(v).lower().split())])
        if reverse:
            scores = 6 - scores
        out[variable] = float(scores.mean())
    return out


def expected_test_means(subset: str) -> tuple[int, float, float]:
    """(n, mean pre, mean post) of the participants with both scores (decimal commas, Windows-1252)."""
    raw = pd.read_csv(RAW / TESTS, sep=";", decimal=",", encoding="cp1252", dtype={"NIP": str})
    raw = raw.assign(nip=_digits(raw["NIP"]))
    if "roster" in SUBSETS[subset]:
        raw = raw[raw["nip"].isin(roster_nips())]
    both = raw.dropna(subset=["Nilai Pre-Test", "Nilai Post-Test"])
    return int(len(both)), float(both["Nilai Pre-Test"].mean()), float(both["Nilai Post-Test"].mean())


@functools.lru_cache(maxsize=1)
def identifiers() -> frozenset[str]:
    """Every name, NIP (with and without spaces), phone number and e-mail in the raw exports."""
    frames = [pd.read_excel(RAW / WORKBOOK, sheet_name=s, header=h, dtype=str)
              for s, h in (("Peserta", 3), ("Fasilitator", 0))]
    frames.append(pd.read_csv(RAW / SURVEY, dtype=str))
    frames.append(pd.read_csv(RAW / TESTS, sep=";", encoding="cp1252", dtype=str))
    return frozenset(identifiers_in(frames))


def identifiers_in(frames: list[pd.DataFrame]) -> set[str]:
    """Values (6+ characters) of the name, NIP, phone and e-mail columns of ``frames``; NIPs also without spaces."""
    found: set[str] = set()
    for frame in frames:
        for column in frame.columns:
            if re.search(r"nama|nip|hp|telepon|email", str(column), re.I):
                for value in frame[column].dropna():
                    text = str(value).strip()
                    found.add(text)
                    if re.fullmatch(r"[\d .]+", text):
                        found.add(re.sub(r"\D", "", text))
    return {v for v in found if len(v) >= 6}


def visible_text(html: str) -> str:
    """The text a reader sees: no styles, scripts or embedded images; tags removed, entities decoded."""
    import html as htmllib

    body = re.sub(r"<style.*?</style>|<script.*?</script>|data:image/[A-Za-z0-9+/=;,]+", " ", html, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def section_html(html: str, anchor: str, *, chapter: bool = False) -> str:
    """The HTML of the section with heading ``id=anchor``, up to the next heading.

    With ``chapter``, up to the next chapter heading (``h1``/``h2``): the chapter with its numbered subsections.
    """
    stop = "[12]" if chapter else "[1-3]"
    match = re.search(rf'<h[23][^>]*id="{anchor}"[^>]*>.*?</h[23]>(.*?)(?=<h{stop}[ >])', html, flags=re.S)
    assert match, f"section {anchor!r} not found"
    return match.group(1)


#: a zero, "nan" or placeholder standing in for something not measured, in the text a reader sees
FORBIDDEN = [
    r"\bnan\b", r"\bNaN\b", r"\bNone\b", r"\{", r"\}",
    r"Rp ?0\b", r"\b0 (peserta|JP|program|responden|fasilitator|kursi|pendaftar|tantangan)\b",
    r"(–|-) dari peserta", r" di \.", r"^ ?menyelenggarakan",
]


def assert_honest_page(html: str) -> None:
    """No "nan", placeholder or zero for missing data in the visible text of a page."""
    text = visible_text(html)
    for pattern in FORBIDDEN:
        hit = re.search(pattern, text)
        assert hit is None, f"{pattern!r}: ...{text[max(0, hit.start() - 80):hit.end() + 80]}..."


def assert_honest_metrics(m: dict) -> None:
    """No NaN, infinity or the text "nan"/"None" anywhere in the metrics."""
    import json

    assert not re.search(r'\bNaN\b|Infinity|"nan"|"None"', json.dumps(m, ensure_ascii=False))


def assert_unmeasured_sections(html: str, have: set[str]) -> None:
    """Each level whose instrument is not in ``have`` is one "not measured" sentence, named in the method."""
    from kemuning_eval.i18n import t

    method = visible_text(section_html(html, "metode", chapter=True))  # BAB III with its subsections 3.1-3.6
    for level, (anchor, instrument) in LEVELS.items():
        body = section_html(html, anchor)
        if instrument in have:
            assert "tidak diukur tahun ini" not in body, level
            continue
        assert body.count("<p") == 1 and "<table" not in body and "<figure" not in body, level
        assert "tidak diukur tahun ini" in visible_text(body), level
        assert t(f"measured.instrument.{instrument}", "id") in method.split("Tidak dikumpulkan tahun ini:")[1], level
    if "observations" not in have:
        conclusion = visible_text(section_html(html, "kesimpulan"))
        assert "tempat kerja masih perlu" not in conclusion and "menerapkan hasilnya" not in conclusion


def leaks(root: Path, needles: set[str] | frozenset[str]) -> list[tuple[str, str]]:
    """(file, value) for every value of ``needles`` found in ``data/processed`` or ``reports`` under ``root``."""
    outputs = [p for p in (root / "data" / "processed").rglob("*") if p.is_file()]
    outputs += [p for p in (root / "reports").rglob("*") if p.is_file()]
    found = []
    for path in outputs:
        text = (pd.read_parquet(path).to_csv(index=False) if path.suffix == ".parquet"
                else path.read_bytes().decode("utf-8", errors="ignore"))
        found += [(path.name, v) for v in needles if v in text]
    return found
