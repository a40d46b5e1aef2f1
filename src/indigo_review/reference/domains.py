"""Internet domains: whether a domain ends in a public suffix that exists (com, jp, ne.jp, ...), offline.

tldextract reads its bundled snapshot of the Public Suffix List: nothing is downloaded, no cache written.
"""

from __future__ import annotations

from functools import lru_cache

import tldextract


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


@lru_cache(maxsize=65536)
def has_public_suffix(domain: str) -> bool:
    """True when the domain ends in a suffix of the Public Suffix List (example.com, mail.example.ne.jp)."""
    return bool(_extractor()(domain.lower()).suffix)
