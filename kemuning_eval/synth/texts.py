"""Free texts: survey suggestions and coded interview excerpts (some carry a name or phone).

Examples
--------
>>> import numpy as np
>>> from kemuning_eval.synth.truth import study_model
>>> rng = np.random.default_rng(2)
>>> df = interview_table(rng, study_model(2026), n=30)
>>> list(df.columns)
['No', 'Narasumber', 'Peran', 'Kode Pelatihan', 'Kutipan', 'Kode Tema']
>>> sorted(THEME_QUOTES) == sorted(THEME_LABELS)
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kemuning_eval.synth.identity import make_names, make_phones
from kemuning_eval.synth.truth import THEMES, StudyModel

#: theme code -> (label id, label en, keywords for coding free text)
THEME_LABELS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "anggaran_terbatas": ("Anggaran terbatas", "Limited budget",
                          ("anggaran", "dana", "kuota", "biaya", "terbatas")),
    "materi_usang": ("Materi perlu diperbarui", "Outdated material",
                     ("usang", "ketinggalan", "diperbarui", "tidak mutakhir", "versi lama",
                      "regulasi terbaru")),
    "kualitas_fasilitator": ("Kualitas fasilitator", "Facilitator quality",
                             ("fasilitator", "widyaiswara", "pengajar", "narasumber")),
    "dukungan_atasan": ("Dukungan atasan", "Supervisor support",
                        ("atasan", "pimpinan", "kepala dinas", "dukungan")),
    "teknologi": ("Teknologi dan jaringan", "Technology and network",
                  ("internet", "jaringan", "aplikasi", "komputer", "daring")),
    "tindak_lanjut": ("Tindak lanjut pascapelatihan", "Follow-up after training",
                      ("tindak lanjut", "pendampingan", "evaluasi pasca", "monitoring")),
    "kurikulum_fleksibel": ("Kurikulum yang fleksibel", "Flexible curriculum",
                            ("fleksibel", "kurikulum", "modul pilihan", "sesuai kebutuhan")),
    "kemitraan": ("Kemitraan dengan lembaga lain", "Partnerships with other institutions",
                  ("kemitraan", "kerja sama", "universitas", "mitra")),
}

THEME_QUOTES: dict[str, tuple[str, ...]] = {
    "anggaran_terbatas": (
        "Anggaran kami terbatas, jadi kuota kelas hanya bisa menampung sebagian pendaftar.",
        "Peminatnya banyak sekali, tetapi dana diklat tahun ini hanya cukup untuk dua angkatan.",
        "Karena biaya terbatas, banyak ASN yang sudah mendaftar harus menunggu tahun depan.",
    ),
    "materi_usang": (
        "Sebagian materi sudah ketinggalan, aplikasi yang diajarkan masih versi lama.",
        "Modul perlu diperbarui mengikuti regulasi terbaru, contoh kasusnya sudah usang.",
        "Peserta bilang materinya tidak mutakhir lagi dibanding yang mereka pakai di kantor.",
    ),
    "kualitas_fasilitator": (
        "Widyaiswara kami menguasai materi dan bisa menghidupkan diskusi.",
        "Kualitas fasilitator berbeda-beda, ada pengajar yang terlalu banyak membaca slide.",
    ),
    "dukungan_atasan": (
        "Alumni yang didukung atasan lebih cepat menerapkan hasil pelatihan.",
        "Tanpa dukungan pimpinan, rencana aksi peserta sering berhenti di atas kertas.",
    ),
    "teknologi": (
        "Jaringan internet di kelas sering putus saat praktik aplikasi.",
        "Kelas daring terkendala komputer peserta yang sudah tua.",
    ),
    "tindak_lanjut": (
        "Perlu tindak lanjut berupa pendampingan di unit kerja setelah pelatihan selesai.",
        "Evaluasi pasca pelatihan belum rutin, jadi kami tidak tahu dampaknya di kantor.",
    ),
    "kurikulum_fleksibel": (
        "Kurikulum sebaiknya lebih fleksibel dengan modul pilihan sesuai kebutuhan OPD.",
        "Kami usulkan kurikulum yang fleksibel, tidak semua peserta butuh materi dasar.",
    ),
    "kemitraan": (
        "Kerja sama dengan universitas setempat bisa membantu memperbarui materi.",
        "Kemitraan dengan mitra dari instansi lain akan menambah pengajar praktisi.",
    ),
}

SUGGESTIONS: tuple[str, ...] = (
    "Pelatihan sangat bermanfaat, semoga diadakan lagi tahun depan.",
    "Waktu pelatihan terlalu singkat, mohon ditambah jam praktiknya.",
    "Konsumsi perlu ditingkatkan.",
    "Jaringan internet di kelas sering putus.",
    "Mohon kuota peserta ditambah karena banyak rekan yang belum bisa ikut.",
    "Fasilitator sangat menguasai materi, terima kasih.",
    "Perlu tindak lanjut setelah pelatihan, misalnya pendampingan di kantor.",
    "ok",
    "-",
)
OUTDATED_SUGGESTIONS: tuple[str, ...] = (
    "Materi perlu diperbarui, beberapa aplikasi yang dibahas sudah tidak dipakai lagi.",
    "Contoh kasus sudah ketinggalan zaman, sebaiknya pakai regulasi terbaru.",
)
PII_SUGGESTIONS: tuple[str, ...] = (
    "Terima kasih kepada Bapak/Ibu {name} yang sangat membantu selama pelatihan.",
    "Jika ada pelatihan lanjutan mohon hubungi saya di {phone}.",
)
ROLES = ("Fasilitator", "Pengelola", "Penyelenggara")


def suggestions(rng: np.random.Generator, outdated_p: np.ndarray) -> np.ndarray:
    """Return 'Saran dan masukan' texts: about 55 % filled, some outdated-material
    remarks (probability ``outdated_p`` per row), about 2 % with a name or phone.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    outdated_p : ndarray of float
        Per respondent, the probability of a remark about outdated material.

    Returns
    -------
    ndarray (object)
        One text per element of ``outdated_p`` (``""`` when left empty).

    Examples
    --------
    >>> texts = suggestions(np.random.default_rng(0), np.zeros(200))
    >>> len(texts), 60 < int((texts == "").sum()) < 120
    (200, True)
    >>> bool(np.isin(texts, OUTDATED_SUGGESTIONS).any())
    False
    >>> bool(np.isin(suggestions(np.random.default_rng(0), np.ones(50)), OUTDATED_SUGGESTIONS).any())
    True
    """
    n = len(outdated_p)
    out = np.asarray(SUGGESTIONS, dtype=object)[rng.integers(0, len(SUGGESTIONS), n)]
    outdated = rng.random(n) < outdated_p
    out[outdated] = np.asarray(OUTDATED_SUGGESTIONS, dtype=object)[
        rng.integers(0, len(OUTDATED_SUGGESTIONS), int(outdated.sum()))]
    pii = np.flatnonzero(rng.random(n) < 0.02)
    names = make_names(rng, np.where(rng.random(len(pii)) < 0.5, "L", "P"), titles=False)
    phones = make_phones(rng, len(pii))
    which = rng.integers(0, len(PII_SUGGESTIONS), len(pii))
    out[pii] = [PII_SUGGESTIONS[w].format(name=nm, phone=ph)
                for w, nm, ph in zip(which, names, phones, strict=True)]
    out[rng.random(n) < 0.45] = ""
    return out


def interview_table(rng: np.random.Generator, sm: StudyModel, *, n: int = 40) -> pd.DataFrame:
    """Return coded interview excerpts; ``materi_usang`` is drawn with the programme's
    ``p_outdated_theme``, the other themes uniformly; 30 % of excerpts carry two themes
    and about 15 % mention a colleague's name or a phone number.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the draws.
    sm : StudyModel
        The study parameters (programmes and their ``p_outdated_theme``).
    n : int, default 40
        Number of excerpts.

    Returns
    -------
    DataFrame
        ``No``, ``Narasumber`` (name), ``Peran``, ``Kode Pelatihan``,
        ``Kutipan`` (the excerpt) and ``Kode Tema`` (theme codes joined by ``;``).

    Examples
    --------
    >>> from kemuning_eval.synth.truth import study_model
    >>> df = interview_table(np.random.default_rng(0), study_model(2026), n=20)
    >>> len(df), df["No"].tolist()[:3]
    (20, [1, 2, 3])
    >>> sorted({code for codes in df["Kode Tema"] for code in codes.split(";")} - set(THEMES))
    []
    """
    codes = [p.code for p in sm.programs]
    prog = rng.integers(0, len(codes), n)
    p_out = np.array([sm.programs[i].p_outdated_theme for i in prog])
    others = [t for t in THEMES if t != "materi_usang"]
    first = np.where(rng.random(n) < p_out, "materi_usang",
                     np.asarray(others)[rng.integers(0, len(others), n)])
    second = np.asarray(others)[rng.integers(0, len(others), n)]
    two = (rng.random(n) < 0.3) & (second != first)
    people = make_names(rng, np.where(rng.random(n) < 0.5, "L", "P"))
    colleague = make_names(rng, np.where(rng.random(n) < 0.5, "L", "P"), titles=False)
    phones = make_phones(rng, n)
    pii = rng.random(n)
    rows = []
    for i in range(n):
        quotes = [THEME_QUOTES[first[i]][rng.integers(0, len(THEME_QUOTES[first[i]]))]]
        themes = [str(first[i])]
        if two[i]:
            quotes.append(THEME_QUOTES[second[i]][rng.integers(0, len(THEME_QUOTES[second[i]]))])
            themes.append(str(second[i]))
        if pii[i] < 0.08:
            quotes.append(f"Ini juga disampaikan oleh Pak {colleague[i]} dari bagian program.")
        elif pii[i] < 0.15:
            quotes.append(f"Kalau perlu data lengkapnya silakan hubungi saya di {phones[i]}.")
        rows.append({"No": i + 1, "Narasumber": people[i],
                     "Peran": ROLES[int(rng.integers(0, len(ROLES)))],
                     "Kode Pelatihan": codes[prog[i]], "Kutipan": " ".join(quotes),
                     "Kode Tema": ";".join(themes)})
    return pd.DataFrame(rows)


def theme_codebook() -> dict:
    """Return the theme codebook (``codebook/tema.yaml``) as a dict.

    Returns
    -------
    dict
        ``{"themes": {code: {"label": {"id": ..., "en": ...}, "keywords": [...]}}}``
        from :data:`THEME_LABELS`.

    Examples
    --------
    >>> book = theme_codebook()
    >>> sorted(book["themes"]) == sorted(THEMES)
    True
    >>> book["themes"]["materi_usang"]["label"]
    {'id': 'Materi perlu diperbarui', 'en': 'Outdated material'}
    """
    return {"themes": {code: {"label": {"id": lab_id, "en": lab_en}, "keywords": list(kw)}
                       for code, (lab_id, lab_en, kw) in THEME_LABELS.items()}}
