"""
Marketplace: welfare, winrate and weighted winrate on MT-Bench-101
==================================================================

The model marketplace on the bundled MT-Bench-101 table: 18 models, 13 tasks, quality
``q = score / 10``. A user with a task picks a model by a choice rule; a model's *winrate* is
the share of users it wins, its *weighted winrate* weights each win by the quality delivered,
and *welfare* is the expected quality users receive (arXiv:2602.23293, a reconstruction).

:func:`benchgame.evaluate` computes the three under a rule, with the accounting identities as
residuals (each should be about ``1e-16``).
"""

import matplotlib.pyplot as plt
import numpy as np

from benchgame.mechanisms.marketplace import Perfect, Softmax, evaluate, mtbench101_market

market = mtbench101_market()
m = evaluate(market, Softmax(20.0))
print(f"{market.n} models x {market.m} tasks; welfare under softmax(20) = {m.welfare:.4f}")
print("identity residuals:", {k: f"{v:.1e}" for k, v in m.residuals.items()})

# %%
# Welfare rises with the users' selectivity ``beta`` towards the welfare of users who always
# pick the best model for their task (the ``Perfect`` rule).

betas = np.logspace(-1, 3, 41)
welfare = [evaluate(market, Softmax(b)).welfare for b in betas]
perfect = evaluate(market, Perfect()).welfare

# %%
# Per model, winrate and weighted winrate under ``softmax(20)``, most-chosen model first.

frame = m.to_frame().sort_values("winrate")
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 5.8), layout="constrained",
                               gridspec_kw={"width_ratios": [1, 1.25]})
ax1.semilogx(betas, welfare, lw=2, label="softmax(beta) choice")
ax1.axhline(perfect, color="black", ls="--", lw=1.2,
            label=f"perfect choice: {perfect:.3f}")
ax1.axvline(20.0, color="grey", ls=":", lw=1)
ax1.annotate(f"beta = 20: W = {m.welfare:.3f}", (20.0, m.welfare), xytext=(-130, -40),
             textcoords="offset points", arrowprops={"arrowstyle": "->"}, fontsize=9)
ax1.set(xlabel="selectivity beta of the softmax choice rule (log scale)",
        ylabel="welfare W (expected quality, 0 to 1)",
        title="Welfare rises with users' selectivity")
ax1.legend(loc="lower right", fontsize=9)

y = np.arange(len(frame))
ax2.barh(y - 0.2, frame["winrate"], height=0.4, label="winrate")
ax2.barh(y + 0.2, frame["weighted_winrate"], height=0.4, label="weighted winrate")
ax2.set_yticks(y, frame.index, fontsize=8)
ax2.set(xlabel="share of users won; weighted by the quality delivered (0 to 1)",
        title="Per model under softmax(20): GPT-4 wins most")
ax2.legend(loc="lower right", fontsize=9)
plt.show()
