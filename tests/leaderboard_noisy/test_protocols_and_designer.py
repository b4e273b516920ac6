"""Held-out transfer, the protocol interface, and the designer with a level-dependent protocol."""

from __future__ import annotations

import numpy as np
import pytest

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PowerCost,
    analyze_pure,
    designer_choice,
    stabilizing_threshold,
)
from benchgame.games.leaderboard.protocol import Protocol, TuneBeforeTest, protocol_level
from benchgame.mechanisms.protocols import HeldOutTransfer, make_protocol


class Amplified(Protocol):
    """x(e) = Delta + (1 + Delta)^2 e: the level also amplifies own effort."""

    name = "amplified"

    def __init__(self, delta: float = 0.0) -> None:
        self._d = protocol_level(delta)

    @property
    def level(self) -> float:
        return self._d

    def effective_training(self, effort):
        return self._d + (1 + self._d) ** 2 * np.asarray(effort, float)

    def min_effort_exceeding(self, x):
        return np.maximum((np.asarray(x, float) - self._d) / (1 + self._d) ** 2, 0.0)

    min_effort_reaching = min_effort_exceeding

    def at_level(self, delta: float) -> Protocol:
        return Amplified(delta)


def amplified_contest() -> Contest:
    fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    return Contest([1.0, 0.0], fam, PowerCost(1.0), [0.5, 0.0], Amplified(0.0))


def test_level_dependent_protocol_gets_no_monotonicity_claim():
    ct = amplified_contest()
    statuses = {d: analyze_pure(ct.at_level(d)).status for d in (0.0, 0.5, 3.0)}
    assert statuses == {0.0: "unique", 0.5: "unique", 3.0: "none"}
    st = stabilizing_threshold(ct)
    assert st.monotone_certified is False and "monotonicity not certified" in st.method
    choice = designer_choice(ct)
    assert choice.delta == 0.0 and choice.exists is True
    assert "Delta >=" not in choice.reason and "Prop 5.3" not in choice.reason
    assert "grid-based" in choice.reason
    assert "at Delta = 1.01746 there is no pure equilibrium" in choice.reason
    # the same family under tune-before-test keeps its certified answer
    tbt = designer_choice(ct.with_protocol(TuneBeforeTest(0.0)).with_rewards([2.0, 0.0]))
    assert round(tbt.delta, 9) == 1.0 and tbt.threshold.monotone_certified


def test_held_out_transfer():
    p = make_protocol("held_out", 1.0, transfer=2.0)
    assert isinstance(p, HeldOutTransfer) and p.to_dict() == {
        "protocol": "held_out", "delta": 1.0, "transfer": 2.0}
    e = np.array([0.0, 0.5, 3.0])
    assert np.allclose(p.min_effort_exceeding(p.effective_training(e)), e, atol=1e-12)
    assert p.effective_training(1e6).item() == pytest.approx(3.0)
    assert p.min_effort_exceeding(3.0).item() == np.inf
    assert p.min_effort_exceeding(0.5).item() == 0.0
    assert p.at_level(4.0).effective_training(0.0).item() == 4.0
    assert p.monotone_certificate is None and p.deterministic


def test_noisy_protocol_keeps_its_training_map():
    p = make_protocol("noisy_binomial", 2.0, m=100)
    assert p.at_level(5.0).to_dict() == {"protocol": "noisy_binomial", "delta": 5.0, "m": 100,
                                         "base": {"protocol": "tune_before_test",
                                                  "delta": 5.0}}
    assert p.with_questions(7).observe([1.0]).pmf[0, -1] == 1.0
    g = make_protocol("noisy_gaussian", 0.0, m=10, resolution=0.5)
    assert g.observe([0.5]).atoms.tolist() == [0.0, 0.5, 1.0]
