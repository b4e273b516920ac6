"""A module-level constant is documented by its own ``#:`` comment, never by its type's
docstring: ``benchgame.__version__`` is not documented as "str(object='') -> str ...", and a
registry instance such as ``PROTOCOLS`` says which class it is an instance of."""

from __future__ import annotations

import builtins
import inspect
from typing import Any


def type_docstring_lines(obj: Any, lines: list[str]) -> list[str] | None:
    """The lines to show for ``obj`` when ``lines`` are only its type's docstring, else None.

    Parameters
    ----------
    obj : Any
        The documented constant.
    lines : list of str
        The docstring autodoc found for it.

    Returns
    -------
    list of str or None
        ``[]`` for a builtin type, one line naming the class otherwise; ``None`` when the
        docstring is the constant's own.

    Examples
    --------
    >>> type_docstring_lines("0.1.0", inspect.cleandoc(str.__doc__).splitlines())
    []
    >>> type_docstring_lines("0.1.0", ["The version."]) is None
    True
    """
    own = inspect.cleandoc(type(obj).__doc__ or "").strip()
    if not own or "\n".join(lines).strip() != own:
        return None
    cls = type(obj)
    if getattr(builtins, cls.__name__, None) is cls:
        return []
    return [f"An instance of :class:`{cls.__module__}.{cls.__qualname__}`.", ""]


def _handler(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    if what == "data":
        replacement = type_docstring_lines(obj, lines)
        if replacement is not None:
            lines[:] = replacement


def setup(app: Any) -> dict:
    """Run before numpydoc (priority 500) on every docstring autodoc reads."""
    app.connect("autodoc-process-docstring", _handler, priority=400)
    return {"parallel_read_safe": True, "version": "1"}
