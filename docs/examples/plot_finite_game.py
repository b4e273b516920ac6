"""
Equilibria of a finite game and their certificates
===================================================

A two-player game in which both players prefer to coordinate but disagree on where (the
"battle of the sexes"). :func:`benchgame.solve` enumerates every equilibrium by vertex
enumeration, says whether the enumeration is complete, and certifies each equilibrium by the
players' regrets and by an exact check in rational arithmetic.

The figure draws each player's best response to the other's mixed strategy on the unit square:
the equilibria are exactly where the two best-response correspondences cross.
"""

import matplotlib.pyplot as plt
import numpy as np

import benchgame as bg

row = [[3, 0], [0, 2]]  # payoffs of the row player (strategies: Opera, Football)
col = [[2, 0], [0, 3]]  # payoffs of the column player
game = bg.NormalFormGame.from_bimatrix(row, col)
eqs = bg.solve(game)
print(eqs)
print("complete:", eqs.complete, " unique:", eqs.is_unique)
for e in eqs:
    print(np.round(e.strategies[0], 3), np.round(e.strategies[1], 3),
          "regrets", e.certificate.regrets, "exact check", e.verify_exact().ok)

# %%
# Best responses. ``p`` is the probability that the row player plays Opera, ``q`` the
# probability that the column player does. The row player prefers Opera when
# ``3 q > 2 (1 - q)``, that is ``q > 2/5``; the column player prefers Opera when
# ``2 p > 3 (1 - p)``, that is ``p > 3/5``.

A, B = np.asarray(row, float), np.asarray(col, float)
q_star = (A[1, 1] - A[0, 1]) / (A[0, 0] - A[0, 1] - A[1, 0] + A[1, 1])
p_star = (B[1, 1] - B[1, 0]) / (B[0, 0] - B[0, 1] - B[1, 0] + B[1, 1])

fig, ax = plt.subplots(figsize=(6.4, 5.6), layout="constrained")
ax.plot([0, 0, 1, 1], [0, q_star, q_star, 1], color="#1f77b4", lw=3,
        label="row player's best response p(q)")
ax.plot([0, p_star, p_star, 1], [0, 0, 1, 1], color="#ff7f0e", lw=3, ls="--",
        label="column player's best response q(p)")
for e in eqs:
    p, q = e.strategies[0][0], e.strategies[1][0]
    kind = "pure" if e.is_pure else "mixed"
    ax.plot(p, q, "o", ms=12, mfc="white", mec="black", mew=2, zorder=5)
    ax.annotate(f"{kind} equilibrium\np = {p:.2f}, q = {q:.2f}\n"
                f"max regret {max(e.certificate.regrets):.1e}, "
                f"exact check {'passed' if e.verify_exact().ok else 'FAILED'}",
                (p, q), xytext=(12 if p < 0.5 else -12, 10 if q < 0.9 else -45),
                textcoords="offset points", ha="left" if p < 0.5 else "right", fontsize=9)
ax.set(xlim=(-0.05, 1.05), ylim=(-0.05, 1.05),
       xlabel="p = P(row player plays Opera)", ylabel="q = P(column player plays Opera)",
       title="Battle of the sexes: 3 equilibria, enumeration complete")
ax.legend(loc="center left", fontsize=9, bbox_to_anchor=(0.02, 0.62))
plt.show()
