"""Workbooks: what a reviewer or an office works in, and reading their entries back.

    sheets          the template (templates/workbook.yaml) and the one table writer (XlsxWriter)
    ledger          Comparison → the comparison workbook
    plansheet       Report → the plan year's 台账
    tracker         threads and target series (engine.threads) → the multi-year tracker
    brief           Report + the office's entries → the year-end 督查通报 draft (.docx)
    review_import   filled workbook → reviews / plan entries
    views           Comparison → pandas DataFrames

Imports run one way inside the package too: review_import | brief → ledger | plansheet | tracker → sheets.
"""
