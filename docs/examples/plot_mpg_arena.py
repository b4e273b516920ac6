"""
MPG Goodness against arena ratings, and against MMLU alone
==========================================================

MPG aggregates benchmark scores along a taxonomy tree into one Goodness score per model with
Bayesian credible intervals (a reconstruction of Spangher et al., "Project MPG",
arXiv:2410.22368). Its validation asks whether Goodness tracks the arena rating better than a
single benchmark does. Here the arena rating is the Bradley-Terry fit of the bundled Chatbot
Arena battles, on the models the ObsScaling table shares with it; the correlations carry
paired bootstrap intervals.
"""

import matplotlib.pyplot as plt

from benchgame.analyses.arena import ARENA_COLUMN, obsscaling_with_arena, validate_against_arena
from benchgame.mechanisms.mpg import mpg_goodness

data = obsscaling_with_arena()
result = mpg_goodness(data)
check = validate_against_arena(result.goodness, data[ARENA_COLUMN], data["MMLU"])
print(check.to_frame().round(3))
print(check.summary())

# %%
# Goodness (with its 95% credible interval) and MMLU against the arena rating, on the models
# all three cover.

frame = result.to_frame().join(data[[ARENA_COLUMN, "MMLU"]]).loc[list(check.models)]
corr = check.to_frame()


def r_text(score: str) -> str:
    """Pearson r of ``score`` with the arena rating and its bootstrap interval."""
    row = corr.loc[(score, "pearson")]
    return f"Pearson r = {row['estimate']:.3f} [{row['lo']:.3f}, {row['hi']:.3f}]"


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.8), layout="constrained", sharex=True)
ax1.errorbar(frame[ARENA_COLUMN], frame["goodness"],
             yerr=[frame["goodness"] - frame["lo"], frame["hi"] - frame["goodness"]],
             fmt="o", color="#1f77b4", ecolor="#9ecae1", capsize=2, label="model, 95% interval")
ax1.set(xlabel="arena rating (Bradley-Terry Elo)", ylabel="MPG Goodness (0 to 1)",
        title=f"Goodness: {r_text('Goodness')}")
ax1.legend(loc="upper left", fontsize=9)
ax2.plot(frame[ARENA_COLUMN], frame["MMLU"], "o", color="#ff7f0e")
ax2.set(xlabel="arena rating (Bradley-Terry Elo)", ylabel="MMLU accuracy (0 to 1)",
        title=f"MMLU alone: {r_text('MMLU')}")
top = frame[ARENA_COLUMN].idxmax()
for ax, col in ((ax1, "goodness"), (ax2, "MMLU")):
    ax.annotate(top, (frame.loc[top, ARENA_COLUMN], frame.loc[top, col]), xytext=(-20, -40),
                textcoords="offset points", ha="right", fontsize=8,
                arrowprops={"arrowstyle": "->", "lw": 0.8})
diff = check.to_dict()["comparison"][0]
fig.suptitle(f"{len(frame)} models: Goodness does not beat MMLU alone at tracking the arena\n"
             f"(difference in r {diff['difference']:+.3f}, 95% paired bootstrap "
             f"[{diff['lo']:+.3f}, {diff['hi']:+.3f}])")
plt.show()
