"""Equilibrium result objects: immutable, self-certifying, carrying method and provenance.

Every solver in :mod:`games` returns :class:`Equilibrium` objects (one profile with its float
certificate) gathered in an :class:`EquilibriumSet` (the solver's whole answer, with whether the
enumeration is complete, whether the game is degenerate, and the connected components of the
equilibrium set when it is known).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from benchgame.core.serialize import html_repr, to_jsonable
from benchgame.games.certificate import (
    DEFAULT_TOL,
    Certificate,
    ExactVerification,
    certify,
    verify_exact,
)
from benchgame.games.normal_form import NormalFormGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Equilibrium", "EquilibriumSet", "UndecidedError"]


class UndecidedError(RuntimeError):
    """A question (such as uniqueness) that the computed result cannot answer; says why."""


def _freeze(profile: Sequence[Any]) -> tuple[np.ndarray, ...]:
    out = []
    for s in profile:
        a = np.array(s, dtype=float)
        a.setflags(write=False)
        out.append(a)
    return tuple(out)


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A (possibly approximate) Nash equilibrium with its certificate.

    Build one with :meth:`Equilibrium.certified`, which computes the certificate; do not trust a
    profile without it.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    strategies : tuple of ndarray
        One mixed strategy per player (read-only arrays).
    method : str
        Algorithm that produced it (e.g. ``"support_enumeration"``).
    certificate : Certificate
        Float regrets and whether they are within the relative tolerance.
    exact : tuple of tuple of Fraction or None
        Exact rational strategies, when the algorithm computed them.
    provenance : Mapping
        Algorithm details (starting label, iterations, supports, solver status, ...).
    """

    _repr_html_ = html_repr

    game: NormalFormGame
    strategies: tuple[np.ndarray, ...]
    method: str
    certificate: Certificate
    exact: tuple[tuple[Fraction, ...], ...] | None = None
    provenance: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def certified(
        cls,
        game: NormalFormGame,
        strategies: Sequence[Any],
        method: str,
        *,
        tol: float = DEFAULT_TOL,
        exact: Sequence[Sequence[Fraction]] | None = None,
        provenance: Mapping[str, Any] | None = None,
    ) -> Equilibrium:
        """Wrap ``strategies`` with a freshly computed certificate (relative tolerance ``tol``)."""
        prof = game.check_profile(strategies, "strategies")
        return cls.from_certificate(game, prof, method, certify(game, prof, tol), exact=exact,
                                    provenance=provenance)

    @classmethod
    def from_certificate(cls, game: NormalFormGame, strategies: Sequence[np.ndarray], method: str,
                         certificate: Certificate, *,
                         exact: Sequence[Sequence[Fraction]] | None = None,
                         provenance: Mapping[str, Any] | None = None) -> Equilibrium:
        """Wrap a mixed profile with the certificate its solver computed for it, unchecked.

        For solvers whose end point is a mixed profile by construction and that compute its
        regrets themselves (Lemke-Howson, in its compiled kernel): ``certificate`` must be
        :func:`~benchgame.games.certificate.certificate_of` the profile's regrets in ``game``.
        Anything else goes through :meth:`certified`, which checks the profile first.

        Parameters
        ----------
        game, method, exact, provenance
            As for :meth:`certified`.
        strategies : sequence of ndarray
            One float probability vector per player; stored as read-only copies.
        certificate : Certificate
            The certificate of ``strategies`` in ``game``.

        Returns
        -------
        Equilibrium
            The profile with its certificate.

        Examples
        --------
        >>> from benchgame.games.certificate import certificate_of
        >>> g, half = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]), np.array([0.5, 0.5])
        >>> e = Equilibrium.from_certificate(g, (half, half), "by hand",
        ...                                  certificate_of([0.0, 0.0], [2.0, 2.0], 1e-9))
        >>> e.certificate == Equilibrium.certified(g, [half, half], "by hand").certificate
        True
        """
        ex = None if exact is None else tuple(tuple(Fraction(x) for x in s) for s in exact)
        return cls(game=game, strategies=_freeze(strategies), method=method,
                   certificate=certificate, exact=ex,
                   provenance=MappingProxyType(dict(provenance or {})))

    # --------------------------------------------------------------- derived
    @property
    def payoffs(self) -> np.ndarray:
        """Expected payoff of each player."""
        return self.game.expected_payoffs(self.strategies)

    @property
    def is_pure(self) -> bool:
        return all(int(np.count_nonzero(s > 0)) == 1 for s in self.strategies)

    def supports(self, tol: float = 1e-9) -> tuple[tuple[int, ...], ...]:
        """Indices played with probability above ``tol``, per player."""
        return tuple(tuple(int(k) for k in np.flatnonzero(s > tol)) for s in self.strategies)

    def pure_profile(self) -> tuple[int, ...]:
        """The pure profile (action indices); raises if the equilibrium is mixed."""
        if not self.is_pure:
            raise UndecidedError("pure_profile(): the equilibrium is mixed")
        return tuple(int(np.argmax(s)) for s in self.strategies)

    @cached_property
    def _exact_check(self) -> ExactVerification:
        return verify_exact(self.game, self.strategies, self.exact)

    def verify_exact(self) -> ExactVerification:
        """Re-check this profile in exact rational arithmetic.

        The profile checked is the returned one: :attr:`exact` when the algorithm computed it,
        else the exact rational value of :attr:`strategies` (see
        :func:`~benchgame.games.exact_verification.verify_exact`). For a two-player profile that
        fails, an exact equilibrium solved from its supports may be attached as ``nearby``,
        labelled ``source="support"``, with its distance; it is never checked in its place.

        Returns
        -------
        ExactVerification
            ``ok`` when every exact regret of the returned profile is zero; the exact regrets;
            the ``nearby`` check, if any.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[3, -1], [-2, 1]])
        >>> e = Equilibrium.certified(g, [[0.5, 0.5], [0.25, 0.75]], "guess", tol=0.2)
        >>> v = e.verify_exact()
        >>> v.ok, v.source, [str(r) for r in v.regrets]
        (False, 'floats', ['1/8', '1/8'])
        >>> v.nearby.ok, [[str(p) for p in s] for s in v.nearby.strategies], v.nearby.distance
        (True, [['3/7', '4/7'], ['2/7', '5/7']], 0.07142857142857142)
        """
        return self._exact_check

    def distance(self, other: Equilibrium | Sequence[Any]) -> float:
        """Max-norm distance between the two profiles."""
        strat = other.strategies if isinstance(other, Equilibrium) else other
        return max(float(np.max(np.abs(np.asarray(a) - np.asarray(b))))
                   for a, b in zip(self.strategies, strat, strict=True))

    def to_dict(self, exact: bool = False) -> dict:
        d = {
            "strategies": [s.tolist() for s in self.strategies],
            "supports": [list(s) for s in self.supports()],
            "payoffs": self.payoffs.tolist(),
            "method": self.method,
            "certificate": self.certificate.to_dict(),
            "provenance": {k: to_jsonable(v) for k, v in self.provenance.items()},
        }
        if self.exact is not None:
            d["exact_strategies"] = [[str(x) for x in s] for s in self.exact]
        if exact:
            d["exact_verification"] = self.verify_exact().to_dict()
        return d

    def __repr__(self) -> str:
        strat = "; ".join(np.array2string(s, precision=4, suppress_small=True)
                          for s in self.strategies)
        return (f"Equilibrium([{strat}], method={self.method!r}, "
                f"max_regret={self.certificate.max_regret:.3g})")


@dataclass(frozen=True, eq=False)
class EquilibriumSet:
    """The answer of an equilibrium solver.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    equilibria : tuple of Equilibrium
        Distinct equilibria found (extreme equilibria for enumeration methods).
    method : str
        The method that found them.
    complete : bool
        True only when the method is proven to have found every equilibrium (every extreme
        equilibrium, for degenerate two-player games).
    reason : str
        Why the set is, or is not, complete.
    degenerate : bool or None
        Whether the (two-player) game is degenerate; None if not determined.
    components : tuple of tuple of int
        Maximal convex subsets of the equilibrium set ("maximal Nash subsets"), each as the
        indices into ``equilibria`` of the extreme equilibria spanning it (maximal cliques,
        i.e. bicliques, of the extreme-equilibrium graph; see :mod:`benchgame.games.components`),
        or ``()`` when not computed. Their union is the whole equilibrium set; see
        :attr:`connected_components` for the topological components.
    provenance : Mapping
        Method details (counts of supports tried, solver statuses, ...).
    scope : str
        ``"mixed"`` (the set is about all Nash equilibria) or ``"pure"`` (only pure profiles were
        searched: completeness and uniqueness then refer to pure equilibria).
    near_equilibria : tuple of Equilibrium
        Near-ties: profiles that a method's tolerance accepts but that are not exact equilibria
        (their exact regret is positive), each with its certificate. They are not members of
        the set: ``len``, iteration, ``complete`` and :attr:`is_unique` ignore them.

    Examples
    --------
    >>> from benchgame.games.pure import pure_equilibria
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [1 + 1e-10, 0]], [[1, 0], [1, 0]])
    >>> eqs = pure_equilibria(g)
    >>> len(eqs), eqs.complete, eqs.is_unique, len(eqs.near_equilibria)
    (1, True, True, 1)
    >>> eqs.to_dict()["count"], len(eqs.to_dict()["near_equilibria"])
    (1, 1)
    """

    _repr_html_ = html_repr

    game: NormalFormGame
    equilibria: tuple[Equilibrium, ...]
    method: str
    complete: bool
    reason: str
    degenerate: bool | None = None
    components: tuple[tuple[int, ...], ...] = ()
    provenance: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    scope: str = "mixed"
    near_equilibria: tuple[Equilibrium, ...] = ()

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Equilibrium:
        return self.equilibria[k]

    @property
    def connected_components(self) -> tuple[tuple[int, ...], ...]:
        """Connected components of the equilibrium set, as sorted groups of indices.

        Two maximal Nash subsets intersect iff they share an extreme equilibrium (their
        intersection is a face of both), so the connected components are the unions of
        :attr:`components` linked by a shared index.
        """
        parent = list(range(len(self.equilibria)))

        def root(k: int) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for comp in self.components:
            for k in comp[1:]:
                parent[root(k)] = root(comp[0])
        members = sorted({k for comp in self.components for k in comp})
        groups: dict[int, list[int]] = {}
        for k in members:
            groups.setdefault(root(k), []).append(k)
        return tuple(sorted(tuple(g) for g in groups.values()))

    @property
    def is_unique(self) -> bool:
        """Whether the game has exactly one equilibrium (one pure equilibrium if
        ``scope == "pure"``).

        Raises
        ------
        UndecidedError
            If the enumeration is not complete, with the reason.
        """
        if not self.complete:
            raise UndecidedError(f"uniqueness cannot be decided: {self.reason}")
        return len(self.equilibria) == 1

    @property
    def all_certified(self) -> bool:
        return all(e.certificate.passed for e in self.equilibria)

    def pure(self) -> tuple[Equilibrium, ...]:
        return tuple(e for e in self.equilibria if e.is_pure)

    def contains(self, profile: Equilibrium | Sequence[Any], atol: float = 1e-7) -> bool:
        """Whether ``profile`` is within ``atol`` (max-norm) of a member of the set."""
        return any(e.distance(profile) <= atol for e in self.equilibria)

    def to_dict(self, exact: bool = False) -> dict:
        d: dict[str, Any] = {
            "method": self.method,
            "scope": self.scope,
            "complete": self.complete,
            "reason": self.reason,
            "degenerate": self.degenerate,
            "count": len(self.equilibria),
            "unique": (len(self.equilibria) == 1) if self.complete else None,
            "components": [list(c) for c in self.components],
            "equilibria": [e.to_dict(exact=exact) for e in self.equilibria],
            "near_equilibria": [e.to_dict(exact=exact) for e in self.near_equilibria],
            "provenance": {k: to_jsonable(v) for k, v in self.provenance.items()},
        }
        return d

    def to_frame(self) -> pd.DataFrame:
        """The equilibria as a table, one row each, with the game's names.

        Returns
        -------
        pandas.DataFrame
            Index ``equilibrium`` (1, 2, ...); a column ``(player, strategy)`` with the
            probability of every strategy, then ``(player, "payoff")``, and the certificate's
            ``("certificate", "max_regret")`` and ``("certificate", "passed")``. Player and
            strategy names are the game's (``.nfg`` names when read from a file).

        Examples
        --------
        >>> from benchgame.games import NormalFormGame, solve
        >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
        ...                                  labels=[["C", "D"], ["C", "D"]],
        ...                                  players=["row", "column"])
        >>> solve(g).to_frame()[[("row", "D"), ("column", "D"), ("row", "payoff")]]
                     row column    row
                       D      D payoff
        equilibrium
        1            1.0    1.0    1.0
        """
        import pandas as pd

        game = self.game
        rows = []
        for e in self.equilibria:
            row: dict[tuple[str, str], Any] = {}
            for player, labels, probs in zip(game.players, game.labels, e.strategies,
                                             strict=True):
                row.update({(player, lab): float(p) for lab, p in zip(labels, probs, strict=True)})
            for player, pay in zip(game.players, e.payoffs, strict=True):
                row[(player, "payoff")] = float(pay)
            row[("certificate", "max_regret")] = float(e.certificate.max_regret)
            row[("certificate", "passed")] = bool(e.certificate.passed)
            rows.append(row)
        columns = [(p, lab) for p, labs in zip(game.players, game.labels, strict=True)
                   for lab in labs]
        columns += [(p, "payoff") for p in game.players]
        columns += [("certificate", "max_regret"), ("certificate", "passed")]
        frame = pd.DataFrame(rows, columns=pd.MultiIndex.from_tuples(columns),
                             index=pd.RangeIndex(1, len(rows) + 1, name="equilibrium"))
        return frame

    def __repr__(self) -> str:
        return (f"EquilibriumSet({len(self.equilibria)} equilibria, method={self.method!r}, "
                f"complete={self.complete}, degenerate={self.degenerate})")
