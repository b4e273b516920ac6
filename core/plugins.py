"""User modules named in files: imported only with the user's explicit consent.

A sweep specification or a leaderboard configuration may list ``imports``: Python modules that
register the user's own protocols, rules or analyses. Importing a module runs its code, so a file
alone never makes benchgame run code: the caller must consent, on the command line with
``--allow-imports`` and in Python with ``allow_imports=True``.
"""

from __future__ import annotations

import importlib
from typing import Any

from benchgame.core.validation import InputError

__all__ = ["import_user_modules", "module_names"]


def module_names(value: Any, field: str = "imports") -> tuple[str, ...]:
    """Validate a list of module names read from a file.

    Parameters
    ----------
    value : object
        The ``imports`` value of the file.
    field : str, default "imports"
        Field named in errors.

    Returns
    -------
    tuple of str
        The module names.

    Raises
    ------
    InputError
        If ``value`` is not a list of non-empty strings.
    """
    if not isinstance(value, list) or not all(isinstance(m, str) and m.strip() for m in value):
        raise InputError(field, f"is {value!r}", "give a list of module names")
    return tuple(value)


def import_user_modules(names: tuple[str, ...] | list[str], *, allowed: bool,
                        field: str = "imports") -> None:
    """Import the user's modules named in a file, if the user consents.

    Parameters
    ----------
    names : sequence of str
        Module names, importable from the current ``sys.path``.
    allowed : bool
        The user's consent (``--allow-imports``, ``allow_imports=True``).
    field : str, default "imports"
        Field named in errors.

    Raises
    ------
    InputError
        If modules are named without consent, or a module cannot be imported or fails while
        importing (the message names the module and the exception).
    """
    if not names:
        return
    if not allowed:
        raise InputError(field, f"names modules to run ({', '.join(names)})",
                         "importing runs their code: pass --allow-imports "
                         "(Python: allow_imports=True) if you trust them")
    for k, m in enumerate(names):
        try:
            importlib.import_module(m)
        except Exception as exc:  # a user module may raise anything while importing
            raise InputError(f"{field}[{k}]", f"module {m!r} cannot be imported "
                             f"({type(exc).__name__}: {exc})",
                             "check the module name and that it is on the Python path") from exc
