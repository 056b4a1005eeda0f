"""A panel (views.panel, or any view) as a workbook a journalist opens in Excel: its rows on one
sheet, the columns named as in its CSV (code reads either), and the legend sheet (说明) saying
what each column holds, as the template's panel sheet says."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from compare.workbook.sheets import write_sheets
from compare.workbook.template import Column, load_template

if TYPE_CHECKING:
    import pandas as pd


def write_panel(frame: pd.DataFrame, path: Path, *, lang: str = "zh",
                templates: Path | None = None) -> Path:
    """Write `frame` at `path` as .xlsx, atomically: its sheet, then the legend. A column the
    template's panel sheet does not know (another view's) is written under its name, unexplained."""
    tpl = load_template(templates)
    known = {c.key: c for c in tpl.sheets.panel.columns}
    columns = [known.get(str(k)) or Column(key=str(k), zh=str(k), en=str(k)) for k in frame.columns]
    spec = tpl.sheets.panel.model_copy(update={"columns": columns})
    # an empty cell for pandas' missing values (NaN, <NA>, None); numbers and flags as they are
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    legend = [{"item": None, "meaning": tpl.label("panel_intro", lang)},
              *({"item": c.get(lang), "meaning": c.help.get(lang) if c.help else None}
                for c in columns)]
    return write_sheets(path, [("panel", [{str(k): v for k, v in r.items()} for r in rows]),
                               ("legend", legend)],
                        lang=lang, templates=templates, specs={"panel": spec})
