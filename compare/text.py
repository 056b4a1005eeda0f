"""Text normalisation and splitting shared by every stage.

Real report text arrives with zero-width spaces, full-width digits, hard line
wraps and numbers broken across lines (Wikisource copies split `74.4` and
`万亿元` onto separate lines). Everything downstream sees text cleaned here.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

# Invisible characters that only break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u3000\u2002\u2003\u2009\t"), " ")
# NFKC only where it cannot change meaning: full-width digits, Latin letters,
# ％ and the full-width full stop between digits. CJK punctuation stays as printed.
_WIDE = re.compile(r"[０-９Ａ-Ｚａ-ｚ％．]")

TERMINAL = "。！？!?：:；;…"
# Characters that cannot start a paragraph: a line starting with one continues the last.
_NON_INITIAL = "，。、；：）》」』”%,.;:)"
_NON_FINAL = "（《「『“、，(,"


# Runs of ? are characters an aggregator site lost in its encoding: nothing to read.
_LOST = re.compile(r"\?{2,}")


def normalize_chars(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE).translate(_SPACES)
    text = text.replace("\u2015", "\u2014")  # the horizontal bar (――) some sites print for a delivery line's dash
    text = _LOST.sub("", text) if "??" in text else text
    return _WIDE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


# Share of characters t2s conversion must change before a text is taken as Traditional:
# Simplified text changes by a few variant characters at most, Traditional by a fifth or more.
_TRADITIONAL_SHARE = 0.05


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # only when a text is ingested
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` in Simplified characters when it is printed in Traditional ones (龍華區…建設), else as is."""
    sample = "".join(re.findall(r"[\u4e00-\u9fff]", text[:2000]))
    if not sample:
        return text
    converter = _t2s()
    changed = sum(a != b for a, b in zip(sample, converter.convert(sample), strict=False))
    return converter.convert(text) if changed >= _TRADITIONAL_SHARE * len(sample) else text


def _labelled(line: str) -> bool:
    from compare.text import STYLES  # the one definition of what a section label looks like
    return any(rx.match(line) for _, rx in STYLES)


def _continues(prev: str, line: str, alone: Sequence[re.Pattern]) -> bool:
    """Whether `line` is the rest of `prev`, broken by a hard wrap or a link."""
    # a "——" line without a full stop is a subtitle (the delivery line), not a wrapped bullet
    subtitle = prev.startswith("——") and "。" not in prev
    if not prev or prev[-1] in TERMINAL or subtitle or _labelled(prev) or any(rx.search(prev) for rx in alone):
        return False
    if _labelled(line) or line.startswith("——") or any(rx.search(line) for rx in alone):
        return False
    return (
        len(prev) >= 20
        or line[0] in _NON_INITIAL
        or prev[-1] in _NON_FINAL
        or len(line) <= 2
        or re.fullmatch(r"[\w.]+", line, re.ASCII) is not None
    )


def paragraphs(text: str, drop=lambda line: False, alone: Sequence[str] = ()) -> list[str]:
    """Normalised, non-empty paragraphs; wrapped lines rejoined; `drop(line)` lines removed.

    A line matching a pattern of `alone` (a title, a salutation such as 各位代表) is never
    joined to its neighbours.
    """
    patterns = [re.compile(a) for a in alone]
    out: list[str] = []
    for raw in normalize_chars(text).split("\n"):
        line = re.sub(r" {2,}", " ", raw).strip()
        if not line or drop(line):
            continue
        if out and _continues(out[-1], line, patterns):
            out[-1] += line
        else:
            out.append(line)
    return out


_SENTENCE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』）)]*|$)")


def sentences(text: str) -> list[str]:
    """Split on sentence-final punctuation (and ；), keeping the punctuation."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|(\d{4})(\d{2})(\d{2})")


def iso_date(value: str) -> str | None:
    """The first date in `value` (2022-03-10, 2022年3月5日, 20220310) as ISO, or None."""
    from datetime import date
    m = _DATE.search(value)
    if not m:
        return None
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return date(y, mo, d).isoformat()
    except ValueError:  # 2022-02-30 is no date
        return None


# (style, regex) in conventional nesting order; the group is the number.
STYLES = [
    ("cn、", re.compile(r"^([一二三四五六七八九十百]+)[、．.]\s*")),
    ("(cn)", re.compile(r"^[（(]([一二三四五六七八九十百]+)[）)]\s*")),
    ("n.", re.compile(r"^(\d{1,2})[、.．](?!\d)\s*")),
    ("(n)", re.compile(r"^[（(](\d{1,2})[）)]\s*")),
]


# CJK numerals below 10,000 in their written form (三, 十五, 一百零八, 两千〇二十): cn2an's "normal"
# grammar for them, which it compiles with every other form on import (0.1 s of a one-pair compare).
_D = "[一二两三四五六七八九]"
_TENS = f"{_D}?十{_D}?"
_HUNDREDS = f"{_D}百(?:[零〇]{_D})?|{_D}百{_D}十{_D}?"
_WRITTEN = re.compile(
    # 〇 may not stand for 零一 (一千〇十): cn2an refuses it
    rf"[零〇]|{_D}千(?:零(?:{_TENS}|{_D})|〇{_D}(?:十{_D}?)?)?|{_D}千(?:{_HUNDREDS})|{_HUNDREDS}|{_TENS}|{_D}")
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def cjk_number(numeral: str) -> int | None:
    """The value of a CJK numeral (四, 二十三, 一千零五十, 一二三); None when it is none (十十, 九九十).

    Written forms below 10,000 are read here; anything else (digit strings such as 二〇二三, spoken
    forms such as 三百五, 万 and 亿) by cn2an, imported only then.
    """
    written = numeral.replace("零十", "零一十")  # as cn2an reads 一千零十
    if _WRITTEN.fullmatch(written):
        value, unit = 0, 1
        for c in reversed(written):
            if c in _UNIT:
                unit = _UNIT[c]
            else:
                value += _DIGIT[c] * unit
        return value + (10 if written[0] == "十" else 0)
    import cn2an  # slow to import: only for the rarer forms
    try:
        return int(cn2an.cn2an(numeral, "normal"))
    except (ValueError, KeyError):  # cn2an's ways of saying "not a numeral"
        return None


def quoted(value: object, limit: int = 40) -> str:
    """A value quoted in a message: on one line and short (a cell may hold pages).

    >>> quoted("已落实"), quoted("第一行\\n第二行"), quoted("字" * 50)[-4:]
    ("'已落实'", "'第一行 第二行'", "字字…'")
    """
    text = " ".join(str(value).split())
    return repr(text if len(text) <= limit else text[:limit] + "…")
