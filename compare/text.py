"""Text normalisation, the text grammar and splitting, shared by every stage.

Real report text arrives with zero-width spaces, full-width digits, hard line
wraps and numbers broken across lines (Wikisource copies split `74.4` and
`万亿元` onto separate lines). Everything downstream sees text cleaned here.

The grammar is named once, here: what ends a sentence (SENTENCE_END) or a clause
(CLAUSE_END), the character sets they are made of (`chars` turns sets into one regex
class), how a list of words becomes one regex (`alternation`; a template's list of patterns,
`any_of`), how a measure opens (`verb_prefix`), and the one content id a person's entry hangs
on (`content_id`).

    >>> sentences("稳定就业；加快推进试点。“十四五”规划！")
    ['稳定就业；', '加快推进试点。', '“十四五”规划！']
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence

# ---- the text grammar ----------------------------------------------------------
# Sets of characters, by what they end; the names below are the only spelling of them.
FULL_STOP = "。"
MARKS = "！!？?"            # exclamation and question marks
SEMICOLONS = "；;"
COLONS = "：:"
COMMAS = "，,"
LIST_COMMA = "、"           # between the things of a list (A、B和C): ends no clause
CLOSERS = "”’」』）)"       # closing quotes and brackets stay with the sentence they close
# opens a bullet paragraph (——经济运行中…); before a date, the delivery line
DASH = "——"
# A report's ； ends a sentence: the items of its lists are sentences of their own.
SENTENCE_END = FULL_STOP + MARKS + SEMICOLONS
CLAUSE_END = COMMAS + SEMICOLONS + COLONS + FULL_STOP
# A line ending in one of these ends its paragraph (a hard wrap never does).
TERMINAL = SENTENCE_END + COLONS + "…"


def chars(*sets: str) -> str:
    """One regex character class of the characters of `sets` (taken as they are: pass
    an escape such as \\s as such).

    >>> re.split(chars(COMMAS, LIST_COMMA), "甲、乙，丙")
    ['甲', '乙', '丙']
    """
    return "[" + "".join(sets) + "]"


def alternation(words: Iterable[str], *, literal: bool = False) -> str:
    """One regex matching any of `words`, longest first (so 个百分点 wins over 个, 加快推进
    over 加快); `literal`: the words are text, not patterns.

    >>> re.match(alternation(["个", "个百分点"], literal=True), "个百分点").group()
    '个百分点'
    """
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) if literal else "|".join(ordered)


# A Chinese character: the CJK Unified Ideographs block. Tested by comparison, not by a regex class
# [\u4e00-\u9fff]: sre's compiler walks the class's 20,992 code points one by one each time a
# pattern holding it is compiled (≈ 0.45 ms a class; four patterns, ≈ 2 ms of a `yoy compare`,
# bench/one_pair.py).
HANZI = ("\u4e00", "\u9fff")


def is_hanzi(text: str) -> bool:
    """Whether `text` is Chinese characters only, at least one.

    >>> is_hanzi("道路"), is_hanzi("5G"), is_hanzi("")
    (True, False, False)
    """
    first, last = HANZI
    return bool(text) and all(first <= c <= last for c in text)


def count_hanzi(text: str, *, letters: bool = False) -> int:
    """How many Chinese characters `text` holds; `letters`: Latin letters (A–Z, a–z) count too.

    >>> count_hanzi("赤字率拟按2.8%"), count_hanzi("5G基站", letters=True)
    (5, 3)
    """
    first, last = HANZI
    if letters:
        return sum(first <= c <= last or "A" <= c <= "Z" or "a" <= c <= "z" for c in text)
    return sum(first <= c <= last for c in text)


_NAMED = re.compile(r"(?<=“)[^“”]+(?=”)|(?<=《)[^《》]+(?=》)")


def masked_names(text: str) -> str:
    """`text` with what stands between quotation marks or title marks (“两个确保”, 《信访条例》)
    blanked out, its length kept: a cue word inside a name (确保, 实施) is no cue of the clause.

    >>> masked_names("为继续落实“两个确保”")
    '为继续落实“〇〇〇〇”'
    """
    return _NAMED.sub(lambda m: "〇" * len(m.group()), text)


def any_of(patterns: Iterable[str]) -> re.Pattern:
    """One compiled regex matching any of a template's `patterns`, each a pattern of its own,
    tried in their order (so the first listed wins where two match at one place); with none, a
    regex that matches nothing.

    >>> any_of(["加快", "加快推进"]).search("要加快推进试点").group()
    '加快'
    >>> print(any_of([]).search("加快"))
    None
    """
    found = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(found) if found else "(?!)")


@functools.cache
def verb_prefix(leads: tuple[str, ...], verbs: tuple[str, ...], *,
                optional: bool = False) -> re.Pattern:
    """How a measure opens: any of `leads` (今年, 要, 继续), then an action verb (出台, 建成);
    with `optional`, the verb may be missing too (the opening to strip or read off).

    >>> verb_prefix(("要",), ("加快", "加快推进")).match("要加快推进试点").group()
    '要加快推进'
    >>> print(verb_prefix(("要",), ("加快",)).match("要统筹"))
    None
    >>> verb_prefix(("要",), ("加快",), optional=True).match("要统筹").group()
    '要'
    """
    return re.compile(rf"^(?:{alternation(leads)})*(?:{alternation(verbs)})"
                      rf"{'*' if optional else ''}")


def content_id(prefix: str, text: str, *, scope: str | None = None,
               seen: dict[str, int] | None = None) -> str:
    """An id from content, never from position: a person's decision hangs on it, so it follows
    its row wherever the row moves. Every id already stored keeps its value, so the ids are of
    two forms, each as it was first made (neither follows the grammar above: ids outlive it):

    - scoped (a measure or shortcoming, which reviews are stored under): the `scope` (a
      section's label path) and the text less spaces and punctuation, with the occurrence
      number of that text in the scope (`seen` counts them), SHA-1, 10 hex digits;
    - unscoped (a task or target row of the plan sheet, which an office's entries are stored
      under): the text less spaces, SHA-256, 8 hex digits.

    >>> content_id("t", "国内生产总值增长6%以上")
    'tb25f3a3e'
    >>> seen: dict[str, int] = {}
    >>> [content_id("m", "稳定就业", scope="三、（一）", seen=seen) for _ in range(2)]
    ['m3ff1bd908c', 'm58219c7245']
    """
    if scope is None:
        return prefix + hashlib.sha256(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()[:8]
    norm = re.sub(r"[\s，,。；;：:、“”‘’（）()]", "", text)
    key = f"{scope}|{norm}"
    seen = {} if seen is None else seen
    n = seen.get(key, 0)
    seen[key] = n + 1
    return prefix + hashlib.sha1(f"{key}|{n}".encode()).hexdigest()[:10]


# ---- normalising -----------------------------------------------------------------

# Invisible characters that only break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u3000\u2002\u2003\u2009\t"), " ")
# NFKC only where it cannot change meaning: full-width digits, Latin letters,
# ％ and the full-width full stop between digits. CJK punctuation stays as printed.
# This and the other patterns only normalize_chars uses are compiled on its first call
# (_normalizers): only ingest reads raw text, and compiling them cost every command ≈ 7 ms.
_WIDE = r"[０-９Ａ-Ｚａ-ｚ％．]"

# Characters that cannot start a paragraph: a line starting with one continues the last.
_NON_INITIAL = "，。、；：）》」』”%,.;:)"
NON_FINAL = "（《「『“、，(,"  # where no paragraph ends (the PDF reader asks it too)


# Runs of ? are characters an aggregator site lost in its encoding: nothing to read.
_LOST = re.compile(r"\?{2,}")


# A title printed letter-spaced (政 府 工 作 报 告): one word.
_SPACED = r"(?m)^[ \t]*((?:[\u4e00-\u9fff][ \t]+){2,}[\u4e00-\u9fff])[ \t]*$"
# A delivery line's dash typed as hyphens or one dash (----2012年2月29日在…,
# —2018年3月7日在…): the printed ——.
_DELIVERY_DASH = re.compile(r"(?m)^([ \t]*)(?:-{2,}|[—–－]{1,2})[ \t]*(?=\d{4}[ \t]*年)")


# A space between a Chinese character and a Latin letter or digit (纠纷 872 起) is typesetting, not
# text: a PDF's autospacing, a page's &nbsp;, a typist's habit. Every format reads without it.
_CJK = "\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019"
_INTER_SCRIPT = (rf"(?<=[{_CJK}])[ \t]+(?=[A-Za-z0-9０-９])|(?<=[A-Za-z0-9０-９%％])[ "
                 rf"\t]+(?=[{_CJK}])")


# single digits each one space apart, the run bordered by no other digit
_SPACED_DIGITS = re.compile(r"(?<![\d０-９.．])[\d０-９](?:[ \t][\d０-９])+(?![\d０-９])")

_DOT_DECIMAL = re.compile(r"(?<=[\d０-９])[·・](?=[\d０-９]+[%％])")


@functools.cache
def _normalizers() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    return re.compile(_SPACED), re.compile(_INTER_SCRIPT), re.compile(_WIDE)


def normalize_chars(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE).translate(_SPACES)
    # the horizontal bar (――) some sites print for a delivery line's dash
    text = text.replace("\u2015", "\u2014")
    text = _LOST.sub("", text) if "??" in text else text
    spaced, inter_script, wide = _normalizers()
    text = spaced.sub(lambda m: re.sub(r"[ \t]+", "", m.group(1)), text)
    text = _DELIVERY_DASH.sub(r"\1——", text)
    text = inter_script.sub("", text)
    # a figure typeset a digit at a time (粮食总产量稳定在4 9 2 5 0 万吨, 预定增长1 0 ％:
    # 国务院 1998)
    text = _SPACED_DIGITS.sub(lambda m: re.sub(r"[ \t]", "", m.group()), text)
    # a percentage's decimal point printed as a middle dot (全社会固定资产投资增长14·1％:
    # 国务院 1999); a date's dot (5·12) is no percentage
    text = _DOT_DECIMAL.sub(".", text)
    return wide.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


# Characters a name typed or copied may carry without showing them: format characters (zero-width
# spaces, joiners, bidirectional isolates such as U+2066, the BOM, soft hyphens). A control
# character is no look-alike: a name holding one is refused (files.safe_name).
_HIDDEN = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def clean_name(name: str) -> str:
    """A unit's name as it is stored and looked up: NFKC (Kangxi radicals and
    full-width forms become the ordinary characters), hidden characters dropped, spaces (NBSP
    included) trimmed, so a name that looks the same is the same name."""
    return " ".join(_HIDDEN.sub("", unicodedata.normalize("NFKC", name)).split())


# Share of characters t2s conversion must change before a text is taken as Traditional:
# Simplified text changes by a few variant characters at most, Traditional by a fifth or more.
_TRADITIONAL_SHARE = 0.05


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # only when a text is ingested
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` in Simplified characters when it is printed in Traditional ones
    (龍華區…建設), else as is."""
    sample = "".join(c for c in text[:2000] if is_hanzi(c))
    if not sample:
        return text
    converter = _t2s()
    changed = sum(a != b for a, b in zip(sample, converter.convert(sample), strict=False))
    return converter.convert(text) if changed >= _TRADITIONAL_SHARE * len(sample) else text


def _labelled(line: str) -> bool:
    return any(rx.match(line) for _, rx in STYLES)


def _bare_label(line: str) -> bool:
    """Whether `line` is a section label and nothing else (一、, （三）)."""
    return any(rx.fullmatch(line) for _, rx in STYLES)


# An item's label in a list of tasks or problems (一是…, 第六、…, 第一，…)
ITEM_LABEL = r"(?:[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、])"
# An item's label on a line of its own (一是 / 第六、): archive pages print it apart from its item
# (国务院 1986, 1995), whose line goes on from it.
_BARE_ITEM = re.compile(ITEM_LABEL)


def _continues(prev: str, line: str, alone: Sequence[re.Pattern]) -> bool:
    """Whether `line` is the rest of `prev`, broken by a hard wrap or a link."""
    # a "——" line without a full stop is a subtitle (the delivery line), not a wrapped bullet
    subtitle = prev.startswith(DASH) and "。" not in prev
    # a heading whose book title is still open goes on to its 》 (三、关于《 /
    # 国民经济…纲要（草案） / 》的说明: a page breaking a title out of its line); so does a numbered
    # paragraph past its heading's 。 broken mid-sentence, when the line after is a fragment (no
    # end of its own) or opens as no paragraph does (（四）…。积极推动加入 / 全面与进步跨太平洋伙伴
    # 关系协定 / （CPTPP）等…: 国务院 2023); one before a paragraph of its own stays, its 。
    # missing (国务院 1987's 三、…的重要保证 / 我国的经济体制改革，…。); a heading ending where no
    # line ends (、，“（) goes on in the next line (涞源县 2021: 一、回顾“十三五”，…坚定前行、 /
    # 砥砺奋进，全面建成小康社会取得决定性成就), a label alone on its line (一、) does not: its
    # item's line is a paragraph of its own (国务院 1986: 一、 / 继续增加能源、交通…的投资。)
    heading = _labelled(prev) and prev.count("《") <= prev.count("》") and not (
        prev[-1] in NON_FINAL and not _bare_label(prev)) and not (
        "。" in prev and (line[-1] not in TERMINAL or line[0] in _NON_INITIAL + "（("))
    if not prev or prev[-1] in TERMINAL or subtitle or heading or any(
            rx.search(prev) for rx in alone):
        return False
    if _labelled(line) or line.startswith(DASH) or any(rx.search(line) for rx in alone):
        return False
    if _BARE_ITEM.fullmatch(prev):
        return True
    return (
        len(prev) >= 20
        or line[0] in _NON_INITIAL
        or prev[-1] in NON_FINAL
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
    row = False  # whether out[-1] is a table row
    # whether the line before was dropped ending in a colon: a label whose value a scraped page
    # set on the next line (阅读： / 354 / 评论： / 0), which goes with it, not into the text (3540)
    label = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        # a table's row (its cells tab-joined, as the readers write them) stands alone, its
        # cells told apart: a list printed as a table (指标 | 预期目标) is read row by row; a tab
        # that only indents a line makes no row
        cells = [c for c in raw.split(CELL) if c.strip()] or [""]
        line = CELL.join(re.sub(r" {2,}", " ", normalize_chars(c)).strip() for c in cells)
        if not line:
            continue
        if label and _COUNT.fullmatch(line):
            label = False
            continue
        if drop(line):
            label = line[-1] in COLONS
            continue
        label = False
        if out and not row and len(cells) == 1 and _continues(out[-1], line, patterns):
            out[-1] += line
        else:
            out.append(line)
            row = len(cells) > 1
    return out


CELL = "\t"  # between the cells of a table's row, in a paragraph as in the readers' text
_COUNT = re.compile(r"\d+")  # a counter's value (阅读： / 354)


# A sentence with its end (closing quotes and brackets included), or the text's unended tail.
SENTENCE = re.compile(rf"[^{SENTENCE_END}]*(?:{chars(SENTENCE_END)}+{chars(CLOSERS)}*|$)")


def sentences(text: str) -> list[str]:
    """Split on sentence-final punctuation (and ；), keeping the punctuation."""
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


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


_YEAR_DIGITS = "〇一二三四五六七八九○零"


def arabic_years(text: str) -> str:
    """Years as digits, as cues naming a year are written: 一九八三年 → 1983年, 1 9 9 3 年 → 1993年.
    Reports before the 1990s print their years in CJK digits.

    >>> arabic_years("一九五八年的伟大成就，1 9 9 3 年")
    '1958年的伟大成就，1993年'
    """
    text = re.sub(r"[〇○零一二三四五六七八九]{4}(?=年)",
                  lambda m: "".join(str(_YEAR_DIGITS.index(c) % 10) for c in m.group()), text)
    return re.sub(r"(?<!\d)\d(?: \d){3} ?(?=年)", lambda m: m.group().replace(" ", ""), text)


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
    rf"[零〇]|{_D}千(?:零(?:{_TENS}|{_D})|〇{_D}(?:十{_D}?)?)?|{_D}千(?:{_HUNDREDS})|{_HUNDREDS}|"
    rf"{_TENS}|{_D}")
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def cjk_number(numeral: str) -> int | None:
    """The value of a CJK numeral (四, 二十三, 一千零五十, 一二三); None when
    it is none (十十, 九九十).

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


def changed_part(old: str, new: str, around: int = 6) -> str:
    """What differs between two versions of a row's text, each side from its first to its last
    changed character with `around` characters of context: a message about a corrected row names
    the change, never a prefix that stops before it (ua22b F3).

    >>> changed_part("全年集装箱吞吐量突破1450万标箱", "全年集装箱吞吐量突破1500万标箱")
    "'…吞吐量突破1450万标箱' → '…吞吐量突破1500万标箱'"
    """
    from difflib import SequenceMatcher
    ops = [op for op in SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if not ops:
        return f"{quoted(old)} → {quoted(new)}"

    def side(text: str, start: int, end: int) -> str:
        lo, hi = max(start - around, 0), min(end + around, len(text))
        return quoted(("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else ""), 80)
    return (f"{side(old, ops[0][1], ops[-1][2])} → {side(new, ops[0][3], ops[-1][4])}")


def quoted(value: object, limit: int = 40) -> str:
    """A value quoted in a message: on one line and short (a cell may hold pages).

    >>> quoted("已落实"), quoted("第一行\\n第二行"), quoted("字" * 50)[-4:]
    ("'已落实'", "'第一行 第二行'", "字字…'")
    """
    text = " ".join(str(value).split())
    return repr(text if len(text) <= limit else text[:limit] + "…")
