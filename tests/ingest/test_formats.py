"""Every format and encoding of the seed ingests to the same report as the UTF-8 original."""
import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.ingest import ingest_text
from compare.ingest.outline import parse_outline
from compare.jobs.ingest_file import ingest_and_store
from compare.store import report_bytes
from tests.support import SEED

PARTS = ("sections", "commitments", "targets", "metrics", "shortcomings")


def essence(report):
    return {k: getattr(report, k) for k in PARTS}


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    report, _, _ = ingest_and_store(str(SEED), kind="fazhi", store=tmp_path_factory.mktemp("s"))
    return report


def seed_html() -> bytes:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>新余市2021年度法治政府建设情况</title>
<meta name="PubDate" content="2022-03-10 15:52"><script>var tracker = "一、不是正文";</script></head>
<body><nav><a href="/">首页</a> &gt; <a href="/zw">政务公告</a></nav><div class="article">{body}</div>
<footer>主办单位：新余市人民政府办公室 版权所有</footer></body></html>"""  # noqa: E501
    return page.encode("utf-8")


@pytest.mark.parametrize("name,data", [
    ("gb18030.txt", lambda: SEED.read_text(encoding="utf-8").encode("gb18030")),
    ("utf16.txt", lambda: SEED.read_text(encoding="utf-8").encode("utf-16")),
    ("bom.txt", lambda: b"\xef\xbb\xbf" + SEED.read_bytes()),
    ("page.html", seed_html),
])
def test_same_report_from_every_encoding(name, data, original, tmp_path):
    path = tmp_path / name
    path.write_bytes(data())
    report, _, _ = ingest_and_store(str(path), kind="fazhi", store=tmp_path / "store")
    assert essence(report) == essence(original)
    assert report.title == original.title and report.published == original.published


def test_docx_copy_keeps_the_outline(tmp_path, original):
    import docx
    d = docx.Document()
    for line in SEED.read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    path = tmp_path / "seed.docx"
    d.save(path)
    report, _, _ = ingest_and_store(str(path), kind="fazhi", store=tmp_path / "store")
    assert essence(report) == essence(original)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="一二三四五六七八九十（）()、.。是123456789甲乙丙是的\n ",
                        max_size=30), max_size=30))
def test_outline_parser_never_raises(pars):
    preamble, sections = parse_outline([p for p in pars if p.strip()], ["^各位代表"])
    assert isinstance(preamble, list) and isinstance(sections, list)


def _seed_pool():
    """Real headings and body sentences of the seed, to build reports the parser must read back."""
    import re

    import yaml
    data = yaml.safe_load((SEED.parent / "新余市-fazhi.yaml").read_text(encoding="utf-8"))
    headings, sentences = [], []

    def walk(sections):
        for s in sections:
            headings.append(s["heading"])
            for par in s.get("paragraphs", []):
                sentences.extend(x for x in re.findall(r"[^。]+。", par)
                                 if 10 <= len(x) <= 80
                                 and not re.search(r"[：:]|[一二三四五六七八九十]是|"
                                                   r"^[（(\d一二三四五六七八九十]", x))
            walk(s.get("children", []))
    walk(data["sections"])
    return sorted(set(headings)), sorted(set(sentences))


HEADINGS, SENTENCES = _seed_pool()
NUMERALS = "一二三四五六七八九"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(HEADINGS),
                          st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3),
                                   min_size=1, max_size=3)),
                min_size=1, max_size=9))
def test_generated_reports_parse_back_to_their_outline_and_deterministically(parts):
    """A report built from numbered sections of real sentences is read back section by section,
    every paragraph in its section, and ingesting it twice gives the same bytes."""
    lines = ["某地2021年度法治政府建设情况"]
    for n, (heading, pars) in enumerate(parts):
        lines.append(f"{NUMERALS[n]}、{heading}")
        lines += ["".join(p) for p in pars]
    text = "\n".join(lines) + "\n"
    a = ingest_text(text, kind="fazhi", region="某地", year=2021)
    assert [s.heading for s in a.sections] == [h for h, _ in parts]
    assert [s.paragraphs for s in a.sections] == [["".join(p) for p in pars] for _, pars in parts]
    assert report_bytes(ingest_text(text, kind="fazhi", region="某地",
                                    year=2021)) == report_bytes(a)
