"""
Leaderboard equilibria across the tune-before-test level Delta
==============================================================

The leaderboard game of Chen, Zhang and Hardt (2026), "Leaderboard Incentives: Model Rankings
under Strategic Post-Training" (arXiv:2603.08371), on the shipped five-model configuration
shaped like the paper's Figure 1. Under tune-before-test every model is fine-tuned by Delta
steps before it is scored; developer ``r`` overtakes developer ``r - 1`` with the effort
``e_req_r(Delta)``. Where every such catch-up costs more than the reward gained, the unique pure
equilibrium is zero effort and the leaderboard ranks by capability.

For each level the continuum analysis :func:`benchgame.analyze_pure` answers ``unique``, ``none``
or ``undecided`` (a near tie it will not call), and :func:`benchgame.designer_choice` computes
the smallest stabilizing level Delta* with its certificate.
"""

from importlib.resources import files

import matplotlib.pyplot as plt
import numpy as np

import benchgame as bg
from benchgame.games.leaderboard import e_req_curves
from benchgame.games.leaderboard.plot import region_status

cfg = bg.load_config(files("benchgame") / "examples" / "leaderboard_figure1.toml")
contest = cfg.contest
choice = bg.designer_choice(contest)
delta_star = choice.threshold.delta_star
print(cfg.title)
print("developers:", cfg.names)
print(f"Delta* = {delta_star:.2f}")

# %%
# The analysis at a few levels: no pure equilibrium under direct evaluation, the unique
# capability ranking just above Delta*.

for delta in (0.0, 100.0, 1.001 * delta_star, 1000.0):
    res = bg.analyze_pure(contest.at_level(delta))
    print(f"Delta = {delta:8.2f}: {res.status:9s} ranks by capability: {res.ranks_by_capability}")

# %%
# The catch-up efforts and the equilibrium regions over a grid of levels. Pair ``r`` is stable
# where its catch-up effort costs at least the reward gap ``G_r = R_{r-1} - R_r`` (the dotted
# line of the same colour); Delta* is where the last pair, here the top one, becomes stable.

deltas = np.linspace(0.0, 600.0, 241)
e_req = e_req_curves(contest, deltas)
status = region_status(contest, deltas)

colors = {"none": "#f4c7c3", "unique": "#c8e6c9", "undecided": "#d0d0d0"}
labels = {"none": "no pure equilibrium", "unique": "unique equilibrium, ranks by capability",
          "undecided": "undecided (near tie)"}
fig, ax = plt.subplots(figsize=(8, 5), layout="constrained")
start = 0
for k in range(1, len(deltas) + 1):
    if k == len(deltas) or status[k] != status[start]:
        ax.axvspan(deltas[start], deltas[min(k, len(deltas) - 1)], color=colors[status[start]],
                   lw=0, label=labels.pop(status[start], None))
        start = k
for j, pair in enumerate(choice.threshold.pairs):
    line, = ax.plot(deltas, e_req[:, j], lw=2,
                    label=f"e_req: {cfg.names[j + 1]} catches {cfg.names[j]}")
    # the pair is stable where catching up costs at least the reward gained, c(e_req) >= G_r
    ax.axhline(float(contest.cost.inverse(pair.reward_gap)), color=line.get_color(), lw=1.4,
               ls=":")
ax.plot([], [], color="grey", lw=1, ls=":", label="c^-1(G_r): stable above (same colour)")
ax.axvline(delta_star, color="black", ls="--", lw=1.5, label=f"Delta* = {delta_star:.1f}")
ax.set(xlim=(deltas[0], deltas[-1]), xlabel="tune-before-test level Delta (training steps)",
       ylabel="catch-up effort e_req (training steps)", yscale="log",
       title="Figure-1 configuration: catch-up efforts and pure equilibria")
ax.legend(fontsize=8, loc="lower right", framealpha=0.95)
plt.show()
