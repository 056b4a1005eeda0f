"""The shipped templates (package data `compare.templates`): report kinds under kinds/, the
workbook's look in workbook.yaml."""
