"""Qualitative evidence: keyword coding rule, frequencies, co-occurrence, quotes.

References: frequencies and co-occurrence are recomputed independently with
plain Python (collections.Counter / itertools over the raw ``;`` codes); the
keyword rule is checked case by case against its documented definition;
scrubbing against the patterns of kemuning_eval.scrub.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pandas as pd
import pytest

from kemuning_eval.errors import ConfigError, UsageError
from kemuning_eval.stats.qualitative import (
    code_suggestions,
    code_text,
    load_themes,
    representative_quotes,
    theme_cooccurrence,
    theme_frequencies,
)

BOOK = {"themes": {
    "anggaran_terbatas": {"label": {"id": "Anggaran terbatas", "en": "Limited budget"},
                          "keywords": ["anggaran", "dana", "kuota"]},
    "materi_usang": {"label": {"id": "Materi usang", "en": "Outdated material"},
                     "keywords": ["usang", "regulasi terbaru", "kadaluarsa"]},
    "kemitraan": {"label": {"id": "Kemitraan", "en": "Partnerships"}, "keywords": ["kerja sama", "mitra"]},
}}


def interviews() -> pd.DataFrame:
    themes = ["anggaran_terbatas", "anggaran_terbatas;materi_usang", "materi_usang", "kemitraan;anggaran_terbatas",
              "anggaran_terbatas", "materi_usang;kemitraan", "anggaran_terbatas", "", "kemitraan",
              "anggaran_terbatas;materi_usang", "materi_usang", "anggaran_terbatas"]
    roles = ["Pengelola"] * 6 + ["Fasilitator"] * 6
    progs = ["PM"] * 5 + ["LD"] + ["PM"] * 6
    texts = [f"Kutipan nomor {i} tentang anggaran dan kuota kelas yang terbatas." for i in range(12)]
    return pd.DataFrame({"excerpt_id": [f"E{i}" for i in range(12)], "role": roles, "program_id": progs,
                         "text": texts, "themes": themes})


@pytest.mark.parametrize(("text", "expected"), [
    ("ANGGARAN kurang", "anggaran_terbatas"),
    ("Dana, kuota!", "anggaran_terbatas"),
    ("danau di dekat kantor", ""),  # word boundary: 'dana' is not in 'danau'
    ("Sesuai REGULASI   terbaru", "materi_usang"),  # phrase, any white space
    ("modul kadaluársa", "materi_usang"),  # diacritics ignored
    ("kerjasama", ""),  # no stemming / no joining: the keyword is 'kerja sama'
    ("Mitra dan anggaran", "anggaran_terbatas;kemitraan"),  # codebook order
    (None, ""),
])
def test_keyword_rule(text, expected):
    assert code_text(pd.Series([text]), BOOK).iloc[0] == expected


def test_load_themes_and_bad_codebook(tmp_path):
    table = load_themes(BOOK)
    assert table["code"].tolist() == ["anggaran_terbatas", "materi_usang", "kemitraan"]
    path = tmp_path / "tema.yaml"
    path.write_text("themes:\n  a: {label: A, keywords: [x]}\n", encoding="utf-8")
    assert load_themes(path)["label_en"].tolist() == ["A"]
    with pytest.raises(ConfigError):
        load_themes({"a": {"keywords": "x"}})
    with pytest.raises(ConfigError):
        load_themes(tmp_path / "missing.yaml")


def test_code_suggestions_layout():
    reaction = pd.DataFrame({"response_id": ["r1", "r2", "r3"], "program_id": ["PM", "LD", "PM"],
                             "suggestion": ["Kuota ditambah", None, "Perlu kerja sama dengan kampus"]})
    res = code_suggestions(reaction, BOOK)
    assert res.columns.tolist() == ["excerpt_id", "role", "program_id", "text", "themes"]
    assert res["themes"].tolist() == ["anggaran_terbatas", "kemitraan"]


def test_frequencies_match_plain_python_count():
    data = interviews()
    res = theme_frequencies(data, by="role", codebook=BOOK, min_n=1)
    for role, block in data.groupby("role"):
        counts = Counter(code for cell in block["themes"] for code in cell.split(";") if code)
        for code in ("anggaran_terbatas", "materi_usang", "kemitraan"):
            row = res[(res["role"] == role) & (res["theme"] == code)].iloc[0]
            assert row["count"] == counts[code] and row["n"] == len(block)
            assert row["share"] == pytest.approx(counts[code] / len(block))
    assert set(res["theme"]) == {"anggaran_terbatas", "materi_usang", "kemitraan"}
    assert "label" not in res.columns  # theme labels are the wording layer's (codebook)


def test_frequencies_suppress_small_role_programme_cells():
    res = theme_frequencies(interviews(), codebook=BOOK)  # role x programme, min_n = 5
    ld = res[(res["role"] == "Pengelola") & (res["program_id"] == "LD")]
    assert (ld["n"] == 1).all() and ld["suppressed"].all() and ld["count"].isna().all()
    # the Pengelola x PM cell (n = 5) would reveal it from the Pengelola total: hidden too
    pm = res[(res["role"] == "Pengelola") & (res["program_id"] == "PM")]
    assert (pm["suppression"] == "secondary").all()
    # ... and then Fasilitator x PM, the only other cell of the PM programme column
    fac = res[(res["role"] == "Fasilitator")]
    assert (fac["suppression"] == "secondary").all()
    overall = theme_frequencies(interviews(), by=None, codebook=BOOK)
    assert not overall["suppressed"].any() and (overall["n"] == 12).all()


def test_cooccurrence_matches_pairs_counted_by_hand():
    data = interviews()
    res = theme_cooccurrence(data, codebook=BOOK).set_index(["theme_a", "theme_b"])
    pairs = Counter()
    for cell in data["themes"]:
        codes = sorted({c for c in cell.split(";") if c})
        for a, b in itertools.product(codes, repeat=2):
            pairs[(a, b)] += 1
    for (a, b), row in res.iterrows():
        assert row["count"] == pairs[(a, b)]
        either = pairs[(a, a)] + pairs[(b, b)] - pairs[(a, b)]
        assert row["jaccard"] == pytest.approx(pairs[(a, b)] / either)
    assert (res["n"] == 12).all()


def test_quotes_are_deterministic_scrubbed_and_unattributed():
    data = interviews()
    data.loc[7, "themes"] = "anggaran_terbatas"
    data.loc[7, "text"] = "Anggaran kurang; hubungi a.b@mail.go.id atau 0812-3456-7890, NIP 19660801 198803 1 001."
    a = representative_quotes(data, codebook=BOOK, per_theme=3, seed=1)
    b = representative_quotes(data, codebook=BOOK, per_theme=3, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert a.columns.tolist() == ["theme", "rank", "role", "program_id", "text", "keyword_hits"]
    text = " ".join(a["text"])
    assert "@" not in text and "0812" not in text and "19660801" not in text
    assert "LD" not in set(a["program_id"])  # cells with < min_n excerpts give no quotes
    assert (a.groupby("theme")["rank"].max() <= 3).all()
    # most typical first: the quote with the most keywords of the theme
    top = a[a["theme"] == "anggaran_terbatas"].iloc[0]
    assert top["keyword_hits"] == a.loc[a["theme"] == "anggaran_terbatas", "keyword_hits"].max()
    with pytest.raises(UsageError):
        representative_quotes(data, min_chars=50, max_chars=10)
