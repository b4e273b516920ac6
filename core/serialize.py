"""JSON-safe conversion of results: the one serialisation helper of benchgame.

Every public result type offers ``to_dict()`` (JSON-safe: only dicts with string keys, lists,
strings, numbers, booleans and ``None``) and, where it is a table, ``to_frame()``: a pandas
DataFrame whose rows are named with the user's names (models, tasks, features, ...). Both are
built on :func:`to_jsonable`, which knows numpy arrays and scalars, exact fractions, paths, enums,
pandas tables, dataclasses and objects that have their own ``to_dict``.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import sys
from collections.abc import Mapping
from fractions import Fraction
from pathlib import PurePath
from typing import Any

import numpy as np

__all__ = ["Serializable", "html_repr", "to_jsonable"]


def to_jsonable(value: Any, *, finite: bool = False) -> Any:
    """``value`` as plain JSON data.

    Parameters
    ----------
    value : object
        A number, string, array, mapping, sequence, dataclass, or object with ``to_dict()``.
    finite : bool, default False
        Write non-finite floats (NaN, infinities) as ``None``, for strict JSON (which has no
        NaN); by default they stay floats.

    Returns
    -------
    object
        Nested dicts (string keys), lists, strings, floats, ints, booleans and ``None``.
        Exact fractions become strings (``"1/3"``), so that no precision is lost; a pandas
        DataFrame becomes a list of row records, its index (when it names the rows) first and
        missing entries of its text columns ``None``; a Series becomes a dict from label to
        value; objects without a JSON form become their ``str``.

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction
    >>> to_jsonable({"x": np.arange(3), 1: Fraction(1, 3), "ok": np.bool_(True)})
    {'x': [0, 1, 2], '1': '1/3', 'ok': True}
    >>> to_jsonable([1.5, float("nan")], finite=True)
    [1.5, None]
    >>> import pandas as pd
    >>> ratings = pd.DataFrame({"elo": [1100.5, 980.0]}, index=pd.Index(["a", "b"], name="model"))
    >>> to_jsonable(ratings)
    [{'model': 'a', 'elo': 1100.5}, {'model': 'b', 'elo': 980.0}]
    """
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value, finite=finite)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):  # numpy.float64 is a float: written as a plain float
        return None if finite and not math.isfinite(value) else float(value)
    if isinstance(value, np.ndarray):
        if value.dtype == object or (finite and value.dtype.kind == "f"):
            return to_jsonable(value.tolist(), finite=finite)
        return value.tolist()
    if isinstance(value, np.generic):
        return to_jsonable(value.item(), finite=finite)
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, PurePath):
        return str(value)
    pd = sys.modules.get("pandas")  # a pandas object exists only if pandas was imported
    if pd is not None:
        if isinstance(value, pd.DataFrame):
            index = value.index
            unnamed = (isinstance(index, pd.RangeIndex) and index.name is None
                       and index.start == 0 and index.step == 1)
            frame = value if unnamed else value.reset_index()
            labels = [c for c, t in frame.dtypes.items() if t.kind not in "biufc"]
            if labels:  # a missing label (NaN in a text column) is None, not a number
                frame = frame.astype({c: object for c in labels})
                frame[labels] = frame[labels].where(frame[labels].notna(), None)
            return to_jsonable(frame.to_dict(orient="records"), finite=finite)
        if isinstance(value, pd.Series):
            return {str(k): to_jsonable(v, finite=finite) for k, v in value.items()}
        if value is pd.NA or value is pd.NaT:
            return None
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v, finite=finite) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v, finite=finite) for v in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict) and not isinstance(value, type):
        return to_jsonable(to_dict(), finite=finite)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name), finite=finite)
                for f in dataclasses.fields(value) if not f.name.startswith("_")}
    return str(value)


def html_repr(result: Any) -> str:
    """HTML of a result for notebooks (the ``_repr_html_`` of every result class).

    The class name as a heading, then the result's ``to_frame()`` as a table when it has one,
    else its ``to_dict()`` as a two-column table of field and value (nested values as compact
    JSON). Results assign this function as their ``_repr_html_``, so all render alike.

    Parameters
    ----------
    result : object
        A result offering ``to_frame()`` or ``to_dict()``.

    Returns
    -------
    str
        An HTML fragment.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Fit(Serializable):
    ...     r2: float
    ...     names: tuple
    >>> print(html_repr(Fit(0.5, ("a<b",))))
    <div><strong>Fit</strong><table><tr><th>r2</th><td>0.5</td></tr><tr><th>names</th><td>[&quot;a&lt;b&quot;]</td></tr></table></div>
    """
    import html
    import json

    head = f"<strong>{html.escape(type(result).__name__)}</strong>"
    to_frame = getattr(result, "to_frame", None)
    if callable(to_frame):
        try:
            return f"<div>{head}{to_frame().to_html(max_rows=40, max_cols=20)}</div>"
        except TypeError:  # to_frame needs arguments: fall back to the dictionary
            pass
    data = result.to_dict()

    def cell(v: Any) -> str:
        text = v if isinstance(v, str) else json.dumps(to_jsonable(v, finite=True))
        return html.escape(text if len(text) <= 300 else text[:297] + "...")

    rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{cell(v)}</td></tr>"
                   for k, v in data.items())
    return f"<div>{head}<table>{rows}</table></div>"


class Serializable:
    """Mixin giving a dataclass result ``to_dict()`` from its public fields.

    A result whose JSON form is exactly its fields (converted by :func:`to_jsonable`) inherits
    this method instead of writing its own; results with a published JSON schema of another
    shape override it.
    """

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-safe data: one key per public field.

        Returns
        -------
        dict
            Field name to its value converted by :func:`to_jsonable` (``json.dumps`` works on
            it as is).

        Raises
        ------
        TypeError
            If the class is not a dataclass.

        Examples
        --------
        >>> from dataclasses import dataclass
        >>> import numpy as np
        >>> @dataclass
        ... class Fit(Serializable):
        ...     coef: np.ndarray
        ...     _cache: dict
        >>> Fit(np.array([0.5, 2.0]), {}).to_dict()
        {'coef': [0.5, 2.0]}
        """
        if not dataclasses.is_dataclass(self):
            raise TypeError(f"{type(self).__name__} is not a dataclass; override to_dict()")
        return {f.name: to_jsonable(getattr(self, f.name))
                for f in dataclasses.fields(self) if not f.name.startswith("_")}

    _repr_html_ = html_repr
