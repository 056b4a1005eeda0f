"""Plain text: its encoding detected, binary refused; the text every format's reader returns
(`SourceText`) and the cleaning of lines they share."""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from compare.errors import YoyError


@dataclass(frozen=True)
class SourceText:
    text: str  # plain text, one paragraph per line
    raw: bytes  # the raw input bytes (the caller hashes them)
    format: str  # "text" | "html" | "mhtml" | "docx" | "pdf"
    encoding: str | None
    title: str | None = None  # <title>/meta (html), core properties (docx)
    published: str | None = None  # ISO date from meta tags (html)
    url: str | None = None  # canonical/og:url (html)
    # a web page's lines above the report (来源, date), read for metadata only
    page: tuple[str, ...] = ()


BINARY = "binary data, not a text report"

# gb2312 and gbk are subsets of gb18030: decoding with the superset keeps the rare
# characters a detector's narrower guess would choke on.
_GB = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030"}

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def decode(where: str, raw: bytes, encoding: str | None) -> tuple[str, str]:
    if encoding:
        try:
            name = codecs.lookup(encoding).name
            text = raw.decode(name)
        except LookupError:
            raise YoyError(where, f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as e:
            raise YoyError(
                where, f"cannot decode as {encoding}: invalid byte at offset {e.start}") from None
    else:
        text, name = _detect(where, raw)
    _check_printable(where, text)
    return text.lstrip("\ufeff"), name


def _detect(where: str, raw: bytes) -> tuple[str, str]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise YoyError(where, BINARY) from None
    if b"\x00" in raw:
        raise YoyError(where, BINARY)
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    # An HTML page's own declaration beats a statistical guess.
    declared = _DECLARED_CHARSET.search(raw[:4096])
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
            name = _GB.get(name, name)
            return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    import charset_normalizer

    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is not None:
        # On short input several codecs tie (a GBK title also decodes as UTF-16-BE);
        # these are Chinese reports, so a tie goes to the GB family.
        gb = [m for m in matches if m.chaos <= best.chaos and codecs.lookup(m.encoding).name in _GB]
        name = codecs.lookup((gb[0] if gb else best).encoding).name
        name = _GB.get(name, name)
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            pass
    # charset-normalizer gives up on a single damaged byte (a cut-off last character,
    # a stray byte from a bad copy); a report with a few of those is still a report.
    for name in ("utf-8", "gb18030"):
        text = raw.decode(name, errors="replace")
        if text.count("\ufffd") <= 1 + len(text) // 1000:
            return text, name
    raise YoyError(where, BINARY)


def _check_printable(where: str, text: str) -> None:
    """Refuse text that decoded but is mostly control or unassigned code points."""
    # A prefix tells binary from text as well as the whole, and keeps 20 MB fast.
    sample = text[:100_000]
    bad = sum(
        1
        for c in sample
        if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
                             and c not in "\t\n\r\f\v")
    )
    if bad > 0.05 * len(sample):
        raise YoyError(where, BINARY)


# Zero-width characters are invisible and break matching; NBSP is just a space here;
# other control characters are debris from copy-paste and converters.
TRANSLATE = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None),
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F], None),
    0xA0: " ",
}


def clean_lines(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = line.translate(TRANSLATE).strip()
        if line:
            out.append(line)
    return out

