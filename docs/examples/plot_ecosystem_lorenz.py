"""
Ecosystem: how concentrated is benchmark authority?
===================================================

The bundled table of real benchmarks (year, category, institutions, countries) rolled up to
institutions and countries with fractional credit: each benchmark's authority (here one unit
per benchmark, "output counting") is split among its institutions. The Lorenz curve shows the
share of authority held by the smallest holders; the further it sags below the diagonal, the
more concentrated authority is, and the Gini coefficient is twice the area between them
(Cebrian, Kito and Castro Fernandez, arXiv:2510.01286, computed on this project's table).
"""

import matplotlib.pyplot as plt
import numpy as np

from benchgame.analyses.ecosystem import concentration, rollup_authority
from benchgame.benchmarks_data import load_benchmark_table

table = load_benchmark_table()
print(f"{len(table)} benchmarks")
shares = {level: rollup_authority(table, level=level) for level in ("institution", "country")}
for level, s in shares.items():
    c = concentration(s.to_numpy(), k=3)
    print(f"{level}: {len(s)} holders, Gini {c.gini:.3f}, HHI {c.hhi:.3f}, "
          f"top-3 share {c.top_k_share:.3f}; largest: {', '.join(s.index[:3])}")


# %%
# The Lorenz curves.


def lorenz(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative share of holders (poorest first) against cumulative share of authority."""
    v = np.sort(values)
    return (np.arange(len(v) + 1) / len(v),
            np.concatenate([[0.0], np.cumsum(v) / v.sum()]))


plural = {"institution": "institutions", "country": "countries"}
fig, ax = plt.subplots(figsize=(6.4, 6.0), layout="constrained")
ax.plot([0, 1], [0, 1], color="grey", ls=":", lw=1.2, label="equal shares (Gini 0)")
for (level, s), color in zip(shares.items(), ("#1f77b4", "#d62728"), strict=True):
    x, y = lorenz(s.to_numpy())
    gini = concentration(s.to_numpy()).gini
    top = s.iloc[0] / s.sum()
    ax.plot(x, y, lw=2.2, color=color, marker="o", ms=3,
            label=f"{plural[level]} (n = {len(s)}): Gini {gini:.2f}\n"
                  f"    largest: {s.index[0]}, {top:.0%}")
ax.set(xlim=(0, 1), ylim=(0, 1.01), aspect="equal",
       xlabel="cumulative share of holders, smallest first",
       ylabel="cumulative share of benchmark authority (output counting)",
       title="Benchmark authority: countries more concentrated\nthan institutions")
ax.legend(loc="upper left", fontsize=9)
plt.show()
