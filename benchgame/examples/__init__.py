"""Example configurations shipped with benchgame (``benchgame leaderboard --example NAME``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from benchgame.core.validation import InputError

__all__ = ["EXAMPLES", "example_path"]

EXAMPLES = {"w1": "leaderboard_w1.toml", "figure1": "leaderboard_figure1.toml",
            "three": "leaderboard_three.toml", "noisy": "leaderboard_noisy.toml",
            "designer": "leaderboard_designer.toml"}


def example_path(name: str) -> Path:
    """Path of a shipped example leaderboard configuration.

    Parameters
    ----------
    name : {"w1", "figure1", "three", "noisy", "designer"}
        ``w1``: two developers with substitutes scores and linear cost, no pure equilibrium
        under direct evaluation; ``figure1``: the five-model population fitted to the paper's
        Figure 1 (Chen, Zhang and Hardt 2026); ``three``: three logit developers, direct
        evaluation (mixed play) against tune-before-test below and above Delta*; ``noisy``:
        three logit developers scored on m = 100, 500 and 2000 test questions; ``designer``:
        the designer's cheapest (Delta, m) under a cost per unit Delta and per test question
        (grid-based, over four drawn populations).

    Returns
    -------
    pathlib.Path
        The TOML file inside the installed package.

    Raises
    ------
    InputError
        On an unknown name (naming ``--example``).

    Examples
    --------
    >>> example_path("w1").name
    'leaderboard_w1.toml'
    """
    if name not in EXAMPLES:
        raise InputError("--example", f"unknown example {name!r}",
                         f"use one of {', '.join(sorted(EXAMPLES))}")
    return Path(str(resources.files(__package__).joinpath(EXAMPLES[name])))
