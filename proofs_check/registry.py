"""The registry of claims.

Claim modules live anywhere under :mod:`benchgame.proofs_check.claims`; each calls :func:`register`
at import time. :func:`load_all` imports them all (once), so adding a claim module needs no edit
elsewhere.
"""

from __future__ import annotations

import importlib
import pkgutil

from benchgame.proofs_check.claim import Claim

__all__ = ["all_claims", "claim_ids", "get_claim", "load_all", "register"]

_REGISTRY: dict[str, Claim] = {}
_LOADED = False


def register(claim: Claim) -> Claim:
    """Add ``claim`` to the registry (ids are unique) and return it."""
    from benchgame.core.validation import InputError

    existing = _REGISTRY.get(claim.id)
    if existing is not None and existing is not claim:
        raise InputError("claim.id", f"{claim.id!r} is already registered",
                         "choose a distinct dotted id")
    _REGISTRY[claim.id] = claim
    return claim


def load_all() -> None:
    """Import every module under :mod:`benchgame.proofs_check.claims` (registers their claims)."""
    global _LOADED
    if _LOADED:
        return
    import benchgame.proofs_check.claims as pkg

    for info in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + "."):
        importlib.import_module(info.name)
    _LOADED = True


def all_claims(prefix: str | None = None) -> list[Claim]:
    """Registered claims sorted by id, optionally those whose id starts with ``prefix``."""
    load_all()
    return [c for k, c in sorted(_REGISTRY.items()) if prefix is None or k.startswith(prefix)]


def claim_ids() -> list[str]:
    load_all()
    return sorted(_REGISTRY)


def get_claim(claim_id: str) -> Claim:
    """The claim with this id; the error lists close matches."""
    from difflib import get_close_matches

    from benchgame.core.validation import InputError

    load_all()
    try:
        return _REGISTRY[claim_id]
    except KeyError:
        close = get_close_matches(claim_id, list(_REGISTRY), n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "run 'benchgame verify --list'"
        raise InputError("claim", f"no claim with id {claim_id!r}", hint) from None
