"""Turn an input file (plain text, HTML, .docx, PDF) into plain text, or refuse with a reason.

Every problem with the input itself becomes a `YoyError`; the format is decided by
content, because reports downloaded from government sites are often misnamed
(.htm files that are really .doc, .txt files in GBK, …).
"""
from __future__ import annotations

import os
import re
import shlex
import sys

from compare.errors import STDIN, YoyError, input_name
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
    if raw.startswith(OLE_HEADER):
        raise YoyError(where, _ole_reason(where, raw))
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


# The header of a compound file: Word 97–2003 (.doc), WPS (.wps), and a password-protected .docx,
# which Word writes as such a file holding the encrypted package.
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage\0".encode("utf-16-le")


def _ole_reason(where: str, raw: bytes) -> str:
    """Why a compound file is refused, and what the office does about it. A password-protected
    .docx has a directory entry (128 bytes, its name's length at byte 64) named EncryptedPackage;
    re-saving it as .docx with the password on gives the same file."""
    at = raw.find(_ENCRYPTED)
    while at >= 0:
        if at % 128 == 0 and raw[at + 64:at + 66] == len(_ENCRYPTED).to_bytes(2, "little"):
            return ("password-protected (encrypted) .docx: remove the password (Word: 文件→信息→"
                    "保护文档→用密码进行加密, empty it; WPS: 文件→文档加密) and save it again")
        at = raw.find(_ENCRYPTED, at + 1)
    name = "FILE" if where == STDIN else os.path.basename(where)
    # quoted only where a shell needs it (shlex quotes every Chinese name)
    shown = name if re.fullmatch(r"[\w.+-]+", name) else shlex.quote(name)
    return ("legacy Office file (.doc/.wps), not supported: convert it to .docx "
            f"(soffice --headless --convert-to docx {shown}, or Save As .docx "
            "in Word/WPS)")


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


