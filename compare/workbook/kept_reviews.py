"""Reviews kept without a row of the comparison (a problem re-cut, a measure reworded past
re-attachment, after a re-ingest): the comparison workbook lists them on a sheet of their own and
says so in 概览's 提示, in the workbook's language, so a reviewer's decision is never only in the
store (ver19 A1; the 台账's like: plansheet.gone_rows).

    gone_rows(reviews, c, tpl, lang)              → the 已删除行的复核 sheet's rows
    summary_warnings(warnings, gone, tpl, lang)   → 概览's 提示 with those reviews said once
"""
from __future__ import annotations

from compare.schema import Comparison
from compare.store.reviews import SET_ASIDE, Reviews, comparison_ids, gone_reviews, nearest
from compare.workbook.template import Template, fill


def gone_rows(reviews: Reviews | None, c: Comparison, tpl: Template, lang: str) -> list[dict]:
    """The rows of the sheet of reviews kept without a row of the comparison (store.reviews.
    gone_reviews): each with its ledger (the sheet it was typed on), the row's text when it was
    reviewed, its 复核状态 as the ledger's drop-down words it (an unknown key as stored), 复核意见,
    复核人, 复核时间 and its ID, and the current row closest to its text (near_cell), so that a
    reviewer can carry the decision to the row it became."""
    out: list[dict] = []
    current = comparison_ids(c)
    for ledger, rid, entry in gone_reviews(reviews, current):
        spec = getattr(tpl.sheets, ledger)
        near = nearest(entry.text, {k: r.text for k, r in current.get(ledger, {}).items()})
        vocab = next((col.vocab for col in spec.columns if col.key == "review_status"), None)
        out.append({"seq": len(out) + 1, "ledger": spec.get(lang), "text": entry.text,
                    "review_status": tpl.term(vocab, entry.status, lang)
                    if vocab and entry.status else entry.status,
                    "review_note": _with_own_columns(entry.note, entry.extra, lang),
                    "reviewed_by": entry.reviewed_by,
                    "reviewed_at": entry.reviewed_at, "id": rid,
                    "nearest": near_cell(near, lang)})
    return out


def _with_own_columns(note: str | None, extra: dict[str, str] | None, lang: str) -> str | None:
    """复核意见 with the cells of the columns the reviewer added (ReviewEntry.extra, her 备注 or
    责任人): a kept review shows all she typed on the row, under her headers."""
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    said = [note] if note else []
    said += [f"{header}{colon}{text}" for header, text in (extra or {}).items() if text]
    return sep.join(said) or None


def near_cell(near: tuple[str, str, int] | None, lang: str) -> str | None:
    """The cell naming the current row closest to a kept entry's (store.reviews.nearest): its text,
    how alike (%) and its ID, where the entry may be carried by hand."""
    if near is None:
        return None
    rid, text, ratio = near
    return f"{text}（{ratio}%，{rid}）" if lang == "zh" else f"{text} ({ratio}%, {rid})"


def summary_warnings(warnings: list[str], gone: list[dict], tpl: Template,
                      lang: str) -> list[str]:
    """概览's 提示: the comparison's warnings, those saying a review is kept without a row
    (store.reviews.reattach_rows, in English, with its id) replaced by one line in the
    workbook's language naming the sheet that lists them (ver19 A1)."""
    if not gone:
        return warnings
    ledgers = {tpl.sheets.commitments.get(lang): "commitments",
               tpl.sheets.targets.get(lang): "targets",
               tpl.sheets.shortcomings.get(lang): "shortcomings"}
    said = tuple(f"{ledgers[row['ledger']]}: the review of {row['id'].rstrip(SET_ASIDE)} is {how}"
                 for row in gone for how in ("kept", "set aside"))
    line = fill(tpl.label("reviews_gone_warning", lang),
                {"count": len(gone), "sheet": tpl.sheets.reviews_gone.get(lang)})
    return [w for w in warnings if not w.startswith(said)] + [line]
