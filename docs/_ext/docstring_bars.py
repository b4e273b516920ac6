"""Read ``|x|`` in docstrings as plain text (a size or an absolute value), not as an RST
substitution reference.

The docstrings write sizes and absolute values the way a reader expects, ``|S|``, ``|F_k|``,
``|gamma|``; in reStructuredText that is a substitution reference and an error when no such
substitution is defined (this project defines none). After numpydoc has turned a docstring into
reStructuredText, this handler escapes the bars of every ``|word|`` outside inline literals,
literal blocks and doctest lines.
"""

from __future__ import annotations

import re
from typing import Any

_BARS = re.compile(r"(?<![\\|\w])\|(?=[^\s|`])([^|`\n]*?[^\s|`\\])\|(?![\w|])")


def _escape_line(line: str) -> str:
    parts = line.split("``")
    for k in range(0, len(parts), 2):  # outside ``inline literals``
        parts[k] = _BARS.sub(r"\\|\1\\|", parts[k])
    return "``".join(parts)


def escape_bars(lines: list[str]) -> None:
    """Escape ``|word|`` in ``lines`` in place, except in literal blocks and doctests.

    Parameters
    ----------
    lines : list of str
        The docstring as reStructuredText lines.

    Examples
    --------
    >>> lines = ["Cap on |S| and ``|S|``.", "", "::", "", "    a |b| c", ">>> x |y| z"]
    >>> escape_bars(lines)
    >>> lines[0], lines[4], lines[5]
    ('Cap on \\\\|S\\\\| and ``|S|``.', '    a |b| c', '>>> x |y| z')
    """
    literal_indent = None
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if literal_indent is not None:
            if not stripped or indent > literal_indent:
                continue
            literal_indent = None
        if stripped.startswith((">>>", "...")):
            continue
        lines[i] = _escape_line(line)
        if stripped.endswith("::"):
            literal_indent = indent


def _handler(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    escape_bars(lines)


def setup(app: Any) -> dict:
    """Run after numpydoc (priority 500) on every docstring autodoc reads."""
    app.connect("autodoc-process-docstring", _handler, priority=600)
    return {"parallel_read_safe": True, "version": "1"}
