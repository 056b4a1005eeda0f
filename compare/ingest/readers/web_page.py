"""A web page: the report on it found by trafilatura, its paragraphs taken from the page's own
blocks, its title, date and address from its meta tags."""
from __future__ import annotations

import re

from compare.errors import YoyError
from compare.ingest.readers.plain_text import TRANSLATE, SourceText, clean_lines
from compare.text import iso_date

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
    blocks = _visible_text(tree)
    extracted = trafilatura.extract(markup, include_comments=False, include_tables=True,
                                    favor_recall=True)
    # trafilatura writes table rows as "| a | b |"; rows are tab-joined everywhere else.
    found_lines = clean_lines([
        "\t".join(cell.strip() for cell in m.group(1).split("|"))
        if (m := _TABLE_ROW.match(line)) else line
        for line in (extracted or "").splitlines()
    ])
    start, lines = _content(blocks, found_lines)
    if not lines:
        raise YoyError(where, "no text found in HTML")
    return SourceText("\n".join(lines), raw, "html", used, title, published, url,
                      tuple(blocks[:start]))


def _content(blocks: list[str], extracted: list[str]) -> tuple[int, list[str]]:
    """Where the extracted text starts among the page's blocks, and its paragraphs: the blocks
    from there that spell it out in order, with any block trafilatura dropped whose text it kept
    elsewhere (a repeated salutation). Trafilatura's own lines when the blocks do not spell them
    out (it rewrote something); all blocks when it found nothing."""
    if not extracted:
        return 0, blocks

    def key(s: str) -> str:
        return re.sub(r"[\s|]", "", s)

    whole = "".join(map(key, extracted))
    keys = [key(b) for b in blocks]
    start = next((i for i, k in enumerate(keys) if k and whole.startswith(k)), None)
    if start is None:
        return 0, extracted
    kept, pos = [], 0
    for block, k in zip(blocks[start:], keys[start:], strict=True):
        if pos >= len(whole):
            break
        if k and whole.startswith(k, pos):
            kept.append(block)
            pos += len(k)
        elif k and k in whole:
            kept.append(block)
    return (start, kept) if pos >= len(whole) else (0, extracted)


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

