"""The MPG taxonomy tree as a data file: root -> subdomains -> ... -> leaves (benchmarks).

The paper (Spangher et al., arXiv:2410.22368) groups benchmarks into categories and aggregates
them "with statistical methods"; the tree, its weights and the item counts are not published, so
the tree here is a reconstruction of the paper's taxonomy. The bundled tree
``mechanisms/mpg/trees/obsscaling.json`` is the reconstruction's default over the seven
ObsScaling benchmarks.

File format (JSON): a node is ``{"name": str, "children": [node, ...], "weight": float?}``; a
leaf is ``{"name": str, "column": str?, "n_items": int, "weight": float?}`` (``column``, the
score-table column, defaults to ``name``; ``n_items`` is the number of items n_l behind the
score). Weights are relative among siblings and are normalized to sum to one; omitted weights
are equal (the default of the reconstruction: every child counts the same, however many
benchmarks it holds).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchgame.core.validation import InputError

__all__ = ["TaxonomyNode", "bundled_tree_path", "load_tree", "tree_from_dict"]


@dataclass(frozen=True)
class TaxonomyNode:
    """A node of the taxonomy; leaves have no children and carry ``column`` and ``n_items``.

    Parameters
    ----------
    name : str
        Node name (a subdomain, or a benchmark for a leaf).
    weight : float, default 1.0
        Weight relative to the siblings (normalized among them).
    children : tuple of TaxonomyNode, default ()
        Child nodes; empty for a leaf.
    column : str, optional
        Leaf only: the score-table column of the benchmark.
    n_items : int, optional
        Leaf only: the number of items ``n_l`` behind the score.
    description : str, default ""
        Free text.

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: rankings overall and by
    subdomain. The tree, its weights and item counts are a reconstruction of the paper's
    taxonomy, which is not published.

    Examples
    --------
    >>> a = TaxonomyNode("a", column="a", n_items=100)
    >>> b = TaxonomyNode("b", column="b", n_items=50)
    >>> root = TaxonomyNode("root", children=(TaxonomyNode("A", children=(a, b)),
    ...                                       TaxonomyNode("c", column="c", n_items=10)))
    >>> [leaf.name for leaf in root.leaves()], root.leaf_weights().tolist()
    (['a', 'b', 'c'], [0.25, 0.25, 0.5])
    """

    name: str
    weight: float = 1.0
    children: tuple[TaxonomyNode, ...] = ()
    column: str | None = None
    n_items: int | None = None
    description: str = ""

    @property
    def is_leaf(self) -> bool:
        """Whether the node has no children."""
        return not self.children

    def leaves(self) -> tuple[TaxonomyNode, ...]:
        """Leaves in depth-first order."""
        if self.is_leaf:
            return (self,)
        return tuple(leaf for c in self.children for leaf in c.leaves())

    def leaf_weights(self, mask: np.ndarray | None = None) -> np.ndarray:
        """Effective leaf weights: products of normalized sibling weights along each path.

        ``mask`` (models x leaves, bool) marks available leaves; weights are renormalized among
        the available children at every node (a node with no available leaf gets weight 0).
        Returns an array (leaves,) without a mask, else (models, leaves); rows of models with no
        available leaf are all zero.
        """
        leaves = self.leaves()
        if mask is None:
            mask = np.ones((1, len(leaves)), dtype=bool)
            squeeze = True
        else:
            squeeze = False
        out, _ = self._weights(np.asarray(mask, dtype=bool), 0)
        return out[0] if squeeze else out

    def _weights(self, mask: np.ndarray, start: int) -> tuple[np.ndarray, int]:
        if self.is_leaf:
            return mask[:, start:start + 1].astype(float), start + 1
        blocks, avail = [], []
        pos = start
        for c in self.children:
            w, pos = c._weights(mask, pos)
            blocks.append(w)
            avail.append(w.sum(axis=1) > 0)
        A = np.stack(avail, axis=1) * np.array([c.weight for c in self.children])
        tot = A.sum(axis=1, keepdims=True)
        share = np.divide(A, tot, out=np.zeros_like(A), where=tot > 0)
        return np.concatenate([b * share[:, [k]] for k, b in enumerate(blocks)], axis=1), pos

    def to_dict(self) -> dict:
        """Dictionary form, as read by :func:`tree_from_dict`."""
        d: dict = {"name": self.name, "weight": self.weight}
        if self.is_leaf:
            d.update(column=self.column, n_items=self.n_items)
        else:
            d["children"] = [c.to_dict() for c in self.children]
        return d


def _node(d: object, path: str) -> TaxonomyNode:
    if not isinstance(d, dict) or "name" not in d or not str(d["name"]).strip():
        raise InputError(f"tree node {path}", "is not an object with a non-empty 'name'",
                         "write nodes as {\"name\": ..., \"children\": [...]}")
    name = str(d["name"])
    where = f"tree node {path}/{name}"
    w = d.get("weight", 1.0)
    if isinstance(w, bool) or not isinstance(w, (int, float)) or not np.isfinite(w) or w < 0:
        raise InputError(f"{where}: weight", f"is {w!r}", "give a finite weight >= 0")
    children = d.get("children")
    if children is not None:
        if not isinstance(children, list) or not children:
            raise InputError(f"{where}: children", "is not a non-empty list",
                             "give at least one child or make the node a leaf with n_items")
        kids = tuple(_node(c, f"{path}/{name}") for c in children)
        if sum(k.weight for k in kids) <= 0:
            raise InputError(f"{where}: children", "have weights summing to 0",
                             "give at least one positive weight")
        return TaxonomyNode(name, float(w), kids, description=str(d.get("description", "")))
    n = d.get("n_items")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InputError(f"{where}: n_items", f"is {n!r}",
                         "give the number of items behind the leaf's score (integer >= 1)")
    return TaxonomyNode(name, float(w), (), str(d.get("column", name)), n)


def tree_from_dict(d: dict) -> TaxonomyNode:
    """Build and validate a tree from its dictionary form.

    The format is described in the module docstring.

    Parameters
    ----------
    d : dict
        The root node: ``{"name": ..., "children": [...]}``; leaves carry ``n_items``.

    Returns
    -------
    TaxonomyNode
        The root of the validated tree.

    Raises
    ------
    InputError
        If a node has no name, a weight is negative or not finite, a children list is empty or
        weighs 0, a leaf lacks a positive ``n_items``, the root is a leaf, or two leaves share a
        column. The message names the node by its path.

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: rankings overall and by
    subdomain. The tree, its weights and item counts are a reconstruction of the paper's
    taxonomy, which is not published.

    Examples
    --------
    >>> t = tree_from_dict({"name": "root", "children": [
    ...     {"name": "A", "weight": 3, "children": [{"name": "a1", "n_items": 100},
    ...                                             {"name": "a2", "n_items": 100}]},
    ...     {"name": "b1", "n_items": 100}]})
    >>> t.leaf_weights().tolist()
    [0.375, 0.375, 0.25]
    >>> tree_from_dict({"name": "root", "children": [{"name": "a", "n_items": 0}]})
    Traceback (most recent call last):
    ...
    benchgame.core.validation.InputError: tree node /root/a: n_items: is 0; ...
    """
    root = _node(d, "")
    if root.is_leaf:
        raise InputError("tree", "the root is a leaf", "give the root children (subdomains)")
    cols = [leaf.column for leaf in root.leaves()]
    dup = sorted({c for c in cols if cols.count(c) > 1})
    if dup:
        raise InputError("tree", f"leaf columns {dup} appear more than once",
                         "each benchmark column is one leaf")
    return root


def bundled_tree_path(name: str = "obsscaling") -> Path:
    """Path of a bundled tree file, ``mechanisms/mpg/trees/<name>.json``.

    Parameters
    ----------
    name : str, default "obsscaling"
        Name of the bundled tree.

    Returns
    -------
    pathlib.Path
        The file's path (not checked for existence).

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: rankings overall and by
    subdomain. The tree, its weights and item counts are a reconstruction of the paper's
    taxonomy, which is not published.

    Examples
    --------
    >>> bundled_tree_path().name
    'obsscaling.json'
    """
    return Path(__file__).resolve().parent / "trees" / f"{name}.json"


def load_tree(path: str | os.PathLike[str] | None = None) -> TaxonomyNode:
    """Read a taxonomy tree from a JSON file (default: the bundled ObsScaling tree).

    Parameters
    ----------
    path : path-like, optional
        JSON tree file (format in the module docstring). Default:
        :func:`bundled_tree_path`.

    Returns
    -------
    TaxonomyNode
        The root of the validated tree.

    Raises
    ------
    InputError
        If the file does not exist, is not valid JSON, or the tree is invalid (see
        :func:`tree_from_dict`).

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: rankings overall and by
    subdomain. The tree, its weights and item counts are a reconstruction of the paper's
    taxonomy, which is not published.

    Examples
    --------
    The bundled tree: three subdomains over the seven ObsScaling benchmarks, equal weights per
    child at every level:

    >>> t = load_tree()
    >>> [c.name for c in t.children]
    ['factual recall', 'problem solving', 'language understanding']
    >>> [leaf.name for leaf in t.leaves()]
    ['MMLU', 'TruthfulQA', 'ARC-C', 'GSM8K', 'HumanEval', 'HellaSwag', 'Winogrande']
    >>> t.leaf_weights().round(4).tolist()
    [0.1667, 0.1667, 0.1111, 0.1111, 0.1111, 0.1667, 0.1667]
    """
    p = bundled_tree_path() if path is None else Path(path)
    if not p.is_file():
        raise InputError(f"tree file {p.name!r}", "does not exist or is not a file",
                         "give an existing tree JSON file")
    try:
        d = json.loads(p.read_text("utf-8"))
        return tree_from_dict(d)
    except UnicodeDecodeError as exc:
        raise InputError(f"tree file {p.name!r}", f"is not UTF-8 text (byte {exc.start})",
                         "save it as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"tree file {p.name!r}", f"is not valid JSON ({exc})",
                         "fix the JSON syntax") from None
    except RecursionError:
        raise InputError(f"tree file {p.name!r}", "nests too deeply to read",
                         "give a taxonomy a few levels deep") from None
