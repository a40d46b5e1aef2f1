"""`python -m indigo_review.cli`: the same as the `indigo-review` command."""

import sys

from . import main

sys.exit(main())
