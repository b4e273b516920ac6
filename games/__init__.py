"""Game classes and equilibrium solvers with certificates."""

from games.certificate import (
    DEFAULT_TOL,
    Certificate,
    Deviation,
    ExactVerification,
    certify,
    verify_exact,
)
from games.equilibrium import Equilibrium, EquilibriumSet, UndecidedError
from games.normal_form import NormalFormGame
from games.pure import pure_equilibria, pure_equilibrium_mask
from games.validation import InputError

__all__ = [
    "DEFAULT_TOL",
    "Certificate",
    "Deviation",
    "Equilibrium",
    "EquilibriumSet",
    "ExactVerification",
    "InputError",
    "NormalFormGame",
    "UndecidedError",
    "certify",
    "pure_equilibria",
    "pure_equilibrium_mask",
    "verify_exact",
]
