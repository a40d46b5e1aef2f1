"""The package's shape (design.md): one folder per job, no import cycle, no job reaching into another's internals."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "src" / "indigo_review"
JOBS = {"scan", "anonymise", "check", "release", "requests"}
SUPPORT = {"reference", "sample"}


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


def _modules() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in PACKAGE.rglob("*.py")}


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
