"""The messages a person reads, gathered from the code into the Japanese catalogue (src/indigo_review/locale/ja.po).

A message is the first argument of `t("...")` (translated where it is shown), of `N_("...")` (kept in a table and
translated later), or a string argument of a release refusal (`decision.refuse(...)`). Run
`.venv/bin/python tools/catalogue.py` after adding messages: new ones are added to the
catalogue without a translation (the tests then fail until someone writes it), messages no longer in the code
are dropped, and every translation already written is kept.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "indigo_review"
CATALOGUE = SOURCE / "locale" / "ja.po"
MARKERS = {"t", "N_"}
# Methods whose string arguments are messages too: a refusal's reason, its ledger wording and its next step.
METHODS = {"refuse"}


def messages_in_code(source: Path = SOURCE) -> dict[str, str]:
    """Every message in the code, with the first place it is used."""
    found: dict[str, str] = {}
    for path in sorted(source.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id in MARKERS:
                arguments = node.args[:1]
            elif isinstance(node.func, ast.Attribute) and node.func.attr in METHODS:
                arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            else:
                continue
            for argument in arguments:
                for value in _strings(argument):
                    found.setdefault(value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _strings(node: ast.AST) -> list[str]:
    """The string literals an argument can be: a literal, or either branch of `a if c else b`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return [*_strings(node.body), *_strings(node.orelse)]
    return []


def main() -> int:
    """Update the catalogue from the code; print what is new and what is still untranslated."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    old = read_po(CATALOGUE.open("rb"), locale="ja") if CATALOGUE.exists() else Catalog(locale="ja")
    translated = {str(m.id): str(m.string) for m in old if m.id}
    # The file without the line, and the old creation date, so that the catalogue changes only when a message does.
    catalogue = Catalog(locale="ja", project="indigo-review", charset="utf-8", creation_date=old.creation_date)
    for message, where in messages_in_code().items():
        file = where.rsplit(":", 1)[0]
        catalogue.add(message, translated.get(message, ""), locations=[(file, None)])
    CATALOGUE.parent.mkdir(exist_ok=True)
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=120, sort_output=True)
    missing = [m.id for m in catalogue if m.id and not m.string]
    print(f"{len(catalogue)} messages; {len(missing)} without Japanese", file=sys.stderr)
    for message in missing:
        print(message)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
