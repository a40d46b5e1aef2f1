"""The package's shape (design.md): one folder per job, no import cycle, no job reaching into another's internals."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from indigo_review import errors

from .conftest import ROOT

PACKAGE = ROOT / "src" / "indigo_review"
JOBS = {"scan", "anonymise", "check", "release", "requests"}
SUPPORT = {"reference", "sample"}
# A module longer than this holds more than one responsibility; split it (style.md, "Smells we have had").
MAX_LINES = 450
# The modules allowed to be longer, and why.
LONG_MODULES: dict[str, str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of the indigo_review modules a file imports (at any depth, deferred imports included)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("indigo_review"):
                found.add(target)
                # `from . import rules` imports the submodule rules.
                found.update(f"{target}.{alias.name}" for alias in node.names if _is_module(f"{target}.{alias.name}"))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("indigo_review"))
    return found


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


# Parsing every module takes seconds; the graph is computed once per session, not once per lookup.
@cache
def _modules() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def _third_party_imports(path: Path) -> set[str]:
    """Top-level names of what a file imports from outside the package (at any depth)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found - {"indigo_review"}


def _top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_job_imports_another_jobs_internals() -> None:
    offenders = []
    for module, imports in _modules().items():
        own = _top(module)
        for target in imports:
            other = _top(target)
            if other in JOBS | SUPPORT and other != own and target.count(".") > 1:
                offenders.append(f"{module} -> {target}")
    assert offenders == [], "use the other subpackage's public names (its __init__)"


def test_reference_data_depends_on_no_job() -> None:
    for module, imports in _modules().items():
        if _top(module) == "reference":
            assert not {_top(t) for t in imports} & JOBS, module


def test_there_is_no_import_cycle_between_modules() -> None:
    graph = {m: {t for t in imports if t in _modules() and t != m} for m, imports in _modules().items()}
    # A package's __init__ re-exporting its own modules is not a cycle of logic; leave those edges out.
    graph = {m: {t for t in ts if not (t.startswith(m + ".") or m.startswith(t + "."))} for m, ts in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle.extend([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*path, nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if state.get(start) is None and visit(start, [start]):
            break
    assert cycle == []


def test_every_job_has_its_own_folder_and_test_folder() -> None:
    for job in sorted(JOBS):
        assert (PACKAGE / job / "__init__.py").exists()
        assert (ROOT / "tests" / job).is_dir()


def test_no_module_is_longer_than_the_limit_except_the_listed_ones() -> None:
    lengths = {str(p.relative_to(PACKAGE)): len(p.read_text("utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    offenders = sorted(
        f"{name} ({n} lines)" for name, n in lengths.items() if n > MAX_LINES and name not in LONG_MODULES
    )
    assert offenders == [], "split by responsibility, or list the module in LONG_MODULES with the reason"


def test_the_scan_engine_only_orchestrates() -> None:
    engine = PACKAGE / "scan" / "engine.py"
    # Reading the file is planning's job, analysing cells is cells': the engine touches no frame and no reader.
    assert not _third_party_imports(engine) & {"pandas", "numpy", "pyarrow", "openpyxl"}
    assert not _modules()["indigo_review.scan.engine"] & {"indigo_review.io", "indigo_review.normalise"}


def test_every_error_class_lives_in_errors_py_and_maps_back_by_name() -> None:
    defined = {c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.IndigoError)}
    assert set(errors.ERRORS_BY_NAME.values()) == defined
    assert all(errors.ERRORS_BY_NAME[c.__name__] is c for c in defined)
    # An error class defined elsewhere would be missing from ERRORS_BY_NAME: the runner could not map it back.
    names = {c.__name__ for c in defined}
    elsewhere = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "errors.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in getattr(node, "bases", [])}
            if isinstance(node, ast.ClassDef) and bases & names:
                elsewhere.append(f"{path.relative_to(PACKAGE)}: {node.name}")
    assert elsewhere == [], "define error classes in indigo_review/errors.py"


def test_every_job_has_a_settings_module_and_one_run_entry() -> None:
    """The job contract (style.md): frozen settings with validate, and run(settings, out_dir) -> Outcome."""
    import dataclasses
    import importlib
    import inspect

    from indigo_review.contract import JobSettings

    for job in sorted(JOBS):
        settings = importlib.import_module(f"indigo_review.{job}.settings")
        classes = [c for c in vars(settings).values() if isinstance(c, type) and issubclass(c, JobSettings)]
        mine = [c for c in classes if c is not JobSettings and c.__module__ == settings.__name__]
        assert len(mine) == 1 and dataclasses.fields(mine[0]), job
        assert mine[0].__dataclass_params__.frozen, f"{job} settings must be frozen"
        assert "workspace" in {f.name for f in dataclasses.fields(mine[0])}, job
        run = importlib.import_module(f"indigo_review.{job}.job").run
        assert list(inspect.signature(run).parameters)[:2] == ["settings", "out_dir"], job
        assert inspect.signature(run).return_annotation in ("Outcome", "Outcome | None"), job


def test_the_command_line_has_one_module_per_job() -> None:
    commands = {p.stem for p in (PACKAGE / "cli").glob("*.py")} - {"__init__", "__main__", "common"}
    assert commands == {"anonymise", "check", "scan", "release", "request", "ledger", "keygen", "workspace"}


def test_no_module_reads_a_store_relative_to_the_working_folder() -> None:
    """Stored state is found through the workspace only: no `runs/...sqlite` or `stop_list.csv` paths in code."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name in {"migration.py", "runner.py", "demo.py"}:
            continue  # migration reads the old places once; the runner makes run folders; the demo its own folder
        if re.search(r'Path\("runs|"runs" /|runs/\w+\.(sqlite|csv)', path.read_text("utf-8")):
            offenders.append(path.relative_to(PACKAGE).as_posix())
    assert offenders == []
