"""indigo-review: keep the society's privacy promises on real member data."""

__version__ = "0.1.0"
