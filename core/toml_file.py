"""Reading a user's TOML file (configurations and specifications) with one-line errors.

``tomllib`` on Python >= 3.11, its backport ``tomli`` on 3.10 (same parser, same results).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from benchgame.core.validation import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["read_toml"]


def read_toml(path: str | Path, field: str, what: str = "TOML file") -> dict[str, Any]:
    """Read the TOML document in ``path`` as a dict.

    Parameters
    ----------
    path : str or Path
        The file to read (UTF-8 text).
    field : str
        Name of the argument or option that gave the path; every error names it.
    what : str, default "TOML file"
        What the file should be (used in the fix of the error message).

    Returns
    -------
    dict
        The parsed document (tables are nested dicts, arrays are lists).

    Raises
    ------
    InputError
        If the file is missing, unreadable, not UTF-8 text or not valid TOML.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "study.toml"
    ...     _ = path.write_text('title = "W1"\\n[developers]\\ntheta = [1.0, 0.5]\\n')
    ...     print(read_toml(path, "CONFIG"))
    {'title': 'W1', 'developers': {'theta': [1.0, 0.5]}}
    >>> try:
    ...     read_toml("missing.toml", "CONFIG", "TOML configuration")
    ... except InputError as exc:
    ...     print(exc)
    CONFIG: 'missing.toml' does not exist or is not a file; give the path of a TOML configuration
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(field, f"{str(p)!r} does not exist or is not a file",
                         f"give the path of a {what}")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(field, f"{p} is not UTF-8 text (byte {exc.start})",
                         "save the file as UTF-8") from None
    except OSError as exc:
        raise InputError(field, f"{p} cannot be read ({exc.strerror})",
                         f"give a readable {what}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(field, f"{p} is not valid TOML ({exc})", "fix the TOML syntax"
                         ) from None
