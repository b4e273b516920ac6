from .aliases import (
    AliasTable,
    join_on_canonical,
    load_aliases,
)
from .benchbench_social import (
    load_helm_classic,
    load_mmlu_subjects,
    load_openllm_v1,
)
from .ecosystem import (
    BENCHMARK_TABLE_COLUMNS,
    bundled_benchmark_table_path,
    load_benchmark_table,
    validate_benchmark_table,
)
from .ibm_benchbench import (
    ibm_table_names,
    load_ibm_table,
)
from .integrity import verify_checksums
from .leaderbot import (
    ArenaBattles,
    load_arena_battles,
)
from .mtbench101 import (
    MTBench101,
    load_mtbench101,
)
from .obsscaling import load_obsscaling
