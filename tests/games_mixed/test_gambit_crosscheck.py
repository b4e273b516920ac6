"""Cross-check against Gambit (pygambit): simpdiv, logit, gnm and enumpoly on 3- and 4-player games.

Agreements are asserted below; every disagreement found is its own test at the end, asserting the
observed behaviour of both sides so that a change on either side is noticed.
"""

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from benchgame.games import NormalFormGame, certify, logit_path, simplicial_subdivision

from .catalogue import (
    GAMBIT_2X2X2X2,
    GAMBIT_3X3X3,
    JORDAN,
    MAX_CUT,
    MCKELVEY_MCLENNAN,
    NAU_SEC4,
    PENNIES_4,
    exact_equilibria_2x2x2,
)

gbt = pytest.importorskip("pygambit")


def to_gambit(game):
    return gbt.Game.from_arrays(*[game.payoffs[..., i] for i in range(game.num_players)])


def flat(profile, G):
    return np.array([float(profile[pl][s]) for pl in G.players for s in pl.strategies])


def ours_flat(eq):
    return np.concatenate(eq.strategies)


def random_games(shape, seeds):
    return [NormalFormGame(np.random.default_rng(s).normal(size=(*shape, len(shape))).round(3))
            for s in seeds]


GENERIC = ([NAU_SEC4, MCKELVEY_MCLENNAN, MAX_CUT, JORDAN, PENNIES_4, GAMBIT_2X2X2X2]
           + random_games((2, 2, 2), range(3)) + random_games((2, 2, 2, 2), range(3)))


@pytest.mark.parametrize("game", GENERIC, ids=lambda g: f"{g!r}")
def test_simpdiv_and_logit_return_an_equilibrium_listed_by_enumpoly(game):
    G = to_gambit(game)
    listed = [flat(p, G) for p in gbt.nash.enumpoly_solve(G).equilibria]
    for eq in (simplicial_subdivision(game), logit_path(game).equilibrium):
        assert min(np.abs(ours_flat(eq) - q).max() for q in listed) <= 1e-8
    theirs = gbt.nash.simpdiv_solve(G.mixed_strategy_profile(rational=True)).equilibria[0]
    assert min(np.abs(flat(theirs, G) - q).max() for q in listed) <= 1e-5


def test_enumpoly_agrees_with_the_exact_enumeration_on_mckelvey_mclennan():
    G = to_gambit(MCKELVEY_MCLENNAN)
    listed = sorted(tuple(round(x, 9) for x in flat(p, G)[::2])
                    for p in gbt.nash.enumpoly_solve(G).equilibria)
    exact, _ = exact_equilibria_2x2x2(MCKELVEY_MCLENNAN)
    assert listed == sorted(tuple(round(float(x), 9) for x in e) for e in exact)


LOGIT_GAMES = ([NAU_SEC4, MAX_CUT, GAMBIT_3X3X3, GAMBIT_2X2X2X2]
               + random_games((3, 3, 3), range(2)) + random_games((2, 2, 2, 2), range(2)))


@pytest.mark.parametrize("game", LOGIT_GAMES, ids=lambda g: f"{g!r}")
def test_logit_limit_agrees_with_gambit_logit_solve(game):
    G = to_gambit(game)
    theirs = flat(gbt.nash.logit_solve(G).equilibria[0], G)
    ours = logit_path(game).equilibrium
    assert np.abs(ours_flat(ours) - theirs).max() <= 1e-5
    assert ours.certificate.max_relative_regret <= 1e-12


@pytest.mark.parametrize("game", random_games((3, 3, 3), range(3)) + random_games(
    (2, 2, 2, 2), range(3)), ids=lambda g: f"{g!r}")
def test_gambit_simpdiv_and_gnm_answers_pass_our_certificate(game):
    G = to_gambit(game)
    ours = simplicial_subdivision(game).certificate.max_relative_regret
    for result in (gbt.nash.simpdiv_solve(G.mixed_strategy_profile(rational=True)),
                   gbt.nash.gnm_solve(G)):
        for p in result.equilibria:
            x = flat(p, G)
            prof = np.split(x / np.repeat([x[a:a + m].sum() for a, m in zip(
                np.cumsum([0, *game.shape[:-1]]), game.shape, strict=True)], game.shape),
                np.cumsum(game.shape)[:-1])
            theirs = certify(game, prof).max_relative_regret
            assert theirs <= 1e-6 and ours <= theirs + 1e-15


# ------------------------------------------------------------------ recorded disagreements
def test_disagreement_logit_bifurcation_mckelvey_mclennan():
    """Gambit's logit_solve stalls at lambda ~ 0.597, where the branch on which players 1 and 2
    mix (1/2, 1/2) meets another branch, and returns a non-equilibrium; our path continues along
    that branch to the equilibrium ((1/2, 1/2), (1/2, 1/2), (1, 0))."""
    G = to_gambit(MCKELVEY_MCLENNAN)
    branch = gbt.qre.logit_solve_branch(G)
    assert branch[-1].lam == pytest.approx(0.5968, abs=1e-3)
    theirs = gbt.nash.logit_solve(G).equilibria[0]
    assert float(theirs.max_regret()) > 0.2
    path = logit_path(MCKELVEY_MCLENNAN)
    assert path.lambdas[-1] > 10 and path.equilibrium.verify_exact().ok
    assert ours_flat(path.equilibrium).tolist() == [0.5, 0.5, 0.5, 0.5, 1.0, 0.0]


def test_disagreement_logit_symmetric_battle_of_the_sexes():
    """In a battle of the sexes symmetric under swapping the players (and strategies), the
    branch from the centroid stays on the symmetric set and reaches the mixed equilibrium, which
    our path follows; Gambit's logit_solve leaves it at the bifurcation and ends at (T, L)."""
    bos = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    G = to_gambit(bos)
    theirs = flat(gbt.nash.logit_solve(G).equilibria[0], G)
    assert np.abs(theirs - [1, 0, 1, 0]).max() < 1e-6
    ours = logit_path(bos).equilibrium
    assert [[str(p) for p in s] for s in ours.exact] == [["2/3", "1/3"], ["1/3", "2/3"]]


HANG = [[-1, 3, 3, -3], [0, 1, 0, 3], [-2, 3, -2, 3], [3, -2, -1, -3], [3, -2, 1, -1],
        [3, 1, -2, 2], [3, 0, 2, 2], [0, 2, 1, -2], [2, 0, 0, 1], [1, -3, -2, 2],
        [-3, -3, 1, -2], [0, 2, 3, 2], [-2, -1, 2, 2], [3, 2, 3, -1], [3, -1, -2, 0],
        [-2, -3, -2, -1]]  # payoffs of the 16 profiles in C order (player 1 slowest)


def test_disagreement_gnm_does_not_terminate_on_a_degenerate_2x2x2x2_game():
    """gnm_solve runs for more than a minute on this integer-payoff game (killed after 3 s
    here); simpdiv, logit and ipa (Gambit's and ours) all return its unique equilibrium."""
    code = textwrap.dedent(f"""
        import numpy as np, pygambit as gbt
        U = np.array({HANG}).reshape(2, 2, 2, 2, 4)
        gbt.nash.gnm_solve(gbt.Game.from_arrays(*[U[..., i].astype(object) for i in range(4)]))
        """)
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", code], timeout=3, capture_output=True)
    game = NormalFormGame(np.array(HANG, dtype=float).reshape(2, 2, 2, 2, 4))
    ours = simplicial_subdivision(game)
    assert ours.certificate.max_relative_regret <= 1e-12
    G = to_gambit(game)
    for result in (gbt.nash.simpdiv_solve(G.mixed_strategy_profile(rational=True)),
                   gbt.nash.logit_solve(G), gbt.nash.ipa_solve(G)):
        assert np.abs(flat(result.equilibria[0], G) - ours_flat(ours)).max() <= 1e-5
