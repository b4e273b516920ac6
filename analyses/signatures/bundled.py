"""The MMLU-family confound on bundled score tables (performance level).

Performance overlap (Spearman over models) among the 57 MMLU subjects and the five other Open LLM
Leaderboard v1 tasks (ARC, HellaSwag, TruthfulQA, Winogrande, GSM8K), over the models present in
both bundled tables (socialfoundations BenchBench ``mmlu`` and ``openllm``; Hugging Face ids,
latest MMLU run per model, first leaderboard row per model). The Mann-Whitney test compares the
overlaps of MMLU-MMLU pairs (same family and format) with MMLU-other pairs, the performance-level
confound that arXiv:2509.23488 reports (overlaps inflated within a family).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from benchgame.analyses.signatures.overlap import ConfoundTest, confound_test, performance_overlap
from benchgame.benchmarks_data.benchbench_social import load_mmlu_subjects, load_openllm_v1

__all__ = ["FamilyOverlap", "mmlu_family_overlap"]


@dataclass(frozen=True)
class FamilyOverlap:
    """Performance overlap matrix, family labels and the Mann-Whitney confound test."""

    overlap: pd.DataFrame
    groups: dict
    test: ConfoundTest
    models: tuple[str, ...]
    method: str


def mmlu_family_overlap() -> FamilyOverlap:
    """Performance overlap and the MMLU-family confound test on the bundled tables."""
    openllm, mmlu = load_openllm_v1(), load_mmlu_subjects()
    common = openllm.index.intersection(mmlu.index)
    Y = mmlu.loc[common].add_prefix("MMLU:").join(
        openllm.loc[common].drop(columns=["Average", "MMLU"]))
    ov = performance_overlap(Y)
    groups = {c: "MMLU" if c.startswith("MMLU:") else "other" for c in Y.columns}
    test = confound_test(ov, groups, alternative="greater")
    return FamilyOverlap(ov, groups, test, tuple(common),
                         f"Spearman performance overlap over {len(common)} models; "
                         "Mann-Whitney U, same-family > cross-family")
