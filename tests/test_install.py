"""A non-editable install works anywhere: the templates ship inside the wheel.

The wheel is built from this checkout and installed into a fresh venv that borrows this venv's
dependencies (a .pth line), so nothing is downloaded but the build backend (pip's cache)."""
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import yaml

from tests.support import STORE, sc

ROOT = Path(__file__).parent.parent


def _run(*args, cwd=None, env=None):
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_wheel_install_runs_ingest_compare_export_and_run(tmp_path):
    wheels, venv, work = tmp_path / "wheels", tmp_path / "venv", tmp_path / "elsewhere"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT)
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("yoy-*.whl")
    # every data file the package reads ships (ua21a: compare/ingest/row_quality.yaml did not, and
    # the installed yoy cut 阜平县's rows by the cues alone, without a word)
    import zipfile
    with zipfile.ZipFile(wheel) as z:
        shipped_data = {n for n in z.namelist() if n.endswith(".yaml")}
    wanted = ({str(p.relative_to(ROOT)) for p in (ROOT / "compare").rglob("*.yaml")}
              | {"compare/templates/" + str(p.relative_to(ROOT / "templates"))
                 for p in (ROOT / "templates").rglob("*.yaml")})
    assert wanted - shipped_data == set(), sorted(wanted - shipped_data)
    assert _run(sys.executable, "-m", "venv", "--without-pip", venv).returncode == 0
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = (Path(_run(
        python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()))
    (purelib / "_yoy_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                encoding="utf-8")
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps",
                     "--no-index", wheel)
    assert installed.returncode == 0, installed.stderr
    yoy = python.with_name("yoy")
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("YOY_TEMPLATES", "PYTHONPATH")}

    where = _run(python, "-c", "import compare.kinds as k; print(k.TEMPLATES)", cwd=work, env=env)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr
    for year in (2022, 2023):
        shutil.copy(sc(year), work / f"国务院-{year}.txt")
        done = _run(yoy, "ingest", f"国务院-{year}.txt", "--region", "国务院", "--year", year,
                    cwd=work, env=env)
        assert done.returncode == 0, done.stderr
    stored = yaml.safe_load(
        (work / "reports" / "2022" / "国务院-gov-work-report.yaml").read_text(encoding="utf-8"))
    shipped = yaml.safe_load(
        (STORE / "2022" / "国务院-gov-work-report.yaml").read_text(encoding="utf-8"))
    assert stored["targets"] == shipped["targets"] and stored["sections"] == shipped["sections"]

    # an HTML page goes through trafilatura and its cleaner (lxml_html_clean), declared dependencies
    body = ["一、主要工作成效", "我们坚持依法行政，各项工作取得新进展。" * 5, "二、存在的问题",
            "执法力量不足。",
            "三、2023年工作打算", "（一）深化法治政府示范创建。", "（二）提升执法水平。"]
    page = ("<html><head><title>大余县2022年度法治政府建设情况</title></head><body><h1>大余县2022年"
            "度法治政府建设情况</h1>")
    (work / "page.html").write_text(page + "".join(f"<p>{p}</p>" for p in body) + "</body></html>",
                                    encoding="utf-8")
    html = _run(yoy, "ingest", "page.html", cwd=work, env=env)
    assert html.returncode == 0 and "2022/大余县-fazhi.yaml" in html.stdout, html.stderr

    cmp = _run(yoy, "compare", "--region", "国务院", "--kind", "gov-work-report", "--from", 2022,
               "--to", 2023,
               "--json", "cmp.json", cwd=work, env=env)
    assert cmp.returncode == 0, cmp.stderr
    assert (work / "output" / "国务院" / "gov-work-report-2022-2023.xlsx").is_file()
    exported = _run(yoy, "export", "cmp.json", "-o", "en.xlsx", "--lang", "en", cwd=work, env=env)
    assert exported.returncode == 0 and (work / "en.xlsx").stat().st_size > 5000, exported.stderr
    ran = _run(yoy, "run", "--out", "all", cwd=work, env=env)
    assert ran.returncode == 0, ran.stderr
    zh = work / "all" / "国务院" / "gov-work-report-2022-2023.xlsx"
    written = zh.read_bytes()
    ran = _run(yoy, "run", "--out", "all", "--lang", "en", cwd=work, env=env)
    assert ran.returncode == 0, ran.stderr
    # the English workbooks stand beside the Chinese ones, which stay as they were
    assert zh.read_bytes() == written and zh.with_name(
        "gov-work-report-2022-2023-en.xlsx").is_file()

    # a user's own kind, from a directory holding only that file
    mine = work / "mine" / "kinds"
    mine.mkdir(parents=True)
    (mine / "audit.yaml").write_text("kind: audit\nname: 审计工作报告\ntitle_cues: "
                                     "['审计工作报告']\n", encoding="utf-8")
    listed = _run(yoy, "--templates", work / "mine", "ingest", "国务院-2022.txt", "--kind",
                  "nosuch", cwd=work, env=env)
    assert listed.returncode == 2, listed.stderr
    assert "audit, fazhi, gov-work-report" in listed.stderr, listed.stderr


def test_every_import_is_a_declared_dependency():
    """Each third-party module compare/ imports comes from a distribution yoy
    declares (core or an extra)."""
    import ast
    import re
    from importlib.metadata import packages_distributions, requires

    def canonical(name):
        return re.sub(r"[-_.]+", "-", name).lower()

    declared = {canonical(re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0]) for r in requires("yoy")}
    modules = set()
    for path in (ROOT / "compare").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m != "compare"}
    owners = packages_distributions()
    undeclared = {m for m in third_party
                  if not {canonical(d) for d in owners.get(m, [m])} & declared}
    assert undeclared == set() and {"opencc", "lxml", "trafilatura"} <= third_party
