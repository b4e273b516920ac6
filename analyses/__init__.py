"""Empirical and simulation analyses of the benchmark ecosystem: concentration metrics and the
agent-based simulation, arena-rating validation, and benchmark signatures."""

__all__: list[str] = []
