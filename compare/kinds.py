"""Report kinds are YAML templates under templates/kinds/: this module loads them.

Everything specific to one kind of report (title shapes, page chrome, heading
cues, the indicator dictionary) lives in those files, not in code.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from compare.errors import YoyError
from compare.files import load_yaml, validated
from compare.schema import Role
from compare.text import alternation, any_of, verb_prefix


def _shipped() -> Path:
    """The templates shipped with the package: compare/templates once installed (package data
    `compare.templates`), templates/ beside the package in a source checkout (which an editable
    install maps to compare.templates). Found by one stat where importlib.resources would be
    imported for it (≈ 1.3 ms of a `yoy compare`, bench/one_pair.py)."""
    package = Path(__file__).resolve().parent
    inside = package / "templates"
    return inside if inside.is_dir() else package.parent / "templates"


TEMPLATES = _shipped()


def template_dirs(templates: Path | str | None = None) -> list[Path]:
    """Directories searched for a template file, first wins: `templates` (the user's, `yoy
    --templates DIR` or $YOY_TEMPLATES), then the shipped ones.

    A user's directory only needs the files it changes or adds."""
    dirs = [Path(templates).resolve()] if templates else []
    return dirs + [TEMPLATES] if TEMPLATES not in dirs else dirs


def template_file(name: str, templates: Path | str | None = None) -> Path:
    """The first `name` (e.g. `kinds/fazhi.yaml`, `workbook.yaml`) in `template_dirs`; the shipped
    path if none has it."""
    dirs = template_dirs(templates)
    return next((d / name for d in dirs if (d / name).is_file()), TEMPLATES / name)


# The kind's models build their validators when a kind is first validated, not on import
# (defer_build, as schema.Model): once, for Kind with the others inside it, where each built its
# own on import (≈ 0.3–0.5 ms of a `yoy compare`, bench/one_pair.py).
class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    aliases: list[str] = []
    unit: str = ""
    direction: Literal["higher", "ceiling"] = "higher"
    tolerance: float = 0.0
    # tracked wherever the plan part states it (赤字率拟按3%左右安排), not only
    # in the target sentence
    anywhere: bool = False
    # the two indicators a combined one is reported as where its own figure is not given
    # (城乡居民人均可支配收入增长8.5% ← 城镇、农村居民人均可支配收入分别增长10.2%、13.9%)
    parts: list[str] = Field(default=[], max_length=2)

    @property
    def words(self) -> list[str]:
        return [self.name, *self.aliases]


class Alias(BaseModel):
    """A short name or programme (“三线一单”, 放管服, 空气质量) and the words
    that name the same thing (its parts, its expansion, the outcome figures that report it): a
    sentence naming one of `words` speaks of a measure naming `name`, and the other way round
    (bench/mine_aliases.py finds them)."""
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str = Field(min_length=2)
    words: list[Annotated[str, Field(min_length=2)]] = Field(min_length=1)


class Relation(BaseModel):
    """A qualitative target that compares two indicators' actuals (居民收入增长和经济增长同步):
    met when `left` is at least `right` less `tolerance`."""
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    cue: str
    left: str
    right: str
    tolerance: float = 0.0


class CongressCue(BaseModel):
    """A sentence naming the congress session a report is delivered to: named groups `term` and
    `session` (CJK numerals); `offset` years after that session's year (1: it is last year's)."""
    model_config = ConfigDict(extra="forbid", defer_build=True)
    pattern: str
    offset: int = 0


class Congress(BaseModel):
    """The congress a kind's reports are delivered to: each term's first session year (one session a
    year from there), or the years of its sessions when they were not yearly; `region`, the unit
    that reports to it (a report naming it is that unit's)."""
    model_config = ConfigDict(extra="forbid", defer_build=True)
    region: str | None = None
    cues: list[CongressCue] = []
    terms: dict[int, int | list[int]] = {}


def _regex(pattern: str) -> str:
    """A cue used as a regular expression, checked when the template is read: a mistake in one is
    the template's (`yoy: error: <file>: roles.0.cues.0: …`), not an internal error at first use."""
    try:
        re.compile(pattern)
    except re.error as e:
        raise ValueError(f"not a regular expression ({e}): {pattern!r}") from None
    return pattern


Regex = Annotated[str, AfterValidator(_regex)]


class RoleRule(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    role: Role
    cues: list[Regex]
    # the rule holds at any depth, not only for a top-level heading: a subsection so headed takes
    # its role inside a section of another (关于外交工作 under 今后五年的主要任务)
    nested: bool = False


T = TypeVar("T")


def _cue(build: Callable[[Kind], T]) -> functools.cached_property[T]:
    """A cue of `Cues`, built from the kind's lists by `build` the first time it is read."""
    return functools.cached_property(lambda cues: build(cues.kind))


def _unless_led(kind: Kind, principle: re.Pattern) -> re.Pattern:
    """`principle`, not matching where one of the kind's `measure_principle_leads` (after its
    leads) is followed by an action verb: 贯彻落实行政执法公示制度 opens a task, 贯彻…精神 a
    principle."""
    if not kind.measure_principle_leads:
        return principle
    led = verb_prefix(tuple(kind.measure_leads), tuple(kind.measure_principle_leads)).pattern
    verbs = alternation(kind.measure_verbs)
    return re.compile(f"(?!{led}(?:{verbs})){principle.pattern}")


class Cues:
    """A kind's cue lists as the regexes that match them, each built once per kind (`Kind.cues`)
    and only when first read: ingest splits a plan with the same patterns the rules read a review
    with, and a comparison of reports from the parse cache splits no plan into measures (the cues
    only that reads are a third of the kind's compile time, ≈ 2% of a `yoy compare`'s
    instructions, bench/one_pair.py)."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind

    # how a measure opens: leads, then action verbs, either missing
    opening = _cue(lambda k: verb_prefix(tuple(k.measure_leads + k.measure_principle_leads),
                                         tuple(k.measure_verbs), optional=True))
    # a measure's verbs anywhere in it (建设, 增长), longest first: words the object matched never
    # cuts (rules.whole_words)
    word_verbs = _cue(lambda k: re.compile("|".join(sorted(
        {re.escape(v) for v in k.measure_verbs}, key=lambda v: (-len(v), v))) or "(?!)"))
    # a clause opening with an action verb (after leads: 今年, 要)
    action = _cue(lambda k: verb_prefix(tuple(k.measure_leads + k.measure_principle_leads),
                                        tuple(k.measure_verbs)))
    # … with a verb that opens a row but cuts none into parts (推出…, 增强…)
    row_action = _cue(lambda k: verb_prefix(tuple(k.measure_leads),
                                            tuple(k.measure_row_verbs or ["(?!)"])))
    # … with a verb that opens a row of its own (切实搞好…): measures.MeasureSpan.lone
    lone_action = _cue(lambda k: verb_prefix(tuple(k.measure_leads),
                                             tuple(k.measure_lone_verbs or ["(?!)"])))
    # … with the aim of the tasks before it (打造…, 营造…)
    aim = _cue(lambda k: verb_prefix(tuple(k.measure_leads), tuple(k.measure_aims or ["(?!)"])))
    # … with a principle (坚持…, 把…), unless the principle word only leads an action verb
    # (the kind's `measure_principle_leads`: 贯彻落实…制度 is a task)
    principle = _cue(lambda k: _unless_led(k, verb_prefix(
        tuple(k.measure_leads), tuple(k.measure_principles or ["(?!)"]))))
    # a clause ending in an action on a quality (…水平, …意识)
    abstract = _cue(lambda k: any_of(f"(?:{a})$" for a in k.measure_abstract))
    # a clause opening a judgement (这是…)
    statement = _cue(lambda k: any_of(f"^(?:{p})" for p in k.measure_statements))
    # a sentence's first clause recalling a past year (去年…)
    recall = _cue(lambda k: any_of(f"^(?:{p})" for p in k.measure_recalls))
    # a plan sentence that frames, sets no task
    framing = _cue(lambda k: any_of(k.measure_framing))
    # a plan sentence naming its object through the one before
    continues = _cue(lambda k: any_of(k.measure_continues))
    # a scene-setting clause that goes with the action after it
    prelude = _cue(lambda k: any_of(k.measure_preludes))
    # a plan sentence (to its 。) recalling past work
    past = _cue(lambda k: any_of(k.measure_past))
    # a paragraph's closing sentence that sums it up (我们要…)
    closing = _cue(lambda k: any_of(k.measure_closing))
    # a clause whose sentence is not cut after it (…的主要任务是：)
    holds = _cue(lambda k: any_of(k.measure_holds))
    # a completion cue (完成, 建成)
    completion = _cue(lambda k: any_of(k.completion_cues))
    # a future or imperative cue (要, 将, 力争)
    future = _cue(lambda k: any_of(k.future_cues))
    # a verb of work under way, whose object a completion word after it is (推进…设立)
    ongoing = _cue(lambda k: any_of(k.ongoing_cues))
    # an opening promising an end point (建成, 出台)
    end_point = _cue(lambda k: any_of(k.end_point_verbs))
    # a level reached (国家级, 省级)
    level = _cue(lambda k: any_of(k.level_words))
    # an enumeration named as one object's contents (以A、B为主要内容的…)
    contents = _cue(lambda k: any_of(k.enumeration_contents))
    # each stage's verbs, lowest stage first
    stages = _cue(lambda k: tuple(any_of(words) for words in k.stages))
    # generic head nouns closing an object (建设, 工作)
    closing_heads = _cue(lambda k: re.compile(f"(?:{alternation(k.generic_heads, literal=True)})+$")
                         if k.generic_heads else any_of([]))
    # a figure or sentence speaking of several years (年均, 累计)
    several_years = _cue(lambda k: any_of(k.multi_year_cues))
    # a problem's framing words (全球, 一些)
    shortcoming_framing = _cue(lambda k: any_of(k.shortcoming_framing))
    # a problem's words saying it falls short
    shortcoming_predicates = _cue(lambda k: any_of(k.shortcoming_predicates))
    # a review sentence's words reporting headway (缓解)
    shortcoming_progress = _cue(lambda k: any_of(k.shortcoming_progress))
    # a problem of the world outside (全球疫情, 国际市场)
    shortcoming_external = _cue(lambda k: any_of(k.shortcoming_external))
    # a review sentence of thanks or tribute, reporting no work (表示衷心的感谢, 领导的结果)
    review_tributes = _cue(lambda k: any_of(k.review_tributes))
    # a review sentence framing the year under its guiding thought, no task's report (坚持以…)
    review_framing = _cue(lambda k: any_of(k.review_framing))


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    kind: str
    name: str
    # the name an English workbook's titles and 概览 give it (its key where none)
    name_en: str | None = None
    title_cues: list[Regex] = []
    title_patterns: list[Regex] = []
    region_suffixes: list[str] = []
    year_patterns: list[Regex] = []
    review_offset: int = 0
    # the year its plan part plans, from the title's year (1: a 法治政府 report of 2021 plans 2022;
    # 0: a government work report plans its own year); review_offset: the year its review reviews
    plan_offset: int = 1
    roles: list[RoleRule] = []
    default_role: Role = "other"   # of a top-level section whose heading has no cue
    # its reports review the year before: one read with no review part is said at ingest (a heading
    # glued to the paragraph above it leaves the review in the preamble, and a comparison reads
    # every measure not reported)
    expects_review: bool = False
    # its plan is a list of tasks, every sentence one (a 法治政府 plan): a plan sentence in no row
    # for want of a verb the template knows is said at ingest (lists.left_out). Not a gov work
    # report's: its plan part is half assessments and exhortations (3,821 such sentences in the
    # corpus, bench/plan_sentences.py), and a warning naming them would say nothing
    warn_unread: bool = False
    # … or, for a plan of tasks and assessments (a gov work report), only such a sentence opening
    # as a task does, with one of these words (继续选派优秀干部…, 持续打好蓝天、碧水、净土保卫战):
    # a task whose verb the template lacks, said at ingest as warn_unread's are
    unread_leads: list[str] = []
    target_cues: list[str] = []
    target_riders: list[str] = []
    target_asides: list[str] = []
    # a target bounding the whole year (its clause holds one of whole_year_cues) met on a figure
    # the review dates to one moment (its clause holds one of point_in_time_cues) is noted
    whole_year_cues: list[str] = []
    point_in_time_cues: list[str] = []
    plan_figure_cues: list[str] = []
    shortcoming_cues: list[str] = []
    indicators: list[Indicator] = []
    relations: list[Relation] = []
    aliases: list[Alias] = []
    # the fitted row decision's words, read by bench/fit_rows.py when it fits (name → pattern)
    row_words: dict[str, str] = {}
    # … and the words of the row's section heading (name → pattern), read so too
    row_heading_words: dict[str, str] = {}
    # from _common.yaml, extended by the kind
    chrome: list[str] = []
    metadata: dict[str, list[str]] = {}
    item_breaks: list[str] = []
    multi_year_cues: list[str] = []
    multi_year_openers: list[str] = []
    # a sentence or paragraph opening with one of these speaks of one year, the reviewed one
    # ({year}: it), ending the multi-year passage multi_year_openers began
    one_year_openers: list[str] = []
    last_year_openers: list[str] = []
    plan_year_words: list[str] = []
    period_headings: list[str] = []
    target_words: list[str] = []
    completion_cues: list[str] = []
    future_cues: list[str] = []
    ongoing_cues: list[str] = []
    end_point_verbs: list[str] = []
    stages: list[list[str]] = []
    end_stage: int = 0
    generic_heads: list[str] = []
    level_words: list[str] = []
    enumeration_contents: list[str] = []
    shortcoming_leads: list[str] = []
    measure_leads: list[str] = []
    measure_verbs: list[str] = []
    measure_row_verbs: list[str] = []
    # verbs that make a plan sentence with no action a row of its own, read whole as a row verb's
    # and joined to no row (measures.MeasureSpan.lone): a verb added late adds rows, cuts none
    measure_lone_verbs: list[str] = []
    # a measure shorter than this many characters is no row (a clause cut too short)
    measure_min_chars: int = 4
    measure_stops: list[str] = []
    measure_framing: list[str] = []
    measure_principles: list[str] = []
    # principle words that, followed by an action verb, only lead it (贯彻落实…, 统筹推进…)
    measure_principle_leads: list[str] = []
    measure_aims: list[str] = []
    measure_abstract: list[str] = []
    measure_continues: list[str] = []
    measure_statements: list[str] = []
    measure_recalls: list[str] = []
    measure_preludes: list[str] = []
    measure_past: list[str] = []
    measure_closing: list[str] = []
    measure_holds: list[str] = []
    shortcoming_list_cues: list[str] = []
    shortcoming_skip: list[str] = []
    shortcoming_closers: list[str] = []
    shortcoming_predicates: list[str] = []
    shortcoming_framing: list[str] = []
    shortcoming_progress: list[str] = []
    shortcoming_external: list[str] = []
    shortcoming_topics: list[Alias] = []
    review_tributes: list[str] = []
    review_framing: list[str] = []
    tail_markers: list[str] = []
    share_cues: list[str] = []
    region_shape: str = ".+"
    # a unit above the region printed before its name (呼伦贝尔市 in 呼伦贝尔市海拉尔区): dropped
    region_parent: str = "(?!)"
    # provinces by the short name their text uses (广东: 广东省), for a report that
    # names only its level
    provinces: dict[str, str] = {}
    congress: Congress = Congress()
    region_not: list[str] = []
    issuing_bodies: list[str] = []
    region_openers: list[str] = []
    year_openers: list[str] = []
    closing_lines: list[str] = []
    # the plan sheet (compare/workbook/plansheet.py): group `v` of the first match is the value
    deadline_cues: list[str] = []
    # 完成时限 words for the plan year's end and its first half, English month names and the
    # words before them, the letters marking a quarter (Q3, 3Q) (plan_cues.deadline_date)
    deadline_year_end: list[str] = []
    # (deadline_half_year: the words for the plan year's first half, 上半年 and 年中: June 30th)
    deadline_half_year: list[str] = []
    deadline_months: list[str] = []
    # (deadline_month_lead: the English words before a month, by the end of June)
    deadline_month_lead: list[str] = []
    deadline_quarter_letters: list[str] = []
    # a measure's 牵头单位 (lead_cues) and 责任单位 (responsible_cues) as its text names them: group
    # `v` of the first pattern that matches (由区司法局牵头, 牵头单位：…)
    lead_cues: list[str] = []
    # (responsible_cues: see lead_cues)
    responsible_cues: list[str] = []
    # the plan sheet's and the year-end brief's titles: {region}, {year} (the plan year)
    plan_title: str = "{region}{year}"
    # (plan_title_en: the plan sheet's title in an English workbook)
    plan_title_en: str = "{region} {year}"
    # (brief_title: the year-end brief's title, yoy brief)
    brief_title: str = "{region}{year}"
    # (brief_title_en: the brief's title in English)
    brief_title_en: str = "{region} {year}"

    @functools.cached_property
    def cues(self) -> Cues:
        """The kind's cue lists compiled (`Cues`), once."""
        return Cues(self)

    def model_copy(self, *, update=None, deep: bool = False) -> Kind:
        """A copy whose `cues` are compiled from its own lists (pydantic copies a compiled
        `cues` along, which `update` would leave out of date)."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("cues", None)
        return copy

    def title(self, which: Literal["plan", "brief"], lang: str, region: str, year: int) -> str:
        """The plan sheet's (`plan`) or the brief's (`brief`) title in `lang`."""
        pattern = getattr(self, f"{which}_title_en" if lang == "en" else f"{which}_title")
        return pattern.replace("{region}", region).replace("{year}", str(year))

    def role_for(self, heading: str, nested: bool = False) -> Role | None:
        """The role of the first rule a heading matches; `nested`: of the rules that hold at any
        depth only."""
        for rule in self.roles:
            if (rule.nested or not nested) and any(re.search(c, heading) for c in rule.cues):
                return rule.role
        return None

    def indicator(self, name: str) -> Indicator | None:
        return next((i for i in self.indicators if i.name == name), None)

    def named(self, indicator: str, text: str) -> str:
        """`indicator` as `text` (a target's clause) names it, for a reader: the longest of its
        words the text holds, else its name. A district's target says 地区生产总值 where the
        template keys the indicator 国内生产总值, the name a series is followed by.

        >>> load_kind("gov-work-report").named("国内生产总值", "地区生产总值增长6%左右")
        '地区生产总值'
        """
        found = self.indicator(indicator)
        said = [w for w in (found.words if found else []) if w in text]
        return max(said, key=len) if said else indicator

    def relation(self, name: str) -> Relation | None:
        return next((r for r in self.relations if r.name == name), None)


def read_template(path: Path) -> dict:
    """A template file's mapping (an empty file is an empty mapping); read back from a parse
    cache when the command has one (files.kept_in)."""
    data = load_yaml(path, keep=True) or {}
    if not isinstance(data, dict):
        raise YoyError(path, "a template must be a mapping of keys to values")
    return data


@functools.cache
def _load(path: Path, common: Path) -> Kind:
    data = read_template(common) if common.is_file() else {}
    # a key's own file, and for a list both files extend, how many leading entries are common's:
    # an error names the file the user has to fix
    common_keys = set(data)
    common_len: dict[str, int] = {}
    for key, value in read_template(path).items():
        common_keys.discard(key)
        if isinstance(value, list) and isinstance(data.get(key), list):
            common_len[key] = len(data[key])
            data[key] = data[key] + value
        elif isinstance(value, dict) and isinstance(data.get(key), dict):
            # the kind's patterns are tried before the common ones
            data[key] = {k: value.get(k, []) + data[key].get(k, []) for k in {*data[key], *value}}
        else:
            data[key] = value

    def origin(loc: tuple[int | str, ...]) -> Path:
        key = loc[0] if loc else None
        if key in common_keys:
            return common
        if isinstance(key, str) and key in common_len and len(loc) > 1 and isinstance(loc[1], int):
            return common if loc[1] < common_len[key] else path
        return path
    kind = validated(Kind, data, path, origin=origin)
    if kind.kind != path.stem:
        # a kind is found by its file's name: another name inside it is found, then lost (ua21a)
        raise YoyError(path, f"kind: {kind.kind!r} is not the file's name {path.stem!r}: yoy "
                             f"finds a kind by its file; name the file {kind.kind}.yaml or the "
                             f"kind {path.stem}")
    return kind


def _kind_files(kind: str, templates: Path | str | None) -> tuple[Path, Path]:
    return template_file(f"kinds/{kind}.yaml", templates), template_file(
        "kinds/_common.yaml", templates)


def load_kind(kind: str, templates: Path | str | None = None) -> Kind:
    """The template for `kind`, with _common.yaml merged in."""
    path, common = check_kind(kind, templates)
    return _load(path, common)


def check_kind(kind: str, templates: Path | str | None = None) -> tuple[Path, Path]:
    """The template files of `kind` (its own and _common.yaml); a YoyError naming the known kinds
    when there is none (a file's existence only: a command checks the kind it is given first, so
    that a mistyped one is said as such, not as a report missing from the store)."""
    path, common = _kind_files(kind, templates)
    if kind.startswith("_") or "/" in kind or "\\" in kind or not path.is_file():
        known = ", ".join(available(templates)) or "none"
        # name every folder searched: a user's kind missing from their own folder is the usual cause
        dirs = template_dirs(templates)
        searched = " nor in ".join(str(d / "kinds") for d in dirs)
        raise YoyError(kind, f"unknown report kind: no {kind}.yaml in {searched} (known: {known})",
                       hint=None if len(dirs) > 1 else "templates")
    return path, common


def available(templates: Path | str | None = None) -> list[str]:
    return sorted({p.stem for d in template_dirs(templates) for p in (d / "kinds").glob("*.yaml")
                   if not p.stem.startswith("_")})


def guess_kind(head: list[str], templates: Path | None = None) -> str | None:
    """The kind whose title pattern matches a line of `head`, else whose title cue occurs first
    in it (--kind auto)."""
    kinds = [load_kind(name, templates) for name in available(templates)]
    for k in kinds:
        if any(re.match(p, line.strip()) for p in k.title_patterns for line in head):
            return k.kind
    text = " ".join(head)
    # a report without a title line names its kind in its opening (向大会报告政府工作) before it
    # mentions another kind's subject in passing
    first = [(m.start(), k.kind) for k in kinds for c in k.title_cues if (m := re.search(c, text))]
    return min(first)[1] if first else None


def template_digest(kind: str, templates: Path | str | None = None) -> str:
    """Hash of the files that define `kind`, so cached results know when it changed."""
    import hashlib
    h = hashlib.sha256()
    for p in _kind_files(kind, templates)[::-1]:
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()
