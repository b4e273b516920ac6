"""Real benchmark data shipped with benchgame, its validating loaders, and file writers."""

from games.lazy_exports import lazy_exports

_EXPORTS = {
    "AliasTable": "benchmarks_data.aliases",
    "join_on_canonical": "benchmarks_data.aliases",
    "load_aliases": "benchmarks_data.aliases",
    "atomic_write": "benchmarks_data.atomic",
    "load_helm_classic": "benchmarks_data.benchbench_social",
    "load_mmlu_subjects": "benchmarks_data.benchbench_social",
    "load_openllm_v1": "benchmarks_data.benchbench_social",
    "BENCHMARK_TABLE_COLUMNS": "benchmarks_data.ecosystem",
    "bundled_benchmark_table_path": "benchmarks_data.ecosystem",
    "load_benchmark_table": "benchmarks_data.ecosystem",
    "validate_benchmark_table": "benchmarks_data.ecosystem",
    "ibm_table_names": "benchmarks_data.ibm_benchbench",
    "load_ibm_table": "benchmarks_data.ibm_benchbench",
    "verify_checksums": "benchmarks_data.integrity",
    "ArenaBattles": "benchmarks_data.leaderbot",
    "load_arena_battles": "benchmarks_data.leaderbot",
    "MTBench101": "benchmarks_data.mtbench101",
    "load_mtbench101": "benchmarks_data.mtbench101",
    "mtbench101_market": "benchmarks_data.mtbench101",
    "load_obsscaling": "benchmarks_data.obsscaling",
}

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

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
