"""The society's own members as an exact-data-match index (design.md, "The gate knows the society's own members").

`index.py` builds the index and finds registry values in texts; `forms.py` normalises values the same way on
both sides. Used by the scan, release and request jobs through the names below.
"""

from .forms import address_form, date_form, fold, id_form, name_form, phone_form, postal_form, romaji_key
from .index import (
    STRONG,
    WEAK,
    Hit,
    MemberRegistry,
    available_key,
    build_registry,
    confirmed,
    load_registry,
    registry_for,
)

__all__ = [
    "STRONG",
    "WEAK",
    "Hit",
    "MemberRegistry",
    "address_form",
    "available_key",
    "build_registry",
    "confirmed",
    "date_form",
    "fold",
    "id_form",
    "load_registry",
    "name_form",
    "phone_form",
    "postal_form",
    "registry_for",
    "romaji_key",
]
