"""The registry of claims.

Claim modules live anywhere under :mod:`benchgame.proofs_check.claims`; each calls :func:`register`
at import time. The registry imports them all on first lookup, so adding a claim module needs no
edit elsewhere. A claim renamed after its first release keeps its former ids as aliases.
"""

from __future__ import annotations

import importlib
import pkgutil

from benchgame.core.registry import Registry
from benchgame.proofs_check.claim import Claim

__all__ = ["CLAIMS", "all_claims", "claim_ids", "get_claim", "load_all", "register"]


def load_all() -> None:
    """Import every module under :mod:`benchgame.proofs_check.claims` (registers their claims)."""
    import benchgame.proofs_check.claims as pkg

    for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + "."):
        importlib.import_module(info.name)


CLAIMS: Registry[Claim] = Registry(
    "claim", register_hint="benchgame.proofs_check.register(Claim(...))",
    check=lambda c: None if isinstance(c, Claim) else "is not a Claim",
    loader=load_all, list_hint="'benchgame verify --list'")
"""Every registered claim, by id."""


def register(claim: Claim) -> Claim:
    """Add ``claim`` to the registry under its id (and its former ids, if any).

    Parameters
    ----------
    claim : Claim
        The claim; its ``id`` must be unique.

    Returns
    -------
    Claim
        ``claim``.

    Raises
    ------
    InputError
        If another claim has the same id.
    """
    return CLAIMS.register(claim.id, claim, aliases=tuple(getattr(claim, "aliases", ())))


def all_claims(prefix: str | None = None) -> list[Claim]:
    """Registered claims sorted by id.

    Parameters
    ----------
    prefix : str, optional
        Keep the claims whose id starts with ``prefix`` (e.g. ``"leaderboard."``).

    Returns
    -------
    list of Claim
    """
    return [c for k, c in CLAIMS.items() if prefix is None or k.startswith(prefix)]


def claim_ids() -> list[str]:
    """Ids of every registered claim, sorted.

    Returns
    -------
    list of str
    """
    return list(CLAIMS.names())


def get_claim(claim_id: str) -> Claim:
    """The claim with this id (or a former id).

    Parameters
    ----------
    claim_id : str
        A claim id such as ``"general.minimax.theorem"``.

    Returns
    -------
    Claim

    Raises
    ------
    InputError
        If no claim has that id; the message suggests close matches.

    Examples
    --------
    >>> get_claim("general.minimax.theorem").expected.value
    'HOLDS'
    """
    return CLAIMS.get(claim_id)
