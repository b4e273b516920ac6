"""Consumer welfare under equilibrium play of a producer game with any number of producers.

With three or more producers the producer game (:func:`~benchgame.mechanisms.marketplace.
producer_game`) often has no pure equilibrium, so the pure price of anarchy is undefined and the
comparison "weighted winrate raises welfare" cannot be read off pure profiles. This module
brackets the consumers' welfare ``W`` over *every* Nash equilibrium, mixed ones included:

* every Nash equilibrium is a correlated equilibrium (CE), so the smallest and largest ``W`` over
  the CE polytope (two linear programs, verified in exact rational arithmetic by
  :func:`benchgame.games.correlated_equilibrium`) bound ``W`` at every Nash equilibrium;
* the equilibria actually computed (every pure one, complete; with none, one mixed equilibrium
  by simplicial subdivision for ``n >= 3``, or every extreme equilibrium by vertex enumeration
  for ``n = 2``) give values inside that range.

The consumer price of anarchy ``max_profiles W / min_{NE} W`` is then bracketed by
``[max W / min_{computed NE} W, max W / min_{CE} W]``; the bracket is a point when the two
coincide. A computed mixed equilibrium of three or more producers is an epsilon-equilibrium (its
certificate gives epsilon); the lower end of the bracket is labelled accordingly.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.games.correlated import CorrelatedEquilibrium, correlated_equilibrium
from benchgame.games.equilibrium import EquilibriumSet
from benchgame.games.solve import all_equilibria, solve
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.payments import PAYMENT_RULES
from benchgame.mechanisms.marketplace.producer_game import ProducerGame, producer_game

__all__ = ["EquilibriumWelfare", "WelfareByRule", "WelfareComparison",
           "compare_equilibrium_welfare", "equilibrium_welfare", "welfare_by_payment_rule"]


@dataclass(frozen=True, eq=False)
class EquilibriumWelfare:
    """Consumer welfare over the Nash equilibria of one producer game, with certificates.

    Parameters
    ----------
    producer_game : ProducerGame
        The game analysed.
    optimum : float
        ``max W`` over all pure profiles (the consumers' first best among the menus).
    equilibria : EquilibriumSet
        The Nash equilibria computed (see :func:`equilibrium_welfare`).
    welfare : tuple of float
        ``W`` at each computed equilibrium (expected ``W`` for mixed ones).
    epsilon : float
        Largest exploitability (sum of regrets) among the computed equilibria: 0 for exact ones.
    ce_low, ce_high : CorrelatedEquilibrium
        Correlated equilibria of smallest and largest ``W``; every Nash equilibrium's ``W`` lies
        in ``[ce_low W, ce_high W]``.
    """

    producer_game: ProducerGame
    optimum: float
    equilibria: EquilibriumSet
    welfare: tuple[float, ...]
    epsilon: float
    ce_low: CorrelatedEquilibrium
    ce_high: CorrelatedEquilibrium

    @property
    def mechanism(self) -> str:
        """Name of the payment rule."""
        return self.producer_game.mechanism

    @property
    def ce_bounds(self) -> tuple[float, float]:
        """``(min, max)`` of ``W`` over the correlated equilibria, from the exact distributions."""
        return (_exact_w(self.producer_game, self.ce_low), _exact_w(self.producer_game,
                                                                      self.ce_high))

    @property
    def bounds_exact(self) -> bool:
        """Both CE distributions verified exactly and both optima certified by an exact dual."""
        return all(c.verification.ok and c.optimality == "exact"
                   for c in (self.ce_low, self.ce_high))

    @property
    def price_of_anarchy(self) -> tuple[float, float]:
        """Bracket ``[lo, hi]`` of the consumer price of anarchy over mixed Nash equilibria.

        ``lo = max W / min W(computed equilibria)`` and ``hi = max W / min_{CE} W`` (infinite
        when the worst correlated equilibrium has ``W = 0``). ``lo`` is a valid lower bound when
        the computed equilibria are exact (``epsilon == 0``); otherwise it is the ratio at an
        epsilon-equilibrium.
        """
        low_ce = self.ce_bounds[0]
        hi = self.optimum / low_ce if low_ce > 0 else float("inf")
        worst = min(self.welfare) if self.welfare else float("nan")
        lo = self.optimum / worst if worst > 0 else float("inf")
        return (lo, hi)

    def to_dict(self) -> dict:
        """The analysis as JSON-safe data.

        Returns
        -------
        dict
            ``mechanism``, ``players``, ``optimum``, ``scope`` and ``complete`` of the computed
            set, ``equilibria`` (strategies by label, ``welfare``, ``exploitability``),
            ``epsilon``, ``ce_bounds``, ``bounds_exact``, ``price_of_anarchy`` ``[lo, hi]`` and
            ``reason``.
        """
        g = self.producer_game.game
        eqs = [{"strategies": {p: dict(zip(g.labels[i], s.tolist(), strict=True))
                               for i, (p, s) in enumerate(zip(g.players, e.strategies,
                                                              strict=True))},
                "welfare": w, "exploitability": e.certificate.exploitability}
               for e, w in zip(self.equilibria, self.welfare, strict=True)]
        return to_jsonable({
            "mechanism": self.mechanism, "players": list(g.players), "optimum": self.optimum,
            "scope": self.equilibria.scope, "complete": self.equilibria.complete,
            "equilibria": eqs, "epsilon": self.epsilon, "ce_bounds": list(self.ce_bounds),
            "bounds_exact": self.bounds_exact, "price_of_anarchy": list(self.price_of_anarchy),
            "reason": self.equilibria.reason})

    def to_frame(self) -> Any:
        """One row per computed equilibrium: strategies, consumer welfare, exploitability.

        Returns
        -------
        pandas.DataFrame
            Columns ``profile`` (each producer's support with probabilities, by label),
            ``welfare`` and ``exploitability``.
        """
        import pandas as pd

        g = self.producer_game.game
        rows = []
        for e, w in zip(self.equilibria, self.welfare, strict=True):
            parts = []
            for i, s in enumerate(e.strategies):
                sup = [f"{g.labels[i][k]}:{s[k]:.3g}" for k in np.flatnonzero(s > 1e-12)]
                parts.append(f"{g.players[i]}=" + "+".join(sup))
            rows.append({"profile": " ".join(parts), "welfare": w,
                         "exploitability": e.certificate.exploitability})
        return pd.DataFrame(rows, columns=["profile", "welfare", "exploitability"])


def _exact_w(pg: ProducerGame, ce: CorrelatedEquilibrium) -> float:
    """Consumer welfare of the exact CE distribution (stored floats of ``W`` read exactly)."""
    total = Fraction(0)
    for idx in zip(*np.nonzero(ce.exact), strict=True):
        total += ce.exact[idx] * Fraction(float(pg.welfare[idx]))
    return float(total)


def equilibrium_welfare(pg: ProducerGame, tol: float = 1e-9, **options: Any
                        ) -> EquilibriumWelfare:
    """Consumer welfare over the Nash equilibria of a producer game, mixed ones included.

    Parameters
    ----------
    pg : ProducerGame
        A producer game with any number of producers.
    tol : float, default 1e-9
        Regret tolerance of the equilibrium solvers (relative to each payoff range).
    **options
        Passed to :func:`benchgame.games.solve` for three or more producers (e.g. ``grid``).

    Returns
    -------
    EquilibriumWelfare
        Computed equilibria and their welfare, the correlated-equilibrium bounds on the welfare of
        every Nash equilibrium, and the bracket on the consumer price of anarchy.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: weighted winrate "increases consumer
    welfare"; the simultaneous game of three or more producers is a reconstruction. Aumann (1974)
    for correlated equilibrium; every Nash equilibrium is one.

    Examples
    --------
    Three producers each choose task A (``pi = 0.7``) or B, perfect aggregation. Winrate's only
    equilibrium puts everyone on A (``pi >= 1 - 1/3``), and every correlated equilibrium has the
    same welfare. Weighted winrate's pure equilibria keep B served (``W = 1``); its correlated
    equilibria reach down to 0.794, so the consumer price of anarchy over its mixed equilibria
    lies between 1 and 1.26:

    >>> from benchgame.mechanisms.marketplace import EpsilonUniform, producer_game
    >>> menus = [[[1, 0], [0, 1]]] * 3
    >>> wr = equilibrium_welfare(producer_game(menus, [0.7, 0.3], EpsilonUniform(0), "winrate"))
    >>> wr.optimum, wr.ce_bounds, wr.equilibria.scope
    (1.0, (0.7, 0.7), 'pure')
    >>> wwr = equilibrium_welfare(producer_game(menus, [0.7, 0.3], EpsilonUniform(0),
    ...                                         "weighted_winrate"))
    >>> [round(x, 4) for x in wwr.ce_bounds + wwr.price_of_anarchy]
    [0.7939, 1.0, 1.0, 1.2596]
    """
    game = pg.game
    if game.num_players == 2:
        eqs = all_equilibria(game, tol)
    else:
        eqs = solve(game, "auto", tol, **options)
    welfare = tuple(pg.welfare_of(e.strategies) for e in eqs)
    eps = max((0.0 if e.verify_exact().ok else e.certificate.exploitability
               for e in eqs), default=0.0)
    low = correlated_equilibrium(game, "ce", "min_welfare", welfare=pg.welfare)
    high = correlated_equilibrium(game, "ce", "max_welfare", welfare=pg.welfare)
    return EquilibriumWelfare(producer_game=pg, optimum=float(pg.welfare.max()), equilibria=eqs,
                              welfare=welfare, epsilon=eps, ce_low=low, ce_high=high)


@dataclass(frozen=True)
class WelfareComparison:
    """Whether one payment rule's equilibria give consumers more welfare than another's.

    Parameters
    ----------
    better, worse : EquilibriumWelfare
        The rule claimed to be better, and the rule it is compared with.
    verdict : str
        ``"every"`` (every Nash equilibrium of ``better`` has at least the welfare of every Nash
        equilibrium of ``worse``: ``min_CE W(better) >= max_CE W(worse)``, certified),
        ``"none"`` (every equilibrium of ``better`` is strictly worse: ``max_CE W(better) <
        min_CE W(worse)``), or ``"overlap"`` (the CE ranges overlap; compare the computed
        equilibria).
    computed : str
        The same comparison on the computed equilibria only: ``"higher"``, ``"lower"`` or
        ``"mixed"`` (some higher, some lower).
    """

    better: EquilibriumWelfare
    worse: EquilibriumWelfare
    verdict: str
    computed: str

    def to_dict(self) -> dict:
        """Both analyses and the verdicts as JSON-safe data.

        Returns
        -------
        dict
            ``verdict``, ``computed``, ``better`` and ``worse`` (each
            :meth:`EquilibriumWelfare.to_dict`).
        """
        return {"verdict": self.verdict, "computed": self.computed,
                "better": self.better.to_dict(), "worse": self.worse.to_dict()}


def compare_equilibrium_welfare(better: ProducerGame, worse: ProducerGame, tol: float = 1e-9,
                                **options: Any) -> WelfareComparison:
    """Compare consumer welfare over the Nash equilibria of two producer games.

    Parameters
    ----------
    better, worse : ProducerGame
        Usually the same menus and market under two payment rules (weighted winrate, winrate).
    tol : float, default 1e-9
        Regret tolerance of the solvers.
    **options
        Passed to :func:`equilibrium_welfare`.

    Returns
    -------
    WelfareComparison
        ``verdict`` from the exact correlated-equilibrium bounds (valid for every mixed Nash
        equilibrium, computed or not) and ``computed`` from the equilibria found.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: weighted winrate "increases consumer
    welfare" (reconstruction for three or more producers).

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import EpsilonUniform, producer_game
    >>> menus = [[[1, 0], [0, 1]]] * 3
    >>> games = [producer_game(menus, [0.7, 0.3], EpsilonUniform(0.2), m)
    ...          for m in ("weighted_winrate", "winrate")]
    >>> c = compare_equilibrium_welfare(*games)
    >>> c.verdict, c.computed
    ('every', 'higher')
    """
    b = equilibrium_welfare(better, tol, **options)
    w = equilibrium_welfare(worse, tol, **options)
    (b_lo, b_hi), (w_lo, w_hi) = b.ce_bounds, w.ce_bounds
    verdict = "every" if b_lo >= w_hi else ("none" if b_hi < w_lo else "overlap")
    if min(b.welfare) >= max(w.welfare):
        computed = "higher"
    elif max(b.welfare) < min(w.welfare):
        computed = "lower"
    else:
        computed = "mixed"
    return WelfareComparison(better=b, worse=w, verdict=verdict, computed=computed)


@dataclass(frozen=True)
class WelfareByRule:
    """Equilibrium consumer welfare of the same producers under several payment rules.

    Parameters
    ----------
    results : tuple of EquilibriumWelfare
        One analysis per payment rule, in the order asked for.
    """

    results: tuple[EquilibriumWelfare, ...]

    def to_dict(self) -> dict:
        """Every rule's analysis, keyed by payment rule.

        Returns
        -------
        dict
            ``{mechanism: EquilibriumWelfare.to_dict()}``.
        """
        return {r.mechanism: r.to_dict() for r in self.results}

    def to_frame(self) -> Any:
        """One row per payment rule.

        Returns
        -------
        pandas.DataFrame
            Index ``mechanism``; columns ``scope`` (``pure`` or ``mixed``), ``equilibria``
            (number computed), ``welfare_min`` and ``welfare_max`` over them, ``ce_low`` and
            ``ce_high`` (welfare bounds for every Nash equilibrium), ``poa_low`` and ``poa_high``
            (consumer price of anarchy bracket), ``epsilon`` and ``bounds_exact``.
        """
        import pandas as pd

        rows = [{"mechanism": r.mechanism, "scope": r.equilibria.scope,
                 "equilibria": len(r.equilibria), "welfare_min": min(r.welfare),
                 "welfare_max": max(r.welfare), "ce_low": r.ce_bounds[0],
                 "ce_high": r.ce_bounds[1], "poa_low": r.price_of_anarchy[0],
                 "poa_high": r.price_of_anarchy[1], "epsilon": r.epsilon,
                 "bounds_exact": r.bounds_exact} for r in self.results]
        return pd.DataFrame(rows).set_index("mechanism")


def welfare_by_payment_rule(menus: Any, omega: Any, rule: ChoiceRule,
                            mechanisms: Any = None, tol: float = 1e-9) -> WelfareByRule:
    """Equilibrium consumer welfare and price of anarchy of one producer game per payment rule.

    Parameters
    ----------
    menus : sequence of array_like, each of shape (|F_k|, m)
        Every producer's menu of quality vectors (any number of producers).
    omega : array_like, shape (m,)
        Task weights.
    rule : ChoiceRule
        Choice rule of the aggregator.
    mechanisms : sequence of str, optional
        Payment rules to compare; default every registered rule that needs no option.
    tol : float, default 1e-9
        Regret tolerance of the solvers.

    Returns
    -------
    WelfareByRule
        One :class:`EquilibriumWelfare` per rule; ``to_frame()`` tabulates them.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (winrate and weighted winrate);
    the other payment rules and the game of three or more producers are reconstructions.

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import EpsilonUniform
    >>> t = welfare_by_payment_rule([[[1, 0], [0, 1]]] * 3, [0.7, 0.3], EpsilonUniform(0),
    ...                             ["winrate", "weighted_winrate"])
    >>> t.to_frame()[["scope", "welfare_min", "ce_low", "poa_high"]].round(3)
                     scope  welfare_min  ce_low  poa_high
    mechanism
    winrate           pure          0.7   0.700     1.429
    weighted_winrate  pure          1.0   0.794     1.260
    """
    names = (tuple(mechanisms) if mechanisms is not None else
             tuple(n for n in PAYMENT_RULES.names() if not PAYMENT_RULES.get(n).options))
    return WelfareByRule(tuple(equilibrium_welfare(producer_game(menus, omega, rule, name), tol)
                               for name in names))
