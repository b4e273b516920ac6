"""Loader for the Chatbot Arena pairwise battle counts shipped by ``suquark/leaderbot``.

File: ``benchmarks_data/suquark_leaderbot/chatbotarena_20240814.json`` (BSD-3-Clause, from
``suquark/leaderbot`` @ ``b9a8e16``; Ameli, Zhuang, Stoica, Mahoney, ICLR 2025; see
``PROVENANCE.md`` beside it). One JSON object: ``models`` (list of names; the index is the id),
``X`` (pairs ``[i, j]``) and ``Y`` (``[n_win_i, n_win_j, n_ties, n_both_bad]`` per pair).

Validation: the three keys present; model names unique non-empty strings; every pair two distinct
in-range ids; every count a non-negative integer; ``X`` and ``Y`` of equal length. Repeated pairs
(in either orientation) are merged by summing their counts, with the winner flipped for ``[j, i]``
(the documented de-duplication rule); the bundled file has none. Errors name the file, the row
(0-based position in ``X``/``Y``) and the column (``X[k][0]``, ``Y[k][2]``, ...).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import lazy_loader as lazy
import numpy as np

from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["ArenaBattles", "leaderbot_path", "load_arena_battles"]

COUNT_COLUMNS: tuple[str, ...] = ("wins_i", "wins_j", "ties", "both_bad")


def leaderbot_path() -> Path:
    """Path of the bundled battle-count JSON.

    Returns
    -------
    pathlib.Path
        ``benchmarks_data/suquark_leaderbot/chatbotarena_20240814.json`` in the package.

    Examples
    --------
    >>> leaderbot_path().name
    'chatbotarena_20240814.json'
    """
    return Path(__file__).resolve().parent / "suquark_leaderbot" / "chatbotarena_20240814.json"


@dataclass(frozen=True)
class ArenaBattles(Serializable):
    """Pairwise battle counts.

    Parameters
    ----------
    models : tuple of str
        Model names; a model's id is its position.
    pairs : numpy.ndarray, shape (P, 2), int
        Model ids ``(i, j)`` with ``i < j``, unique.
    counts : numpy.ndarray, shape (P, 4), int
        ``wins_i, wins_j, ties, both_bad`` per pair.
    source : str
        File name the counts were read from (empty when built in memory).

    Notes
    -----
    ``to_dict()`` gives ``models``, ``pairs`` (lists ``[i, j]``), ``counts`` (lists
    ``[wins_i, wins_j, ties, both_bad]``) and ``source``: the layout of the bundled JSON file,
    with the keys named.

    References
    ----------
    .. [1] S. Ameli, S. Zhuang, I. Stoica and M. W. Mahoney, "A statistical framework for ranking
       LLM-based chatbots", ICLR 2025, arXiv:2412.18407 (``suquark/leaderbot``, the bundled
       Chatbot Arena counts).

    Examples
    --------
    >>> import numpy as np
    >>> b = ArenaBattles(("a", "b"), np.array([[0, 1]]), np.array([[3, 1, 1, 0]]))
    >>> b.n_battles, b.battles_per_model().to_dict()
    (5, {'a': 5, 'b': 5})
    """

    models: tuple[str, ...]
    pairs: np.ndarray
    counts: np.ndarray
    source: str = ""

    @property
    def n_battles(self) -> int:
        """Total number of battles (wins, ties and both-bad outcomes)."""
        return int(self.counts.sum())

    def to_frame(self) -> pd.DataFrame:
        """One row per pair: ``model_i, model_j, wins_i, wins_j, ties, both_bad``.

        Returns
        -------
        pandas.DataFrame
            The pairs by name with their counts.

        Examples
        --------
        >>> import numpy as np
        >>> b = ArenaBattles(("gpt-4", "vicuna", "alpaca"), np.array([[0, 1], [1, 2]]),
        ...                  np.array([[3, 1, 1, 0], [2, 2, 0, 1]]))
        >>> b.to_frame()
          model_i model_j  wins_i  wins_j  ties  both_bad
        0   gpt-4  vicuna       3       1     1         0
        1  vicuna  alpaca       2       2     0         1
        """
        names = np.array(self.models, dtype=object)
        df = pd.DataFrame(self.counts, columns=list(COUNT_COLUMNS))
        df.insert(0, "model_j", names[self.pairs[:, 1]])
        df.insert(0, "model_i", names[self.pairs[:, 0]])
        return df

    def battles_per_model(self) -> pd.Series:
        """Number of battles each model took part in.

        Returns
        -------
        pandas.Series
            Named ``battles``, indexed by model name.
        """
        tot = self.counts.sum(axis=1)
        n = np.bincount(self.pairs[:, 0], tot, len(self.models)) + \
            np.bincount(self.pairs[:, 1], tot, len(self.models))
        return pd.Series(n.astype(int), index=list(self.models), name="battles")


def _bad(name: str, row: int | None, column: str | None, problem: str, fix: str) -> InputError:
    where = f"file {name!r}" + (f", row {row}" if row is not None else "") + \
        (f", column {column!r}" if column is not None else "")
    return InputError(where, problem, fix)


def load_arena_battles(path: str | os.PathLike[str] | None = None) -> ArenaBattles:
    """Read and validate a leaderbot-format battle-count file (default: the bundled one).

    Parameters
    ----------
    path : path-like, optional
        A JSON file in the format of the module docstring; default: the bundled counts.

    Returns
    -------
    ArenaBattles
        Models, unique pairs ``i < j`` (repeated pairs merged) and their counts.

    Raises
    ------
    benchgame.core.validation.InputError
        If the file is missing or not JSON, a key is missing, or a name, pair or count is
        invalid (naming file, row and column).

    References
    ----------
    .. [1] S. Ameli, S. Zhuang, I. Stoica and M. W. Mahoney, "A statistical framework for ranking
       LLM-based chatbots", ICLR 2025, arXiv:2412.18407 (``suquark/leaderbot``, the bundled
       Chatbot Arena counts).

    Examples
    --------
    >>> battles = load_arena_battles()
    >>> len(battles.models), battles.pairs.shape, battles.n_battles
    (129, (3460, 2), 1670250)
    >>> battles.to_frame().head(2)
                model_i     model_j  wins_i  wins_j  ties  both_bad
    0  RWKV-4-Raven-14B  alpaca-13b     103      94    18        85
    1  RWKV-4-Raven-14B  chatglm-6b      86      56    22        85
    """
    p = leaderbot_path() if path is None else Path(path)
    if not p.is_file():
        raise _bad(p.name, None, None, "does not exist", "give the path of an existing JSON file")
    try:
        data = json.loads(p.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _bad(p.name, None, None, f"is not valid JSON ({exc})", "fix the JSON syntax") \
            from exc
    if not isinstance(data, dict):
        raise _bad(p.name, None, None, "is not a JSON object", "give keys models, X and Y")
    for key in ("models", "X", "Y"):
        if key not in data:
            raise _bad(p.name, None, key, "is missing", "give keys models, X and Y")
    models = data["models"]
    if not isinstance(models, list) or len(models) < 2:
        raise _bad(p.name, None, "models", "is not a list of at least two names",
                   "list the model names")
    for k, m in enumerate(models):
        if not isinstance(m, str) or not m.strip():
            raise _bad(p.name, k, "models", f"entry {m!r} is not a non-empty string",
                       "give every model a name")
    seen: dict[str, int] = {}
    for k, m in enumerate(models):
        if m in seen:
            raise _bad(p.name, k, "models", f"model name {m!r} repeats entry {seen[m]}",
                       "model names must be unique")
        seen[m] = k
    X, Y = data["X"], data["Y"]
    if not isinstance(X, list) or not isinstance(Y, list) or len(X) != len(Y):
        raise _bad(p.name, None, "X/Y", "are not two lists of equal length",
                   "give one count quadruple per pair")
    if not X:
        raise _bad(p.name, None, "X", "is empty", "give at least one pair")
    n = len(models)
    pairs = np.empty((len(X), 2), dtype=np.int64)
    counts = np.empty((len(X), 4), dtype=np.int64)
    for k, (x, y) in enumerate(zip(X, Y, strict=True)):
        if not isinstance(x, list) or len(x) != 2:
            raise _bad(p.name, k, "X", f"{x!r} is not a pair [i, j]", "give two model ids")
        for c, v in enumerate(x):
            if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < n:
                raise _bad(p.name, k, f"X[{k}][{c}]", f"{v!r} is not a model id in 0..{n - 1}",
                           "use indices into 'models' (unknown model)")
        if x[0] == x[1]:
            raise _bad(p.name, k, "X", f"pair {x!r} has the same model twice",
                       "a battle needs two distinct models")
        if not isinstance(y, list) or len(y) != 4:
            raise _bad(p.name, k, "Y", f"{y!r} is not a quadruple",
                       "give [wins_i, wins_j, ties, both_bad]")
        for c, v in enumerate(y):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) \
                    or float(v) != int(v):
                raise _bad(p.name, k, f"Y[{k}][{c}] ({COUNT_COLUMNS[c]})",
                           f"{v!r} is not a whole number", "counts are integers")
            if v < 0:
                raise _bad(p.name, k, f"Y[{k}][{c}] ({COUNT_COLUMNS[c]})",
                           f"count {v!r} is negative", "counts must be >= 0")
        i, j = x
        if i < j:
            pairs[k] = (i, j)
            counts[k] = y
        else:
            pairs[k] = (j, i)
            counts[k] = (y[1], y[0], y[2], y[3])
    key = pairs[:, 0] * n + pairs[:, 1]
    uniq, inv = np.unique(key, return_inverse=True)
    if uniq.size < key.size:
        merged = np.zeros((uniq.size, 4), dtype=np.int64)
        np.add.at(merged, inv, counts)
        pairs, counts = np.stack([uniq // n, uniq % n], axis=1), merged
    return ArenaBattles(tuple(models), pairs, counts, p.name)
