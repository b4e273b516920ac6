"""Real benchmark data shipped with benchgame, its validating loaders, and file writers."""

from benchmarks_data.aliases import AliasTable, join_on_canonical, load_aliases
from benchmarks_data.atomic import atomic_write
from benchmarks_data.benchbench_social import (
    load_helm_classic,
    load_mmlu_subjects,
    load_openllm_v1,
)
from benchmarks_data.ecosystem import (
    BENCHMARK_TABLE_COLUMNS,
    bundled_benchmark_table_path,
    load_benchmark_table,
    validate_benchmark_table,
)
from benchmarks_data.ibm_benchbench import ibm_table_names, load_ibm_table
from benchmarks_data.integrity import verify_checksums
from benchmarks_data.leaderbot import ArenaBattles, load_arena_battles
from benchmarks_data.mtbench101 import MTBench101, load_mtbench101, mtbench101_market
from benchmarks_data.obsscaling import load_obsscaling

__all__ = [
    "AliasTable",
    "ArenaBattles",
    "MTBench101",
    "BENCHMARK_TABLE_COLUMNS",
    "atomic_write",
    "bundled_benchmark_table_path",
    "ibm_table_names",
    "join_on_canonical",
    "load_aliases",
    "load_arena_battles",
    "load_benchmark_table",
    "load_helm_classic",
    "load_ibm_table",
    "load_mmlu_subjects",
    "load_mtbench101",
    "load_obsscaling",
    "load_openllm_v1",
    "mtbench101_market",
    "validate_benchmark_table",
    "verify_checksums",
]
