"""A web page: the report on it found by trafilatura, its paragraphs taken from the page's own
blocks, its title, date and address from its meta tags; a web archive (.mhtml) as the page it
holds."""
from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import replace

from compare.errors import YoyError
from compare.ingest.readers.plain_text import TRANSLATE, SourceText, clean_lines
from compare.text import FULL_STOP, MARKS, SEMICOLONS, chars, iso_date

_HTML_TAG = re.compile(r"<(?:body|p|div|br|table|h[1-6])\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    if head.startswith("<!doctype html") or "<html" in head:
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if _HTML_TAG.search(line)) * 2 >= len(lines)


_PUBLISHED_META = (
    "article:published_time",
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "publish_date",
    "publishtime",
    "dc.date.issued",
    "dc.date",
)
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")


def read_html(where: str, raw: bytes, text: str, used: str) -> SourceText:
    """The report on a web page: trafilatura finds where it is, the page's own blocks give its
    paragraphs (trafilatura drops short paragraphs it has seen as boilerplate — six of the eight
    各位代表！ of a speech printed straight in <body> — and joins the <p>s of a table cell into one
    line); the page's lines above it (来源, the date) are kept for the report's metadata."""
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    # lxml refuses a str that still carries an XML encoding declaration; the text
    # is decoded already, so the declaration has nothing left to say.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", text).translate(TRANSLATE)
    try:
        tree = lxml_html.document_fromstring(markup)
    except (etree.LxmlError, ValueError):
        raise YoyError(where, "no text found in HTML") from None
    title, published, url = _html_meta(tree)
    if not published:
        # htmldate: the page's own date where no meta tag gives it, from its markup, not
        # guessed from its text
        found = trafilatura.extract_metadata(
            markup, date_config={"original_date": True, "extensive_search": False})
        published = iso_date(found.date or "") if found is not None else None
    # read before _visible_text, which takes the tree apart
    h1s = [" ".join(str(h.xpath("string()")).split()) for h in tree.iter("h1")]
    blocks = _visible_text(tree)
    extracted = trafilatura.extract(markup, include_comments=False, include_tables=True,
                                    favor_recall=True)
    # trafilatura writes table rows as "| a | b |", a | in a cell escaped (\|: a portal's bar
    # 涞源县人民政府 | 无障碍 in a layout table); rows are tab-joined everywhere else.
    found_lines = clean_lines([
        "\t".join(cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", m.group(1)))
        if (m := _TABLE_ROW.match(line)) else line
        for line in (extracted or "").splitlines()
    ])
    page, lines = _content(blocks, found_lines, _headings(blocks, h1s, title))
    if not lines:
        raise YoyError(where, "no text found in HTML")
    return SourceText("\n".join(lines), raw, "html", used, title, published, url, tuple(page))


def _headings(blocks: list[str], h1s: list[str], title: str | None) -> set[int]:
    """The blocks that may be the article's own heading: what an <h1> prints, and what the page's
    <title> opens with (涞源县2022年政府工作报告 of 涞源县2022年政府工作报告_涞源县人民政府: an old
    table layout prints it in <font><b>)."""
    def key(s: str) -> str:
        return re.sub(r"\s", "", s)
    named = {key(h) for h in h1s} - {""}
    opens = key(title or "")
    return {i for i, k in enumerate(map(key, blocks)) if k and (
        k in named or (opens.startswith(k) and re.match(_TITLE_SEPARATOR, opens[len(k):])))}


# what follows a page's name in its <title>: the site's name after _ | - (or nothing)
_TITLE_SEPARATOR = r"$|[_|｜\-–—－]"
# a block holding one of these says something in a sentence: the report's text has begun
_SAID = re.compile(chars(FULL_STOP, MARKS, SEMICOLONS))


def _content(blocks: list[str], extracted: list[str],
             headings: Set[int] = frozenset()) -> tuple[list[str], list[str]]:
    """The page's lines above the report (read for its metadata only) and the report's paragraphs:
    the blocks from where the extracted text starts that spell it out in order, with any block
    trafilatura dropped whose text it kept elsewhere (a repeated salutation). The article's
    heading (the last of `headings` above the first sentence) opens them, and what trafilatura
    kept above it (a site's top bar, a column's links) is the page's; trafilatura's own lines
    when the blocks do not spell them out (it rewrote something); all blocks when it found
    nothing."""
    def key(s: str) -> str:
        return re.sub(r"[\s|]", "", s)

    kept = _spelled(list(map(key, blocks)), "".join(map(key, extracted))) if extracted \
        else list(range(len(blocks)))
    if kept is None:
        return [], extracted
    # the heading is the last of them above the first sentence (a site's logo may be an <h1>)
    said = next((i for i in kept if _SAID.search(blocks[i])), len(blocks))
    heading = max((i for i in headings if i < said), default=None)
    if heading is not None:
        kept = [heading] + [i for i in kept if i > heading]
    body = next((i for i in kept if i != heading), len(blocks))
    return ([b for i, b in enumerate(blocks[:body]) if i not in kept],
            [blocks[i] for i in kept])


def _spelled(keys: list[str], whole: str) -> list[int] | None:
    """The blocks (by index) that spell out `whole` in order from the first that opens it, or
    None."""
    start = next((i for i, k in enumerate(keys) if k and whole.startswith(k)), None)
    if start is None:
        return None
    kept, pos = [], 0
    for i in range(start, len(keys)):
        k = keys[i]
        if pos >= len(whole):
            break
        if k and whole.startswith(k, pos):
            kept.append(i)
            pos += len(k)
        elif k and k in whole:
            kept.append(i)
    return kept if pos >= len(whole) else None


def _html_meta(tree) -> tuple[str | None, str | None, str | None]:
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop")
               or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if key and content:
            metas.setdefault(key, content)
    title = metas.get("articletitle") or metas.get("og:title") or " ".join(
        (tree.findtext(".//title") or "").split())
    published = next(
        (iso for key in _PUBLISHED_META if (iso := iso_date(metas.get(key, "")))), None)
    canonical = next(
        (link.get("href", "").strip() for link in tree.iter("link")
         if link.get("rel", "").lower() == "canonical"),
        "",
    )
    return title or None, published, canonical or metas.get("og:url") or None


_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tr", "ul",
}


def _visible_text(tree) -> list[str]:
    """The text of <body> a browser would show, one block per line: the fallback
    when trafilatura finds no main content."""
    body = tree.find("body")
    if body is None:
        return []
    for junk in body.xpath(".//script | .//style | .//noscript | .//template | .//nav | .//footer"):
        junk.drop_tree()
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
        elif el.tag in ("td", "th"):
            el.tail = "\t" + (el.tail or "")
    return clean_lines(body.text_content().splitlines())



_MIME_HEAD = re.compile(rb"\A(?:\s*[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+", re.I)


def looks_like_mhtml(raw: bytes) -> bool:
    """A web archive ("save as .mhtml"/.mht): a MIME message whose headers declare a multipart
    body, ahead of anything a report or web page would open with."""
    head = _MIME_HEAD.match(raw[:8192])
    return head is not None and re.search(rb"(?im)^mime-version:", head.group()) is not None \
        and re.search(rb"(?im)^content-type:\s*multipart/", head.group()) is not None


def read_mhtml(where: str, raw: bytes) -> SourceText:
    """The page a web archive holds: its first text/html part, decoded (base64, quoted-printable;
    its charset) and read as a web page, its Content-Location the page's address when the page
    names none; the archive itself is the source kept."""
    import email
    from email import policy

    from compare.ingest.readers.plain_text import decode

    message = email.message_from_bytes(raw, policy=policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
    payload = part.get_payload(decode=True) if part is not None else None
    if part is None or not isinstance(payload, bytes) or not payload.strip():
        raise YoyError(where, "web archive (.mhtml) holding no web page: save the page as .html")
    text, used = decode(where, payload, part.get_content_charset())
    src = read_html(where, raw, text, used)
    return replace(src, format="mhtml", url=src.url or part.get("Content-Location") or None)
