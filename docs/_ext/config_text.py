"""What the code does not say about the TOML keys: meanings, defaults written in words and
examples, ``key: (type, default, example, meaning)``. :mod:`config_reference` checks these
tables against the parsers' key sets at every build."""

LEADERBOARD = {
    "intro": "A leaderboard study (``benchgame leaderboard CONFIG.toml``; read in Python by "
             ":func:`benchgame.load_config`). Every table and key is checked and unknown keys "
             "are refused with the list of allowed ones. The shipped examples are "
             "``benchgame/examples/leaderboard_w1.toml`` and ``leaderboard_figure1.toml`` "
             "(``benchgame leaderboard --example w1|figure1``).",
    "top": {
        "title": ("str", "the file name's stem", '``title = "W1"``',
                  "title of the study in tables and plots"),
        "imports": ("list of str", "``[]``", '``imports = ["my_protocols"]``',
                    "modules that register protocols; imported only with ``--allow-imports``"),
        "developers": ("table", "required", "see below", "the developers' capabilities"),
        "score": ("table", "required", "see below", "the score family v(theta, x)"),
        "cost": ("table", "required", "see below", "the common effort cost c(e)"),
        "rewards": ("table", "required", "see below", "the rank rewards R_1 >= ... >= R_n"),
        "tie": ("table", "capability rule", "see below", "how tied scores are ranked"),
        "protocols": ("array of tables", "direct evaluation only", "see below",
                      "the evaluation protocols to compare"),
        "designer": ("table", "the defaults below", "see below",
                     "the designer's search range, the plot's range, and optionally the "
                     "cheapest protocol over several parameters with a cost model"),
    },
    "developers_intro": "Capabilities in any order; developers are sorted by decreasing "
                        "capability, and the per-developer score parameters with them.",
    "developers": {
        "theta": ("list of float", "required", "``theta = [1.0, 0.5]``",
                  "distinct capabilities, at least two developers"),
        "names": ("list of str", '``["dev0", "dev1", ...]``', '``names = ["high", "low"]``',
                  "one name per developer, in the order of ``theta``"),
    },
    "tie_intro": "Ranking of developers whose observed scores tie.",
    "tie": {
        "rule": ("str", '``"capability"``', '``rule = "index"``',
                 'one of ``"capability"`` (the more capable ranks first), ``"index"`` '
                 '(by ``priority``), ``"uniform"`` (ties split at random)'),
        "priority": ("list of int", "the developer order", "``priority = [1, 0]``",
                     "``index`` rule only: a permutation of 0..n-1 in developer order, "
                     "smaller wins"),
    },
    "designer_intro": "The designer's search for the stabilizing tune-before-test level "
                      "Delta*, and optionally (with ``candidates``) the designer's grid: the "
                      "cheapest candidate protocol whose equilibrium play reaches a ranking "
                      "fidelity target for a fraction of populations, under the stated cost "
                      "(:mod:`benchgame.experiments.designer_config`; grid-based, printed as "
                      "a third table with each candidate's certificate states, in JSON under "
                      "``designer_grid``, with ``--plot`` the fidelity heat map and the cost "
                      "frontier). Shipped example: ``benchgame leaderboard --example designer``.",
    "designer": {
        "delta_max": ("float", "``1e6``", "``delta_max = 1e7``",
                      "largest level the designer searches (> 0)"),
        "plot_delta_max": ("float", "``100.0``", "``plot_delta_max = 3000.0``",
                           "upper end of the Delta axis of the plot (> 0)"),
        "candidates": ("table", "no designer's grid", "``m = [100, 500, 2000]``",
                       "candidate values (lists of numbers >= 0) of ``delta`` and of the "
                       "protocol family's own parameters (``m`` for ``noisy_binomial``, "
                       "``cap`` for ``effort_cap``, ``transfer`` for ``held_out``); every "
                       "combination is a candidate"),
        "cost": ("table", "``{}`` (cost 0)", "``m = 0.002``",
                 "cost per unit of each candidate parameter (>= 0; e.g. ``delta`` per unit "
                 "Delta, ``m`` per test question) and ``fixed``; a candidate costs ``fixed`` "
                 "+ the sum of rate x value"),
        "protocol": ("str", '``"noisy_binomial"``', '``protocol = "effort_cap"``',
                     "the registered protocol family of every candidate"),
        "target": ("float", "required with ``candidates``", "``target = 0.9``",
                   "the ranking fidelity to reach under equilibrium play (at most 1)"),
        "metric": ("str", '``"expected_tau"``', '``metric = "p_top1_correct"``',
                   '``"expected_tau"`` (expected Kendall tau, target in [-1, 1]) or '
                   '``"p_top1_correct"`` (P(most capable ranks first), target in [0, 1])'),
        "required_fraction": ("float", "``1.0``", "``required_fraction = 0.75``",
                              "fraction of populations that must reach the target, in (0, 1]"),
        "populations": ("str", '``"config"``', '``populations = "logit"``',
                        '``"config"`` (this file\'s developers, one population) or a '
                        "registered population distribution: its draws keep this file's "
                        "cost, rewards and tie rule and the number of developers"),
        "seeds": ("int", "``4``", "``seeds = 8``",
                  "drawn populations only: how many are drawn (population k is seed k)"),
        "levels": ("int", "``21``", "``levels = 41``",
                   "effort-grid points of each candidate's grid game (>= 2)"),
        "seconds": ("float", "``0.0``", "``seconds = 10.0``",
                    "wall-clock limit of each mixed solve; 0: none, the solver's iteration "
                    "cap alone (answers then do not depend on the machine's load)"),
    },
    "score_intro": "The score family; the keys beside ``family`` depend on it (below). "
                   "Per-developer lists are in the order of ``developers.theta``.",
    "score_examples": {
        "F": '``F = "reciprocal"``',
        "alpha": "``alpha = [2.0, 1.5]``",
        "beta": "``beta = [0.8, 0.6]``",
        "lower": "``lower = 0.5``",
        "upper": "``upper = 0.95``",
        "knots_x": "``knots_x = [[0, 7], [0, 5]]``",
        "knots_v": "``knots_v = [[0.3, 1.0], [0.2, 0.9]]``",
    },
    "cost_intro": "The effort cost every developer pays; the keys beside ``type`` depend on "
                  "it (below).",
    "cost_examples": {
        "kappa": "``kappa = 1e-4``",
        "p": "``p = 2.0``",
        "mu": "``mu = 0.5``",
        "k": "``k = 0.1``",
        "scale": "``scale = 2.0``",
        "breakpoints": "``breakpoints = [0.0, 2.0]``",
        "slopes": "``slopes = [0.5, 1.0]``",
        "a": "``a = 1.0``",
    },
    "rewards_intro": "Either ``values`` or a ``preset`` with its parameters.",
    "rewards": {
        "values": ("list of float", "required without ``preset``",
                   "``values = [1.0, 0.0]``", "one reward per rank, rank 1 first, "
                   "non-increasing"),
        "preset": ("str", "required without ``values``", '``preset = "geometric"``',
                   '``"winner_take_all"``, ``"top_k"`` or ``"geometric"``'),
        "prize": ("float", "``1.0``", "``prize = 2.0``",
                  "``winner_take_all`` and ``top_k``: the prize (> 0)"),
        "k": ("int", "required with ``top_k``", "``k = 2``",
              "``top_k``: the number of rewarded ranks, 1 <= k < n"),
        "ratio": ("float", "``0.5``", "``ratio = 0.5``",
                  "``geometric``: R_{r+1} / R_r, in [0, 1]"),
        "first": ("float", "``1.0``", "``first = 1.0``", "``geometric``: R_1 (> 0)"),
    },
    "protocols_intro": "One ``[[protocols]]`` table per protocol family to compare, in the "
                       "order written; the families are the registered ones (a user's module "
                       "under ``imports`` adds its own, with its factory's keyword parameters "
                       "as keys).",
}

SWEEP = {
    "intro": "A sweep specification (``benchgame sweep SPEC.toml``; read in Python by "
             ":func:`benchgame.experiments.sweeps.load_spec`). The shipped examples are "
             "``benchgame/examples/sweep_*.toml`` (``benchgame sweep --example NAME``).",
    "top": {
        "analysis": ("str", "required", '``analysis = "leaderboard"``',
                     "a registered analysis (below)"),
        "output": ("str", "required", '``output = "lb_sweep.parquet"``',
                   "the Parquet file of the final table; parts go to ``OUTPUT.parts/``"),
        "seeds": ("int or list of int", "``1``", "``seeds = 5``",
                  "a count (seeds 0..n-1) or a list of distinct ints >= 0"),
        "batch_size": ("int", "timed, about 0.2 s of work per task", "``batch_size = 16``",
                       "cells per Dask task"),
        "imports": ("list of str", "``[]``", '``imports = ["my_pkg.my_cells"]``',
                    "modules that register analyses or protocols; imported only with "
                    "``--allow-imports``"),
        "design": ("str", '``"grid"``', '``design = "random"``',
                   '``"grid"`` (cartesian product) or ``"random"`` (draws from ranges)'),
        "samples": ("int", "required with ``random``", "``samples = 50``",
                    "random design only: the number of parameter draws"),
        "design_seed": ("int", "``0``", "``design_seed = 1``",
                        "random design only: the seed of the draws"),
        "parameters": ("table", "``{}``", "``delta = [0.0, 100.0]``",
                       "grid: name to a non-empty list of values; random: name to a range "
                       "table (below)"),
        "cases": ("array of tables", "``[]``", '``protocol = "tbt"`` in ``[[cases]]``',
                  "explicit joint parameter values, crossed with the grid"),
        "designer": ("table", "no search", "``required_fraction = 0.9``",
                     "leaderboard only: the designer's protocol search (below)"),
    },
    "range_intro": "With ``design = \"random\"`` each parameter is a range table: ``low`` and "
                   "``high`` (with ``log`` and ``integer``), or ``choices`` alone.",
    "range": {
        "low": ("number", "required without ``choices``", "``low = 1.0``",
                "lower end of the range"),
        "high": ("number", "required without ``choices``", "``high = 1000.0``",
                 "upper end of the range"),
        "log": ("bool", "``false``", "``log = true``", "draw uniformly in log scale"),
        "integer": ("bool", "true for int parameters", "``integer = true``",
                    "round draws to integers"),
        "choices": ("list", "none", '``choices = ["tbt", "effort_cap"]``',
                    "draw uniformly among these values"),
    },
    "designer_intro": "The designer's search over the swept protocols "
                      "(:func:`benchgame.experiments.sweeps.designer_search`).",
    "designer": {
        "required_fraction": ("float", "``1.0``", "``required_fraction = 0.9``",
                              "fraction of populations a protocol must stabilize, in (0, 1]"),
        "cost": ("str", '``"delta"``', '``cost = "cap"``',
                 "the numeric protocol parameter the designer minimizes"),
    },
}
