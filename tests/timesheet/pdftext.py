"""Just enough of a PDF reader to check what an uncompressed fpdf2 file says.

Follows each font's ToUnicode map, so text set in an embedded TrueType subset (where the
content stream holds glyph numbers, not characters) reads back as characters.
"""

from __future__ import annotations

import re

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOW = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def pdf_text(data: bytes) -> list[str]:
    """The strings shown on the pages, in the order they are drawn."""
    objects = {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(data)}
    fonts: dict[bytes, dict[int, str] | None] = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
            fonts[name] = _cmap(_stream(objects[int(to_unicode.group(1))])) if to_unicode else None
    shown: list[str] = []
    for body in objects.values():
        stream = _stream(body)
        if stream is None or b" Tf" not in stream:
            continue
        font: dict[int, str] | None = None
        for m in _SHOW.finditer(stream):
            if m.group(1):
                font = fonts[m.group(1)]
                continue
            raw = _unescape(m.group(2))
            if font is None:  # a core font: one byte per character, Latin-1
                shown.append(raw.decode("latin-1"))
            else:  # an embedded subset: two bytes per glyph
                shown.append("".join(font[int.from_bytes(raw[i : i + 2], "big")] for i in range(0, len(raw), 2)))
    return shown


def _stream(body: bytes) -> bytes | None:
    m = _STREAM.search(body)
    return m.group(1) if m else None


def _cmap(stream: bytes | None) -> dict[int, str]:
    assert stream is not None
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
        for lo, hi, start in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for offset in range(int(hi, 16) - int(lo, 16) + 1):
                mapping[int(lo, 16) + offset] = chr(int(start, 16) + offset)
    return mapping


def _unescape(raw: bytes) -> bytes:
    def one(m: re.Match[bytes]) -> bytes:
        s = m.group(1)
        if s[:1].isdigit():
            return bytes([int(s, 8)])
        return _ESCAPES.get(s, s)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, raw, flags=re.S)
