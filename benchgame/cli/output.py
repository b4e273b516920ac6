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
    "check_output_path",
    "console",
    "emit_json",
    "emit_report",
    "markdown_table",
    "rich_table",
    "to_jsonable",
]

console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # an error stays one line at any width


class Format(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


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


def emit_json(payload: Mapping[str, Any], output: Path | None = None) -> None:
    """Print ``payload`` as indented JSON, or write it atomically to ``output``."""
    text = json.dumps(to_jsonable(payload), indent=2, sort_keys=False) + "\n"
    if output is None:
        print(text, end="")
    else:
        atomic_write(output, text)


def rich_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Table:
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[str(x) for x in r])
    return table


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    def cell(x: Any) -> str:
        return str(x).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(x) for x in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def emit_report(fmt: Format, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                summary: str = "", output: Path | None = None) -> None:
    """Print a table report (rich table or markdown), or write it atomically to ``output``.

    ``summary`` is a line printed under the table. For JSON use :func:`emit_json`.
    """
    if fmt is Format.markdown:
        text = markdown_table(columns, rows) + (f"\n{summary}\n" if summary else "")
    else:
        table = rich_table(title, columns, rows)
        if output is None:
            console.print(table)
            if summary:
                console.print(summary, highlight=False, markup=False, soft_wrap=True)
            return
        from io import StringIO

        buf = StringIO()
        Console(file=buf, width=200).print(table)
        text = buf.getvalue() + (f"{summary}\n" if summary else "")
    if output is None:
        print(text, end="")
    else:
        atomic_write(output, text)
