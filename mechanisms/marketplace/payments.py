"""Producer payments (mechanisms): winrate, weighted winrate and variants, behind one registry.

Reconstruction of Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and Consumer
Utility" (arXiv:2602.23293), section 2.4 of the reconstruction. With ``P = rule(Q)`` and task
weights ``omega``:

- ``winrate``: selection share ``WR_i = sum_t omega_t P[i, t]``. Identity ``sum_i WR_i = sum omega``
  (= 1 without task values): winrate is constant-sum.
- ``weighted_winrate``: ``WWR_i = sum_t omega_t P[i, t] q_i(t)``. Identity ``sum_i WWR_i = W``:
  it splits consumer welfare exactly.
- ``pairwise`` and ``weighted_pairwise`` (reconstructions): mean over opponents ``j != i`` of
  ``sum_t omega_t B[i, j, t]`` (times ``q_i(t)`` when weighted), ``B`` = the rule's pairwise win
  probability (ties 1/2; Bradley-Terry for softmax). Identity (unweighted):
  ``sum_i PWR_i = (n/2) sum omega``.
- ``reference`` (a reconstruction): ``sum_t omega_t B[i, r, t]`` against a fixed reference
  model ``r`` (AlpacaEval style; the reference model itself gets 1/2 per task).
- ``margin`` (a reconstruction): ``mean_{j != i} sum_t omega_t B[i, j, t] (q_i(t) - q_j(t))``.
- ``marginal``: the marginal contribution (Clarke pivot) ``W(Q) - W(Q_{-i})``; it aligns each
  producer's payoff exactly with consumer welfare. Under an IIA rule such as softmax it equals
  ``sum_t omega_t P[i, t] (q_i(t) - W_t^{-i})``.

Users add their own rule with :func:`register_payment_rule`; every analysis takes the rule's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from benchgame.core.registry import Registry
from benchgame.core.validation import require
from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.market_metrics import MarketMetrics
from benchgame.mechanisms.marketplace.one_payoff import ONE_PAYOFF
from benchgame.mechanisms.marketplace.welfare import task_welfare

__all__ = [
    "PAYMENT_RULES",
    "MarketMetrics",
    "PaymentRule",
    "evaluate",
    "get_payment_rule",
    "payment_rules",
    "payoffs",
    "register_payment_rule",
]

PayFn = Callable[..., np.ndarray]
IdentityFn = Callable[..., np.ndarray]


@dataclass(frozen=True)
class PaymentRule:
    """A payment rule: how producers are paid from the aggregator's choices.

    Parameters
    ----------
    name : str
        The name users give (``--mechanism`` on the command line).
    pay : callable
        ``pay(Q, omega, rule, P, **options) -> (..., n)`` payoffs, vectorized over leading axes
        of the quality array ``Q`` (``(..., n, m)``), with task weights ``omega``, the choice
        rule and its selection probabilities ``P``.
    description : str
        One line for listings.
    identity : callable, optional
        ``identity(pay, Q, omega, rule, P) -> (...)``: the residual of the rule's accounting
        identity (e.g. winrates sum to the total task weight).
    options : tuple of str, optional
        Names of the keyword options ``pay`` accepts.
    pay_one : callable, optional
        ``pay_one(Q, omega, rule, P, i, **options) -> (...)``: model ``i``'s payoff alone, equal
        to ``pay(...)[..., i]`` (entry and replacement use it when given).
    """

    name: str
    pay: PayFn
    description: str
    identity: IdentityFn | None = None
    options: tuple[str, ...] = field(default=())
    pay_one: PayFn | None = None


PAYMENT_RULES: Registry[PaymentRule] = Registry(
    "mechanism", register_hint="register_payment_rule(PaymentRule(name, pay, description))",
    check=lambda rule: None if isinstance(rule, PaymentRule) else "is not a PaymentRule")
"""The registered payment rules, by name (the ``--mechanism`` of the command line)."""


def register_payment_rule(rule: PaymentRule, *, replace: bool = False) -> PaymentRule:
    """Register a payment rule under ``rule.name``.

    Parameters
    ----------
    rule : PaymentRule
        The rule; its ``name`` is what users give to every analysis and the command line.
    replace : bool, default False
        Replace a rule registered under the same name.

    Returns
    -------
    PaymentRule
        ``rule``.

    Raises
    ------
    InputError
        If ``rule`` is not a :class:`PaymentRule` or its name is taken.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.mechanisms.marketplace import Perfect
    >>> def flat(Q, omega, rule, P, **options):
    ...     return np.full(Q.shape[:-2] + (Q.shape[-2],), 1.0 / Q.shape[-2])
    >>> _ = register_payment_rule(PaymentRule("flat", flat, "equal split"), replace=True)
    >>> payoffs("flat", [[0.9, 0.1], [0.2, 0.8]], [0.5, 0.5], Perfect())
    array([0.5, 0.5])
    >>> PAYMENT_RULES.unregister("flat")
    """
    require(isinstance(rule, PaymentRule), "rule", "is not a PaymentRule",
            "build one with PaymentRule(name, pay, description)")
    return PAYMENT_RULES.register(rule.name, rule, replace=replace)


def get_payment_rule(name: str | PaymentRule) -> PaymentRule:
    """Look a payment rule up by name.

    Parameters
    ----------
    name : str or PaymentRule
        A registered name (a rule object is returned as it is).

    Returns
    -------
    PaymentRule

    Raises
    ------
    InputError
        If no rule is registered under ``name``; the message lists the registered names.
    """
    if isinstance(name, PaymentRule):
        return name
    return PAYMENT_RULES.get(name)


def payment_rules() -> tuple[str, ...]:
    """Names of the registered payment rules.

    Returns
    -------
    tuple of str
    """
    return PAYMENT_RULES.names()


def payoffs(mechanism: str | PaymentRule, Q: np.ndarray, omega: np.ndarray, rule: ChoiceRule,
            P: np.ndarray | None = None, **options: object) -> np.ndarray:
    """Payoffs of every model under a payment rule, vectorized over leading axes.

    Parameters
    ----------
    mechanism : str or PaymentRule
        A registered payment rule (``winrate``, ``weighted_winrate``, ``pairwise``, ...).
    Q : array_like (..., n, m)
        Qualities of ``n`` models on ``m`` tasks (leading axes: stacked markets).
    omega : array_like (m,)
        Task weights.
    rule : ChoiceRule
        The aggregator's choice rule.
    P : numpy.ndarray, optional
        Selection probabilities, if already computed.
    **options : object
        The rule's options (e.g. the reference model).

    Returns
    -------
    numpy.ndarray (..., n)

    Raises
    ------
    InputError
        On an unknown payment rule.

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import Perfect
    >>> payoffs("winrate", [[0.9, 0.2], [0.3, 0.8]], [0.5, 0.5], Perfect()).tolist()
    [0.5, 0.5]
    """
    Q = np.asarray(Q, dtype=float)
    P = rule.probabilities(Q) if P is None else P
    return get_payment_rule(mechanism).pay(Q, np.asarray(omega, float), rule, P, **options)


# ---------------------------------------------------------------- built-in rules
def _winrate(Q, omega, rule, P):
    return P @ omega


def _winrate_identity(pay, Q, omega, rule, P):
    return np.abs(pay.sum(axis=-1) - omega.sum())


def _weighted(Q, omega, rule, P):
    return (P * Q) @ omega


def _weighted_identity(pay, Q, omega, rule, P):
    return np.abs(pay.sum(axis=-1) - task_welfare(Q, rule, P) @ omega)


def _offdiag_mean(x: np.ndarray) -> np.ndarray:
    n = x.shape[-1]
    if n == 1:
        return np.zeros(x.shape[:-1])
    eye = np.eye(n, dtype=bool)
    return np.where(eye, 0.0, x).sum(axis=-1) / (n - 1)


def _pairwise(Q, omega, rule, P, weighted=False):
    B = rule.beats(Q)  # (..., i, j, m)
    if weighted:
        B = B * Q[..., :, None, :]
    return _offdiag_mean(B @ omega)


def _pairwise_identity(pay, Q, omega, rule, P):
    n = Q.shape[-2]
    target = (n / 2.0 if n > 1 else 0.0) * omega.sum()
    return np.abs(pay.sum(axis=-1) - target)


def _weighted_pairwise(Q, omega, rule, P):
    return _pairwise(Q, omega, rule, P, weighted=True)


def _reference(Q, omega, rule, P, reference=0):
    n = Q.shape[-2]
    require(isinstance(reference, int | np.integer) and 0 <= int(reference) < n, "reference",
            f"is {reference!r}", f"give a model index in [0, {n})")
    return rule.beats(Q)[..., :, int(reference), :] @ omega


def _margin(Q, omega, rule, P):
    B = rule.beats(Q)
    D = Q[..., :, None, :] - Q[..., None, :, :]
    return _offdiag_mean((B * D) @ omega)


def _marginal(Q, omega, rule, P):
    n = Q.shape[-2]
    W = task_welfare(Q, rule, P) @ omega
    if n == 1:
        return W[..., None]
    idx = np.array([[k for k in range(n) if k != i] for i in range(n)])
    Qm = Q[..., idx, :]  # (..., n, n-1, m)
    Wm = task_welfare(Qm, rule) @ omega
    return W[..., None] - Wm


for _rule in (
    PaymentRule("winrate", _winrate, "selection share sum_t omega_t P[i,t]", _winrate_identity),
    PaymentRule("weighted_winrate", _weighted, "quality-weighted selection share "
                "sum_t omega_t P[i,t] q_i(t)", _weighted_identity),
    PaymentRule("pairwise", _pairwise, "mean pairwise win probability over opponents",
                _pairwise_identity),
    PaymentRule("weighted_pairwise", _weighted_pairwise, "pairwise wins weighted by q_i(t)"),
    PaymentRule("reference", _reference, "win probability against a reference model",
                options=("reference",)),
    PaymentRule("margin", _margin, "pairwise wins weighted by the margin q_i - q_j"),
    PaymentRule("marginal", _marginal, "marginal contribution W(Q) - W(Q_-i)"),
):
    register_payment_rule(replace(_rule, pay_one=ONE_PAYOFF[_rule.name]))


def evaluate(market: Market, rule: ChoiceRule) -> MarketMetrics:
    """Winrate, weighted winrate and welfare of a market under a choice rule.

    Parameters
    ----------
    market : Market
        Models, task weights (and task values).
    rule : ChoiceRule
        How the aggregator picks a model per task.

    Returns
    -------
    MarketMetrics
        With the residuals of the accounting identities (winrates sum to the total task weight;
        weighted winrates sum to the welfare), and the market's model and task names.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293: winrate and weighted winrate payments (a
    reconstruction of the paper's definitions).

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import Market, Softmax
    >>> m = evaluate(Market([[0.9, 0.2], [0.3, 0.8]], [0.5, 0.5]), Softmax(0.0))
    >>> m.winrate.tolist(), round(m.welfare, 4)
    ([0.5, 0.5], 0.55)
    """
    require(callable(getattr(rule, "probabilities", None)), "rule",
            f"is {rule!r}, not a choice rule",
            "give a rule object such as Softmax(20.0), or parse_rule('softmax:20')")
    Q, omega = market.quality, market.omega
    P = rule.probabilities(Q)
    wr = _winrate(Q, omega, rule, P)
    wwr = _weighted(Q, omega, rule, P)
    W = float(task_welfare(Q, rule, P) @ omega)
    res = {"sum_winrate": float(_winrate_identity(wr, Q, omega, rule, P)),
           "sum_weighted_winrate": float(abs(wwr.sum() - W)),
           "column_sums": float(np.max(np.abs(P.sum(axis=0) - 1.0)))}
    return MarketMetrics(wr, wwr, W, P, res, rule.to_dict(), tuple(market.models),
                         tuple(market.tasks))
