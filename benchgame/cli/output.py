"""Shared output for CLI commands: one JSON schema envelope, rich tables, markdown, CSV.

Every command's ``--format json`` prints (or writes) a single object
``{"schema": "benchgame.<command>/<version>", ...}``; the schemas are documented in the README.
Files are always written atomically (:func:`benchgame.core.atomic.atomic_write`).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchgame.core.atomic import atomic_write
from benchgame.core.serialize import to_jsonable as _to_jsonable
from benchgame.core.validation import InputError

__all__ = [
    "Format",
    "abbreviate",
    "as_format",
    "check_input_path",
    "check_output_path",
    "console",
    "emit_json",
    "emit_report",
    "emit_summary",
    "fits",
    "formats",
    "json_text",
    "markdown_table",
    "print_table",
    "rich_table",
    "vertical_layout",
    "to_jsonable",
]

console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # an error stays one line at any width


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def formats(name: str, *choices: str) -> type[enum.Enum]:
    """The ``--format`` choices one command offers (a subset of :class:`Format`), so that its
    help lists only what it accepts; :func:`as_format` turns the value into a :class:`Format`."""
    return enum.Enum(name, {c: Format(c).value for c in choices}, type=str)  # type: ignore


def as_format(value: Any) -> Format:
    """The :class:`Format` of a command's ``--format`` value."""
    return Format(getattr(value, "value", value))


def to_jsonable(v: Any) -> Any:
    """Plain JSON values for the command line's reports: non-finite floats become ``null``."""
    return _to_jsonable(v, finite=True)


def check_output_path(path: Path | None, option_name: str) -> None:
    """Raise :class:`InputError` naming ``option_name`` unless ``path``'s folder exists.

    Commands call this for every output path before computing anything, so that bad input
    writes nothing (not even a first output file before a later one fails).
    """
    if path is None:
        return
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(option_name, f"folder {str(parent)!r} does not exist",
                         "create it first or choose another path")
    if path.is_dir():
        raise InputError(option_name, f"{str(path)!r} is a folder", "give a file name")


def check_input_path(path: Path | None, option_name: str) -> None:
    """Raise :class:`InputError` naming ``option_name`` unless ``path`` is an existing file.

    Commands call this for every input file they are given before reading any of them, so the
    error names the option (not only the file) and comes before any computation.
    """
    if path is None:
        return
    path = Path(path)
    if path.is_dir():
        raise InputError(option_name, f"{str(path)!r} is a folder", "give a file")
    if not path.is_file():
        raise InputError(option_name, f"{str(path)!r} does not exist",
                         "give the path of an existing file")


def json_text(payload: Any) -> str:
    """``payload`` as JSON text indented by two spaces, with non-finite floats as ``null``.

    orjson writes the plain parts (dicts, lists, strings, numbers)
    in compiled code and hands every other object to :func:`to_jsonable`; what orjson cannot
    write (integers beyond 64 bits, keys that are not strings or numbers) goes through
    :func:`json.dumps` instead. Both give the same JSON values; orjson writes non-ASCII text as
    UTF-8 rather than ``\\u`` escapes, and small floats without an exponent (``0.00001``).

    Parameters
    ----------
    payload : object
        Anything :func:`to_jsonable` accepts.

    Returns
    -------
    str
        The JSON text, ending in a newline.

    Examples
    --------
    >>> import numpy as np
    >>> print(json_text({"x": np.array([0.5, np.nan]), "n": 2**70}), end="")
    {
      "x": [
        0.5,
        null
      ],
      "n": 1180591620717411303424
    }
    """
    import orjson  # deferred: only JSON output needs it

    options = (orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
               | orjson.OPT_PASSTHROUGH_DATACLASS)
    try:
        data = orjson.dumps(payload, default=to_jsonable, option=options)
    except (orjson.JSONEncodeError, TypeError):  # e.g. an int beyond 64 bits, a tuple key
        return json.dumps(to_jsonable(payload), indent=2, sort_keys=False) + "\n"
    return data.decode("utf-8") + "\n"


def emit_json(payload: Mapping[str, Any], output: Path | None = None) -> None:
    """Print ``payload`` as indented JSON, or write it atomically to ``output``."""
    text = json_text(payload)
    if output is None:
        print(text, end="")
    else:
        atomic_write(output, text)


def rich_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
               width: int | None = None) -> Table:
    """A rich table whose cells wrap on word boundaries only.

    With ``width`` (the console's) and a table that :func:`fits` it, the columns are sized by
    :func:`_column_widths`: headers wrap before cells do, and no column is narrower than its
    longest word, so no name is cut. Otherwise a word longer than its column is cut with an
    ellipsis rather than split over lines; :func:`print_table` falls back to a vertical layout
    then.
    """
    table = Table(title=title, show_lines=False)
    widths = (_column_widths(columns, rows, width)
              if width is not None and fits(columns, rows, width) else [None] * len(columns))
    for c, w in zip(columns, widths, strict=True):
        table.add_column(c, overflow="ellipsis", width=w)
    for r in rows:
        table.add_row(*[str(x) for x in r])
    return table


def _longest_word(text: Any) -> int:
    return max((len(w) for w in str(text).split()), default=0)


def _column_widths(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int
                   ) -> list[int]:
    """Column widths within ``width``: each column's whole header and cells if they fit;
    otherwise the widest columns narrow first, to their whole cells under a header wrapped
    between words, then to their longest word (cells wrapped between words).

    Examples
    --------
    >>> _column_widths(["rank", "a long header", "x"], [["1", "name", "[0.1, 0.2]"]], 30)
    [4, 6, 10]
    """
    def line(text: str) -> int:  # a cell's widest line
        return max(len(ln) for ln in text.split("\n"))

    cells = [[str(r[i]) for r in rows] for i in range(len(columns))]
    w = [max([line(c)] + [line(x) for x in col]) for c, col in zip(columns, cells, strict=True)]
    whole = [max([_longest_word(c)] + [line(x) for x in col])
             for c, col in zip(columns, cells, strict=True)]
    word = [max([_longest_word(c)] + [_longest_word(x) for x in col])
            for c, col in zip(columns, cells, strict=True)]
    room = width - 3 * len(columns) - 1
    for floor in (whole, word):
        while sum(w) > room:
            wide = [i for i in range(len(w)) if w[i] > floor[i]]
            if not wide:
                break
            w[max(wide, key=lambda i: w[i])] -= 1
    return w


def fits(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int) -> bool:
    """Whether a table of these cells fits ``width`` columns without breaking any word.

    Each column needs at least its longest word (header included) plus rich's padding and
    borders (3 characters per column and one more).

    Examples
    --------
    >>> fits(["model", "score"], [["alpha beta", "0.5"]], 80)
    True
    >>> fits(["model", "score"], [["a" * 90, "0.5"]], 80)
    False
    """
    need = [max([_longest_word(c)] + [_longest_word(r[i]) for r in rows])
            for i, c in enumerate(columns)]
    return sum(need) + 3 * len(columns) + 1 <= width


def vertical_layout(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                    width: int) -> str:
    """One block per row: the first cell as a heading, then ``column  value`` lines wrapped
    on word boundaries under a common indent (for tables too wide for the terminal).

    Examples
    --------
    >>> print(vertical_layout("t", ["claim", "reason"], [["c1", "one two three"]], 20), end="")
    t
    <BLANKLINE>
    c1
      reason  one two
              three
    """
    import textwrap

    key = max((len(c) for c in columns[1:]), default=0)
    indent = " " * (4 + key)
    out = [*textwrap.wrap(title, width, break_long_words=False, break_on_hyphens=False), ""] \
        if title else []
    for k, r in enumerate(rows):
        out.extend([""] if k else [])
        out.append(str(r[0]))
        for c, v in zip(columns[1:], r[1:], strict=True):
            lines = textwrap.wrap(str(v), max(10, width - len(indent)), break_long_words=False,
                                  break_on_hyphens=False) or [""]
            out.append(f"  {c:<{key}}  {lines[0]}")
            out.extend(indent + ln for ln in lines[1:])
    return "\n".join(out) + "\n"


def abbreviate(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int,
               names: Sequence[int] = (), shortest: int = 12) -> list[list[str]]:
    """Cells of ``rows`` with the name columns ``names`` cut (ending in an ellipsis) so that the
    table fits ``width`` when the other columns keep their longest word; names are never cut
    below ``shortest`` characters, and nothing is cut when the table fits already.

    Examples
    --------
    >>> abbreviate(["model", "x"], [["a-very-long-model-name", "1"]], 24, names=[0])
    [['a-very-long-mod…', '1']]
    """
    cells = [[str(x) for x in r] for r in rows]
    if not names or fits(columns, cells, width):
        return cells
    other = sum(max([_longest_word(c)] + [_longest_word(r[i]) for r in cells])
                for i, c in enumerate(columns) if i not in names)
    room = (width - other - 3 * len(columns) - 1) // len(names)
    room = max(room, shortest, *(_longest_word(columns[i]) for i in names))
    for r in cells:
        for i in names:
            if len(r[i]) > room:
                r[i] = r[i][:room - 1] + "…"
    return cells


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                con: Console | None = None, names: Sequence[int] = ()) -> None:
    """Print a table on ``con`` (default the standard console) without breaking a word: the
    name columns ``names`` are abbreviated if need be (:func:`abbreviate`), and a table that
    still does not fit the console's width is printed as a :func:`vertical_layout`."""
    con = console if con is None else con
    rows = abbreviate(columns, rows, con.width, names)
    if fits(columns, rows, con.width):
        con.print(rich_table(title, columns, rows, con.width))
    else:
        con.print(vertical_layout(title, columns, rows, con.width), end="", highlight=False,
                  markup=False, soft_wrap=True)


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(x: Any) -> str:
        return str(x).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def emit_summary(summary: str, output: Path | None = None) -> None:
    """Print a one-paragraph report (no table), or write it atomically to ``output``."""
    if output is None:
        console.print(summary, highlight=False, markup=False, soft_wrap=False)
    else:
        atomic_write(output, summary + "\n")


def emit_report(fmt: Format, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                summary: str = "", output: Path | None = None, names: Sequence[int] = ()
                ) -> None:
    """Print a table report (rich table or markdown), or write it atomically to ``output``.

    ``summary`` is a line printed under the table; ``names`` are the columns that
    :func:`print_table` may abbreviate at the terminal. For JSON use :func:`emit_json`.
    """
    if fmt is Format.markdown:
        text = markdown_table(columns, rows) + (f"\n{summary}\n" if summary else "")
    else:
        if output is None:
            print_table(title, columns, rows, names=names)
            if summary:
                console.print(summary, highlight=False, markup=False, soft_wrap=False)
            return
        from io import StringIO

        buf = StringIO()
        Console(file=buf, width=200).print(rich_table(title, columns, rows))
        text = buf.getvalue() + (f"{summary}\n" if summary else "")
    if output is None:
        print(text, end="")
    else:
        atomic_write(output, text)
