"""Read and write Gambit's strategic-form ``.nfg`` files (payoff and outcome versions).

The format (Gambit manual, "Game representation formats") is whitespace-insensitive text::

    NFG 1 R "title" { "Player 1" "Player 2" } { 3 2 }
    "optional comment"

    1 1 0 2 0 2 1 1 0 3 2 0

*Payoff version*: after the player names, the number of strategies of each player, then one
payoff per player for every pure profile. Profiles are listed in Gambit order: the **first**
player's strategy changes fastest (column-major / Fortran order), and within a profile the payoffs
are listed player by player.

*Outcome version*: after the player names, one list of strategy labels per player, an optional
comment, a brace-enclosed list of outcomes ``{ "name" u_1, u_2, ... }``, then one outcome index
per profile in the same Gambit order. Outcome ``0`` is the null outcome (all payoffs zero);
outcome ``k >= 1`` is the ``k``-th outcome of the list.

Numbers may be integers, decimals (``.80``) or rationals (``3/2``); they are read exactly with
:class:`fractions.Fraction` and then stored as floats in
:class:`~benchgame.games.normal_form.NormalFormGame`. Strings are double-quoted; ``\\"`` is an
escaped quote and ``\\\\`` an escaped backslash (as Gambit writes them); a backslash before any
other character is kept literally, as Gambit reads it. Commas are separators, like whitespace.

The writer emits numbers in their shortest positional decimal form that round-trips the stored
float exactly, so ``read_nfg(dumps_nfg(g)) == g`` for every game.

The reader lives in :mod:`benchgame.games.nfg_reader` and the writer in
:mod:`benchgame.games.nfg_writer`; this module re-exports both.

References
----------
McKelvey, R. D., McLennan, A. M. and Turocy, T. L. Gambit: Software Tools for Game Theory.
https://www.gambit-project.org (manual, "Game representation formats").

Examples
--------
>>> g = read_nfg('NFG 1 R "MP" { "1" "2" } { 2 2 } 1 -1 -1 1 -1 1 1 -1')
>>> read_nfg(dumps_nfg(g)) == g, read_nfg(dumps_nfg(g, "outcome")) == g
(True, True)
"""

from __future__ import annotations

from benchgame.games.nfg_reader import read_nfg
from benchgame.games.nfg_writer import dumps_nfg, write_nfg

__all__ = ["dumps_nfg", "read_nfg", "write_nfg"]
