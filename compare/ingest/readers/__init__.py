"""Turn an input file (plain text, HTML, .docx, PDF) into plain text, or refuse with a reason.

Every problem with the input itself becomes a `YoyError`; the format is decided by
content, because reports downloaded from government sites are often misnamed
(.htm files that are really .doc, .txt files in GBK, …).
"""
from __future__ import annotations

import os
import sys

from compare.errors import YoyError, input_name
from compare.ingest.readers.pdf import read_pdf
from compare.ingest.readers.plain_text import SourceText, clean_lines, decode
from compare.ingest.readers.web_page import looks_like_html, looks_like_mhtml, read_html, read_mhtml
from compare.ingest.readers.word import MAX_LIST_START, MAX_UNZIPPED, check_expansion, read_docx

__all__ = ["MAX_LIST_START", "MAX_UNZIPPED", "SourceText", "check_expansion", "read_source"]


# file names whose content must be the binary format they name
_BINARY = {".docx": ".docx", ".pdf": "PDF"}


def read_source(
    path: str,
    *,
    encoding: str | None = None,
    max_bytes: int = 20_000_000,
    max_unzipped: int = MAX_UNZIPPED,
) -> SourceText:
    """Read `path` ("-" for stdin) as a report: its text, one paragraph per line.

    `encoding` overrides detection for text and HTML input.
    """
    where = input_name(path)
    raw = _read_bytes(path, where, max_bytes)
    if not raw.strip():
        raise YoyError(where, "empty file")
    # Acrobat accepts the header anywhere in the first 1 KB, and so do we.
    if b"%PDF-" in raw[:1024]:
        return read_pdf(where, raw)
    if raw.startswith(b"PK\x03\x04"):
        return read_docx(where, raw, max_unzipped)
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise YoyError(where, "legacy Office file (.doc/.wps), not supported: save it as .docx")
    if looks_like_mhtml(raw):
        return read_mhtml(where, raw)
    # the content decides the reader, but a file named .docx or .pdf holding neither is damaged,
    # not text to look for a report in
    suffix = os.path.splitext(where.lower())[1]
    if suffix in _BINARY:
        raise YoyError(where, f"not a readable {_BINARY[suffix]} (corrupt or truncated)")
    text, used = decode(where, raw, encoding)
    lines = clean_lines(text.splitlines())
    if not lines:
        raise YoyError(where, "empty file")
    if looks_like_html(text):
        return read_html(where, raw, text, used)
    return SourceText("\n".join(lines), raw, "text", used)


def _read_bytes(path: str, where: str, max_bytes: int) -> bytes:
    too_big = f"file is larger than the {max_bytes / 1_000_000:g} MB limit"
    if path == "-":
        try:
            # a closed descriptor 0 leaves no sys.stdin at all
            raw = sys.stdin.buffer.read(max_bytes + 1)
        except (AttributeError, ValueError, OSError):
            raise YoyError(where, "standard input is closed or unreadable") from None
    else:
        if os.path.isdir(path):
            raise YoyError(where, "is a directory, not a report file")
        try:
            with open(path, "rb") as f:
                # Refuse before reading, so a huge file costs nothing.
                if os.fstat(f.fileno()).st_size > max_bytes:
                    raise YoyError(where, too_big)
                raw = f.read(max_bytes + 1)
        except FileNotFoundError:
            raise YoyError(where, "no such file") from None
        except OSError as e:
            raise YoyError(where, f"cannot read: {e.strerror or e}") from None
    # Checked again after reading: stdin and special files have no size up front.
    if len(raw) > max_bytes:
        raise YoyError(where, too_big)
    return raw


