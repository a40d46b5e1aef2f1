"""Write the job notebooks from the cell sources below, so that they stay small, stripped and reviewable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
KERNEL = {"name": "indigo-review", "display_name": "indigo-review (.venv)", "language": "python"}


def parameters_cell(source: str) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    return cell


def write(name: str, cells: list[nbformat.NotebookNode], out: Path = NOTEBOOKS) -> None:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = KERNEL
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{Path(name).stem[:2]}-{i:02d}"
    nbformat.write(nb, out / name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", type=Path, default=NOTEBOOKS, help="folder (default: notebooks/)")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import notebook_cells

    for name, cells in notebook_cells.NOTEBOOKS.items():
        built = []
        for kind, source in cells:
            if kind == "md":
                built.append(new_markdown_cell(source))
            elif kind == "parameters":
                built.append(parameters_cell(source))
            else:
                built.append(new_code_cell(source))
        write(name, built, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
