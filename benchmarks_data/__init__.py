"""Real benchmark data shipped with benchgame, its validating loaders, and file writers."""

from benchmarks_data.atomic import atomic_write

__all__ = ["atomic_write"]
