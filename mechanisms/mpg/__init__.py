"""MPG (Spangher et al., arXiv:2410.22368) as a reconstruction of the paper's method.

Goodness is a Beta-posterior tree aggregation with Monte Carlo intervals and subdomain scores;
Fastness is kept separate.
"""

from benchgame.mechanisms.mpg.fastness import cost_per_thousand, queries_per_second
from benchgame.mechanisms.mpg.goodness import MPGResult, leaf_posteriors, mpg_goodness
from benchgame.mechanisms.mpg.tree import TaxonomyNode, bundled_tree_path, load_tree, tree_from_dict

__all__ = [
    "MPGResult",
    "TaxonomyNode",
    "bundled_tree_path",
    "cost_per_thousand",
    "leaf_posteriors",
    "load_tree",
    "mpg_goodness",
    "queries_per_second",
    "tree_from_dict",
]
