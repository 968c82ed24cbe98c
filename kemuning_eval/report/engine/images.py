"""Make embedded images reproducible: drop PNG text and time chunks.

matplotlib writes ``Software`` (its version) into every PNG, and other
libraries add dates.  The report keeps only the chunks that draw the image,
so that two builds from the same inputs embed byte-identical figures.

Examples
--------
>>> import base64, zlib, struct
>>> def chunk(kind, data):
...     body = kind + data
...     return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
>>> png = (PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
...        + chunk(b"tEXt", b"Software\\x00matplotlib") + chunk(b"IDAT", zlib.compress(b"\\x00\\x00"))
...        + chunk(b"IEND", b""))
>>> b"Software" in strip_png_metadata(png)
False
>>> strip_png_metadata(strip_png_metadata(png)) == strip_png_metadata(png)
True
"""

from __future__ import annotations

import base64
import binascii
import re
import struct

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

#: Ancillary chunks that carry text, time or tool information, not pixels.
DROPPED_CHUNKS = frozenset({b"tEXt", b"zTXt", b"iTXt", b"tIME", b"eXIf"})

_DATA_URI = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\s]+)")


def strip_png_metadata(png: bytes) -> bytes:
    """Return ``png`` without text, time and Exif chunks (other bytes unchanged).

    Data that is not a well-formed PNG is returned unchanged.

    Parameters
    ----------
    png : bytes
        The PNG file's bytes.

    Returns
    -------
    bytes
        The PNG without the chunks in :data:`DROPPED_CHUNKS`.

    Examples
    --------
    >>> import struct, zlib
    >>> body = b"tIME" + bytes(7)
    >>> time_chunk = struct.pack(">I", 7) + body + struct.pack(">I", zlib.crc32(body))
    >>> strip_png_metadata(PNG_SIGNATURE + time_chunk) == PNG_SIGNATURE
    True
    >>> strip_png_metadata(b"not a png")
    b'not a png'
    """
    if not png.startswith(PNG_SIGNATURE):
        return png
    out, pos = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while pos + 12 <= len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        end = pos + 12 + length
        if end > len(png):
            return png
        if png[pos + 4 : pos + 8] not in DROPPED_CHUNKS:
            out.append(png[pos:end])
        pos = end
    return b"".join(out) if pos == len(png) else png


def strip_png_base64(data: str) -> str:
    """Apply :func:`strip_png_metadata` to base64 text (as notebooks store PNGs).

    Parameters
    ----------
    data : str
        Base64 text of a PNG (whitespace allowed).

    Returns
    -------
    str
        The cleaned PNG in base64, or ``data`` itself when nothing was
        dropped or the text is not valid base64.

    Examples
    --------
    >>> import base64, struct, zlib
    >>> body = b"tEXt" + b"Software\\x00mpl"
    >>> chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    >>> data = base64.b64encode(PNG_SIGNATURE + chunk).decode("ascii")
    >>> base64.b64decode(strip_png_base64(data)) == PNG_SIGNATURE
    True
    >>> strip_png_base64("not base64!")
    'not base64!'
    """
    try:
        raw = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        return data
    cleaned = strip_png_metadata(raw)
    return data if cleaned == raw else base64.b64encode(cleaned).decode("ascii")


def strip_png_data_uris(html: str) -> str:
    """Apply :func:`strip_png_metadata` to every ``data:image/png`` URI in ``html``.

    Parameters
    ----------
    html : str
        An HTML page.

    Returns
    -------
    str
        The page with every embedded PNG cleaned; the rest is unchanged.

    Examples
    --------
    >>> import base64, struct, zlib
    >>> body = b"tEXt" + b"Software\\x00mpl"
    >>> chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    >>> data = base64.b64encode(PNG_SIGNATURE + chunk).decode("ascii")
    >>> page = f'<img src="data:image/png;base64,{data}">'
    >>> strip_png_data_uris(page) == '<img src="data:image/png;base64,' + base64.b64encode(PNG_SIGNATURE).decode() + '">'
    True
    """
    return _DATA_URI.sub(lambda m: "data:image/png;base64," + strip_png_base64(m.group(1)), html)
