"""User modules named in files: imported only with the user's explicit consent.

A sweep specification or a leaderboard configuration may list ``imports``: Python modules that
register the user's own protocols, rules or analyses. Importing a module runs its code, so a file
alone never makes benchgame run code: the caller must consent, on the command line with
``--allow-imports`` and in Python with ``allow_imports=True``.

Modules are found on the Python path. ``python -m benchgame`` does not search the current folder
(it runs as ``python -P`` would, see :func:`drop_implicit_cwd`): a module there is imported only
when the user puts the folder on ``PYTHONPATH``. A module that raises or calls ``sys.exit``
while importing is reported as one :class:`InputError` line.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

from benchgame.core.validation import InputError

__all__ = ["drop_implicit_cwd", "import_user_modules", "module_names"]


def drop_implicit_cwd(path: list[str] | None = None, cwd: str | None = None) -> bool:
    """Remove the current folder that ``python -m`` or ``python -c`` put first on the path.

    Python prepends the current folder to ``sys.path`` for ``-m`` and ``-c`` (unless run with
    ``-P``), so any module lying there would shadow installed ones and could be imported by a
    file's ``imports``. Entries the user asked for (``PYTHONPATH``) come after it and stay.

    Parameters
    ----------
    path : list of str, optional
        The search path to edit in place (default: ``sys.path``).
    cwd : str, optional
        The current folder (default: :func:`os.getcwd`).

    Returns
    -------
    bool
        Whether an entry was removed.

    Examples
    --------
    >>> path = ["/home/ana/study", "/home/ana/study", "/usr/lib/python3"]
    >>> drop_implicit_cwd(path, cwd="/home/ana/study"), path   # the second came from PYTHONPATH
    (True, ['/home/ana/study', '/usr/lib/python3'])
    >>> drop_implicit_cwd(["/venv/bin", "/usr/lib/python3"], cwd="/home/ana/study")
    False
    """
    path = sys.path if path is None else path
    cwd = os.getcwd() if cwd is None else cwd
    if getattr(sys.flags, "safe_path", False) and path is sys.path:
        return False
    if path and path[0] in ("", cwd):
        del path[0]
        return True
    return False


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
        If modules are named without consent, or a module cannot be imported, raises or calls
        ``sys.exit`` while importing (the message names the module and the exception).

    Examples
    --------
    >>> import_user_modules(["json"], allowed=True)
    >>> try:
    ...     import_user_modules(["json"], allowed=False)
    ... except InputError as exc:
    ...     print(exc.field, "|", exc.problem)
    imports | names modules to run (json)
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
        except SystemExit as exc:  # sys.exit() in a module must not end benchgame silently
            raise InputError(f"{field}[{k}]", f"module {m!r} called sys.exit({exc.code!r}) "
                             "while importing", "a module listed under imports must only "
                             "define and register; remove the exit") from None
        except Exception as exc:  # a user module may raise anything while importing
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())
            raise InputError(f"{field}[{k}]", f"module {m!r} cannot be imported ({detail})",
                             "check the module name and that it is on the Python path") from exc
