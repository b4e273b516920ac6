"""Read Gambit's strategic-form ``.nfg`` files (payoff and outcome versions).

The format is described in :mod:`benchgame.games.nfg`. The text is split into tokens (braces,
double-quoted strings with ``\\"`` and ``\\\\`` escapes, and words; commas and whitespace
separate), then parsed by a cursor whose every error is an
:class:`~benchgame.core.validation.InputError` naming the file line. Numbers are read exactly as
:class:`fractions.Fraction` (integers, decimals, rationals ``3/2``) and stored as floats.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from benchgame.core.limits import check_limit
from benchgame.core.validation import InputError
from benchgame.games.normal_form import NormalFormGame

__all__ = ["read_nfg"]

_EXPONENT = re.compile(r"[eE]([+-]?[0-9_]+)$")


@dataclass(frozen=True)
class _Token:
    kind: str  # "{", "}", "str" or "word"
    value: str
    line: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace() or c == ",":
            i += 1
        elif c in "{}":
            tokens.append(_Token(c, c, line))
            i += 1
        elif c == '"':
            start_line = line
            i += 1
            buf: list[str] = []
            while True:
                if i >= n:
                    raise InputError(f"nfg line {start_line}", "string is never closed",
                                     'add the closing double quote (write \\" for a quote '
                                     "inside a string)")
                c = text[i]
                if c == "\\" and i + 1 < n and text[i + 1] in '"\\':
                    buf.append(text[i + 1])  # escaped quote or backslash
                    i += 2
                    continue
                if c == '"':
                    i += 1
                    break
                line += c == "\n"
                buf.append(c)
                i += 1
            tokens.append(_Token("str", "".join(buf), start_line))
        else:
            j = i
            while j < n and not (text[j].isspace() or text[j] in '{}",'):
                j += 1
            tokens.append(_Token("word", text[i:j], line))
            i = j
    return tokens


class _Reader:
    """Cursor over the token list with error messages that name the line."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def _line(self) -> int:
        if self.pos < len(self.tokens):
            return self.tokens[self.pos].line
        return self.tokens[-1].line if self.tokens else 1

    def error(self, problem: str, fix: str = "", line: int | None = None) -> InputError:
        return InputError(f"nfg line {self._line() if line is None else line}", problem, fix)

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, what: str) -> _Token:
        tok = self.peek()
        if tok is None:
            raise self.error(f"file ends where {what} was expected",
                             "the file is truncated; complete it")
        self.pos += 1
        return tok

    def expect(self, kind: str, what: str, fix: str = "") -> _Token:
        tok = self.next(what)
        if tok.kind != kind:
            self.pos -= 1
            raise self.error(f"expected {what}, found {_show(tok)}", fix)
        return tok

    def number(self, what: str) -> Fraction:
        tok = self.next(what)
        if tok.kind != "word":
            self.pos -= 1
            raise self.error(f"expected {what} (a number), found {_show(tok)}")
        self._check_size(tok, what)
        try:
            value = Fraction(tok.value)
        except (ValueError, ZeroDivisionError):
            self.pos -= 1
            raise self.error(f"{what} {tok.value!r} is not a number",
                             "write an integer, a decimal (1.5) or a rational (3/2)") from None
        try:
            float(value)
        except OverflowError:
            self.pos -= 1
            raise self.error(f"{what} {tok.value!r} is too large for a floating-point number",
                             "rescale the payoffs (equilibria do not change under a positive "
                             "affine map)") from None
        return value

    def _check_size(self, tok: _Token, what: str) -> None:
        """Refuse a number whose exact conversion would be slow (too many characters, or a
        decimal exponent such as ``1e100000000``) before converting it."""
        size = len(tok.value)
        exp = _EXPONENT.search(tok.value)
        if exp is not None:
            digits = exp.group(1).lstrip("+-").replace("_", "").lstrip("0") or "0"
            size = max(size, int(digits) if len(digits) <= 9 else 10**9)
        shown = tok.value if len(tok.value) <= 24 else tok.value[:20] + "..."
        check_limit(size, "number_digits", f"nfg line {tok.line}: {what} {shown!r}")

    def integer(self, what: str) -> int:
        tok = self.peek()
        val = self.number(what)
        if val.denominator != 1:
            raise self.error(f"{what} {tok.value!r} is not an integer", "write a whole number",
                             line=tok.line)  # type: ignore[union-attr]
        return int(val)


def _show(tok: _Token) -> str:
    return f"string {tok.value!r}" if tok.kind == "str" else repr(tok.value)


def _string_list(r: _Reader, what: str) -> list[str]:
    r.expect("{", f"'{{' opening the {what}")
    out = []
    while True:
        tok = r.next(f"a quoted name or '}}' closing the {what}")
        if tok.kind == "}":
            return out
        if tok.kind != "str":
            r.pos -= 1
            raise r.error(f"expected a quoted name in the {what}, found {_show(tok)}",
                          'quote every name, e.g. "Player 1"')
        out.append(tok.value)


def _unique_labels(labels: list[str]) -> list[str]:
    """Gambit allows empty or repeated labels; NormalFormGame needs distinct ones."""
    if len(set(labels)) == len(labels) and all(labels):
        return labels
    seen: set[str] = set()
    out = []
    for k, lab in enumerate(labels):
        new = lab or str(k + 1)
        if new in seen:
            new = f"{new}#{k + 1}"
        seen.add(new)
        out.append(new)
    return out


def _parse(text: str) -> NormalFormGame:
    r = _Reader(_tokenize(text))
    head = r.next("the header 'NFG 1 R'")
    if head.kind != "word" or head.value != "NFG":
        r.pos -= 1
        raise r.error(f"file does not start with 'NFG' (found {_show(head)})",
                      "a strategic-form Gambit file starts with: NFG 1 R \"title\"")
    ver = r.next("the format version 1")
    if ver.kind != "word" or ver.value != "1":
        r.pos -= 1
        raise r.error(f"unsupported format version {_show(ver)}", "the header must be NFG 1 R")
    typ = r.next("the number type R or D")
    if typ.kind != "word" or typ.value not in ("R", "D"):
        r.pos -= 1
        raise r.error(f"unknown number type {_show(typ)}",
                      "write R (rational) or D (decimal) after NFG 1")
    title = r.expect("str", "the quoted game title", 'write a title such as "My game"').value
    players = _string_list(r, "player list")
    if not players:
        raise r.error("the player list is empty", "name at least one player")
    n = len(players)

    tok = r.expect("{", "'{' opening the strategy counts or strategy label lists")
    version: str
    if r.peek() is not None and r.peek().kind == "{":  # type: ignore[union-attr]
        version = "outcome"
        labels = []
        while r.peek() is not None and r.peek().kind == "{":  # type: ignore[union-attr]
            labels.append(_string_list(r, f"strategy list of player {len(labels) + 1}"))
        r.expect("}", "'}' closing the strategy lists")
        shape = tuple(len(lab) for lab in labels)
    else:
        version = "payoff"
        counts = []
        while r.peek() is not None and r.peek().kind == "word":  # type: ignore[union-attr]
            counts.append(r.integer(f"strategy count of player {len(counts) + 1}"))
        r.expect("}", "'}' closing the strategy counts")
        shape = tuple(counts)
        labels = []  # numbered once the counts are checked against the payload
    if len(shape) != n:
        raise r.error(f"{len(shape)} strategy {'lists' if version == 'outcome' else 'counts'} "
                      f"for {n} players", f"give exactly one per player ({n})", line=tok.line)
    for i, m in enumerate(shape):
        if m < 1:
            raise r.error(f"player {i + 1} ({players[i]!r}) has no strategy",
                          "every player needs at least one strategy", line=tok.line)
    if r.peek() is not None and r.peek().kind == "str":  # type: ignore[union-attr]
        r.next("comment")  # optional comment string
    if version == "outcome" and (r.peek() is None or r.peek().kind != "{"):  # type: ignore
        version = "payoff"  # named strategies followed by a payoff list (Gambit allows both)
    check_limit(n, "players", f"nfg line {tok.line}: player list")
    num_profiles = math.prod(shape)  # exact: no int64 wrap-around
    dims = " x ".join(str(m) for m in shape)
    if version == "payoff" and num_profiles * n != len(r.tokens) - r.pos:
        raise r.error(
            f"payoff version lists {len(r.tokens) - r.pos} payoffs, expected {num_profiles * n}"
            f" ({dims} = {num_profiles} profiles x {n} players)",
            "give one payoff per player for every profile, first player's strategy "
            "changing fastest")
    check_limit(num_profiles * n, "game_payoffs", f"nfg line {tok.line}: strategy counts {dims}")
    if version == "payoff":
        labels = ([_unique_labels(lab) for lab in labels] if labels
                  else [[str(k + 1) for k in range(m)] for m in shape])

    if version == "payoff":
        values = []
        while r.peek() is not None:
            values.append(r.number("payoff"))
        flat = np.array([float(v) for v in values], dtype=float).reshape(num_profiles, n)
    else:
        r.expect("{", "'{' opening the outcome list")
        outcomes: list[list[float]] = []
        while True:
            t = r.next("an outcome '{ \"name\" payoffs }' or '}' closing the outcome list")
            if t.kind == "}":
                break
            if t.kind != "{":
                r.pos -= 1
                raise r.error(f"expected an outcome '{{ \"name\" payoffs }}', found {_show(t)}")
            r.expect("str", f"the quoted name of outcome {len(outcomes) + 1}",
                     'write "" for an unnamed outcome')
            pay = []
            while r.peek() is not None and r.peek().kind == "word":  # type: ignore[union-attr]
                pay.append(float(r.number(f"payoff in outcome {len(outcomes) + 1}")))
            r.expect("}", f"'}}' closing outcome {len(outcomes) + 1}")
            if len(pay) != n:
                raise r.error(f"outcome {len(outcomes) + 1} has {len(pay)} payoffs for "
                              f"{n} players", "give one payoff per player", line=t.line)
            outcomes.append(pay)
        start_line = r._line()
        idx = []
        while r.peek() is not None:
            t = r.peek()
            k = r.integer("outcome index")
            if not 0 <= k <= len(outcomes):
                raise r.error(f"unknown outcome index {k} (the file defines "
                              f"{len(outcomes)} outcomes)",
                              f"use 0 (null outcome) or 1..{len(outcomes)}",
                              line=t.line)  # type: ignore[union-attr]
            idx.append(k)
        if len(idx) != num_profiles:
            raise r.error(
                f"outcome version lists {len(idx)} outcome indices, expected {num_profiles} "
                f"(one per profile of the {dims} game)",
                "give one outcome index per profile, first player's strategy changing fastest",
                line=start_line)
        table = np.zeros((len(outcomes) + 1, n))
        if outcomes:
            table[1:] = np.array(outcomes, dtype=float)
        flat = table[np.array(idx, dtype=int)]
        labels = [_unique_labels(lab) for lab in labels]
    payoffs = flat.reshape(shape + (n,), order="F")
    return NormalFormGame(payoffs, labels=labels, players=players, title=title)


def read_nfg(source: str | os.PathLike[str]) -> NormalFormGame:
    """Read a Gambit ``.nfg`` game (payoff or outcome version).

    Parameters
    ----------
    source : str or path-like
        A path to a ``.nfg`` file, or the file's text itself (a string that starts with
        ``NFG`` or contains a newline, a brace or a double quote).

    Returns
    -------
    NormalFormGame
        With the file's title, player names and (outcome version) strategy labels. Repeated
        or empty Gambit labels are made distinct (``"1"``, ``"a#2"``).

    Raises
    ------
    benchgame.core.validation.InputError
        One line naming the file line and the problem: malformed header, wrong number of
        strategy lists, wrong payoff count, unknown outcome index, non-numeric payoff.

    References
    ----------
    McKelvey, R. D., McLennan, A. M. and Turocy, T. L. Gambit: Software Tools for Game Theory.
    https://www.gambit-project.org (manual, "Game representation formats").

    Examples
    --------
    >>> g = read_nfg('NFG 1 R "PD" { "1" "2" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> g.payoffs[1, 0].tolist()  # row player defects, column player cooperates
    [5.0, 0.0]

    The outcome version keeps the strategy labels; a path to a file works the same way:

    >>> from benchgame.games.examples import path
    >>> pd = read_nfg(path("prisoners_dilemma.nfg"))
    >>> pd.players, pd.labels[0], pd.payoffs[1, 1].tolist()
    (('Row', 'Column'), ('Cooperate', 'Defect'), [1.0, 1.0])
    >>> try:
    ...     read_nfg('NFG 1 R "bad" { "1" "2" } { 2 2 } 1 2 3')
    ... except InputError as err:
    ...     print(err.field, "|", err.problem)
    nfg line 1 | payoff version lists 3 payoffs, expected 8 (2 x 2 = 4 profiles x 2 players)
    """
    if isinstance(source, str) and (source.lstrip().startswith("NFG")
                                    or any(c in source for c in '\n{"')):
        return _parse(source)
    path = Path(source)
    if not path.is_file():
        raise InputError("path", f"{str(path)!r} is not an existing file (nor .nfg text)",
                         "give the path of a .nfg file or the text of one")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    return _parse(text)
