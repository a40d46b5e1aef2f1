"""Japanese and English for everything a person reads: one message catalogue, gettext-style.

Messages are written in English in the code (`t("...")`); their Japanese lives in one catalogue,
`locale/ja.po` (gettext's PO format, read with Babel), never in templates. The language of a run is
`--lang`, else the workspace's `lang` setting, else the locale of the person running it (LANG, LC_ALL,
LC_MESSAGES starting with `ja`), else Japanese: the society's staff read Japanese first.

`translator(lang)` gives the function a report calls; a message missing from the catalogue falls back to
English, and `tests/test_i18n.py` fails when a message used in the code has no Japanese.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"
CATALOGUE = Path(__file__).with_name("locale") / "ja.po"


@lru_cache(maxsize=1)
def _japanese() -> dict[str, str]:
    from babel.messages.pofile import read_po

    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="ja")
    return {str(m.id): str(m.string) for m in catalogue if m.id and m.string}


def resolve_lang(
    given: str = "", settings: Mapping[str, str] | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The language of a run: the option, else the workspace's setting, else the locale, else Japanese."""
    if given in LANGS:
        return given
    if settings and settings.get("lang") in LANGS:
        return str(settings["lang"])
    environ = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "ja" if value.lower().startswith("ja") else "en"
    return DEFAULT_LANG


def translator(lang: str) -> Callable[..., str]:
    """`t(message, **values)`: the message in `lang`, with `{name}` fields filled in."""
    table = _japanese() if lang == "ja" else {}

    def t(message: str, **values: object) -> str:
        text = table.get(message, message)
        return text.format(**values) if values else text

    return t


def messages() -> dict[str, str]:
    """The whole Japanese catalogue (message -> translation), for tests and tools."""
    return dict(_japanese())


def N_(message: str) -> str:
    """Mark a message kept in a table (labels, statuses) for the catalogue; it is translated where it is shown."""
    return message
