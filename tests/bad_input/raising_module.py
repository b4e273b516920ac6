"""A user module that fails while it is imported (for the bad-input corpus)."""

raise RuntimeError("this module fails on import")
