"""`python -m indigo_review.sample --out DIR`: write the sample data set."""

from .generator import main

if __name__ == "__main__":
    raise SystemExit(main())
