"""One BLAS thread per process, asked for before numpy loads: jobs.pipeline and jobs.merge compare
pairs; a run's workers set the same variables (run.py)."""
from __future__ import annotations

import os
import sys

# numpy's BLAS and any OpenMP runtime start one thread per core when they load; a comparison's
# matrices are far too small to use them, so they only cost start-up and CPU (one `yoy compare`:
# 0.72 s → 0.54 s wall on the 2-core VM, bench 2026-11-30), and in a pool of one worker per core
# they fight each other.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def one_blas_thread() -> None:
    """Ask for one BLAS/OpenMP thread unless the user chose a number; only libraries not yet loaded
    read this (a run's workers also limit loaded ones, see run.py)."""
    if "numpy" not in sys.modules:
        for var in THREAD_VARS:
            os.environ.setdefault(var, "1")
