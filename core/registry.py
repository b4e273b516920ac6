"""Named extension points: the one registry mechanism of benchgame.

Every place where a user can plug in their own piece (a solver, an evaluation protocol, a payment
or choice rule, a population of developers, a sweep analysis, a claim) is a :class:`Registry`.
Whatever is registered under a name is then accepted by that name everywhere: in the Python API,
in TOML configuration files, in command-line options and in sweep specifications.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar, overload

from benchgame.core.validation import InputError

__all__ = ["Registry"]

T = TypeVar("T")


class Registry(Generic[T]):
    """A table of named extensions of one kind.

    Parameters
    ----------
    kind : str
        What is registered, as users name it in files and options (``"protocol"``,
        ``"payment rule"``...). Errors name it as the offending field.
    register_hint : str
        How a user adds their own entry, quoted in the error for an unknown name.
    check : callable, optional
        ``check(obj) -> str | None``: a problem with an entry that is about to be registered
        (``None`` when it is acceptable).
    loader : callable, optional
        Called once before the first lookup, to import the modules that register the built-in
        entries (so that importing the registry stays cheap).
    list_hint : str, optional
        For registries too long to list in one error line: how users list every name (the error
        then suggests close matches only).

    Examples
    --------
    >>> shapes = Registry("shape", register_hint="shapes.register(name, area)")
    >>> @shapes.register("square")
    ... def square_area(side):
    ...     return side * side
    >>> shapes.get("square")(3)
    9
    >>> shapes.names()
    ('square',)
    >>> shapes.get("circle")
    Traceback (most recent call last):
    ...
    benchgame.core.validation.InputError: shape: is 'circle'; use one of square, or register \
your own with shapes.register(name, area)
    """

    def __init__(self, kind: str, *, register_hint: str = "",
                 check: Callable[[Any], str | None] | None = None,
                 loader: Callable[[], None] | None = None, list_hint: str = "") -> None:
        self.kind = kind
        self.register_hint = register_hint
        self.list_hint = list_hint
        self._check = check
        self._loader = loader
        self._entries: dict[str, T] = {}
        self._aliases: dict[str, str] = {}

    def _load(self) -> None:
        if self._loader is not None:
            loader, self._loader = self._loader, None
            try:
                loader()
            except BaseException:
                self._loader = loader  # a failed load is retried by the next lookup
                raise

    @overload
    def register(self, name: str, obj: None = None, *, replace: bool = False
                 ) -> Callable[[T], T]: ...

    @overload
    def register(self, name: str, obj: T, *, replace: bool = False) -> T: ...

    def register(self, name: str, obj: T | None = None, *, replace: bool = False,
                 aliases: tuple[str, ...] = ()) -> Any:
        """Register ``obj`` under ``name`` (or decorate it).

        Parameters
        ----------
        name : str
            The name users give in files and options; a non-empty string.
        obj : object, optional
            The entry. When omitted, ``register`` returns a decorator.
        replace : bool, default False
            Replace an existing entry of that name instead of refusing it. Registering the very
            same object again is always accepted.
        aliases : tuple of str, optional
            Former names that keep resolving to this entry (not listed by :meth:`names`).

        Returns
        -------
        object or callable
            ``obj`` itself, or a decorator that registers and returns its argument.

        Raises
        ------
        InputError
            If the name is empty, already taken by another entry, or the entry is not acceptable.
        """
        if obj is None:
            def decorator(o: T) -> T:
                self.register(name, o, replace=replace, aliases=aliases)
                return o
            return decorator
        if not isinstance(name, str) or not name.strip():
            raise InputError(self.kind, f"cannot register the name {name!r}",
                             "give a non-empty string")
        if self._check is not None:
            problem = self._check(obj)
            if problem:
                raise InputError(self.kind, f"{name!r} {problem}", self.register_hint)
        if name in self._entries and not replace and self._entries[name] is not obj:
            raise InputError(self.kind, f"{name!r} is already registered",
                             "choose another name or pass replace=True")
        self._entries[name] = obj
        for old in aliases:
            self._aliases[old] = name
        return obj

    def unregister(self, name: str) -> None:
        """Remove the entry ``name`` and its aliases (no error if it is absent).

        Parameters
        ----------
        name : str
            A registered name.
        """
        self._entries.pop(name, None)
        self._aliases = {a: n for a, n in self._aliases.items() if n != name}

    def get(self, name: str, field: str | None = None) -> T:
        """The entry registered as ``name``.

        Parameters
        ----------
        name : str
            A registered name.
        field : str, optional
            The field to name in the error (default: the registry's kind), e.g. the key path
            ``protocols[2].type`` of a configuration file.

        Returns
        -------
        object
            The entry.

        Raises
        ------
        InputError
            If nothing is registered under ``name``; the message lists the registered names.
        """
        self._load()
        try:
            return self._entries[self._aliases.get(name, name)]
        except (KeyError, TypeError):
            raise InputError(field or self.kind, f"is {name!r}", self._fix(name)) from None

    def _fix(self, name: object) -> str:
        hint = f", or register your own with {self.register_hint}" if self.register_hint else ""
        names = self.names()
        if not self.list_hint:
            return f"use one of {', '.join(names)}{hint}"
        close = difflib.get_close_matches(str(name), names, n=3, cutoff=0.5)
        if close:
            return f"did you mean {', '.join(close)}? ({self.list_hint} lists all)"
        return f"{self.list_hint} lists the {len(names)} names{hint}"

    def resolve(self, name: str) -> str:
        """The registered name that ``name`` stands for (itself, or the entry of an alias).

        Parameters
        ----------
        name : str
            A name or a former name (alias).

        Returns
        -------
        str
        """
        self._load()
        return self._aliases.get(name, name)

    def names(self) -> tuple[str, ...]:
        """The registered names, sorted.

        Returns
        -------
        tuple of str
        """
        self._load()
        return tuple(sorted(self._entries))

    def items(self) -> list[tuple[str, T]]:
        """``(name, entry)`` pairs in name order.

        Returns
        -------
        list of tuple
        """
        return [(n, self._entries[n]) for n in self.names()]

    def __contains__(self, name: object) -> bool:
        self._load()
        return name in self._entries or name in self._aliases

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        self._load()
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}: {', '.join(self.names())})"
