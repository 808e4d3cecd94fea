"""File bytes -> decoded text, or a :class:`~incidents.problems.Problem` saying why not.

UTF-8 with or without BOM; UTF-16 only with a BOM. A file that is not valid UTF-8 (for example
Windows-1256 or Latin-1) is **reported and skipped**, with the line and column of the first
undecodable byte and a hint of the likely encoding: guessing an 8-bit code page from a few bytes of
mostly-English text is unreliable, and a wrong guess would put mojibake into quotes that analysts
cite. Pass ``encoding=`` (``--encoding`` on the command line) to load such a file deliberately.
"""

from __future__ import annotations

import codecs

from incidents.problems import Problem


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str | None, list[Problem]]:
    """File bytes -> (decoded text or None, problems). ``path`` is only used in messages.

    UTF-8 with or without BOM; UTF-16 with a BOM; ``encoding`` forces a codec. Empty,
    binary (NUL bytes or mostly control characters) and non-UTF-8 files give None and a Problem
    whose line and column point at the first offending byte.
    """
    if not data.strip():
        what = "empty file" if not data else "file holds only whitespace"
        return None, [Problem(path, 0, 0, f"{what}: no article")]
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
            return data.decode("utf-8-sig" if codec == "utf-8" else codec), []
        except (LookupError, UnicodeDecodeError) as exc:
            line, col = _position(data, getattr(exc, "start", 0))
            return None, [Problem(path, line, col, f"cannot decode as {encoding}: {exc}")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return None, [Problem(path, 0, 0, f"UTF-16 file with a broken byte sequence: {exc.reason}")]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        if _utf16_without_bom(data):
            message = "looks like UTF-16 without a byte-order mark: skipped (load it with --encoding utf-16-le or utf-16-be)"
        else:
            message = "binary file (NUL byte), not a text article: skipped"
        return None, [Problem(path, line, col, message)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        byte = data[exc.start]
        codec, hint = encoding_hint(data)
        load = f"load it deliberately with --encoding {codec}" if codec else "load it with --encoding CODEC"
        return None, [Problem(path, line, col, f"not UTF-8: byte 0x{byte:02X} cannot be decoded; {hint}. Skipped, "
                                               f"never guessed: convert it to UTF-8, or {load} if you know that is "
                                               "its encoding")]
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 20):
        first = next(i for i, ch in enumerate(text) if ord(ch) < 32 and ch not in "\t\n\r\f\v")
        line = text.count("\n", 0, first) + 1
        col = first - (text.rfind("\n", 0, first) + 1) + 1
        return None, [Problem(path, line, col, "binary file (control characters), not a text article: skipped")]
    return text, []


def _position(data: bytes, index: int) -> tuple[int, int]:
    """Byte index -> (line, column), 1-based; the column counts characters decoded so far."""
    line = data.count(b"\n", 0, index) + 1
    line_start = data.rfind(b"\n", 0, index) + 1
    col = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return line, col


def _utf16_without_bom(data: bytes) -> bool:
    """Are the even or the odd bytes (nearly) all NUL, as in ASCII text encoded as UTF-16?"""
    sample = data[:2000]
    halves = (sample[0::2], sample[1::2])
    return len(sample) >= 8 and any(h.count(0) >= 0.9 * len(h) for h in halves) and not all(
        h.count(0) >= 0.9 * len(h) for h in halves
    )


# The encodings the hint chooses among, in the order a tie is broken (encodings that read the bytes as
# well, or give the same text): the code pages news about Iraq comes in (Western European, Arabic
# script, Turkish, Cyrillic, Central European). charset-normalizer left free names encodings such as
# mac_iceland or cp1006 for a few Arabic bytes in English text.
HINT_ENCODINGS: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15", "cp1256", "iso8859_6", "cp1254", "cp1251", "cp1250")
_NAMES = {
    "cp1256": "Windows-1256 (Arabic)", "iso8859_6": "ISO-8859-6 (Arabic)", "cp1252": "Windows-1252 (Western European)",
    "latin_1": "Latin-1", "iso8859_15": "ISO-8859-15 (Western European)", "cp1254": "Windows-1254 (Turkish)",
    "cp1251": "Windows-1251 (Cyrillic)", "cp1250": "Windows-1250 (Central European)",
}


def encoding_hint(data: bytes) -> tuple[str, str]:
    """(codec to name in ``--encoding``, words for the message): charset-normalizer's best reading of
    ``data`` among ``HINT_ENCODINGS``, and the encodings that read it as well or give the same text.
    A hint for the person, never used to decode."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(HINT_ENCODINGS)))
    if not matches:
        return "", "charset-normalizer finds none of " + ", ".join(_NAMES[c] for c in HINT_ENCODINGS) + " likely"
    best = matches[0]
    tied = [c for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence) for c in m.could_be_from_charset]
    candidates = sorted({c for c in tied if c in _NAMES}, key=HINT_ENCODINGS.index) or [best.encoding]
    codec = candidates[0]
    words = f"charset-normalizer reads it as {_NAMES.get(codec, codec)}"
    if len(candidates) > 1:
        words += f" (also possible: {', '.join(candidates[1:])})"
    return codec, words
