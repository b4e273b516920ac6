"""Evaluation protocols of the leaderboard game, registered by name.

A protocol maps latent capability's effort to the training at which a model is scored (the
interface :class:`~benchgame.games.leaderboard.protocol.Protocol`). Every protocol family is
registered here once, by name, with the parameters it takes beside the tune-before-test level
``delta``; a registered family is then accepted by that name in the Python API
(:func:`make_protocol`), in leaderboard TOML configurations (``[[protocols]] type = NAME``), in
sweep specifications (``protocol = NAME``) and by the designer's protocol search.

Shipped families:

* ``direct``: direct evaluation, ``x(e) = e``;
* ``tbt``: tune-before-test, ``x(e) = delta + e`` (Chen, Zhang and Hardt 2026, Section 2);
* ``effort_cap``: ``x(e) = delta + min(e, cap)``;
* ``held_out``: ``x(e) = delta + B (1 - exp(-e / B))`` with ``B = transfer``;
* ``noisy_binomial`` and ``noisy_gaussian``: tune-before-test with the score measured on ``m``
  test questions (binomial accuracy, or its normal approximation).

Add your own with :func:`register_protocol` (see its example).
"""

from __future__ import annotations

from benchgame.mechanisms.protocols.effort_cap import EffortCap
from benchgame.mechanisms.protocols.family import (
    PROTOCOLS,
    ProtocolFamily,
    make_protocol,
    protocol_families,
    register_protocol,
)
from benchgame.mechanisms.protocols.held_out import HeldOutTransfer
from benchgame.mechanisms.protocols.noisy import NoisyProtocol

__all__ = [
    "PROTOCOLS",
    "EffortCap",
    "HeldOutTransfer",
    "NoisyProtocol",
    "ProtocolFamily",
    "make_protocol",
    "protocol_families",
    "register_protocol",
]
