"""Candidate aliases mined from the corpus, for a person to review (issue 18, domain
knowledge as data).

Run from the project root: .venv/bin/python bench/mine_aliases.py [CORPUS] [--min-reports N]
Reports define their short names and programme names in three ways, each read here:
- a glossary after the report (名词解释, 名词、术语注释):
  `N.“三线一单”：生态保护红线、环境质量底线、…`;
- in the text: `…（以下简称“…”）`, `简称“…”`;
- a programme named in quotes and spelled out after a colon or 即 (“五美”专项行动：推进美丽家园、…).
Printed one a line: the short name, its expansion (its enumerated parts when the definition lists
them), how many reports define or use it, and the file that defines it. Nothing is written: what
is general (a national programme, not one report's slogan) is copied by hand into a kind
template's `aliases:` (templates/kinds/*.yaml), each entry the short name and the words that
name the same thing.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

GLOSSARY = re.compile(r"^\s*(?:政府工作报告)?(?:《政府工作报告》有关内容)?名\s*词[、"
                      r"和]?(?:术语)?\s*(?:解\s*释|注\s*释|说明)\s*$")
# N.“X”… ：definition   or  〔N〕X：definition
ENTRY = re.compile(r"^\s*(?:\d+[.．、]|〔\d+〕|\[\d+\])\s*(?P<name>[^：:]{2,40}?)\s*[："
                   r":]\s*(?P<body>.+)$")
SHORT = re.compile(r"(?P<long>[\u4e00-\u9fff“”A-Za-z0-9]{4,40}?)[（(](?:以下)?简称[“\"](?P<short>[^"
                   r"”\"]{2,12})[”\"][）)]")
QUOTED = re.compile(r"(?P<name>“[^”]{1,12}”[\u4e00-\u9fff]{0,6}?(?:工程|行动|计划|战略|改革|体系|"
                    r"机制|制度|平台))[：:，,]?(?:即|是指|包括)(?P<body>[^。；]{6,120})")


def definitions(text: str) -> list[tuple[str, str]]:
    """(short name, expansion) pairs a report defines."""
    out: list[tuple[str, str]] = []
    in_glossary = False
    for line in text.splitlines():
        if GLOSSARY.match(line):
            in_glossary = True
            continue
        if in_glossary and (m := ENTRY.match(line)):
            out.append((m["name"].strip(), m["body"].strip()))
            continue
        out += [(m["short"], m["long"]) for m in SHORT.finditer(line)]
        out += [(m["name"], m["body"]) for m in QUOTED.finditer(line)]
    return out


def parts(body: str) -> list[str]:
    """The things an expansion enumerates (A、B和C…), when it is a list of short names."""
    first = re.split(r"[。；;]", body)[0]
    items = [p.strip("“”「」 ") for p in re.split(r"[、，,和及与]", first)]
    return [p for p in items if 2 <= len(p) <= 14] if len(items) >= 2 else []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    ap.add_argument("--min-reports", type=int, default=1,
                    help="print only names used in this many reports")
    args = ap.parse_args(argv)
    files = sorted(p for p in args.corpus.rglob("*.txt"))
    if not files:
        print(f"mine_aliases: error: {args.corpus}: no .txt reports", file=sys.stderr)
        return 2
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in files}
    found: dict[str, tuple[str, Path]] = {}
    for p, text in texts.items():
        for name, body in definitions(text):
            found.setdefault(name, (body, p))
    used = defaultdict(int)
    for name in found:
        bare = name.strip("“”")
        used[name] = sum(bare in t for t in texts.values())
    for name, (body, p) in sorted(found.items(), key=lambda kv: (-used[kv[0]], kv[0])):
        if used[name] < args.min_reports:
            continue
        listed = parts(body)
        print(f"{name}\t{used[name]}\t{p.relative_to(args.corpus)}\t"
              f"{'、'.join(listed) if listed else body[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
