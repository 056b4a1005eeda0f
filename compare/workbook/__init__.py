"""Workbooks: what a reviewer or an office works in, and reading their entries back.

    template        the template (templates/workbook.yaml), validated, and its sheets' names
    cells           a cell's values, looks and limits; a wrapped row's height
    sheets          the one table writer (XlsxWriter): tables, provenance, legend, page setup
    ledger          Comparison → the comparison workbook
    plansheet       Report → the plan year's 台账
    plan_summary    the 台账's 汇总: measures counted by unit and by task
    plan_units      the units a 台账's cells name; the rows one unit fills in
    tracker         threads and target series (engine.threads) → the multi-year tracker
    brief           Report + the office's entries → the year-end 督查通报 draft (.docx)
    review_import   filled workbook → reviews / plan entries

Imports run one way inside the package too:
review_import | brief → ledger | plansheet | tracker → plan_summary → plan_units | sheets → cells
→ template.
"""
