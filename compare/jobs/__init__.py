"""Jobs: the commands' work over the store, built from the stages below.

    ingest_file     read → ingest → store (the report and its raw source, all or nothing):
                    ingest_and_store, ingest_files
    pipeline        one pair: load → compare → JSON and workbook
    plan            the plan year's 台账 from the store (or one per unit), the year-end brief
                    from the office's entries
    reviews         filled workbooks (files, folders) → the store's reviews or plan entries
    guard           before a workbook is rewritten: what was typed there imported,
                    or the command refused
    merge           what people typed in a workbook merged into the store (under the store lock)
    index, run      every pair of a store, incrementally, in a process pool
    run_tasks       what a run's worker does with one pair, plan sheet or tracker
    tracker         the multi-year tracker of a region and kind
    blas            one BLAS thread per process
"""
