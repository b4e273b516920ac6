"""The outcome of a producer's choice over a feasible set, and the vectorized evaluation behind it.

Shared by :mod:`benchgame.mechanisms.marketplace.entry` (finite menus) and
:mod:`benchgame.mechanisms.marketplace.budget` (budget line and budget simplex). Every candidate
``q`` of a feasible set ``F`` is evaluated at once: the markets ``Q (+) q`` are stacked on a
leading axis (in chunks) and the producer's payment and the consumer welfare are computed for the
whole stack. The best-response set is the argmax within ``tol``; the outcome reports the welfare
at the worst and best best response, the welfare optimum over ``F`` and their gap (the
mechanism's price).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.payments import get_payment_rule
from benchgame.mechanisms.marketplace.welfare import welfare

__all__ = ["EntryResult"]


@dataclass(frozen=True)
class EntryResult:
    """Outcome of one producer's choice over a feasible set.

    Parameters
    ----------
    candidates : ndarray, shape (k, m)
        Evaluated quality vectors (grid points and refined points for continuous sets).
    payoff, welfare : ndarray, shape (k,)
        The producer's payment and consumer welfare ``W`` after the change, per candidate.
    best_responses : tuple of int
        Indices with ``payoff >= max payoff - tol`` (the best-response set).
    welfare_worst_br, welfare_best_br, welfare_opt : float
        ``W`` at the welfare-worst and welfare-best best response; ``max W`` over candidates.
    gap : float
        ``welfare_opt - welfare_worst_br`` (>= 0): the price of the mechanism.
    welfare_before : float
        ``W`` of the market before the change.
    mechanism : str
        Name of the payment rule.
    method : str
        How the feasible set was searched (finite menu, grid plus refinement).
    certificate : dict
        Grid resolution, refinement data, tolerance.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (v1): "market entry", an entirely new
    model added to the available models. Feasible sets, best-response sets and the welfare gap
    are a reconstruction of the paper's definitions.
    """

    candidates: np.ndarray
    payoff: np.ndarray
    welfare: np.ndarray
    best_responses: tuple[int, ...]
    welfare_worst_br: float
    welfare_best_br: float
    welfare_opt: float
    gap: float
    welfare_before: float
    mechanism: str
    method: str
    certificate: dict = field(default_factory=dict)

    @property
    def welfare_optima(self) -> tuple[int, ...]:
        """Indices of welfare-maximising candidates (within the certificate's tol)."""
        tol = self.certificate.get("tol", 1e-9)
        return tuple(int(k) for k in np.flatnonzero(self.welfare >= self.welfare.max() - tol))

    def to_frame(self, names: Any = None) -> Any:
        """One row per candidate: payoff, welfare, welfare change, and whether it is a best
        response and a welfare optimum.

        Parameters
        ----------
        names : sequence of str, optional
            Candidate names (default ``0, 1, ...``).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``candidate``.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Softmax, entry
        >>> r = entry(Market([[0.4, 0.7]], [0.5, 0.5]), Softmax(20.0),
        ...           [[0.8, 0.6], [0.3, 0.9]], "weighted_winrate")
        >>> r.to_frame(["c1", "c2"]).round(4)
                   payoff  welfare  delta_welfare  best_response  welfare_optimal
        candidate
        c1         0.4356   0.7440         0.1940          False             True
        c2         0.4598   0.6422         0.0922           True            False
        """
        import pandas as pd

        k = len(self.payoff)
        idx = pd.Index(list(range(k)) if names is None else [str(x) for x in names],
                       name="candidate")
        br, opt = set(self.best_responses), set(self.welfare_optima)
        return pd.DataFrame({"payoff": self.payoff, "welfare": self.welfare,
                             "delta_welfare": self.welfare - self.welfare_before,
                             "best_response": [i in br for i in range(k)],
                             "welfare_optimal": [i in opt for i in range(k)]}, index=idx)

    def to_dict(self) -> dict:
        """JSON-ready summary: best responses, welfare figures and certificate."""
        return {"mechanism": self.mechanism, "method": self.method,
                "best_responses": list(self.best_responses),
                "best_response_vectors": self.candidates[list(self.best_responses)].tolist(),
                "welfare_worst_br": self.welfare_worst_br,
                "welfare_best_br": self.welfare_best_br, "welfare_opt": self.welfare_opt,
                "gap": self.gap, "welfare_before": self.welfare_before,
                "certificate": self.certificate}


def _stack(base: np.ndarray, C: np.ndarray, position: int) -> np.ndarray:
    """Markets ``(k, n+1, m)``: ``base`` with candidate ``C[k]`` inserted at row ``position``."""
    k = C.shape[0]
    B = np.broadcast_to(base, (k,) + base.shape)
    return np.concatenate([B[:, :position], C[:, None, :], B[:, position:]], axis=1)


def _evaluate(base: np.ndarray, omega: np.ndarray, rule: ChoiceRule, mechanism: str,
              C: np.ndarray, position: int, options: dict, chunk: int = 256):
    pr = get_payment_rule(mechanism)
    pay = np.empty(C.shape[0])
    wel = np.empty(C.shape[0])
    for s in range(0, C.shape[0], chunk):
        S = _stack(base, C[s:s + chunk], position)
        P = rule.probabilities(S)
        if pr.pay_one is not None:
            pay[s:s + chunk] = pr.pay_one(S, omega, rule, P, position, **options)
        else:
            pay[s:s + chunk] = pr.pay(S, omega, rule, P, **options)[:, position]
        wel[s:s + chunk] = welfare(S, omega, rule, P)
    return pay, wel


def _result(C, pay, wel, w0, mechanism, method, tol, cert) -> EntryResult:
    br = np.flatnonzero(pay >= pay.max() - tol)
    w_br = wel[br]
    w_opt = float(wel.max())
    return EntryResult(C, pay, wel, tuple(int(k) for k in br), float(w_br.min()),
                       float(w_br.max()), w_opt, float(w_opt - w_br.min()), float(w0),
                       mechanism, method, {"tol": tol, **cert})
