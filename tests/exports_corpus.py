"""A corpus of real-shaped exports of fake people, and the truth to test ingestion against.

Run ``python tests/exports_corpus.py`` to (re)write the text files of
``tests/fixtures/exports/`` (CSV exports, codebooks, ``studi.yaml``).  The two
workbooks (Microsoft Forms, the organiser's roster) are binary and, as
everywhere in this repository, are not committed: :func:`assemble` writes
them when it builds a study.  Everything is deterministic (fixed seeds, fixed
dates); every person is invented.

Each export holds, on purpose: exact duplicates (same answers submitted
twice, the NIP spelled another way), corrected resubmissions (a later
submission changing answers; one of them without the NIP but with the same
e-mail), NIPs in several spellings, two invalid NIPs, a negatively worded
item (``reverse: true`` in the codebook), and free text with names, phone
numbers, e-mails and HTML.

:data:`TRUTH` holds, per export, what a correct ingestion must give: rows,
respondents after de-duplication, exact duplicates and corrected
resubmissions dropped, and the final answers of each person (scores after
reverse recoding) from which the tests compute item means on their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent / "fixtures" / "exports"
YEAR = 2026

# ------------------------------------------------------------------ people
_FIRST = ["Budi", "Siti", "Ahmad", "Dewi", "Rudi", "Wati", "Agus", "Rina", "Joko", "Lestari", "Hendro",
          "Yuliani", "Bambang", "Fitri", "Slamet", "Ratna"]
_LAST = ["Santoso", "Aminah", "Hidayat", "Kusuma", "Hartono", "Susanti", "Prasetyo", "Marlina", "Wicaksono",
         "Rahayu", "Saputro", "Anggraeni", "Wibowo", "Handayani", "Nugroho", "Puspita"]
PROGRAMS = [("PM-01", "Manajemen Proyek"), ("PL-02", "Pelayanan Publik Prima")]


@dataclass(frozen=True)
class Person:
    """One fake civil servant."""

    no: int
    name: str
    nip: str          # as the roster writes it (with spaces)
    email: str
    phone: str
    program: str      # code
    unit: str
    valid: bool


def _people() -> list[Person]:
    out = []
    for i in range(16):
        birth = dt.date(1970 + i, 1 + i % 12, 1 + (3 * i) % 28)
        appt = f"{birth.year + 22}{1 + (i * 5) % 12:02d}"
        nip = f"{birth:%Y%m%d} {appt} {1 + i % 2} {i + 1:03d}"
        valid = True
        if i == 4:    # month 13 in the birth date
            nip, valid = f"{birth.year}13{birth.day:02d} {appt} 1 005", False
        if i == 11:   # appointed before birth
            nip, valid = f"{birth:%Y%m%d} {birth.year - 1}03 2 012", False
        name = f"{_FIRST[i]} {_LAST[i]}" if i != 3 else "Dewi Kusuma Andr\u00e9"
        out.append(Person(i + 1, name, nip, f"{_FIRST[i].lower()}.{_LAST[i].lower()}@contoh.go.id",
                          f"0812-{3000 + 17 * i:04d}-{7000 + 31 * i:04d}", PROGRAMS[i % 2][0],
                          ["Dinas Kesehatan", "Dinas Pendidikan", "Bappeda"][i % 3], valid))
    return out


PEOPLE = _people()


def spellings(nip: str, k: int) -> str:
    """The k-th way an export writes a NIP (spaces, none, dashes, dots, apostrophe, NIP. prefix)."""
    digits = nip.replace(" ", "")
    parts = nip.split(" ")
    return [nip, digits, "-".join(parts), ".".join(parts), "'" + digits, f" {nip} "][k % 6]


def pii_values() -> dict[str, list[str]]:
    """Every name, NIP spelling, phone and e-mail of the corpus (for privacy scans)."""
    out: dict[str, list[str]] = {"name": [], "nip": [], "phone": [], "email": []}
    for p in PEOPLE:
        out["name"].append(p.name)
        out["nip"] += sorted({spellings(p.nip, k).strip() for k in range(6)})
        out["phone"] += [p.phone, p.phone.replace("-", "")]
        out["email"].append(p.email)
    return out


# ------------------------------------------------------------------ the survey
#: (variable, question, scale, dimension, reverse)
ITEMS = [
    ("mat_1", "Materi pelatihan sesuai dengan kebutuhan pekerjaan saya", "setuju5", "materi", False),
    ("mat_2", "Materi mudah dipahami", "setuju5", "materi", False),
    ("mat_3", "Bahan ajar tersedia tepat waktu", "setuju5", "materi", False),
    ("mat_4", "Materi pelatihan sudah ketinggalan zaman", "setuju5", "materi", True),
    ("fas_1", "Fasilitator menguasai materi", "setuju5", "fasilitator", False),
    ("fas_2", "Fasilitator menjawab pertanyaan dengan jelas", "setuju5", "fasilitator", False),
    ("fas_3", "Fasilitator memotivasi peserta", "setuju5", "fasilitator", False),
    ("puas", "Kepuasan terhadap pelatihan secara keseluruhan", "kepuasan4", "kepuasan", False),
]
IKM = [("ikm_persyaratan", "Kesesuaian persyaratan pelayanan", "persyaratan"),
       ("ikm_prosedur", "Kemudahan prosedur pelayanan", "prosedur"),
       ("ikm_waktu", "Kecepatan waktu pelayanan", "waktu"),
       ("ikm_biaya", "Kewajaran biaya/tarif pelayanan", "biaya"),
       ("ikm_produk", "Kesesuaian produk pelayanan", "produk"),
       ("ikm_kompetensi", "Kompetensi petugas pelayanan", "kompetensi"),
       ("ikm_perilaku", "Perilaku petugas pelayanan (kesopanan dan keramahan)", "perilaku"),
       ("ikm_pengaduan", "Penanganan pengaduan, saran dan masukan", "pengaduan"),
       ("ikm_sarana", "Kualitas sarana dan prasarana", "sarana")]
_LABELS = {
    "setuju5": {5: ["Sangat Setuju", " sangat setuju ", "SANGAT SETUJU.", "SS"],
                4: ["Setuju", "setuju ", "S", "Setuju."],
                3: ["Netral", "Ragu-ragu", "ragu ragu", "N"],
                2: ["Tidak Setuju", "tidak  setuju", "TS"],
                1: ["Sangat Tidak Setuju", "STS", "sangat tidak setuju"]},
    "kepuasan4": {4: ["Sangat Puas", "sangat puas", "SP"], 3: ["Puas", "puas "], 2: ["Kurang Puas", "KP"],
                  1: ["Tidak Puas", "TP"]},
}
_KOBO = {"setuju5": {5: "sangat_setuju", 4: "setuju", 3: "netral", 2: "tidak_setuju", 1: "sangat_tidak_setuju"},
         "kepuasan4": {4: "sangat_puas", 3: "puas", 2: "kurang_puas", 1: "tidak_puas"}}
_TEXTS = [
    "Pak {first} sangat membantu; hubungi saya di {phone} atau {email}",
    "<b>Materi bagus</b>, tambah waktu praktik <script>alert('x')</script>",
    "NIP saya {nip}, mohon sertifikat dikirim ke {email}",
    "Ruang kelas panas &amp; proyektor buram",
    "Bu {first} {last} menjelaskan dengan sabar <br> terima kasih",
    "",
]


@dataclass
class Submission:
    """One row of a survey export."""

    person: Person
    when: dt.datetime            # local time (WIB, UTC+7) unless tz says otherwise
    answers: dict[str, int]      # raw scores as the person ticked them (before reverse recoding)
    text: str
    nip_spelling: int
    with_nip: bool = True
    tz_hours: int = 7
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Truth:
    """What a correct ingestion of one export gives."""

    rows: int
    respondents: int
    exact: int
    corrected: int
    final: dict[str, dict[str, float]]   # person name -> variable -> stored score (reverse applied)
    invalid_nips: int = 2


def _score(rng: random.Random, level: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, round(level + rng.gauss(0, 0.6))))


def _answers(rng: random.Random) -> dict[str, int]:
    level = rng.uniform(2.6, 4.8)
    out = {}
    for var, _, scale, _, reverse in ITEMS:
        hi = 5 if scale == "setuju5" else 4
        s = _score(rng, level if hi == 5 else level * 0.8, 1, hi)
        out[var] = (hi + 1 - s) if reverse else s
    for var, _, _ in IKM:
        out[var] = _score(rng, level * 0.8, 1, 4)
    return out


def _stored(answers: dict[str, int]) -> dict[str, float]:
    out = {}
    for var, _, scale, _, reverse in ITEMS:
        hi = 5 if scale == "setuju5" else 4
        out[var] = float(hi + 1 - answers[var]) if reverse else float(answers[var])
    for var, _, _ in IKM:
        out[var] = float(answers[var])
    return out


def survey(seed: int, respondents: list[int]) -> tuple[list[Submission], Truth]:
    """Submissions of the given people with 2 exact duplicates and 2 corrected resubmissions."""
    rng = random.Random(seed)
    subs = []
    start = dt.datetime(YEAR, 3, 9, 8, 0, 0)
    for j, i in enumerate(respondents):
        p = PEOPLE[i]
        when = start + dt.timedelta(days=j % 8, hours=rng.randint(0, 8), minutes=rng.randint(0, 59),
                                    seconds=rng.randint(0, 59))
        text = _TEXTS[j % len(_TEXTS)]
        subs.append(Submission(p, when, _answers(rng), text, j))
    final = {s.person.name: _stored(s.answers) for s in subs}
    # two exact duplicates: the same answers sent again 20-50 seconds later, NIP spelled otherwise
    for s in (subs[1], subs[6]):
        subs.append(Submission(s.person, s.when + dt.timedelta(seconds=20 + len(subs)), dict(s.answers),
                               s.text, s.nip_spelling + 1))
    # two corrected resubmissions: later, two answers changed; the second without NIP (same e-mail)
    for k, s in enumerate((subs[2], subs[9])):
        fixed = dict(s.answers)
        fixed["mat_1"] = 5 if fixed["mat_1"] != 5 else 4
        fixed["puas"] = 4 if fixed["puas"] != 4 else 3
        subs.append(Submission(s.person, s.when + dt.timedelta(hours=3), fixed, s.text, s.nip_spelling + 2,
                               with_nip=k == 0))
        final[s.person.name] = _stored(fixed)
    order = sorted(range(len(subs)), key=lambda n: subs[n].when)
    subs = [subs[n] for n in order]
    for n, s in enumerate(subs):
        s.labels = {var: _label(rng, scale, s.answers[var], n) for var, _, scale, _, _ in ITEMS}
    return subs, Truth(len(subs), len(respondents), 2, 2, final)


def _label(rng: random.Random, scale: str, score: int, n: int) -> str:
    options = _LABELS[scale][score]
    return options[(n + rng.randint(0, 3)) % len(options)]


def _free_text(s: Submission) -> str:
    first, last = s.person.name.split(" ")[:2]
    return s.text.format(first=first, last=last, phone=s.person.phone, email=s.person.email,
                         nip=s.person.nip)


def _program_name(s: Submission, messy: bool) -> str:
    name = dict(PROGRAMS)[s.person.program]
    if messy and s.nip_spelling % 3 == 1:
        return "  " + name.lower().replace(" ", "  ")
    return name


# ------------------------------------------------------------------ writers
def _csv_text(header: list[str], rows: list[list[str]], *, sep: str = ",", quote_all: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def google_forms_id() -> tuple[str, Truth]:
    """Google Forms' own CSV download, Indonesian locale: ``2026/03/10 13:29:02 GMT+7``."""
    subs, truth = survey(101, list(range(0, 14)))
    header = ["Stempel waktu", "Alamat email", "Nama Lengkap", "NIP", "Pelatihan yang diikuti",
              *[q for _, q, _, _, _ in ITEMS], *[q for _, q, _ in IKM], "Saran dan masukan"]
    rows = []
    for s in subs:
        rows.append([f"{s.when:%Y/%m/%d %H:%M:%S} GMT+7", s.person.email, s.person.name,
                     spellings(s.person.nip, s.nip_spelling) if s.with_nip else "", _program_name(s, True),
                     *[s.labels[v] for v, *_ in ITEMS], *[str(s.answers[v]) for v, _, _ in IKM], _free_text(s)])
    return _csv_text(header, rows), truth


def google_forms_en() -> tuple[str, Truth]:
    """A Google Sheets CSV in US English: ``3/10/2026 1:29:02 PM``, English metadata headers."""
    subs, truth = survey(202, list(range(2, 16)))
    header = ["Timestamp", "Email Address", "Full name", "NIP", "Programme",
              *[q for _, q, _, _, _ in ITEMS], *[q for _, q, _ in IKM], "Comments and suggestions"]
    rows = []
    for s in subs:
        hour = s.when.hour % 12 or 12
        stamp = f"{s.when.month}/{s.when.day}/{s.when.year} {hour}:{s.when:%M:%S} {'PM' if s.when.hour >= 12 else 'AM'}"
        rows.append([stamp, s.person.email, s.person.name,
                     spellings(s.person.nip, s.nip_spelling) if s.with_nip else "", _program_name(s, False),
                     *[s.labels[v] for v, *_ in ITEMS], *[str(s.answers[v]) for v, _, _ in IKM], _free_text(s)])
    return _csv_text(header, rows, quote_all=False), truth


def kobo() -> tuple[str, Truth]:
    """A KoboToolbox CSV export (XML names, ``;``): group paths, ``start``/``end``, ``_uuid``..."""
    subs, truth = survey(303, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    header = ["start", "end", "today", "grp_identitas/nama", "grp_identitas/nip", "grp_identitas/email",
              "grp_identitas/pelatihan", *[f"grp_penilaian/{v}" for v, *_ in ITEMS],
              *[f"grp_ikm/{v}" for v, _, _ in IKM], "grp_saran/saran", "_id", "_uuid", "_submission_time",
              "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"]
    rows = []
    for n, s in enumerate(subs):
        tz = 8 if n % 5 == 4 else 7  # some enumerators' tablets were on WITA (UTC+8)
        end = s.when + dt.timedelta(hours=tz - 7)
        begin = end - dt.timedelta(minutes=6, seconds=17)
        utc = s.when - dt.timedelta(hours=7) + dt.timedelta(seconds=40)
        rows.append([f"{begin:%Y-%m-%dT%H:%M:%S}.{n:03d}+0{tz}:00", f"{end:%Y-%m-%dT%H:%M:%S}.{n:03d}+0{tz}:00",
                     f"{end:%Y-%m-%d}", s.person.name, spellings(s.person.nip, s.nip_spelling) if s.with_nip else "",
                     s.person.email, dict(PROGRAMS)[s.person.program].lower().replace(" ", "_"),
                     *[_KOBO[scale][s.answers[v]] for v, _, scale, _, _ in ITEMS],
                     *[str(s.answers[v]) for v, _, _ in IKM], _free_text(s), str(41000 + n),
                     f"{n:08x}-1111-4222-8333-{n:012x}", f"{utc:%Y-%m-%dT%H:%M:%S}", "", "", "submitted_via_web",
                     "", "vAbC123", "", str(n + 1)])
    return _csv_text(header, rows, sep=";", quote_all=True), truth


def microsoft_forms_rows() -> tuple[list[str], list[list], Truth]:
    """The rows of a Microsoft Forms workbook (``ID``, ``Start time``, ``Completion time`` as dates)."""
    subs, truth = survey(404, list(range(1, 15)))
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "NIP",
              "Kode Pelatihan", *[q for _, q, _, _, _ in ITEMS], *[q for _, q, _ in IKM], "Saran dan masukan"]
    rows = []
    for n, s in enumerate(subs):
        rows.append([n + 1, s.when - dt.timedelta(minutes=5), s.when, s.person.email, s.person.name, None,
                     spellings(s.person.nip, s.nip_spelling) if s.with_nip else None, s.person.program,
                     *[s.labels[v] for v, *_ in ITEMS], *[s.answers[v] for v, _, _ in IKM], _free_text(s) or None])
    return header, rows, truth


@dataclass
class ScoreRow:
    person: Person
    pre: float
    post: float
    spelling: int
    day: int


def score_rows() -> tuple[list[ScoreRow], Truth]:
    """Pre/post scores of 14 people, 2 exact repeats, 2 corrections later in the file."""
    rng = random.Random(505)
    rows = []
    for j, i in enumerate(range(0, 16, 1)):
        if i in (7, 14):
            continue
        pre = round(rng.uniform(45, 80) * 2) / 2
        post = min(100.0, round((pre + rng.uniform(-3, 20)) * 2) / 2)
        rows.append(ScoreRow(PEOPLE[i], pre, post, j, 9 + j % 8))
    final = {r.person.name: {"pre": r.pre, "post": r.post} for r in rows}
    extra = [ScoreRow(rows[3].person, rows[3].pre, rows[3].post, rows[3].spelling + 1, rows[3].day),
             ScoreRow(rows[8].person, rows[8].pre, rows[8].post, rows[8].spelling + 1, rows[8].day)]
    for r in (rows[5], rows[10]):  # the post-test was keyed wrongly, then re-entered
        fixed = ScoreRow(r.person, r.pre, min(100.0, r.post + 7.5), r.spelling + 2, r.day)
        extra.append(fixed)
        final[r.person.name] = {"pre": fixed.pre, "post": fixed.post}
    return rows + extra, Truth(len(rows) + 4, len(rows), 2, 2, final)


def _comma(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def scores_csv() -> tuple[bytes, Truth]:
    """An Excel sheet saved as CSV: title rows, ``;``, decimal commas, Windows-1252."""
    rows, truth = score_rows()
    lines = ["REKAP NILAI PRE-TEST DAN POST-TEST;;;;;;;", "BPSDM Kabupaten Kemuning \u2013 Tahun 2026;;;;;;;",
             ";;;;;;;", "No;NIP;Nama Peserta;Kode Pelatihan;Tanggal Tes;Nilai Pre-Test;Nilai Post-Test;Catatan"]
    for n, r in enumerate(rows, start=1):
        note = f"telp {r.person.phone}" if n % 4 == 0 else ("<i>susulan</i>" if n % 5 == 0 else "")
        lines.append(";".join([str(n), spellings(r.person.nip, r.spelling).strip(), r.person.name,
                               r.person.program, f"{r.day:02d}/03/{YEAR}", _comma(r.pre), _comma(r.post), note]))
    return ("\r\n".join(lines) + "\r\n").encode("cp1252"), truth


# ------------------------------------------------------------------ roster, programmes, benefits
def write_roster(path: Path) -> None:
    """The organiser's workbook, sheet ``Peserta`` with title rows (every person of the corpus)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Peserta"
    ws.append(["DAFTAR PESERTA PELATIHAN TAHUN 2026"])
    ws.append([])
    ws.append(["No", "Nama", "NIP", "Jenis Kelamin", "Unit Kerja", "Kode Pelatihan", "Kehadiran (%)",
               "No. HP", "Email"])
    for p in PEOPLE:
        ws.append([p.no, p.name, p.nip, "L" if p.no % 2 else "P", p.unit, p.program, 80 + p.no % 20,
                   p.phone, p.email])
    wb.save(path)


def write_msforms(path: Path) -> None:
    """The Microsoft Forms workbook (``Sheet1``)."""
    from openpyxl import Workbook

    header, rows, _ = microsoft_forms_rows()
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)


def programs_csv(with_cost: bool) -> str:
    header = ["Kode Pelatihan", "Nama Pelatihan", "JP", "Tanggal Mulai", "Tanggal Selesai", "Kuota",
              "Jumlah Pendaftar", "Nilai Kelulusan"] + (["Biaya (Rp)"] if with_cost else [])
    rows = [["PM-01", "Manajemen Proyek", "40", "09/03/2026", "13/03/2026", "10", "14", "70"],
            ["PL-02", "Pelayanan Publik Prima", "30", "16/03/2026", "19/03/2026", "10", "11", "70"]]
    if with_cost:
        rows[0].append("Rp 45.000.000")
        rows[1].append("Rp 30.500.000")
    return _csv_text(header, rows, sep=";", quote_all=False)


def benefits_csv() -> str:
    return _csv_text(["Kode Pelatihan", "Uraian Manfaat", "Nilai Manfaat per Tahun (Rp)", "Atribusi (%)",
                      "Keyakinan (%)"],
                     [["PM-01", "Penghematan anggaran proyek", "Rp 120.000.000", "50", "80"],
                      ["PL-02", "Waktu layanan lebih singkat", "Rp 40.000.000", "40", "70"]],
                     sep=";", quote_all=False)


# ------------------------------------------------------------------ codebooks and studies
def _survey_codebook(meta: list[dict], *, items_as: str = "raw", item_prefix: str = "",
                     ikm_prefix: str = "", text_col: str, timestamp: dict | None) -> dict:
    cols = [dict(m) for m in meta]
    if timestamp:
        cols.insert(0, timestamp)
    for var, q, scale, dim, reverse in ITEMS:
        entry = {"raw": f"{item_prefix}{var}" if items_as == "var" else q, "variable": var, "label": q,
                 "type": "likert", "scale": scale, "dimension": dim}
        if reverse:
            entry["reverse"] = True
        cols.append(entry)
    for var, q, element in IKM:
        cols.append({"raw": f"{ikm_prefix}{var}" if items_as == "var" else q, "variable": var, "label": q,
                     "type": "likert", "scale": "ikm4", "dimension": "ikm", "ikm_element": element})
    cols.append({"raw": text_col, "variable": "suggestion", "type": "freetext"})
    return {"instrument": "reaction", "columns": cols}


def _ident(name: str, nip: str, email: str, program: str, program_var: str = "program_name") -> list[dict]:
    return [{"raw": email, "variable": "email", "type": "text", "pii": "email", "keep": False},
            {"raw": name, "variable": "name", "type": "text", "pii": "name"},
            {"raw": nip, "variable": "nip", "type": "nip", "pii": "nip"},
            {"raw": program, "variable": program_var, "type": "text"}]


#: Export folder -> (instrument, raw file, codebook mapping, reader options).
def exports() -> dict[str, dict]:
    """Every export of the corpus with its codebook and ``studi.yaml`` input entry."""
    return {
        "google-forms-id": {"instrument": "reaction", "file": "survei-reaksi.csv",
                            "codebook": _survey_codebook(
                                _ident("Nama Lengkap", "NIP", "Alamat email", "Pelatihan yang diikuti"),
                                text_col="Saran dan masukan",
                                timestamp={"raw": "Stempel waktu", "variable": "submitted_at", "type": "datetime"})},
        "google-forms-en": {"instrument": "reaction", "file": "survey-reaction.csv",
                            "codebook": _survey_codebook(
                                _ident("Full name", "NIP", "Email Address", "Programme"),
                                text_col="Comments and suggestions",
                                timestamp={"raw": "Timestamp", "variable": "submitted_at", "type": "datetime"})},
        "microsoft-forms": {"instrument": "reaction", "file": "evaluasi-reaksi.xlsx", "options": {"sheet": "Sheet1"},
                            "codebook": _survey_codebook(
                                [{"raw": "ID", "variable": "form_id", "type": "integer", "keep": False},
                                 {"raw": "Start time", "variable": "started_at", "type": "datetime", "keep": False},
                                 *_ident("Name", "NIP", "Email", "Kode Pelatihan", "program_id")],
                                text_col="Saran dan masukan",
                                timestamp={"raw": "Completion time", "variable": "submitted_at",
                                           "type": "datetime"})},
        "kobotoolbox": {"instrument": "reaction", "file": "reaksi-kobo.csv", "options": {"sep": ";", "decimal": "."},
                        "codebook": _survey_codebook(
                            _ident("grp_identitas/nama", "grp_identitas/nip", "grp_identitas/email",
                                   "grp_identitas/pelatihan"),
                            items_as="var", item_prefix="grp_penilaian/", ikm_prefix="grp_ikm/",
                            text_col="grp_saran/saran",
                            timestamp={"raw": "end", "variable": "submitted_at", "type": "datetime"})},
        "excel-scores": {"instrument": "tests", "file": "nilai-pretest-posttest.csv",
                         "options": {"sep": ";", "decimal": ",", "encoding": "cp1252"},
                         "codebook": {"instrument": "tests", "columns": [
                             {"raw": "No", "variable": "row_no", "type": "integer", "keep": False},
                             {"raw": "NIP", "variable": "nip", "type": "nip", "pii": "nip", "required": True},
                             {"raw": "Nama Peserta", "variable": "name", "type": "text", "pii": "name"},
                             {"raw": "Kode Pelatihan", "variable": "program_id", "type": "id"},
                             {"raw": "Tanggal Tes", "variable": "tested_on", "type": "date"},
                             {"raw": "Nilai Pre-Test", "variable": "pre", "type": "number", "min": 0, "max": 100},
                             {"raw": "Nilai Post-Test", "variable": "post", "type": "number", "min": 0, "max": 100},
                             {"raw": "Catatan", "variable": "note", "type": "freetext", "keep": False}]}},
        "roster": {"instrument": "roster", "file": "data-peserta.xlsx", "options": {"sheet": "Peserta"},
                   "codebook": {"instrument": "roster", "columns": [
                       {"raw": "No", "variable": "row_no", "type": "integer", "keep": False},
                       {"raw": "Nama", "variable": "name", "type": "text", "pii": "name"},
                       {"raw": "NIP", "variable": "nip", "type": "nip", "pii": "nip", "required": True},
                       {"raw": "Jenis Kelamin", "variable": "gender", "type": "category"},
                       {"raw": "Unit Kerja", "variable": "unit", "type": "text"},
                       {"raw": "Kode Pelatihan", "variable": "program_id", "type": "id", "required": True},
                       {"raw": "Kehadiran (%)", "variable": "attendance", "type": "percent"},
                       {"raw": "No. HP", "variable": "phone", "type": "text", "pii": "phone", "keep": False},
                       {"raw": "Email", "variable": "email", "type": "text", "pii": "email", "keep": False}]}},
        "programs": {"instrument": "programs", "file": "program.csv", "options": {"sep": ";"},
                     "codebook": _programs_codebook(True)},
        "programs-no-cost": {"instrument": "programs", "file": "program-tanpa-biaya.csv", "options": {"sep": ";"},
                             "codebook": _programs_codebook(False)},
        "benefits": {"instrument": "benefits", "file": "manfaat.csv", "options": {"sep": ";"},
                     "codebook": {"instrument": "benefits", "columns": [
                         {"raw": "Kode Pelatihan", "variable": "program_id", "type": "id"},
                         {"raw": "Uraian Manfaat", "variable": "benefit", "type": "text"},
                         {"raw": "Nilai Manfaat per Tahun (Rp)", "variable": "annual_value", "type": "money"},
                         {"raw": "Atribusi (%)", "variable": "attribution", "type": "percent"},
                         {"raw": "Keyakinan (%)", "variable": "confidence", "type": "percent"}]}},
    }


def _programs_codebook(with_cost: bool) -> dict:
    cols = [{"raw": "Kode Pelatihan", "variable": "program_id", "type": "id", "required": True},
            {"raw": "Nama Pelatihan", "variable": "name", "type": "text"},
            {"raw": "JP", "variable": "jp", "type": "integer"},
            {"raw": "Tanggal Mulai", "variable": "start_date", "type": "date"},
            {"raw": "Tanggal Selesai", "variable": "end_date", "type": "date"},
            {"raw": "Kuota", "variable": "capacity", "type": "integer"},
            {"raw": "Jumlah Pendaftar", "variable": "applicants", "type": "integer"},
            {"raw": "Nilai Kelulusan", "variable": "pass_mark", "type": "number"}]
    if with_cost:
        cols.append({"raw": "Biaya (Rp)", "variable": "cost", "type": "money"})
    return {"instrument": "programs", "columns": cols}


#: Named studies: folder names of :func:`exports` put together (``survey`` = Google Forms, Indonesian).
SUBSETS = {
    "survey": ["google-forms-id"],
    "tests": ["excel-scores"],
    "survey+tests": ["google-forms-id", "excel-scores"],
    "survey+roster": ["google-forms-id", "roster"],
    "all-but-costs": ["google-forms-id", "excel-scores", "roster", "programs-no-cost"],
    "all": ["google-forms-id", "excel-scores", "roster", "programs", "benefits"],
}


def _file_content(folder: str) -> str | bytes | None:
    text = {"google-forms-id": lambda: google_forms_id()[0], "google-forms-en": lambda: google_forms_en()[0],
            "kobotoolbox": lambda: kobo()[0], "excel-scores": lambda: scores_csv()[0],
            "programs": lambda: programs_csv(True), "programs-no-cost": lambda: programs_csv(False),
            "benefits": benefits_csv}
    return text[folder]() if folder in text else None


def _study_yaml(inputs: dict[str, dict], title: str) -> str:
    import yaml

    body = {"study": {"year": YEAR, "region": "Kabupaten Kemuning", "agency": "BPSDM Kabupaten Kemuning",
                      "synthetic": True}, "inputs": inputs}
    return f"# {title} (tests/exports_corpus.py; fake people only)\n" + yaml.safe_dump(
        body, sort_keys=False, allow_unicode=True)


def write_corpus(root: Path = HERE) -> None:
    """Write the text files of every export folder: raw file, ``codebook.yaml``, ``studi.yaml``."""
    import yaml

    for folder, spec in exports().items():
        target = root / folder
        target.mkdir(parents=True, exist_ok=True)
        content = _file_content(folder)
        if isinstance(content, bytes):
            (target / spec["file"]).write_bytes(content)
        elif content is not None:
            (target / spec["file"]).write_bytes(content.encode("utf-8"))
        (target / "codebook.yaml").write_text(yaml.safe_dump(spec["codebook"], sort_keys=False, allow_unicode=True),
                                              encoding="utf-8")
        entry = {"file": spec["file"], **spec.get("options", {}), "codebook": "codebook.yaml"}
        (target / "studi.yaml").write_text(_study_yaml({spec["instrument"]: entry}, folder), encoding="utf-8")


def assemble(dest: Path, parts: list[str] | str) -> Path:
    """Build a study folder (``data/raw/<year>``-like) from corpus folders or a :data:`SUBSETS` name.

    Copies each part's raw file (writing the workbooks), its codebook as
    ``codebook/<part>.yaml`` and writes one ``studi.yaml`` listing them.
    """
    if isinstance(parts, str):
        parts = SUBSETS[parts]
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "codebook").mkdir(exist_ok=True)
    specs = exports()
    inputs = {}
    for part in parts:
        spec = specs[part]
        src = HERE / part / spec["file"]
        if part == "roster":
            write_roster(dest / spec["file"])
        elif part == "microsoft-forms":
            write_msforms(dest / spec["file"])
        else:
            shutil.copyfile(src, dest / spec["file"])
        shutil.copyfile(HERE / part / "codebook.yaml", dest / "codebook" / f"{part}.yaml")
        inputs[spec["instrument"]] = {"file": spec["file"], **spec.get("options", {}),
                                      "codebook": f"codebook/{part}.yaml"}
    (dest / "studi.yaml").write_text(_study_yaml(inputs, " + ".join(parts)), encoding="utf-8")
    return dest


TRUTH = {"google-forms-id": google_forms_id()[1], "google-forms-en": google_forms_en()[1],
         "kobotoolbox": kobo()[1], "microsoft-forms": microsoft_forms_rows()[2], "excel-scores": scores_csv()[1]}


if __name__ == "__main__":
    write_corpus()
    print(f"wrote {HERE}")
