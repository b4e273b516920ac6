"""Catalogue of 3- and 4-player games with known equilibria, and an exact 2x2x2 enumerator.

Payoffs of the games from the Gambit distribution are given in ``.nfg`` order (player 1's strategy
varies fastest) and converted with :func:`from_nfg`. Sources:

- McKelvey and McLennan (1997), "The maximal number of regular totally mixed Nash equilibria",
  J. Econ. Theory 72: a 2x2x2 game with 9 equilibria, 2 of them totally mixed (Gambit's
  ``contrib/games/2x2x2.nfg``).
- Nau, Gomez Canovas and Hansen (2004), "On the geometry of Nash equilibria and correlated
  equilibria", Int. J. Game Theory 32: section 4 (unique equilibrium, irrational), section 5
  (a continuum of completely mixed equilibria, 3 pure and 2 partially mixed ones), section 6
  (a segment of equilibria inside the correlated equilibrium polytope); Gambit's catalog.
- Jordan (1993), "Three problems in learning mixed-strategy Nash equilibria", GEB 5: three-player
  matching pennies, unique equilibrium (1/2, 1/2) for everyone.
- Gambit's ``2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg`` (a local max-cut game),
  ``contrib/games/3x3x3.nfg`` (five equilibria, two pure) and ``contrib/games/2x2x2x2.nfg``
  (three equilibria).
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy as sp

from benchgame.games import NormalFormGame


def from_nfg(values: str, shape: tuple[int, ...], **kwargs) -> NormalFormGame:
    """A game from payoffs listed in .nfg order (player 1's strategy varies fastest)."""
    n = len(shape)
    flat = np.array([float(v) for v in values.replace(",", " ").split()])
    arr = flat.reshape(tuple(reversed(shape)) + (n,))
    return NormalFormGame(np.transpose(arr, tuple(reversed(range(n))) + (n,)), **kwargs)


def cyclic_pennies(n: int) -> NormalFormGame:
    """Player i matches player i+1; the last player mismatches the first (Jordan 1993 for n=3)."""
    U = np.zeros((2,) * n + (n,))
    for a in np.ndindex(*(2,) * n):
        U[a] = [1 if a[i] == a[i + 1] else -1 for i in range(n - 1)] + [
            1 if a[-1] != a[0] else -1]
    return NormalFormGame(U, title=f"{n}-player cyclic matching pennies")


MCKELVEY_MCLENNAN = from_nfg("9 8 12 0 0 0 0 0 0 9 8 2 0 0 0 3 4 6 3 4 6 0 0 0", (2, 2, 2))
NAU_SEC4 = from_nfg("3 0 2 0 1 0 0 2 0 1 0 0 1 0 0 0 3 0 0 1 0 2 0 3", (2, 2, 2))
NAU_SEC5 = from_nfg("0 0 2 3 0 0 0 3 0 0 0 0 1 1 0 0 0 0 0 0 0 0 0 3", (2, 2, 2))
NAU_SEC6 = from_nfg("2 0 0 0 2 1 0 1 1 1 0 2 1 0 2 0 1 1 0 2 1 2 0 0 1 0 1 0 2 0 0 1 2 2 0 1 "
                    "2 0 1 0 1 2 0 2 0 1 0 1", (2, 2, 4))
MAX_CUT = from_nfg("0 0 0 1 2 -1 2 4 2 -1 2 1 -1 2 1 2 4 2 1 2 -1 0 0 0", (2, 2, 2))
GAMBIT_3X3X3 = from_nfg(
    "1.131 1.210 2.426 1.358 2.234 2.238 1.655 1.347 2.747 1.576 5.634 5.675 1.478 2.544 "
    "1.973 1.436 4.864 5.267 1.735 4.043 7.247 3.830 1.335 1.734 1.428 1.521 4.248 2.429 "
    "2.326 2.422 5.255 5.334 2.643 2.243 3.518 3.062 2.455 6.523 4.225 7.486 4.483 5.764 "
    "7.566 4.655 7.076 4.943 7.362 4.382 4.434 4.271 4.120 4.533 5.231 5.458 3.222 3.024 "
    "1.223 2.873 4.452 4.549 4.564 4.326 1.762 5.277 4.837 5.645 4.995 5.754 4.383 4.423 "
    "1.759 2.705 4.642 1.897 4.042 4.976 7.324 7.723 4.486 4.882 2.537", (3, 3, 3))
GAMBIT_2X2X2X2 = from_nfg(
    "1.131 1.210 2.426 2.429 4.225 5.277 4.837 5.645 4.452 4.549 1.655 1.347 7.566 4.655 "
    "7.076 4.423 1.223 1.358 2.234 2.238 4.483 5.764 4.995 5.754 4.564 4.326 1.762 1.576 "
    "7.247 4.943 7.362 4.382 2.326 2.422 3.222 3.024 1.478 2.544 1.973 7.486 2.747 2.243 "
    "3.518 3.062 1.759 2.705 1.735 4.043 5.255 5.334 2.643 2.873 4.383 1.436 4.864 5.267 "
    "5.634 5.675 2.455 6.523 4.642 1.897 4.042 3.830", (2, 2, 2, 2))
JORDAN = cyclic_pennies(3)
PENNIES_4 = cyclic_pennies(4)


def exact_equilibria_2x2x2(game: NormalFormGame) -> tuple[list[tuple], bool]:
    """Every isolated equilibrium of a 2x2x2 game, exactly (sympy), and whether a continuum exists.

    Each equilibrium is ``(p1, p2, p3)``, ``p_j`` the exact probability of player j's first
    strategy (an integer, rational or algebraic sympy number).
    """
    U = [[[[sp.Rational(str(game.payoffs[a, b, c, i])) for c in range(2)] for b in range(2)]
          for a in range(2)] for i in range(3)]
    p = sp.symbols("p0:3")

    def delta(i, q):  # payoff of strategy 0 minus strategy 1 for player i
        others = [j for j in range(3) if j != i]
        total = 0
        for s in itertools.product(range(2), repeat=2):
            w = 1
            for j, sj in zip(others, s, strict=True):
                w *= q[j] if sj == 0 else 1 - q[j]
            idx = [None] * 3
            idx[others[0]], idx[others[1]] = s
            i0, i1 = list(idx), list(idx)
            i0[i], i1[i] = 0, 1
            total += w * (U[i][i0[0]][i0[1]][i0[2]] - U[i][i1[0]][i1[1]][i1[2]])
        return sp.expand(total)

    found, continuum = [], False
    for supports in itertools.product(("0", "1", "mix"), repeat=3):
        q = [sp.Integer(1) if s == "0" else sp.Integer(0) if s == "1" else p[j]
             for j, s in enumerate(supports)]
        unknowns = [p[j] for j, s in enumerate(supports) if s == "mix"]
        eqs = [delta(j, q) for j, s in enumerate(supports) if s == "mix"]
        if unknowns:
            sols = sp.solve(eqs, unknowns, dict=True)
        else:
            sols = [{}]
        for sol in sols:
            if len(sol) < len(unknowns) or any(v.free_symbols for v in sol.values()):
                continuum = True
                continue
            point = [v.subs(sol) if isinstance(v, sp.Symbol) else v for v in q]
            if any(not (x.is_real and 0 < x < 1) for j, x in enumerate(point)
                   if supports[j] == "mix"):
                continue
            ok = True
            for j, s in enumerate(supports):
                d = sp.nsimplify(sp.simplify(delta(j, point)))
                if (s == "0" and d < 0) or (s == "1" and d > 0):
                    ok = False
            if ok:
                found.append(tuple(sp.nsimplify(sp.radsimp(x)) for x in point))
    return found, continuum
