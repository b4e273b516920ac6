"""Example configurations shipped with benchgame (``benchgame leaderboard --example NAME``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from benchgame.core.validation import InputError

__all__ = ["EXAMPLES", "example_path"]

EXAMPLES = {"w1": "leaderboard_w1.toml", "figure1": "leaderboard_figure1.toml"}


def example_path(name: str) -> Path:
    """Path of a shipped example configuration (``w1`` or ``figure1``)."""

    if name not in EXAMPLES:
        raise InputError("--example", f"unknown example {name!r}",
                         f"use one of {', '.join(sorted(EXAMPLES))}")
    return Path(str(resources.files(__package__).joinpath(EXAMPLES[name])))
