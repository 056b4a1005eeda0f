"""`python -m compare …` (`py -m compare …` on Windows) is `yoy …`, for when the
script is not on PATH."""
from compare.cli import main

main(prog_name="yoy")
