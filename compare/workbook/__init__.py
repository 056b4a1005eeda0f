"""Workbooks: what a reviewer or an office works in, and reading their entries back.

    export          Comparison → the comparison workbook (XlsxWriter; look from templates/workbook.yaml)
    plansheet       Report → the plan year's 台账, and the office's entries
    review_import   filled workbook → reviews / plan entries
    views           Comparison → pandas DataFrames
"""
