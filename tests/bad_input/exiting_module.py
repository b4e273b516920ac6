"""A user module that calls sys.exit(0) while it is imported (for the bad-input corpus)."""

import sys

sys.exit(0)
