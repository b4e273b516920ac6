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

import lazy_loader as lazy

from benchgame.analyses.signatures.overlap import ConfoundTest, confound_test, performance_overlap
from benchgame.benchmarks_data.benchbench_social import load_mmlu_subjects, load_openllm_v1
from benchgame.core.serialize import to_jsonable

pd = lazy.load("pandas")

__all__ = ["FamilyOverlap", "mmlu_family_overlap"]


@dataclass(frozen=True)
class FamilyOverlap:
    """Performance overlap matrix, family labels and the Mann-Whitney confound test.

    Parameters
    ----------
    overlap : pandas.DataFrame
        Spearman performance overlap among the 57 MMLU subjects (``"MMLU:<subject>"``) and the
        five other Open LLM Leaderboard v1 tasks.
    groups : dict
        From each column to its family, ``"MMLU"`` or ``"other"``.
    test : ConfoundTest
        Mann-Whitney U test, same family greater than cross family.
    models : tuple of str
        The models in both tables.
    method : str
        Description of the overlap and the test.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       robustness test: at the performance level, overlaps are inflated within a benchmark
       family (about 0.8).
    .. [2] G. Zhang and M. Hardt, "Inherent trade-offs between diversity and stability in
       multi-task benchmarks", ICML 2024, arXiv:2405.01719 (the bundled tables).
    """

    overlap: pd.DataFrame
    groups: dict
    test: ConfoundTest
    models: tuple[str, ...]
    method: str

    def to_dict(self) -> dict:
        """The overlap, the families and the test as JSON-safe data.

        Returns
        -------
        dict
            ``benchmarks`` (the names of the overlap's rows and columns, in order),
            ``overlap`` (the matrix as a list of rows), ``groups`` (benchmark to family),
            ``test`` (the Mann-Whitney test's fields), ``models`` and ``method``.

        Examples
        --------
        >>> d = mmlu_family_overlap().to_dict()
        >>> d["benchmarks"][-2:], d["groups"]["GSM8K"], len(d["overlap"]), d["test"]["n_same"]
        (['Winogrande', 'GSM8K'], 'other', 62, 1606)
        """
        return to_jsonable({"benchmarks": list(self.overlap.columns),
                            "overlap": self.overlap.to_numpy(float), "groups": self.groups,
                            "test": self.test, "models": self.models, "method": self.method})


def mmlu_family_overlap() -> FamilyOverlap:
    """Performance overlap and the MMLU-family confound test on the bundled tables.

    Returns
    -------
    FamilyOverlap
        The 62 x 62 overlap matrix, the family labels and the Mann-Whitney test.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       robustness test: at the performance level, overlaps are inflated within a benchmark
       family.
    .. [2] G. Zhang and M. Hardt, "Inherent trade-offs between diversity and stability in
       multi-task benchmarks", ICML 2024, arXiv:2405.01719 (the bundled tables).

    Examples
    --------
    >>> fo = mmlu_family_overlap()
    >>> len(fo.models), fo.overlap.shape, fo.test.n_same, fo.test.n_cross
    (22, (62, 62), 1606, 285)
    >>> round(fo.test.median_same, 3), round(fo.test.median_cross, 3), fo.test.p_value < 1e-40
    (0.515, 0.02, True)
    """
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
