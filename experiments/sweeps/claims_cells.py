"""Sweep analysis ``claims``: one seeded run of a registered theorem claim.

A cell is :func:`benchgame.proofs_check.run_claim(claim, examples, seed)`: the claim's witnesses,
then ``examples`` generated instances meeting its hypotheses (instance ``k`` from
``default_rng([seed, k])``), then, for a claim expected to hold, the violation probe on instances
breaking a hypothesis, which must find a counterexample. Sweeping seeds runs millions of
instances in parallel; a counterexample is reproduced by its ``seed`` and
``counterexample_index``. Outcomes:

* ``expected`` / ``found``: ``HOLDS`` | ``REFUTED`` (| ``ERROR`` for ``found``), ``ok``: the
  report is as expected (and the probe fired for claims expected to hold);
* ``instances_tried``, ``examples``: generated instances checked / requested;
* ``counterexample_index`` (null: none, or a fixed witness named in ``counterexample_witness``),
  ``violated``: the violated inequality;
* ``probe_tried``, ``probe_found_counterexample``; ``claim_error``: an error of the checker.
"""

from __future__ import annotations

from benchgame.experiments.sweeps.registry import REQUIRED, Outcome, Parameter, register_analysis
from benchgame.proofs_check import get_claim, run_claim

__all__ = ["claims_cell"]


def claims_cell(params: dict, seed: int) -> dict:
    """Run one registered theorem claim with one seed.

    Parameters
    ----------
    params : dict
        ``claim`` (its id), ``examples`` (generated instances, ``None`` for the claim's own
        number) and ``probe`` (run the violation probe).
    seed : int
        Seed of the generated instances (instance ``k`` uses ``default_rng([seed, k])``).

    Returns
    -------
    dict
        The outcome columns listed in the module docstring.

    Raises
    ------
    InputError
        If no claim has the id ``params["claim"]``.

    Examples
    --------
    >>> out = claims_cell({"claim": "general.pure_existence_2x2.false", "examples": 10,
    ...                    "probe": True}, 0)
    >>> out["expected"], out["found"], out["ok"]
    ('REFUTED', 'REFUTED', True)
    """
    claim = get_claim(params["claim"])
    r = run_claim(claim, params["examples"], seed, probe=params["probe"])
    cex = r.counterexample
    return {
        "expected": claim.expected.value,
        "found": r.found.value,
        "ok": r.ok,
        "instances_tried": int(r.tried),
        "examples_run": int(r.examples),
        "counterexample_index": None if cex is None else cex.index,
        "counterexample_witness": None if cex is None else cex.witness,
        "violated": "" if cex is None else cex.violated,
        "probe_tried": None if r.probe is None else int(r.probe.tried),
        "probe_found_counterexample": None if r.probe is None else r.probe.found_counterexample,
        "claim_error": r.error,
    }


register_analysis(
    "claims", claims_cell,
    parameters={
        "claim": Parameter(str, REQUIRED, "claim id (benchgame verify --list)"),
        "examples": Parameter(int, None, "generated instances (default: the claim's own)",
                              minimum=0),
        "probe": Parameter(bool, True, "run the violation probe"),
    },
    outcomes={
        "expected": Outcome(str, "HOLDS | REFUTED"),
        "found": Outcome(str, "HOLDS | REFUTED | ERROR"),
        "ok": Outcome(bool, "found == expected (and the probe fired for HOLDS)"),
        "instances_tried": Outcome(int, "generated instances checked"),
        "examples_run": Outcome(int, "generated instances requested"),
        "counterexample_index": Outcome(int, "instance index of the counterexample"),
        "counterexample_witness": Outcome(str, "fixed witness that is a counterexample"),
        "violated": Outcome(str, "the violated inequality"),
        "probe_tried": Outcome(int, "violating instances tried by the probe"),
        "probe_found_counterexample": Outcome(bool, "the probe found a counterexample"),
        "claim_error": Outcome(str, "error raised by the claim's checker"),
    },
    doc="found vs expected status of a theorem claim on seeded instances",
)
