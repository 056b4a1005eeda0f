"""Report kinds are YAML templates under templates/kinds/: this module loads them.

Everything specific to one kind of report (title shapes, page chrome, heading
cues, the indicator dictionary) lives in those files, not in code.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict

from .errors import YoyError

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str] = []
    unit: str = ""
    direction: Literal["higher", "ceiling", "floor"] = "higher"
    tolerance: float = 0.0

    @property
    def words(self) -> list[str]:
        return [self.name, *self.aliases]


class RoleRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str
    cues: list[str]


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    name: str
    title_cues: list[str] = []
    title_patterns: list[str] = []
    region_suffixes: list[str] = []
    year_patterns: list[str] = []
    review_offset: int = 0
    plan_offset: int = 1
    roles: list[RoleRule] = []
    default_role: str = "other"   # of a top-level section whose heading has no cue
    target_cues: list[str] = []
    shortcoming_cues: list[str] = []
    indicators: list[Indicator] = []
    # from _common.yaml, extended by the kind
    chrome: list[str] = []
    metadata: dict[str, list[str]] = {}
    item_breaks: list[str] = []
    multi_year_cues: list[str] = []
    multi_year_openers: list[str] = []
    one_year_openers: list[str] = []
    last_year_openers: list[str] = []
    target_words: list[str] = []
    completion_cues: list[str] = []
    future_cues: list[str] = []
    end_point_verbs: list[str] = []
    shortcoming_leads: list[str] = []
    measure_leads: list[str] = []
    measure_verbs: list[str] = []
    measure_min_chars: int = 4
    shortcoming_list_cues: list[str] = []
    shortcoming_skip: list[str] = []
    tail_markers: list[str] = []
    share_cues: list[str] = []
    # the plan sheet (compare/plansheet.py): group `v` of the first match is the value
    deadline_cues: list[str] = []
    lead_cues: list[str] = []
    responsible_cues: list[str] = []

    def role_for(self, heading: str) -> Optional[str]:
        for rule in self.roles:
            if any(re.search(c, heading) for c in rule.cues):
                return rule.role
        return None

    def indicator(self, name: str) -> Optional[Indicator]:
        return next((i for i in self.indicators if i.name == name), None)


def read_template(path: Path) -> dict:
    """A template file's mapping (an empty file is an empty mapping)."""
    from .store import load_yaml
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise YoyError(path, "a template must be a mapping of keys to values")
    return data


def kinds_dir(templates: Path | None = None) -> Path:
    return (templates or TEMPLATES) / "kinds"


@functools.lru_cache(maxsize=None)
def _load(kind: str, directory: Path) -> Kind:
    path = directory / f"{kind}.yaml"
    if kind.startswith("_") or not path.is_file():
        known = ", ".join(available(directory.parent)) or "none"
        raise YoyError(path, f"unknown report kind {kind!r} (known: {known})")
    data = read_template(directory / "_common.yaml") if (directory / "_common.yaml").is_file() else {}
    for key, value in read_template(path).items():
        if isinstance(value, list) and isinstance(data.get(key), list):
            data[key] = data[key] + value
        elif isinstance(value, dict) and isinstance(data.get(key), dict):
            # the kind's patterns are tried before the common ones
            data[key] = {k: value.get(k, []) + data[key].get(k, []) for k in {*data[key], *value}}
        else:
            data[key] = value
    from .store import validated
    return validated(Kind, data, path)


def load_kind(kind: str, templates: Path | None = None) -> Kind:
    """The template for `kind`, with _common.yaml merged in."""
    return _load(kind, kinds_dir(templates).resolve())


def available(templates: Path | None = None) -> list[str]:
    return sorted(p.stem for p in kinds_dir(templates).glob("*.yaml") if not p.stem.startswith("_"))


def guess_kind(head: list[str], templates: Path | None = None) -> Optional[str]:
    """The kind whose title pattern matches a line of `head`, else whose title cue occurs in it (--kind auto)."""
    kinds = [load_kind(name, templates) for name in available(templates)]
    for k in kinds:
        if any(re.match(p, line.strip()) for p in k.title_patterns for line in head):
            return k.kind
    text = " ".join(head)
    return next((k.kind for k in kinds if any(re.search(c, text) for c in k.title_cues)), None)


def template_digest(kind: str, templates: Path | None = None) -> str:
    """Hash of the files that define `kind`, so cached results know when it changed."""
    import hashlib
    h = hashlib.sha256()
    d = kinds_dir(templates)
    for p in (d / "_common.yaml", d / f"{kind}.yaml"):
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()
