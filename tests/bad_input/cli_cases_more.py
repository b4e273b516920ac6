"""Bad inputs for ``ecosystem``, ``market``, ``mpg``, ``signatures``, ``sweep`` and ``verify``
(the same ``Case`` data as :mod:`tests.bad_input.cli_cases`, appended to its list)."""

from __future__ import annotations

from tests.bad_input.cli_cases import BAD_TOML_NUMBERS, add

# ---------------------------------------------------------------- ecosystem simulate
INT_PARAMS = ("steps", "initial_benchmarks", "benchmarks_per_model", "shock_start",
              "shock_duration", "window", "live_window")
FLOAT_PARAMS = ("entry_rate", "release_rate", "alpha", "decay", "a0", "fitness_sigma",
                "penalty", "saturation_rate", "shock_size", "entrant_visibility")
BAD_SET = {"nan": "nan", "inf": "inf", "neginf": "-inf", "word": "a", "empty": "",
           "list": "[1,2]", "neg": "-1", "huge": "1e308"}
for name in INT_PARAMS + FLOAT_PARAMS:
    for vname, v in BAD_SET.items():
        if vname == "huge" and name in ("shock_start", "shock_duration", "decay",
                                        "saturation_rate", "a0", "alpha", "fitness_sigma",
                                        "penalty", "shock_size", "entrant_visibility",
                                        "window", "live_window"):
            continue  # a huge value of these is a valid (if extreme) setting
        if vname == "neg" and name in ("alpha",):
            continue
        add(f"ecosystem-set-{name}-{vname}",
            ["ecosystem", "simulate", "--seeds", "2", "--set", f"{name}={v}"], name)
for name in INT_PARAMS + FLOAT_PARAMS:
    for vname, v in BAD_TOML_NUMBERS.items():
        if vname == "neg" and name in ("alpha",):
            continue
        add(f"ecosystem-config-{name}-{vname}",
            ["ecosystem", "simulate", "--seeds", "2", "--config", "c.toml"], name,
            {"c.toml": f"[params]\n{name} = {v}\n"})
for name in ("entry_rate", "penalty", "steps"):
    for vname, v in {"empty": "[]", "scalar": "1.0", "str-item": '["a"]',
                     "nan-item": "[nan]"}.items():
        add(f"ecosystem-config-sweep-{name}-{vname}",
            ["ecosystem", "simulate", "--seeds", "2", "--config", "c.toml"], name,
            {"c.toml": f"[sweep]\n{name} = {v}\n"})
ECO = {
    "set-no-equals": (["--set", "steps"], "--set"),
    "set-unknown": (["--set", "speed=3"], "speed"),
    "set-steps-1e9": (["--set", "steps=1e9"], "steps"),
    "set-steps-fraction": (["--set", "steps=2.5"], "steps"),
    "set-bool-steps": (["--set", "steps=true"], "steps"),
    "entry-words": (["--entry", "a,b"], "--entry"),
    "entry-empty": (["--entry", ","], "--entry"),
    "entry-nan": (["--entry", "nan"], "entry_rate"),
    "entry-neg": (["--entry", "-1"], "entry_rate"),
    "penalty-inf": (["--penalty", "inf"], "penalty"),
    "shock-no-duration": (["--shock", "0,10"], "shock_duration"),
    "seeds-one": (["--seeds", "1"], "--seeds"),
    "seeds-1e9": (["--seeds", "1000000000"], "--seeds"),
    "seeds-word": (["--seeds", "many"], "--seeds"),
    "seed-neg": (["--seed", "-1"], "--seed"),
    "tail-zero": (["--tail", "0"], "--tail"),
    "tail-over-steps": (["--tail", "500"], "tail"),
    "format-xml": (["--format", "xml"], "--format"),
    "output-folder": (["-o", "{tmp}/sub"], "--output"),
    "output-missing-folder": (["-o", "{tmp}/no/r.json"], "--output"),
    "plot-folder": (["--plot", "{tmp}/sub"], "--plot"),
    "config-missing": (["--config", "none.toml"], "--config"),
    "config-not-toml": (["--config", "bad.toml"], "--config"),
    "config-unknown-table": (["--config", "extra.toml"], "extra"),
    "config-params-not-table": (["--config", "pnt.toml"], "params"),
    "config-file-steps-bool": (["--config", "sb.toml"], "steps"),
    "config-entry-rate-list": (["--config", "er.toml"], "entry_rate"),
    "config-sweep-unknown": (["--config", "su.toml"], "speed"),
    "config-not-utf8": (["--config", "nu.toml"], "--config"),
}
ECO_FILES = {"sub/x": "x", "bad.toml": "[params\n", "extra.toml": "[extra]\nx = 1\n",
             "pnt.toml": "params = 3\n", "sb.toml": "[params]\nsteps = true\n",
             "er.toml": "[params]\nentry_rate = [1, 2]\n", "su.toml": "[sweep]\nspeed = [1]\n",
             "nu.toml": b"[params]\nsteps = \"\xff\"\n"}
for name, (extra, expect) in ECO.items():
    add(f"ecosystem-{name}", ["ecosystem", "simulate", *extra], expect, ECO_FILES)

# ---------------------------------------------------------------- ecosystem metrics
ECO_TABLE = ("name,year,arxiv_id,category,institutions,countries\n"
             "SQuAD,2016,1606.05250,reading comprehension,Stanford University,US\n")
METRICS = {
    "table-missing": (["none.csv"], "none.csv"),
    "table-folder": (["{tmp}/sub"], "sub"),
    "table-empty": (["empty.csv"], "empty.csv"),
    "table-bad-header": (["hdr.csv"], "hdr.csv"),
    "table-not-utf8": (["nu.csv"], "nu.csv"),
    "q-zero": (["--q", "0"], "q"),
    "q-two": (["--q", "2"], "q"),
    "q-nan": (["--q", "nan"], "q"),
    "k-zero": (["--k", "0"], "--k"),
    "authority-unknown": (["--authority", "fame"], "authority"),
    "output-folder": (["-o", "{tmp}/sub"], "--output"),
    "format-xml": (["--format", "xml"], "--format"),
}
METRICS_FILES = {"sub/x": "x", "empty.csv": "", "hdr.csv": "a,b\n1,2\n",
                 "nu.csv": ECO_TABLE.encode() + b"\xff\xfe,2016,x,y,z,US\n"}
for name, (extra, expect) in METRICS.items():
    add(f"ecosystem-metrics-{name}", ["ecosystem", "metrics", *extra], expect, METRICS_FILES)

# ---------------------------------------------------------------- market
MK = "model,t1,t2\nA,0.5,0.7\nB,0.6,0.4\n"
MARKET = {
    "csv-missing": (["none.csv"], "none.csv"),
    "csv-folder": (["{tmp}/sub"], "sub"),
    "csv-empty": (["empty.csv"], "empty.csv"),
    "csv-header-only": (["hdr.csv"], "hdr.csv"),
    "csv-duplicate-models": (["dup.csv"], "dup.csv"),
    "csv-word-score": (["word.csv"], "word.csv"),
    "csv-nan-score": (["nan.csv"], "nan.csv"),
    "csv-over-one": (["big.csv"], "big.csv"),
    "csv-ragged": (["ragged.csv"], "ragged.csv"),
    "csv-huge-cell": (["cell.csv"], "cell.csv"),
    "csv-not-utf8": (["nu.csv"], "nu.csv"),
    "csv-one-model": (["one.csv"], "models"),
    "rule-unknown": (["--rule", "dice"], "rule"),
    "rule-softmax-word": (["--rule", "softmax:hot"], "rule"),
    "rule-softmax-nan": (["--rule", "softmax:nan"], "beta"),
    "rule-softmax-inf": (["--rule", "softmax:inf"], "beta"),
    "rule-epsilon-two": (["--rule", "epsilon:2"], "eps"),
    "rule-empty": (["--rule", ""], "rule"),
    "weights-unknown": (["--weights", "heavy"], "--weights"),
    "weights-counts-csv": (["ok.csv", "--weights", "counts"], "--weights"),
    "scale-zero": (["ok.csv", "--scale", "0"], "scale"),
    "scale-neg": (["ok.csv", "--scale", "-1"], "scale"),
    "scale-nan": (["ok.csv", "--scale", "nan"], "scale"),
    "format-xml": (["--format", "xml"], "--format"),
    "output-folder": (["-o", "{tmp}/sub"], "--output"),
    "plot-folder": (["--plot", "{tmp}/sub"], "--plot"),
}
MARKET_FILES = {
    "sub/x": "x", "ok.csv": MK, "empty.csv": "", "hdr.csv": "model,t1,t2\n",
    "dup.csv": MK + "A,0.1,0.2\n", "same.csv": MK + "C,0.5,0.7\n",
    "word.csv": MK + "C,high,0.2\n", "nan.csv": MK + "C,nan,0.2\n",
    "big.csv": MK + "C,7,0.2\n", "ragged.csv": MK + "C,0.1\n",
    "cell.csv": MK + "C," + "9" * 131072 + ",0.2\n", "nu.csv": MK.encode() + b"\xff,0.1,0.2\n",
    "one.csv": "model,t1\nA,0.5\n",
}
for name, (extra, expect) in MARKET.items():
    add(f"market-{name}", ["market", *extra], expect, MARKET_FILES)

# ---------------------------------------------------------------- mpg
NESTED = '{"name": "root", "children": [' * 100000 + "]}" * 100000
MPG = {
    "tree-missing": (["--tree", "none.json"], "tree file"),
    "tree-folder": (["--tree", "{tmp}/sub"], "tree file"),
    "tree-not-utf8": (["--tree", "nu.json"], "tree"),
    "tree-not-json": (["--tree", "bad.json"], "tree"),
    "tree-nested": (["--tree", "deep.json"], "tree"),
    "tree-list": (["--tree", "list.json"], "tree"),
    "tree-unknown-leaf": (["--tree", "leaf.json"], "tree"),
    "tree-empty": (["--tree", "empty.json"], "tree"),
    "draws-2e9": (["--draws", "2000000000"], "draws"),
    "draws-float": (["--draws", "2e9"], "--draws"),
    "draws-small": (["--draws", "50"], "--draws"),
    "n-boot-1e9": (["--n-boot", "1000000000"], "--n-boot"),
    "n-boot-small": (["--n-boot", "1"], "--n-boot"),
    "seed-neg": (["--seed", "-1"], "--seed"),
    "arena-unknown": (["--arena", "elo"], "--arena"),
    "ties-unknown": (["--ties", "coin"], "--ties"),
    "missing-unknown": (["--missing", "drop"], "--missing"),
    "format-xml": (["--format", "xml"], "--format"),
    "output-folder": (["-o", "{tmp}/sub"], "--output"),
    "output-missing-folder": (["-o", "{tmp}/no/r.json"], "--output"),
    "plot-folder": (["--plot", "{tmp}/sub"], "--plot"),
}
MPG_FILES = {"sub/x": "x", "nu.json": b'{"name": "\xff"}', "bad.json": "{name: ",
             "deep.json": NESTED, "list.json": "[1, 2]", "empty.json": "",
             "leaf.json": '{"name": "root", "children": [{"name": "NoSuchBenchmark"}]}'}
for name, (extra, expect) in MPG.items():
    add(f"mpg-{name}", ["mpg", *extra], expect, MPG_FILES)

# ---------------------------------------------------------------- signatures
SIG = {
    "target-unknown": (["--target", "IQ"], "--target"),
    "target-arena-openllm": (["--table", "openllm", "--target", "arena"], "--target"),
    "target-empty": (["--target", ""], "--target"),
    "table-unknown": (["--table", "mmlu"], "--table"),
    "method-unknown": (["--method", "ridge"], "--method"),
    "criterion-unknown": (["--criterion", "bic"], "--criterion"),
    "alpha-neg": (["--method", "lasso", "--alpha", "-1"], "--alpha"),
    "alpha-nan": (["--method", "lasso", "--alpha", "nan"], "alpha"),
    "alpha-inf": (["--method", "lasso", "--alpha", "inf"], "alpha"),
    "format-xml": (["--format", "xml"], "--format"),
    "output-folder": (["-o", "{tmp}/sub"], "--output"),
    "output-missing-folder": (["-o", "{tmp}/no/r.json"], "--output"),
}
for name, (extra, expect) in SIG.items():
    add(f"signatures-{name}", ["signatures", *extra], expect, {"sub/x": "x"})

# ---------------------------------------------------------------- users' own files
# market --weights FILE / --candidates FILE; mpg and signatures --scores FILE --battles FILE
USER_FILES = {
    "sub/x": "x", "ok.csv": MK, "empty.csv": "", "nu.csv": b"task,weight\nt1,\xff\n",
    "w-other.csv": "task,weight\nt1,1\nt9,1\n", "w-neg.csv": "task,weight\nt1,-1\nt2,1\n",
    "w-nan.csv": "task,weight\nt1,nan\nt2,1\n", "w-word.csv": "task,weight\nt1,a\nt2,1\n",
    "w-repeat.csv": "task,weight\nt1,1\nt1,1\n", "w-zero.csv": "task,weight\nt1,0\nt2,0\n",
    "c-word.csv": "model,t1,t2\nN,high,0.2\n", "c-over.csv": "model,t1,t2\nN,7,0.2\n",
    "c-tasks.csv": "model,t1,t9\nN,0.1,0.2\n", "c-hdr.csv": "model,t1,t2\n",
    "s-word.csv": "model,MMLU,GSM8K\nA,high,0.2\nB,0.3,0.4\n",
    "s-hdr.csv": "model,MMLU\n", "s-dup.csv": "model,MMLU\nA,0.1\nA,0.2\n",
    "b-bad.json": "{models: ", "b-list.json": "[1, 2]", "b-keys.json": '{"models": ["A"]}',
}
USER = {
    "market-weights-missing": (["market", "ok.csv", "--weights", "none.csv"], "--weights"),
    "market-weights-folder": (["market", "ok.csv", "--weights", "{tmp}/sub"], "--weights"),
    "market-weights-empty": (["market", "ok.csv", "--weights", "empty.csv"], "empty.csv"),
    "market-weights-not-utf8": (["market", "ok.csv", "--weights", "nu.csv"], "nu.csv"),
    "market-weights-other-tasks": (["market", "ok.csv", "--weights", "w-other.csv"], "t9"),
    "market-weights-negative": (["market", "ok.csv", "--weights", "w-neg.csv"], "w-neg.csv"),
    "market-weights-nan": (["market", "ok.csv", "--weights", "w-nan.csv"], "w-nan.csv"),
    "market-weights-word": (["market", "ok.csv", "--weights", "w-word.csv"], "w-word.csv"),
    "market-weights-repeated": (["market", "ok.csv", "--weights", "w-repeat.csv"],
                                "w-repeat.csv"),
    "market-weights-all-zero": (["market", "ok.csv", "--weights", "w-zero.csv"], "weight"),
    "market-candidates-missing": (["market", "ok.csv", "--candidates", "none.csv"],
                                  "--candidates"),
    "market-candidates-word": (["market", "ok.csv", "--candidates", "c-word.csv"], "c-word.csv"),
    "market-candidates-over-one": (["market", "ok.csv", "--candidates", "c-over.csv"],
                                   "c-over.csv"),
    "market-candidates-other-tasks": (["market", "ok.csv", "--candidates", "c-tasks.csv"],
                                      "t9"),
    "market-candidates-header-only": (["market", "ok.csv", "--candidates", "c-hdr.csv"],
                                      "c-hdr.csv"),
    "mpg-scores-missing": (["mpg", "--scores", "none.csv", "--battles", "b-bad.json"],
                           "--scores"),
    "mpg-scores-word": (["mpg", "--scores", "s-word.csv", "--battles", "b-bad.json"],
                        "s-word.csv"),
    "mpg-battles-not-json": (["mpg", "--scores", "s-hdr.csv", "--battles", "b-bad.json"],
                             "s-hdr.csv"),
    "mpg-battles-missing": (["mpg", "--scores", "s-word.csv", "--battles", "none.json"],
                            "--battles"),
    "signatures-scores-missing": (["signatures", "--scores", "none.csv", "--target", "MMLU"],
                                  "--scores"),
    "signatures-scores-word": (["signatures", "--scores", "s-word.csv", "--target", "MMLU"],
                               "s-word.csv"),
    "signatures-scores-repeated-model": (["signatures", "--scores", "s-dup.csv", "--target",
                                          "MMLU"], "s-dup.csv"),
    "signatures-scores-folder": (["signatures", "--scores", "{tmp}/sub", "--target", "MMLU"],
                                 "--scores"),
    "signatures-battles-list": (["signatures", "--scores", "s-word.csv", "--battles",
                                 "b-list.json"], "s-word.csv"),
}
for name, (argv, expect) in USER.items():
    add(f"user-file-{name}", argv, expect, USER_FILES)

# ---------------------------------------------------------------- sweep
SW = 'analysis = "leaderboard"\noutput = "out.parquet"\nseeds = 2\n'
SWEEP_SPECS = {
    "not-toml": ("analysis = \n", "SPEC"),
    "not-utf8": (b'analysis = "\xff"\n', "SPEC"),
    "unknown-key": (SW + "speed = 3\n[parameters]\ndelta = [0.0]\n", "speed"),
    "analysis-missing": ('output = "o.parquet"\n', "analysis"),
    "analysis-unknown": ('analysis = "astrology"\noutput = "o.parquet"\n', "astrology"),
    "analysis-number": ('analysis = 3\noutput = "o.parquet"\n', "analysis"),
    "output-missing": ('analysis = "leaderboard"\n', "output"),
    "output-empty": ('analysis = "leaderboard"\noutput = ""\n', "output"),
    "seeds-zero": (SW.replace("seeds = 2", "seeds = 0") + "[parameters]\ndelta = [0.0]\n",
                   "seeds"),
    "seeds-1e9": (SW.replace("seeds = 2", "seeds = 1000000000")
                  + "[parameters]\ndelta = [0.0]\n", "seeds"),
    "seeds-repeat": (SW.replace("seeds = 2", "seeds = [1, 1]") + "[parameters]\ndelta = [0.0]\n",
                     "seeds"),
    "seeds-neg": (SW.replace("seeds = 2", "seeds = [-1]") + "[parameters]\ndelta = [0.0]\n",
                  "seeds"),
    "seeds-float": (SW.replace("seeds = 2", "seeds = 2.5") + "[parameters]\ndelta = [0.0]\n",
                    "seeds"),
    "seeds-str": (SW.replace("seeds = 2", 'seeds = "2"') + "[parameters]\ndelta = [0.0]\n",
                  "seeds"),
    "params-empty": (SW + "[parameters]\n", "parameters"),
    "params-unknown": (SW + "[parameters]\nspeed = [1]\n", "speed"),
    "params-empty-list": (SW + "[parameters]\ndelta = []\n", "parameters.delta"),
    "params-word": (SW + '[parameters]\ndelta = ["a"]\n', "delta"),
    "params-nan": (SW + "[parameters]\ndelta = [nan]\n", "delta"),
    "params-neg-delta": (SW + "[parameters]\ndelta = [-1.0]\n", "delta"),
    "params-not-table": (SW + "parameters = 3\n", "parameters"),
    "cells-1e9": (SW + "[parameters]\ndelta = [" + ", ".join(str(float(k)) for k in range(1000))
                  + "]\nkappa = [" + ", ".join(f"{1 + k}e-4" for k in range(1000)) + "]\n",
                  "cells"),
    "samples-1e12": (SW + 'design = "random"\nsamples = 1000000000000\n'
                     "[parameters]\ndelta = { low = 0.0, high = 10.0 }\n", "samples"),
    "samples-missing": (SW + 'design = "random"\n[parameters]\ndelta = { low = 0.0, high = 1.0 }\n',
                        "samples"),
    "samples-on-grid": (SW + "samples = 3\n[parameters]\ndelta = [0.0]\n", "samples"),
    "design-unknown": (SW + 'design = "latin"\n[parameters]\ndelta = [0.0]\n', "design"),
    "random-low-high": (SW + 'design = "random"\nsamples = 3\n'
                        "[parameters]\ndelta = { low = 5.0, high = 1.0 }\n", "delta"),
    "batch-zero": (SW + "batch_size = 0\n[parameters]\ndelta = [0.0]\n", "batch_size"),
    "imports-without-consent": (SW + 'imports = ["os"]\n[parameters]\ndelta = [0.0]\n',
                                "imports"),
    "imports-raising": (SW + 'imports = ["tests.bad_input.raising_module"]\n'
                        "[parameters]\ndelta = [0.0]\n", "raising_module"),
    "imports-exiting": (SW + 'imports = ["tests.bad_input.exiting_module"]\n'
                        "[parameters]\ndelta = [0.0]\n", "exiting_module"),
    "cases-both": (SW + "[parameters]\ndelta = [0.0]\n[[cases]]\ndelta = 1.0\n", "delta"),
    "designer-wrong-analysis": ('analysis = "ecosystem"\noutput = "o.parquet"\n'
                                "[parameters]\nentry_rate = [1.0]\n[designer]\ncost = \"delta\"\n",
                                "designer"),
    "designer-fraction": (SW + "[parameters]\ndelta = [0.0]\n[designer]\nrequired_fraction = 2\n",
                          "designer.required_fraction"),
}
for name, (text, expect) in SWEEP_SPECS.items():
    consent = ["--allow-imports"] if name in ("imports-raising", "imports-exiting") else []
    add(f"sweep-spec-{name}", ["sweep", "s.toml", "--workers", "1", *consent], expect,
        {"s.toml": text})
GOOD_SPEC = SW + "[parameters]\ndelta = [0.0]\n"
SWEEP_OPTS = {
    "spec-missing": (["none.toml"], "SPEC"),
    "spec-folder": (["{tmp}/sub"], "SPEC"),
    "none": ([], "SPEC"),
    "both": (["s.toml", "--example", "leaderboard"], "SPEC"),
    "example-unknown": (["--example", "poker"], "--example"),
    "workers-zero": (["s.toml", "--workers", "0"], "--workers"),
    "scheduler-not-url": (["s.toml", "--scheduler", "not a url"], "--scheduler"),
    "scheduler-bad-port": (["s.toml", "--scheduler", "tcp://127.0.0.1:99999"], "--scheduler"),
    "format-csv": (["s.toml", "--format", "csv"], "--format"),
    "plot-folder": (["s.toml", "--workers", "1", "--plot", "{tmp}/sub", "--x", "delta",
                     "--outcome", "works"], "--plot"),
    "plot-no-x": (["s.toml", "--workers", "1", "--plot", "p.png"], "--x"),
    "plot-unknown-x": (["s.toml", "--workers", "1", "--plot", "p.png", "--x", "speed",
                        "--outcome", "works"], "--x"),
    "plot-unknown-outcome": (["s.toml", "--workers", "1", "--plot", "p.png", "--x", "delta",
                              "--outcome", "luck"], "--outcome"),
    "x-without-plot": (["s.toml", "--workers", "1", "--x", "delta"], "--plot"),
    "output-folder": (["s.toml", "--workers", "1", "-o", "{tmp}/sub"], "output"),
    "output-missing-folder": (["s.toml", "--workers", "1", "-o", "{tmp}/no/o.parquet"],
                              "output"),
}
for name, (extra, expect) in SWEEP_OPTS.items():
    add(f"sweep-{name}", ["sweep", *extra], expect, {"s.toml": GOOD_SPEC, "sub/x": "x"})

# ---------------------------------------------------------------- verify
VERIFY = {
    "claim-unknown": (["--claim", "no.such.claim"], "claim"),
    "claim-prefix-unknown": (["--claim", "nosuch."], "claim"),
    "examples-neg": (["--examples", "-1"], "--examples"),
    "examples-huge": (["--claim", "general.", "--examples", "1000000000000"], "--examples"),
    "seed-neg": (["--seed", "-1"], "--seed"),
    "format-csv": (["--format", "csv"], "--format"),
    "output-folder": (["-o", "{tmp}/sub"], "--output"),
    "output-missing-folder": (["-o", "{tmp}/no/r.json"], "--output"),
    "jobs-zero": (["--jobs", "0"], "--jobs"),
    "jobs-neg": (["--jobs", "-2"], "--jobs"),
    "jobs-fraction": (["--jobs", "1.5"], "--jobs"),
    "jobs-word": (["-j", "two"], "--jobs"),
    "jobs-huge": (["--jobs", "1000000"], "--jobs"),
    "jobs-int64-wrap": (["--jobs", "18446744073709551618"], "--jobs"),
}
for name, (extra, expect) in VERIFY.items():
    add(f"verify-{name}", ["verify", *extra], expect, {"sub/x": "x"})
