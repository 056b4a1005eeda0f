"""Which region a report is of: the administrative name its title, delivery line, opening,
signature or file name gives, or its level words (全省, 我国) when it names none.

    region_name(text, kind)      → the administrative name `text` gives (大余县), or None
    pick_region(candidates, kind) → the unit's own name from the first candidate naming one
    region_names(text, kind)     → every unit a line names before an issuing body's words
    own_name(name, kind)         → `name` without the units above it (河北省保定市涞源县 → 涞源县)
    level_region(pars, kind)     → the unit of a report that names itself only by its level
    opener_region(pars, kind)    → the region an opening line names (the kind's region_openers)
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from compare import kinds
from compare import text as textmod


def region_name(text: str | None, tmpl: kinds.Kind) -> str | None:
    """The administrative name `text` gives, or None: `text` itself when it is one (after an
    issuing body's words such as 人民政府), else the name before an issuing body's words
    (中共大余县委 大余县人民政府), else a name opening it (四川省人民)."""
    if not text:
        return None
    text = text.strip()
    shape, bodies = tmpl.region_shape, _bodies(tmpl)
    whole = re.fullmatch(rf"(?P<n>{shape})(?:{bodies})?", text)
    if whole and _ok(whole["n"], tmpl):
        return whole["n"]
    before = next(_before_bodies(text, tmpl), None)
    if before:
        return before
    m = re.match(rf"(?P<n>{shape})", text)
    return m["n"] if m and _ok(m["n"], tmpl) else None


def _bodies(tmpl: kinds.Kind) -> str:
    return "|".join(tmpl.issuing_bodies + tmpl.region_suffixes) or "(?!)"


def _ok(name: str, tmpl: kinds.Kind) -> bool:
    return len(name) <= 16 and not any(re.search(n, name) for n in tmpl.region_not)


def _before_bodies(text: str, tmpl: kinds.Kind) -> Iterator[str]:
    """The names `text` gives before an issuing body's words, in order."""
    before_body = re.compile(rf"(?P<n>{tmpl.region_shape})(?={_bodies(tmpl)})")
    i = 0
    while i < len(text):
        m = before_body.match(text, i)
        if m and _ok(m["n"], tmpl):
            yield m["n"]
            i = m.end()
        else:
            i += 1


def pick_region(candidates: list[str | None], tmpl: kinds.Kind) -> str | None:
    """The unit's own name (see `own_name`) from the first candidate that names a region."""
    name = next(
        (n for c in candidates if (n := region_name(c and textmod.clean_name(c), tmpl))), None)
    return own_name(name, tmpl) if name else None


def region_names(text: str | None, tmpl: kinds.Kind) -> list[str]:
    """Every unit (its own name) `text` names before an issuing body's words, each once: a line
    of issuers (中共大余县委 大余县人民政府) names one, a portal's bar linking its counties
    (涞源县人民政府 阜平县人民政府) several."""
    names = (own_name(n, tmpl) for n in _before_bodies(textmod.clean_name(text or ""), tmpl))
    return list(dict.fromkeys(names))


def own_name(name: str, tmpl: kinds.Kind) -> str:
    """`name` without the units above it (呼伦贝尔市海拉尔区 → 海拉尔区,
    河北省保定市涞源县 → 涞源县): one year's report names its parent and the next does not, and a
    unit must be one region across years."""
    nots = [re.compile(n) for n in tmpl.region_not]
    while (m := re.match(tmpl.region_parent, name)) and (rest := name[m.end():]) \
            and re.fullmatch(tmpl.region_shape, rest) and not any(n.search(rest) for n in nots):
        name = rest
    return name


def level_region(pars: list[str], tmpl: kinds.Kind) -> str | None:
    """The unit of a report that names itself only by its level
    (我代表省人民政府, 全省, 我国), from the level words it speaks in (全X, 我X, 本X): a national
    one is the kind's national unit when `NATIONAL_SHARE` of them are 国 (local reports speak of
    全国 too); a provincial one is the province its text names most often, at least `PROVINCE_MIN`
    times and more often than any other."""
    text = "".join(pars)
    levels = Counter(re.findall(r"(?:全|我|本)(国|省|自治区|市|区|县)", text))
    if (tmpl.congress.region
            and levels["国"] >= NATIONAL_SHARE * sum(levels.values()) >= NATIONAL_MIN):
        return tmpl.congress.region
    local = Counter({k: n for k, n in levels.items() if k != "国"}).most_common(1)
    if not local or local[0][0] != "省" or not tmpl.provinces:
        return None
    counts = Counter({full: text.count(short)
                      for short, full in tmpl.provinces.items()}).most_common(2)
    (best, n), runner = counts[0], (counts[1][1] if len(counts) > 1 else 0)
    return best if n >= PROVINCE_MIN and n > runner else None


PROVINCE_MIN = 5
NATIONAL_SHARE, NATIONAL_MIN = 0.85, 20


def opener_region(pars: list[str], tmpl: kinds.Kind) -> str | None:
    for par in pars:
        for pattern in tmpl.region_openers:
            m = re.search(pattern, par)
            if m and (name := region_name(m.group("region"), tmpl)):
                return name
    return None
