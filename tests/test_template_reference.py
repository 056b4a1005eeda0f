"""docs/templates.md, the reference of every key a kind template may hold, is the Kind model's
fields with what the code and the shipped templates say of each: a key added to compare/kinds.py
without a line there fails here (ua21a: 93 keys, 13 of them explained nowhere).

    YOY_WRITE_DOCS=1 python -m pytest tests/test_template_reference.py   # writes the file again
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from compare.kinds import TEMPLATES, Kind

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "templates.md"
KINDS = ROOT / "compare" / "kinds.py"

HEAD = """# Template keys

A kind of report is one YAML file, `templates/kinds/<kind>.yaml` (the file's name is the kind),
merged over `templates/kinds/_common.yaml`: a list in both is the common one extended by the
kind's, a mapping of lists is merged key by key (the kind's patterns first), any other key is the
kind's. `yoy --templates DIR` (or `$YOY_TEMPLATES`) reads `DIR/kinds/<kind>.yaml` before the
shipped ones. A template mistake is one line naming the file and the key (`yoy: error:
…/kinds/x.yaml: roles.0.cues.0: …`), exit 2.

Unless a line says otherwise, a list of cues is a list of **regular expressions** (Python `re`),
each tried on its own or joined as alternatives (`text.any_of`, `text.alternation`): escape `(`,
`.`, `?` where you mean them literally. `title_cues`, `title_patterns`, `year_patterns` and every
role's `cues` are checked as regular expressions when the template is read. Where a key has no
word of its own below, the shipped templates show it in use (`grep -n KEY templates/kinds/*.yaml`).

This file is written from `compare/kinds.py` (the `Kind` model and the comments above its fields
and cues) and the comments above each key in the shipped templates, by
`YOY_WRITE_DOCS=1 python -m pytest tests/test_template_reference.py`; the test fails when a key is
missing here or the file is out of date.

| key | type | default | set in | what it is |
|---|---|---|---|---|
"""


def _comments_above(lines: list[str], indent: str, key_of) -> dict[str, str]:
    """key → the comment lines right above its line (at `indent`), joined."""
    found: dict[str, str] = {}
    block: list[str] = []
    for line in lines:
        if line.startswith(indent + "#"):
            block.append(line[len(indent) + 1:].strip())
            continue
        key = key_of(line)
        if key and block and key not in found:
            found[key] = " ".join(block)
        if key or not line.strip() or not line.startswith(indent + " "):
            block = []
    return found


def _trailing(lines: list[str]) -> dict[str, str]:
    """field → a comment on its own line in the Kind model (`default_role: Role = … # of …`)."""
    out = {}
    for line in lines:
        m = re.match(r"    (\w+):[^#]*#\s*(.+)$", line)
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


def reference() -> str:
    source = KINDS.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(source) if line.startswith("class Kind(BaseModel)"))
    end = next(i for i in range(start + 1, len(source)) if source[i] and not source[i][0].isspace())
    body = source[start:end]
    fields = _comments_above(body, "    ", lambda s: (m := re.match(r"    (\w+):", s)) and m[1])
    trailing = _trailing(body)
    cues = _comments_above(source, "    ",
                           lambda s: (m := re.match(r"    (\w+) = _cue", s)) and m[1])
    files = [TEMPLATES / "kinds" / "_common.yaml", *sorted(
        p for p in (TEMPLATES / "kinds").glob("*.yaml") if not p.name.startswith("_"))]
    in_yaml: dict[str, str] = {}
    set_in: dict[str, list[str]] = {}
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        for key, text in _comments_above(lines, "", lambda s: (
                m := re.match(r"(\w+):", s)) and m[1]).items():
            in_yaml.setdefault(key, text)
        for line in lines:
            if (m := re.match(r"(\w+):", line)):
                set_in.setdefault(m[1], []).append(path.stem)
    rows = []
    for name, info in Kind.model_fields.items():
        kind = str(info.annotation).replace("typing.", "").replace("compare.kinds.", "")
        kind = re.sub(r"Annotated\[str, AfterValidator\([^]]*\)\]", "regex", kind)
        kind = re.sub(r"<class '(\w+)'>", r"\1", kind)
        default = "required" if info.is_required() else repr(info.default)
        if len(default) > 30:
            default = "(see compare/kinds.py)"
        what = (fields.get(name) or trailing.get(name) or in_yaml.get(name) or cues.get(name)
                or "")
        cell = " ".join(what.split()).replace("|", "\\|")
        rows.append(f"| `{name}` | {kind.replace('|', 'or')} | `{default}` | "
                    f"{', '.join(dict.fromkeys(set_in.get(name, []))) or '—'} | {cell} |")
    return HEAD + "\n".join(rows) + "\n"


def test_every_template_key_is_in_the_reference():
    wanted = reference()
    if os.environ.get("YOY_WRITE_DOCS"):
        DOC.write_text(wanted, encoding="utf-8")
    written = DOC.read_text(encoding="utf-8")
    missing = [f for f in Kind.model_fields if f"| `{f}` |" not in written]
    assert missing == [], f"keys missing from {DOC}: {missing} (YOY_WRITE_DOCS=1 writes it)"
    # keys and their words (a type's spelling varies with the Python version; the words do not)
    def said(text: str) -> dict[str, str]:
        return {line.split("`")[1]: line.rsplit(" | ", 1)[-1] for line in text.splitlines()
                if line.startswith("| `")}
    assert said(written) == said(wanted), f"{DOC} is out of date: YOY_WRITE_DOCS=1 writes it again"
