"""Example games in Gambit ``.nfg`` format (package data).

- ``battle_of_sexes.nfg``: payoff version, 2 x 2, pure equilibria (Opera, Opera) and
  (Football, Football) and one mixed equilibrium.
- ``prisoners_dilemma.nfg``: outcome version, 2 x 2, unique equilibrium (Defect, Defect).

Read one with ``benchgame.games.read_nfg(benchgame.games.examples.path("battle_of_sexes.nfg"))``.
"""

from __future__ import annotations

from pathlib import Path

from benchgame.core.validation import InputError

__all__ = ["path"]


def path(name: str) -> Path:
    """Absolute path of the example file ``name`` (e.g. ``"prisoners_dilemma.nfg"``).

    Parameters
    ----------
    name : str
        File name of an example in this package, such as ``"battle_of_sexes.nfg"``.

    Returns
    -------
    pathlib.Path
        The absolute path of the file.

    Raises
    ------
    benchgame.core.validation.InputError
        If there is no example file of that name (the message lists the available ones).

    Examples
    --------
    >>> path("battle_of_sexes.nfg").name
    'battle_of_sexes.nfg'
    >>> from benchgame.games.nfg import read_nfg
    >>> read_nfg(path("battle_of_sexes.nfg")).players
    ('Alice', 'Bob')
    """

    target = Path(__file__).resolve().parent / name
    if not target.is_file():
        available = sorted(p.name for p in target.parent.glob("*.nfg"))
        raise InputError("name", f"no example file {name!r}", f"choose one of {available}")
    return target
