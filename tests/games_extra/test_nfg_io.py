"""Gambit .nfg reading and writing: both versions, round trips, pygambit cross-checks, errors."""

from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import benchgame.games.examples
from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, dumps_nfg, read_nfg, write_nfg

gbt = pytest.importorskip("pygambit")


def _gambit_tensor(h) -> np.ndarray:
    """pygambit game -> our (m_1, ..., m_n, n) float tensor."""
    return np.stack([np.vectorize(float)(np.asarray(a, dtype=object)) for a in h.to_arrays()],
                    axis=-1)


def _random_game(rng: np.random.Generator, shape: tuple[int, ...], kind: str) -> NormalFormGame:
    size = shape + (len(shape),)
    if kind == "int":
        pay = rng.integers(-9, 10, size).astype(float)
    elif kind == "quarter":
        pay = rng.integers(-40, 41, size) / 4
    else:
        pay = rng.normal(size=size) * 10.0 ** rng.integers(-3, 4)
    return NormalFormGame(pay, title=f"random {kind}")


# ---------------------------------------------------------------- example files
def test_battle_of_sexes_payoff_version():
    g = read_nfg(benchgame.games.examples.path("battle_of_sexes.nfg"))
    assert g.title == "Battle of the sexes"
    assert g.players == ("Alice", "Bob")
    A, B = g.bimatrix()
    assert A.tolist() == [[2, 0], [0, 1]]
    assert B.tolist() == [[1, 0], [0, 2]]


def test_prisoners_dilemma_outcome_version():
    g = read_nfg(benchgame.games.examples.path("prisoners_dilemma.nfg"))
    assert g.title == 'Prisoner\'s dilemma, "standard" payoffs'
    assert g.labels == (("Cooperate", "Defect"), ("Cooperate", "Defect"))
    A, B = g.bimatrix()
    assert A.tolist() == [[3, 0], [5, 1]]
    assert B.tolist() == [[3, 5], [0, 1]]


@pytest.mark.parametrize("name", ["battle_of_sexes.nfg", "prisoners_dilemma.nfg"])
def test_example_files_agree_with_pygambit(name):
    path = benchgame.games.examples.path(name)
    ours = read_nfg(path)
    theirs = gbt.read_nfg(str(path))
    assert np.array_equal(ours.payoffs, _gambit_tensor(theirs))
    assert ours.title == theirs.title


def test_unknown_example_name():
    with pytest.raises(InputError, match="no example file"):
        benchgame.games.examples.path("nope.nfg")


# ---------------------------------------------------------------- parsing details
def test_gambit_order_first_player_fastest():
    # 2 x 3 game: profiles (0,0),(1,0),(0,1),(1,1),(0,2),(1,2); player-1 payoff = profile number
    text = 'NFG 1 R "" { "a" "b" } { 2 3 } ' + " ".join(f"{k} {-k}" for k in range(6))
    g = read_nfg(text)
    assert g.payoffs[..., 0].tolist() == [[0, 2, 4], [1, 3, 5]]
    assert g.payoffs[..., 1].tolist() == [[0, -2, -4], [-1, -3, -5]]


def test_rationals_decimals_and_null_outcome():
    text = '''NFG 1 D "t" { "1" "2" }
    { { "x" "y" } { "z" } }
    { { "o1" 3/2, .80 } { "o2" -1e-1 2 } }
    0 2'''
    g = read_nfg(text)
    assert g.payoffs[0, 0].tolist() == [0.0, 0.0]  # outcome 0: null outcome
    assert g.payoffs[1, 0].tolist() == [-0.1, 2.0]
    assert read_nfg('NFG 1 R "" { "1" } { 1 } 3/2').payoffs.tolist() == [[1.5]]


def test_escaped_quotes_and_repeated_labels():
    text = r'''NFG 1 R "say \"hi\" \\ bye" { "P \"1\"" "2" }
    { { "" "" } { "s" "s" } } "" { { "" 1 2 } } 1 1 1 1'''
    g = read_nfg(text)
    assert g.title == 'say "hi" \\ bye'
    assert g.players == ('P "1"', "2")
    assert g.labels == (("1", "2"), ("s", "s#2"))


def test_backslashes_follow_gambit():
    # Gambit keeps a backslash before an ordinary character and writes a backslash as \\
    plain = r'NFG 1 R "a\b" { "1" } { 1 } 1'
    assert read_nfg(plain).title == "a\\b" == gbt.read_nfg(io.StringIO(plain)).title
    h = gbt.Game.from_arrays(np.array([[1]]), np.array([[2]]), title='back\\slash "q"')
    assert read_nfg(h.to_nfg()).title == 'back\\slash "q"'
    g = NormalFormGame([[1.0]], title='back\\slash "q"')
    assert read_nfg(dumps_nfg(g)).title == g.title


# ---------------------------------------------------------------- round trips
@pytest.mark.parametrize("fmt", ["payoff", "outcome"])
@pytest.mark.parametrize("shape", [(1,), (3,), (2, 2), (3, 1), (2, 3, 4), (2, 2, 2, 2)])
@pytest.mark.parametrize("kind", ["int", "quarter", "float"])
def test_round_trip_ours(fmt, shape, kind):
    g = _random_game(np.random.default_rng(len(shape) * 7 + sum(shape)), shape, kind)
    back = read_nfg(dumps_nfg(g, fmt))
    assert back == g  # exact float equality of payoffs: the writer prints round-trip decimals
    assert back.title == g.title and back.players == g.players
    if fmt == "outcome":
        assert back.labels == g.labels


@given(st.lists(st.integers(1, 3), min_size=1, max_size=3),
       st.sampled_from(["payoff", "outcome"]), st.integers(0, 2**32 - 1))
def test_round_trip_property(shape, fmt, seed):
    rng = np.random.default_rng(seed)
    pay = rng.normal(size=tuple(shape) + (len(shape),)) * 10.0 ** rng.integers(-8, 9)
    pay[rng.random(pay.shape) < 0.3] = 0.0
    g = NormalFormGame(pay)
    assert read_nfg(dumps_nfg(g, fmt)) == g


@pytest.mark.parametrize("fmt", ["payoff", "outcome"])
@pytest.mark.parametrize("shape", [(2, 2), (3, 2), (2, 3, 2), (3, 3, 2)])
@pytest.mark.parametrize("kind", ["int", "quarter", "float"])
def test_pygambit_reads_our_output(fmt, shape, kind):
    g = NormalFormGame(_random_game(np.random.default_rng(sum(shape)), shape, kind).payoffs,
                       labels=[[f's{i}"{k}' for k in range(m)] for i, m in enumerate(shape)],
                       title='with "quotes"')
    h = gbt.read_nfg(io.StringIO(dumps_nfg(g, fmt)))
    assert np.array_equal(_gambit_tensor(h), g.payoffs)
    assert h.title == g.title
    if fmt == "outcome":
        assert [[s.label for s in p.strategies] for p in h.players] == [list(x) for x in g.labels]


@pytest.mark.parametrize("shape", [(2, 2), (3, 4), (2, 3, 2)])
def test_we_read_pygambit_output(shape):
    rng = np.random.default_rng(3)
    n = len(shape)
    arrays = [np.array([Fraction(int(v), int(d)) for v, d in
                        zip(rng.integers(-20, 21, int(np.prod(shape))),
                            rng.integers(1, 5, int(np.prod(shape))), strict=True)],
                       dtype=object).reshape(shape) for _ in range(n)]
    h = gbt.Game.from_arrays(*arrays, title="from pygambit")
    g = read_nfg(h.to_nfg())
    expected = np.stack([np.vectorize(float)(a) for a in arrays], axis=-1)
    assert np.array_equal(g.payoffs, expected)
    assert g.title == "from pygambit"


def test_write_nfg_is_atomic_file(tmp_path):
    g = read_nfg(benchgame.games.examples.path("prisoners_dilemma.nfg"))
    out = write_nfg(g, tmp_path / "pd.nfg", format="outcome")
    assert out.read_text() == dumps_nfg(g, "outcome")
    assert read_nfg(out) == g
    assert [p.name for p in tmp_path.iterdir()] == ["pd.nfg"]  # no temporary left behind
    with pytest.raises(InputError, match="does not exist"):
        write_nfg(g, tmp_path / "missing" / "pd.nfg")


def test_outcome_writer_shares_outcomes_and_uses_null():
    g = NormalFormGame.from_bimatrix([[1, 0], [1, 0]], [[2, 0], [2, 0]])
    text = dumps_nfg(g, "outcome")
    assert text.strip().splitlines()[-1] == "1 1 0 0"
    assert text.count('{ "1" 1, 2 }') == 1  # one outcome for the repeated (1, 2) payoffs
    assert '{ "2"' not in text.split('""')[-1]


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ('NFG 1 R "x" { "1" "2" } { 2 2 } 1 2 3', r"line 1: payoff version lists 3 payoffs, "
                                                   r"expected 8 \(2 x 2 = 4 profiles x 2"),
        ('NFG 1 R "x" { "1" "2" } { 2 2 2 } 1 2', r"3 strategy counts for 2 players"),
        ('NFG 1 R "x" { "1" "2" }\n{ { "a" } }\n{ }\n0', r"1 strategy lists for 2 players"),
        ('GAME 1 R "x" { "1" } { 1 } 0', r"line 1: file does not start with 'NFG'"),
        ('NFG 2 R "x" { "1" } { 1 } 0', r"unsupported format version"),
        ('NFG 1 Q "x" { "1" } { 1 } 0', r"unknown number type"),
        ('NFG 1 R { "1" } { 1 } 0', r"expected the quoted game title"),
        ('NFG 1 R "x" { } { } ', r"player list is empty"),
        ('NFG 1 R "x" { "1" } { 0 } ', r"has no strategy"),
        ('NFG 1 R "x" { "1" } { 2 } 1 abc', r"payoff 'abc' is not a number"),
        ('NFG 1 R "x" { "1" } { 2 } 1 1e400', r"payoff '1e400' is too large for a floating"),
        ('NFG 1 R "x" { "1" "2" }\n{ { "a" } { "b" } }\n{ { "" 1 -1e999 } }\n1',
         r"payoff in outcome 1 '-1e999' is too large"),
        ('NFG 1 R "x" { "1" } { 1.5 } 1', r"is not an integer"),
        ('NFG 1 R "x" { "1" } { 2 }\n1 2 3', r"line 2: payoff version lists 3 payoffs"),
        ('NFG 1 R "x { "1" } { 1 } 0', r"string is never closed"),
        ('NFG 1 R "x" { "1" "2" }\n{ { "a" } { "b" } }\n{ { "" 1 2 } }\n3',
         r"line 4: unknown outcome index 3 \(the file defines 1 outcomes\)"),
        ('NFG 1 R "x" { "1" "2" }\n{ { "a" } { "b" } }\n{ { "" 1 2 3 } }\n1',
         r"outcome 1 has 3 payoffs for 2 players"),
        ('NFG 1 R "x" { "1" "2" }\n{ { "a" "b" } { "b" } }\n{ { "" 1 2 } }\n1',
         r"lists 1 outcome indices, expected 2"),
        ('NFG 1 R "x" { "1" "2" }\n{ { "a" } { "b" } }\n{ { "" 1 2 }', r"file ends where"),
    ],
)
def test_malformed_files_give_one_line_errors(text, pattern):
    with pytest.raises(InputError, match=pattern) as info:
        read_nfg(text)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("nfg line ")


def test_wrong_count_in_a_file(tmp_path):
    p = tmp_path / "bad.nfg"
    p.write_text('NFG 1 R "bad" { "1" "2" } { 2 2 }\n\n1 2 3 4 5 6 7\n')
    with pytest.raises(InputError, match="line 3: payoff version lists 7 payoffs, expected 8"):
        read_nfg(p)


def test_missing_path_and_bad_format():
    with pytest.raises(InputError, match="is not an existing file"):
        read_nfg("/nonexistent/game.nfg")
    with pytest.raises(InputError, match="unknown .nfg format"):
        dumps_nfg(NormalFormGame.from_bimatrix([[1]], [[1]]), "tree")
