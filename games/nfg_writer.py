"""Write games as Gambit strategic-form ``.nfg`` files (payoff and outcome versions).

The format is described in :mod:`benchgame.games.nfg`. Numbers are written in their shortest
positional decimal form that reads back as exactly the stored float, so
``read_nfg(dumps_nfg(g)) == g`` for every game.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from benchgame.core.atomic import atomic_write
from benchgame.core.validation import InputError
from benchgame.games.normal_form import NormalFormGame

__all__ = ["dumps_nfg", "write_nfg"]

_FORMATS = ("payoff", "outcome")


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _num(x: float) -> str:
    """Shortest positional decimal that reads back as exactly ``x`` (no exponent)."""
    x = float(x) + 0.0  # normalise -0.0
    return np.format_float_positional(x, unique=True, trim="-")


def dumps_nfg(game: NormalFormGame, format: str = "payoff") -> str:
    """The ``.nfg`` text of ``game``.

    Profiles are listed in Gambit order (the first player's strategy changes fastest); every
    number is written in the shortest positional decimal that reads back as the stored float, so
    ``read_nfg(dumps_nfg(game)) == game``.

    Parameters
    ----------
    game : NormalFormGame
        The game to write; its title and player names are kept.
    format : {"payoff", "outcome"}
        ``"payoff"``: strategy counts and a flat payoff list (labels are not stored).
        ``"outcome"``: strategy labels, one outcome per distinct non-zero payoff vector (in order
        of first appearance) and one outcome index per profile (``0`` for all-zero payoffs).

    Returns
    -------
    str
        The file text, ending with a newline.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``format`` is neither ``"payoff"`` nor ``"outcome"``.

    References
    ----------
    McKelvey, R. D., McLennan, A. M. and Turocy, T. L. Gambit: Software Tools for Game Theory.
    https://www.gambit-project.org (manual, "Game representation formats").

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="PD")
    >>> print(dumps_nfg(g))
    NFG 1 R "PD" { "1" "2" } { 2 2 }
    <BLANKLINE>
    3 3 5 0 0 5 1 1
    <BLANKLINE>
    >>> print(dumps_nfg(g, "outcome").splitlines()[-1])
    1 2 3 4
    """
    if format not in _FORMATS:
        raise InputError("format", f"unknown .nfg format {format!r}",
                         "use 'payoff' or 'outcome'")
    n = game.num_players
    flat = game.payoffs.reshape(game.num_profiles, n, order="F")
    header = f"NFG 1 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}"
    if format == "payoff":
        counts = " ".join(str(m) for m in game.shape)
        body = " ".join(_num(x) for x in flat.ravel())
        return f"{header} {{ {counts} }}\n\n{body}\n"
    lines = [header, ""]
    lines.append("{ " + "\n".join("{ " + " ".join(_quote(s) for s in lab) + " }"
                                  for lab in game.labels) + "\n}")
    lines.append('""')
    lines.append("")
    uniq, first, inverse = np.unique(flat, axis=0, return_index=True, return_inverse=True)
    inverse = np.asarray(inverse).reshape(-1)
    nonzero = np.any(uniq != 0, axis=1)
    order = [u for u in np.argsort(first, kind="stable") if nonzero[u]]
    number = np.zeros(len(uniq), dtype=int)
    number[order] = np.arange(1, len(order) + 1)
    lines.append("{")
    for k, u in enumerate(order, start=1):
        lines.append(f'{{ "{k}" ' + ", ".join(_num(x) for x in uniq[u]) + " }")
    lines.append("}")
    lines.append(" ".join(str(int(k)) for k in number[inverse]))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path: str | os.PathLike[str],
              format: str = "payoff") -> Path:
    """Write ``game`` to ``path`` as ``.nfg`` (atomically; see :func:`dumps_nfg`).

    The text goes to a temporary file beside ``path`` that is then renamed over it, so a reader
    never sees a half-written file.

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    path : str or os.PathLike
        The output file; its folder must exist.
    format : {"payoff", "outcome"}
        The ``.nfg`` version, as for :func:`dumps_nfg`.

    Returns
    -------
    pathlib.Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``format`` is unknown or the folder of ``path`` does not exist.

    Examples
    --------
    >>> import tempfile
    >>> from benchgame.games.nfg_reader import read_nfg
    >>> g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_nfg(g, Path(tmp) / "bos.nfg", format="outcome")
    ...     print(out.name, read_nfg(out) == g)
    bos.nfg True
    """

    return atomic_write(path, dumps_nfg(game, format))
