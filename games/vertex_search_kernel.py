"""Vertices of a simple best-response polytope by reverse search (compiled kernel).

The polytope ``{z in R^d : z >= 0, M^T z <= 1}`` (``M`` positive, ``d x e``) has the origin as a
vertex, with the basis of all ``e`` slacks. Every vertex is a basis, named by its nonbasic
variables (its labels: ``k < d`` for ``z_k = 0``, ``d + j`` for a tight constraint ``j``), and
packed into a 64-bit mask. When the polytope is simple (no vertex has more than ``d`` labels,
which holds exactly when the game is nondegenerate), each vertex has ``d`` neighbours, one per
entering nonbasic variable, the leaving one given by the minimum-ratio test.

Reverse search (Avis and Fukuda 1992) visits every vertex once without remembering any: the
objective ``max -sum_k w_k z_k`` (distinct weights ``w_k`` in ``[1, 2)``) has the origin as its
unique optimum, and the simplex method with Bland's rule (enter the improving variable of
smallest label) defines a parent for every other vertex, hence a spanning tree rooted at the
origin. The search walks this tree depth first: from a vertex it pivots to a neighbour exactly
when Bland's rule at the neighbour would pivot back (checked from the current dictionary and
objective row in ``O(d)``, without pivoting). Each level of the path keeps its dictionary (the
child's is the parent's pivoted out of place), so returning costs nothing and rounding does not
accumulate beyond the path's length. Work per vertex is ``O(d e)``, memory is the path.

The search stops with a status instead of guessing when its assumptions fail: a basic variable
at most ``tol`` (a vertex with more than ``d`` labels up to the tolerance, i.e. a degenerate or
nearly degenerate polytope), no leaving row (not a simple vertex), more than ``limit`` vertices,
or a reduced cost within ``obj_tol`` of zero (the objective nearly parallel to an edge, so the
parent is not decided).

References
----------
Avis, D. and Fukuda, K. (1992). A pivoting algorithm for convex hulls and vertex enumeration of
arrangements and polyhedra. *Discrete and Computational Geometry* 8(3), 295-313.

von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.
"""

from __future__ import annotations

import numpy as np

__all__ = ["SEARCH_STATUS", "vertex_search"]

SEARCH_STATUS = ("complete", "degenerate", "limit", "tie")
"""Meaning of the status returned by :func:`vertex_search`, by index."""

def vertex_search(M, tol, limit, obj_tol):
    """Label masks of the nonzero vertices of ``{z >= 0, M^T z <= 1}`` and a status.

    Parameters
    ----------
    M : ndarray (d, e), float
        Positive constraint matrix, ``d + e <= 64``.
    tol : float
        A basic variable at most ``tol`` stops the search (status 1, degenerate).
    limit : int
        Largest number of vertices to visit (status 2 when exceeded).
    obj_tol : float
        A reduced cost at most this in magnitude stops the search (status 3, tie).

    Returns
    -------
    tuple
        ``(masks, status)``: one uint64 label mask per nonzero vertex (bit ``k`` set for label
        ``k``) in visiting order, and an index into :data:`SEARCH_STATUS`.

    Examples
    --------
    The unit square (run in pure Python here): three nonzero vertices, labels
    ``{z_1 = 1, z_2 = 0}``, ``{z_1 = 1, z_2 = 1}`` and ``{z_1 = 0, z_2 = 1}``:

    >>> masks, status = vertex_search(np.eye(2), 1e-9, 100, 1e-12)
    >>> [format(int(k), "04b")[::-1] for k in masks], SEARCH_STATUS[status]
    (['0110', '1001', '0011'], 'complete')
    """
    d, e = M.shape
    cap = 64  # depth of the path; each level keeps its own dictionary (no pivoting back)
    Ds = np.empty((cap, d, e))  # transposed dictionaries: Ds[level, j, i] = D[i, j]
    rhss = np.empty((cap, e))
    objs = np.empty((cap, d))
    bases = np.empty((cap, e), np.int64)
    nonbs = np.empty((cap, d), np.int64)
    st_next = np.zeros(cap, np.int64)  # next column to try at each depth
    Ds[0] = M
    rhss[0] = 1.0
    for i in range(e):
        bases[0, i] = d + i
    for j in range(d):
        nonbs[0, j] = j
        # objective: maximise f = -sum_k w_k z_k (the origin is the unique optimum); its row
        # holds f's coefficients like a dictionary row: f = f0 - sum_j obj[j] nonbasic_j
        objs[0, j] = 1.0 + ((j + 1) * 0.6180339887498949) % 1.0
    one = np.uint64(1)
    keys = np.zeros(cap, np.uint64)
    for k in range(d):
        keys[0] |= one << np.uint64(k)
    prow = np.empty(d)
    count = 1
    out = np.empty(1024, np.uint64)
    nout = 0
    depth = 0
    status = 0
    while True:
        c = st_next[depth]
        if c == d:  # exhausted: back to the parent, whose dictionary is intact
            if depth == 0:
                break
            depth -= 1
            continue
        st_next[depth] = c + 1
        D = Ds[depth]
        rhs = rhss[depth]
        obj = objs[depth]
        basis = bases[depth]
        nonbasic = nonbs[depth]
        oc = obj[c]
        if oc <= 0.0:  # entering c improves f: the neighbour is no child
            continue
        r = -1
        num = 1.0  # minimum ratio num / den, compared by cross-multiplying (all positive)
        den = 0.0
        col = D[c]
        for i in range(e):
            a = col[i]
            if a > 0.0 and rhs[i] * den < num * a:
                num = rhs[i]
                den = a
                r = i
        if r < 0:
            status = 1
            break
        # a second basic variable reaching zero on this edge means a neighbour with more than d
        # labels; checking every edge scanned finds one whenever the polytope is degenerate
        # (the best degenerate vertex missed would be a worse neighbour of a vertex visited)
        step = num / den
        for i in range(e):
            a = col[i]
            if i != r and a > 0.0 and rhs[i] - a * step <= tol:
                status = 1
        if status:
            break
        # the neighbour is a child iff Bland's rule there (the smallest label among the
        # improving nonbasic variables) enters the variable that leaves now, which improves
        # (its reduced cost there is -oc / D[r, c] < 0): no smaller label may improve
        inv = 1.0 / col[r]
        lab = basis[r]
        child = True
        for j in range(d):
            if j == c or nonbasic[j] > lab:
                continue
            v = obj[j] - oc * D[j, r] * inv
            if v < -obj_tol:
                child = False
                break
            if v <= obj_tol:
                status = 3
                break
        if status:
            break
        if not child:
            continue
        count += 1
        if count > limit:
            status = 2
            break
        if depth + 1 == cap:
            cap *= 2
            Ds = np.concatenate((Ds, np.empty_like(Ds)))
            rhss = np.concatenate((rhss, np.empty_like(rhss)))
            objs = np.concatenate((objs, np.empty_like(objs)))
            bases = np.concatenate((bases, np.empty_like(bases)))
            nonbs = np.concatenate((nonbs, np.empty_like(nonbs)))
            st_next = np.concatenate((st_next, np.zeros_like(st_next)))
            keys = np.concatenate((keys, np.zeros_like(keys)))
            D = Ds[depth]
            rhs = rhss[depth]
            obj = objs[depth]
            basis = bases[depth]
            nonbasic = nonbs[depth]
        # the child's dictionary: the parent's pivoted on D[r, c], written one level down
        D2 = Ds[depth + 1]
        rhs2 = rhss[depth + 1]
        obj2 = objs[depth + 1]
        # prow: row r of the parent divided by the pivot (the child's row r)
        for j in range(d):
            prow[j] = D[j, r] * inv
        prow[c] = inv
        rr = rhs[r] * inv
        if rr <= tol:
            status = 1
        for i in range(e):
            rhs2[i] = rhs[i] - col[i] * rr
            if rhs2[i] <= tol and i != r:
                status = 1
        rhs2[r] = rr
        for j in range(d):
            D2j = D2[j]
            Dj = D[j]
            pj = prow[j]
            if j == c:
                for i in range(e):
                    D2j[i] = -col[i] * inv
            else:
                for i in range(e):
                    D2j[i] = Dj[i] - pj * col[i]
            D2j[r] = pj
        for j in range(d):
            obj2[j] = obj[j] - oc * prow[j]
        obj2[c] = -oc * inv
        if status:
            break
        bases[depth + 1] = basis
        nonbs[depth + 1] = nonbasic
        bases[depth + 1, r] = nonbasic[c]
        nonbs[depth + 1, c] = lab
        key = keys[depth] ^ (one << np.uint64(lab)) ^ (one << np.uint64(nonbasic[c]))
        depth += 1
        keys[depth] = key
        st_next[depth] = 0
        if nout == out.size:
            out = np.concatenate((out, np.empty(out.size, np.uint64)))
        out[nout] = key
        nout += 1
    return out[:nout].copy(), status
