"""Bradley-Terry maximum-likelihood ratings from pairwise battle counts, on the Elo scale.

Model (Bradley and Terry 1952; Zermelo 1929): model i beats model j with probability

    P(i > j) = sigma(s_i - s_j),   sigma(x) = 1 / (1 + exp(-x)).

With ``w_ij`` (fractional) wins of i over j, the negative log-likelihood

    L(s) = - sum_{pairs} [ w_ij log sigma(s_i - s_j) + w_ji log sigma(s_j - s_i) ]

is convex in s (minimized by damped Newton with the analytic Hessian by default, or
L-BFGS-B). It is invariant to adding a constant to every s_i, so the ratings are identified
by fixing the mean, sum_i s_i = 0. The minimum exists and is unique (given the mean) if and only
if the directed "has beaten" graph (edge i -> j when w_ij > 0) is strongly connected (Zermelo
1929; Ford 1957); :func:`fit_bradley_terry` checks this and raises otherwise.

Ties: ``ties="half"`` (default) counts every tie and "both bad" tie as half a win for each side;
``ties="drop"`` ignores them; ``ties="half_ties_drop_both_bad"`` counts ties as half wins and drops
the "both bad" ones.

Elo scale: ``elo_i = base + (400 / ln 10) * s_i``, the scale on which a 400-point gap means
10:1 odds (the Chatbot Arena convention); ``base`` defaults to 1000.

Standard errors: from the inverse observed Fisher information restricted to sum s = 0
(Moore-Penrose pseudo-inverse of the Hessian), reported on the Elo scale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import lazy_loader as lazy
import numpy as np
from scipy.special import expit, log_expit

from benchgame.benchmarks_data.leaderbot import ArenaBattles
from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError, as_finite_array

pd = lazy.load("pandas")
optimize = lazy.load("scipy.optimize", suppress_warning=True)

__all__ = ["BradleyTerryFit", "TieRule", "bt_neg_log_likelihood", "fit_bradley_terry",
           "win_matrix"]

TieRule = Literal["half", "drop", "half_ties_drop_both_bad"]
ELO_FACTOR = 400.0 / np.log(10.0)


@dataclass(frozen=True)
class BradleyTerryFit(Serializable):
    """A Bradley-Terry fit: ratings on the Elo scale with standard errors, and diagnostics.

    Parameters
    ----------
    ratings : pandas.DataFrame
        Index model; columns ``strength`` (s_i, mean zero), ``elo``, ``elo_se``, ``battles``;
        sorted by ``elo`` descending.
    neg_log_likelihood : float
        L(s) at the solution.
    gradient_norm : float
        Infinity norm of the gradient at the solution, per battle (optimality certificate; ~0).
    method : str
        The estimator and the solver.
    ties : str
        The tie rule used.
    converged : bool
        Whether the solver reached the gradient tolerance.
    provenance : dict
        Source, sizes, iterations and the Elo scale.

    References
    ----------
    .. [1] R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
       method of paired comparisons", Biometrika 39(3/4):324-345, 1952.
    .. [2] W.-L. Chiang et al., "Chatbot Arena: an open platform for evaluating LLMs by human
       preference", ICML 2024 (the Elo scale convention).
    """

    ratings: pd.DataFrame
    neg_log_likelihood: float
    gradient_norm: float
    method: str
    ties: str
    converged: bool
    provenance: dict = field(default_factory=dict)

    @property
    def elo(self) -> pd.Series:
        """The ``elo`` column of ``ratings`` (index: model)."""
        return self.ratings["elo"]

    def to_frame(self) -> pd.DataFrame:
        """The ratings, one row per model (by name), best first.

        Returns
        -------
        pandas.DataFrame
            Index ``model``; columns ``strength``, ``elo``, ``elo_se`` and ``battles``, sorted
            by ``elo`` descending (a copy of ``ratings``). ``to_dict()`` holds the same rows
            under ``"ratings"``, with the diagnostics.

        Examples
        --------
        >>> import numpy as np
        >>> W = np.array([[0, 3, 2], [1, 0, 2], [1, 1, 0]])
        >>> fit_bradley_terry(W, ["gpt", "llama", "vicuna"]).to_frame()[["elo", "elo_se"]].round(2)
                    elo  elo_se
        model
        gpt     1109.49   97.88
        llama    973.75   91.92
        vicuna   916.75  102.23
        """
        return self.ratings.copy()


def win_matrix(battles: ArenaBattles, ties: TieRule = "half") -> np.ndarray:
    """Matrix ``W[i, j]`` = (fractional) wins of model i over model j under the tie rule.

    Parameters
    ----------
    battles : ArenaBattles
        Pairwise battle counts.
    ties : {"half", "drop", "half_ties_drop_both_bad"}
        Tie rule (module docstring).

    Returns
    -------
    numpy.ndarray of float, shape (n, n)
        Rows and columns in the order of ``battles.models``; zero diagonal.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``ties`` is not a known rule.

    References
    ----------
    .. [1] R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
       method of paired comparisons", Biometrika 39(3/4):324-345, 1952.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.benchmarks_data.leaderbot import ArenaBattles
    >>> b = ArenaBattles(("a", "b"), np.array([[0, 1]]), np.array([[3, 1, 1, 1]]))
    >>> win_matrix(b)
    array([[0., 4.],
           [2., 0.]])
    >>> win_matrix(b, "drop")
    array([[0., 3.],
           [1., 0.]])
    """
    if ties not in ("half", "drop", "half_ties_drop_both_bad"):
        raise InputError("ties", f"is {ties!r}", "use 'half', 'drop' or 'half_ties_drop_both_bad'")
    c = battles.counts.astype(float)
    tie = {"half": c[:, 2] + c[:, 3], "drop": 0.0 * c[:, 2],
           "half_ties_drop_both_bad": c[:, 2]}[ties]
    n = len(battles.models)
    W = np.zeros((n, n))
    i, j = battles.pairs[:, 0], battles.pairs[:, 1]
    np.add.at(W, (i, j), c[:, 0] + 0.5 * tie)
    np.add.at(W, (j, i), c[:, 1] + 0.5 * tie)
    return W


def bt_neg_log_likelihood(s: np.ndarray, W: np.ndarray) -> tuple[float, np.ndarray]:
    """L(s) and its gradient for a win matrix W (vectorized over all pairs).

    Parameters
    ----------
    s : numpy.ndarray, shape (n,)
        Strengths.
    W : numpy.ndarray, shape (n, n)
        Win matrix, ``W[i, j]`` wins of i over j.

    Returns
    -------
    value : float
        The negative log-likelihood L(s) of the module docstring.
    gradient : numpy.ndarray, shape (n,)
        Its gradient in s.

    References
    ----------
    .. [1] R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
       method of paired comparisons", Biometrika 39(3/4):324-345, 1952.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0.0, 3.0], [1.0, 0.0]])
    >>> value, grad = bt_neg_log_likelihood(np.zeros(2), W)
    >>> round(value, 4), grad
    (2.7726, array([-1.,  1.]))
    """
    D = s[:, None] - s[None, :]
    val = -float(np.sum(W * log_expit(D)))
    G = W * expit(-D)  # d/dD_ij of -W_ij log sigma(D_ij) is -W_ij sigma(-D_ij)
    grad = -(G.sum(axis=1) - G.sum(axis=0))
    return val, grad


def _damped_newton(fun, hess, x: np.ndarray, tol: float, max_iter: int
                   ) -> tuple[np.ndarray, int, bool]:
    """Newton's method with Armijo backtracking for a smooth strictly convex ``fun``.

    Step ``d = -H(x)^{-1} g(x)``; the step length halves until
    ``F(x + t d) <= F(x) + 1e-4 t g^T d``. Converges quadratically near the minimizer; stops
    when ``max |g| <= tol``. Returns ``(x, iterations, converged)``.
    """
    f, g = fun(x)
    for it in range(1, max_iter + 1):
        if np.max(np.abs(g)) <= tol:
            return x, it - 1, True
        H = hess(x)
        try:
            d = -np.linalg.solve(H, g)
        except np.linalg.LinAlgError:  # not identified: minimum-norm Newton direction
            d = -np.linalg.lstsq(H, g, rcond=None)[0]
        t, slope = 1.0, float(g @ d)
        while True:
            f_new, g_new = fun(x + t * d)
            if f_new <= f + 1e-4 * t * slope or t < 1e-12:
                break
            t *= 0.5
        x, f, g = x + t * d, f_new, g_new
    return x, max_iter, bool(np.max(np.abs(g)) <= tol)


def fit_bradley_terry(
    battles: ArenaBattles | np.ndarray,
    models: list[str] | tuple[str, ...] | None = None,
    *,
    ties: TieRule = "half",
    base: float = 1000.0,
    tol: float = 1e-9,
    max_iter: int = 10_000,
    check_identified: bool = True,
    solver: Literal["newton", "lbfgs"] = "newton",
) -> BradleyTerryFit:
    """Maximum-likelihood Bradley-Terry ratings (see the module docstring).

    Parameters
    ----------
    battles : ArenaBattles or array (n, n)
        Battle counts, or directly a win matrix ``W[i, j]`` (wins of i over j, ties already
        split).
    models : sequence of str, optional
        Names when ``battles`` is a matrix.
    ties : {"half", "drop", "half_ties_drop_both_bad"}
        Tie rule for battle counts (module docstring).
    base : float
        Elo value of the mean strength.
    tol : float
        Tolerance on the infinity norm of the gradient of L / (total battles).
    max_iter : int
        Cap on the solver's iterations.
    check_identified : bool
        Raise InputError unless the "has beaten" graph is strongly connected (the condition for a
        finite, unique MLE). Turning it off returns the solver's iterate from s = 0 as is (without
        a unique MLE it may drift along the unidentified directions; ``converged`` says so).
    solver : {"newton", "lbfgs"}
        ``"newton"``: damped Newton (Armijo backtracking) with the analytic Hessian, polished
        by exact Newton steps; ``"lbfgs"``: scipy's L-BFGS-B. Both minimize the same convex
        objective.

    Returns
    -------
    BradleyTerryFit
        Ratings (strength, Elo, standard error, battles) sorted by Elo, and diagnostics.

    Raises
    ------
    benchgame.core.validation.InputError
        If the matrix is not square and non-negative, there are fewer than two models or no
        battles, the comparison graph is not strongly connected (with ``check_identified``), or
        ``ties`` or ``solver`` is unknown.

    References
    ----------
    .. [1] R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
       method of paired comparisons", Biometrika 39(3/4):324-345, 1952.
    .. [2] E. Zermelo, "Die Berechnung der Turnier-Ergebnisse als ein Maximumproblem der
       Wahrscheinlichkeitsrechnung", Mathematische Zeitschrift 29:436-460, 1929.
    .. [3] L. R. Ford Jr., "Solution of a ranking problem from binary comparisons", American
       Mathematical Monthly 64(8):28-33, 1957.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[0, 3, 2], [1, 0, 2], [1, 1, 0]])
    >>> fit = fit_bradley_terry(W, ["a", "b", "c"])
    >>> fit.ratings.round(2)
           strength      elo  elo_se  battles
    model
    a          0.63  1109.49   97.88      7.0
    b         -0.15   973.75   91.92      7.0
    c         -0.48   916.75  102.23      6.0
    >>> fit.converged
    True
    """
    if isinstance(battles, ArenaBattles):
        W = win_matrix(battles, ties)
        names = list(battles.models)
        source = battles.source
    else:
        W = as_finite_array(battles, "battles", ndim=2, nonnegative=True)
        if W.shape[0] != W.shape[1]:
            raise InputError("battles", f"has shape {W.shape}", "give a square win matrix")
        names = [f"m{k}" for k in range(W.shape[0])] if models is None else list(models)
        if len(names) != W.shape[0]:
            raise InputError("models", f"has {len(names)} names for {W.shape[0]} rows")
        source = "matrix"
    n = W.shape[0]
    if n < 2:
        raise InputError("battles", "has fewer than two models", "give at least two models")
    total = float(W.sum())
    if total <= 0:
        raise InputError("battles", "has no battles", "give positive counts")
    np.fill_diagonal(W, 0.0)
    if check_identified:
        from scipy.sparse import csr_matrix  # deferred: scipy.sparse is slow to import
        from scipy.sparse.csgraph import connected_components

        k_comp, comp = connected_components(csr_matrix(W > 0), directed=True,
                                             connection="strong")
        if k_comp > 1:
            smallest = int(np.argmin(np.bincount(comp)))
            small = sorted(names[k] for k in np.flatnonzero(comp == smallest))[:5]
            raise InputError(
                "battles", "the comparison graph is not strongly connected, so the maximum-"
                f"likelihood ratings do not exist or are not unique (e.g. group {small})",
                "add battles linking the groups, or fit each strongly connected group separately")
    if solver not in ("newton", "lbfgs"):
        raise InputError("solver", f"is {solver!r}", "use 'newton' or 'lbfgs'")
    N = W + W.T

    def hess(s: np.ndarray) -> np.ndarray:
        D = s[:, None] - s[None, :]
        pq = N * expit(D) * expit(-D)
        return np.diag(pq.sum(axis=1)) - pq

    # F(s) = L(s)/T + (sum s)^2 / 2: same minimizer with sum s = 0, strictly convex when the
    # MLE is identified (T = total battles, for scaling).
    def fun(s: np.ndarray) -> tuple[float, np.ndarray]:
        v, g_ = bt_neg_log_likelihood(s, W)
        m = float(s.sum())
        return v / total + 0.5 * m * m, g_ / total + m

    def fun_hess(s: np.ndarray) -> np.ndarray:
        return hess(s) / total + 1.0

    x = np.zeros(n)
    if solver == "lbfgs":
        res = optimize.minimize(fun, x, jac=True, method="L-BFGS-B",
                                options={"gtol": tol, "ftol": 1e-15, "maxiter": max_iter})
        x, iterations, success = res.x, int(res.nit), bool(res.success)
    else:
        x, iterations, success = _damped_newton(fun, fun_hess, x, tol, max_iter)
    polish = 0
    if check_identified:
        # exact Newton steps on the strictly convex F until the gradient is below tol
        for polish in range(1, 21):  # noqa: B007 - count reported in provenance
            g_ = fun(x)[1]
            if np.max(np.abs(g_)) <= tol:
                break
            x = x - np.linalg.solve(fun_hess(x), g_)
    s = x - x.mean()
    val, grad = bt_neg_log_likelihood(s, W)
    cov = np.linalg.pinv(hess(s))
    se = np.sqrt(np.clip(np.diag(cov), 0.0, None)) * ELO_FACTOR
    battles_per = N.sum(axis=1)
    gnorm = float(np.max(np.abs(grad)) / total)
    df = pd.DataFrame({"strength": s, "elo": base + ELO_FACTOR * s, "elo_se": se,
                       "battles": battles_per}, index=pd.Index(names, name="model"))
    df = df.sort_values("elo", ascending=False)
    return BradleyTerryFit(
        ratings=df, neg_log_likelihood=val, gradient_norm=gnorm,
        method=f"Bradley-Terry MLE, {'damped Newton' if solver == 'newton' else 'L-BFGS-B'} "
               "(scipy) on the convex negative log-likelihood, mean strength fixed at 0",
        ties=ties, converged=bool(success or gnorm <= tol), provenance={
            "source": source, "models": n, "battles": total, "iterations": iterations,
            "newton_polish_steps": polish, "solver": solver,
            "elo_base": base, "elo_factor": ELO_FACTOR})
