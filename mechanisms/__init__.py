"""Evaluation protocols, payment rules (winrate, weighted winrate) and aggregation rules."""

__all__: list[str] = []
