"""Bad inputs for every ``benchgame`` command, as data.

Each case is ``Case(id, argv, files, expect, code)``: the command line (``{tmp}`` is the case's
empty working folder), the files written there first (name -> text or bytes), a substring the
one-line error must contain (the field it names) and the exit status (2 unless documented
otherwise). Families are generated: every simulation parameter x several bad values, every
numeric configuration key x several bad TOML values, and so on.
"""

from __future__ import annotations

from typing import NamedTuple


class Case(NamedTuple):
    id: str
    argv: list[str]
    files: dict[str, str | bytes]
    expect: str
    code: int = 2


CASES: list[Case] = []


def add(id: str, argv: list[str] | str, expect: str, files: dict | None = None,
        code: int = 2) -> None:
    args = argv.split() if isinstance(argv, str) else argv
    CASES.append(Case(id, args, files or {}, expect, code))


PD = 'NFG 1 R "PD" { "1" "2" } { 2 2 }\n3 3 5 0 0 5 1 1\n'

# ---------------------------------------------------------------- command line as a whole
add("root-unknown-command", "nosuch", "No such command")
add("root-unknown-option", "--bogus", "--bogus")
add("solve-unknown-option", "solve g.nfg --bogus", "--bogus", {"g.nfg": PD})
add("solve-missing-argument", "solve", "GAME_FILE")

# ---------------------------------------------------------------- solve: the .nfg reader
NFG_BAD = {
    "missing-file": (None, "GAME_FILE"),
    "empty-file": ("", "nfg line 1"),
    "not-nfg": ("hello world\n", "NFG"),
    "efg-header": ('EFG 2 R "t" { "1" "2" }\n', "NFG"),
    "version-2": ('NFG 2 R "t" { "1" } { 1 } 0\n', "version"),
    "number-type": ('NFG 1 X "t" { "1" } { 1 } 0\n', "number type"),
    "no-title": ("NFG 1 R { \"1\" } { 1 } 0\n", "title"),
    "unclosed-title": ('NFG 1 R "t { "1" } { 1 } 0\n', "never closed"),
    "no-players": ('NFG 1 R "t" { } { } \n', "player list"),
    "unquoted-player": ('NFG 1 R "t" { A B } { 2 2 } 0 0 0 0 0 0 0 0\n', "quoted"),
    "counts-fewer": ('NFG 1 R "t" { "1" "2" } { 2 } 1 1 1 1\n', "strategy counts"),
    "counts-more": ('NFG 1 R "t" { "1" "2" } { 2 2 2 } 1 1\n', "strategy counts"),
    "count-zero": ('NFG 1 R "t" { "1" "2" } { 0 2 }\n', "no strategy"),
    "count-negative": ('NFG 1 R "t" { "1" "2" } { -1 2 }\n', "strategy"),
    "count-fraction": ('NFG 1 R "t" { "1" "2" } { 3/2 2 }\n', "not an integer"),
    "count-word": ('NFG 1 R "t" { "1" "2" } { two 2 }\n', "not a number"),
    "count-1e9": ('NFG 1 R "t" { "1" "2" } { 1000000000 2 } 1 2 3 4\n', "nfg"),
    "count-int64-wrap": ('NFG 1 R "t" { "1" "2" } { 4294967296 4294967296 } 1 2 3 4\n',
                         "nfg"),
    "count-huge-exponent": ('NFG 1 R "t" { "1" "2" } { 1e100000000 2 } 1 2\n', "nfg"),
    "too-few-payoffs": ('NFG 1 R "t" { "1" "2" } { 2 2 } 1 2 3\n', "payoffs"),
    "too-many-payoffs": ('NFG 1 R "t" { "1" "2" } { 2 2 } ' + "1 " * 9 + "\n", "payoffs"),
    "payoff-word": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 5 0 0 five 1 1\n', "not a number"),
    "payoff-nan": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 5 0 0 nan 1 1\n', "payoff"),
    "payoff-inf": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 5 0 0 inf 1 1\n', "payoff"),
    "payoff-div0": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 5 0 0 1/0 1 1\n', "payoff"),
    "payoff-1e100000000": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 0 1e100000000 5 0 1 1\n',
                           "nfg"),
    "payoff-1e-100000000": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 0 1e-100000000 5 0 1 1\n',
                            "nfg"),
    "payoff-1e400": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 0 1e400 5 0 1 1\n', "too large"),
    "payoff-5000-digits": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 0 ' + "9" * 5000
                           + " 5 0 1 1\n", "nfg"),
    "payoff-pm1e308": ('NFG 1 R "t" { "1" "2" } { 2 2 } 1e308 -1e308 0 0 0 0 -1e308 1e308\n',
                       "payoff"),
    "payoff-1e308-all": ('NFG 1 R "t" { "1" "2" } { 2 2 } 1e308 1e308 -1e308 1e308 1e308 '
                         "-1e308 -1e308 -1e308\n", "payoff"),
    "players-64": ('NFG 1 R "t" { ' + " ".join(f'"{k}"' for k in range(64)) + " } { "
                   + "1 " * 64 + "} " + "0 " * 64 + "\n", "players"),
    "players-40-of-2": ('NFG 1 R "t" { ' + " ".join(f'"{k}"' for k in range(40)) + " } { "
                        + "2 " * 40 + "} 0\n", "nfg"),
    "profiles-2^30": ('NFG 1 R "t" { "1" "2" "3" } { 1024 1024 1024 } 0 0 0\n', "nfg"),
    "outcome-unknown-index": ('NFG 1 R "t" { "1" "2" } { { "a" "b" } { "c" } }\n'
                              '{ { "" 1 2 } }\n1 2\n', "outcome index"),
    "outcome-short": ('NFG 1 R "t" { "1" "2" } { { "a" "b" } { "c" } }\n'
                      '{ { "" 1 } }\n1 1\n', "payoffs"),
    "outcome-missing-indices": ('NFG 1 R "t" { "1" "2" } { { "a" "b" } { "c" } }\n'
                                '{ { "" 1 2 } }\n1\n', "outcome indices"),
    "outcome-unclosed": ('NFG 1 R "t" { "1" "2" } { { "a" "b" } { "c" } }\n'
                         '{ { "" 1 2 }\n', "nfg"),
    "outcome-huge-index": ('NFG 1 R "t" { "1" "2" } { { "a" "b" } { "c" } }\n'
                           '{ { "" 1 2 } }\n1 1e100000000\n', "nfg"),
    "truncated": ('NFG 1 R "t" { "1" "2" } { 2 2', "truncated"),
    "binary": (b"\x00\xff\xfe\x00NFG\x00", "nfg"),
    "latin1-title": (b'NFG 1 R "caf\xe9" { "1" } { 1 } 0 0\n', "payoff"),
}
for name, (text, expect) in NFG_BAD.items():
    add(f"solve-nfg-{name}", ["solve", "g.nfg"], expect,
        {} if text is None else {"g.nfg": text})

add("solve-game-is-folder", ["solve", "{tmp}/sub"], "GAME_FILE", {"sub/x.txt": "x"})
add("solve-method-unknown", ["solve", "g.nfg", "--method", "bogus"], "method", {"g.nfg": PD})
add("solve-method-empty", ["solve", "g.nfg", "--method", ""], "method", {"g.nfg": PD})
add("solve-format-csv", ["solve", "g.nfg", "--format", "csv"], "--format", {"g.nfg": PD})
add("solve-format-unknown", ["solve", "g.nfg", "--format", "xml"], "--format", {"g.nfg": PD})
add("solve-output-folder", ["solve", "g.nfg", "-o", "{tmp}/sub"], "--output",
    {"g.nfg": PD, "sub/x.txt": "x"})
add("solve-output-missing-folder", ["solve", "g.nfg", "-o", "{tmp}/no/out.json"], "--output",
    {"g.nfg": PD})
add("solve-zero-sum-on-nonzero-sum", ["solve", "g.nfg", "--method", "zero_sum"], "zero",
    {"g.nfg": PD})
add("solve-lh-three-players", ["solve", "g.nfg", "--method", "lemke_howson"], "3 players",
    {"g.nfg": 'NFG 1 R "t" { "1" "2" "3" } { 1 1 1 } 0 0 0\n'})

# ---------------------------------------------------------------- leaderboard configurations
LB = """title = "t"
[developers]
theta = {theta}
names = {names}
[score]
family = "substitutes"
F = {F}
[cost]
type = {cost_type}
kappa = {kappa}
p = {p}
[rewards]
values = {values}
[tie]
rule = {rule}
{priority}
[[protocols]]
type = "direct"
[[protocols]]
type = {ptype}
delta = {delta}
[designer]
delta_max = {delta_max}
plot_delta_max = {plot_delta_max}
"""
LB_OK = {"theta": "[1.0, 0.5]", "names": '["high", "low"]', "F": '"exponential"',
         "cost_type": '"power"', "kappa": "1.0", "p": "1.0", "values": "[1.0, 0.0]",
         "rule": '"capability"', "priority": "", "ptype": '"tbt"', "delta": "[1.0, 10.0]",
         "delta_max": "1e6", "plot_delta_max": "10.0"}


def lb(**changes: str) -> str:
    return LB.format(**{**LB_OK, **changes})


BAD_TOML_NUMBERS = {"nan": "nan", "inf": "inf", "neg": "-1.0", "str": '"a"', "list": "[1, 2]",
                    "bool": "true", "table": "{ x = 1 }"}
for key, expect in (("kappa", "cost.kappa"), ("p", "cost.p"),
                    ("delta_max", "designer.delta_max"),
                    ("plot_delta_max", "designer.plot_delta_max")):
    for vname, v in BAD_TOML_NUMBERS.items():
        add(f"leaderboard-{key}-{vname}", ["leaderboard", "c.toml"], expect,
            {"c.toml": lb(**{key: v})})
for vname, v in {**BAD_TOML_NUMBERS, "huge": "1e308"}.items():
    add(f"leaderboard-theta-{vname}", ["leaderboard", "c.toml"], "theta",
        {"c.toml": lb(theta=f"[1.0, {v}]")})
for vname, v in {**BAD_TOML_NUMBERS, "huge": "1e308"}.items():
    if vname != "neg":
        add(f"leaderboard-rewards-{vname}", ["leaderboard", "c.toml"], "rewards.values",
            {"c.toml": lb(values=f"[{v}, 0.0]")})
for vname, v in {"nan": "nan", "inf": "inf", "neg": "-1.0", "str": '"a"', "nested": "[[1]]",
                 "bool": "true"}.items():
    add(f"leaderboard-delta-{vname}", ["leaderboard", "c.toml"], "delta",
        {"c.toml": lb(delta=f"[1.0, {v}]")})
LB_MISC = {
    "theta-empty": ({"theta": "[]", "names": "[]"}, "developers.theta"),
    "theta-repeated": ({"theta": "[1.0, 1.0]"}, "developers.theta"),
    "theta-one": ({"theta": "[1.0]", "names": '["a"]'}, "developers"),
    "names-short": ({"names": '["a"]'}, "developers.names"),
    "names-repeated": ({"names": '["a", "a"]'}, "developers.names"),
    "names-number": ({"names": '[1, 2]'}, "developers.names"),
    "F-unknown": ({"F": '"cubic"'}, "score.F"),
    "cost-unknown": ({"cost_type": '"quartic"'}, "cost.type"),
    "rewards-increasing": ({"values": "[0.0, 1.0]"}, "rewards.values"),
    "rewards-short": ({"values": "[1.0]"}, "rewards"),
    "rewards-long": ({"values": "[1.0, 0.5, 0.0]"}, "rewards"),
    "tie-unknown": ({"rule": '"coin"'}, "tie.rule"),
    "tie-priority-str": ({"rule": '"index"', "priority": 'priority = [0, "a"]'},
                         "tie.priority"),
    "tie-priority-repeat": ({"rule": '"index"', "priority": "priority = [0, 0]"},
                            "tie.priority"),
    "tie-priority-short": ({"rule": '"index"', "priority": "priority = [0]"}, "tie.priority"),
    "tie-priority-float": ({"rule": '"index"', "priority": "priority = [0.5, 1]"},
                           "tie.priority"),
    "tie-priority-nan": ({"rule": '"index"', "priority": "priority = [nan, 1]"},
                         "tie.priority"),
    "tie-priority-huge": ({"rule": '"index"', "priority": "priority = [0, 99999999999]"},
                          "tie.priority"),
    "tie-priority-wrong-rule": ({"priority": "priority = [0, 1]"}, "tie.priority"),
    "protocol-unknown": ({"ptype": '"bribe"'}, "protocols"),
    "protocol-number": ({"ptype": "3"}, "protocols"),
}
for name, (changes, expect) in LB_MISC.items():
    add(f"leaderboard-{name}", ["leaderboard", "c.toml"], expect, {"c.toml": lb(**changes)})
LB_FILES = {
    "not-toml": ("theta = [1,\n", "CONFIG"),
    "not-utf8": (b"title = \"\xff\xfe\"\n", "CONFIG"),
    "unknown-table": (lb() + "[extra]\nx = 1\n", "extra"),
    "unknown-key": (lb().replace("[cost]\n", "[cost]\nspeed = 1\n"), "cost.speed"),
    "no-developers": ("[score]\nfamily = \"substitutes\"\n", "developers"),
    "developers-not-table": ('developers = "x"\n', "developers"),
    "imports-without-consent": ('imports = ["os"]\n' + lb(), "imports"),
    "imports-not-list": ("imports = 3\n" + lb(), "imports"),
    "empty": ("", "developers"),
}
for mod in ("raising_module", "exiting_module"):
    LB_FILES[f"imports-{mod}"] = (f'imports = ["tests.bad_input.{mod}"]\n' + lb(), mod)
for name, (text, expect) in LB_FILES.items():
    add(f"leaderboard-file-{name}", ["leaderboard", "c.toml", "--allow-imports"]
        if name.startswith("imports-") and name.endswith("module") else ["leaderboard", "c.toml"],
        expect, {"c.toml": text})
add("leaderboard-config-missing", "leaderboard nothere.toml", "CONFIG")
add("leaderboard-config-folder", ["leaderboard", "{tmp}/sub"], "CONFIG", {"sub/x": "x"})
add("leaderboard-none", "leaderboard", "CONFIG")
add("leaderboard-both", "leaderboard c.toml --example w1", "CONFIG", {"c.toml": lb()})
add("leaderboard-example-unknown", "leaderboard --example w9", "example")
for gname, g in {"1e-9": "1e-9", "zero": "0", "neg": "-1", "nan": "nan", "inf": "inf",
                 "word": "fine"}.items():
    add(f"leaderboard-grid-step-{gname}", ["leaderboard", "--example", "w1", "--grid-step", g],
        "step")
add("leaderboard-format-csv", "leaderboard --example w1 --format csv", "--format")
add("leaderboard-output-folder", ["leaderboard", "--example", "w1", "-o", "{tmp}/sub"],
    "--output", {"sub/x": "x"})
add("leaderboard-plot-folder", ["leaderboard", "--example", "w1", "--plot", "{tmp}/sub"],
    "--plot", {"sub/x": "x"})
add("leaderboard-plot-missing-folder", ["leaderboard", "--example", "w1", "--plot",
                                        "{tmp}/no/p.png"], "--plot")
