"""Completely labelled vertex pairs by a depth-first search over labels (compiled kernel).

The search of :mod:`benchgame.games.label_search` (EEE, Audet, Hansen, Jaumard and Savard 2001,
as modified by Avis, Rosenberg, Savani and von Stengel 2010). Both best-response polytopes
``P = {x >= 0, MP^T x <= 1}`` (``m x n``) and ``Q = {y >= 0, MQ^T y <= 1}`` are kept as
simplex dictionaries laid out as in :mod:`benchgame.games.vertex_search_kernel`.
A variable is a label: in the common numbering, label ``i < m`` is ``x_i = 0`` in ``P`` and
``(A y)_i = 1`` (slack of row ``i``) in ``Q``; label ``m + j`` is ``(B^T x)_j = 1`` in ``P`` and
``y_j = 0`` in ``Q``. A node assigns some labels to ``P`` (the variable is forced to zero there)
and others to ``Q``; its face pair is the two faces with the forced variables at zero.

Forcing a label is a small linear program solved from the current vertex of the face: minimise
the variable by the simplex method (Dantzig's rule), entering only variables not forced. Its
minimum is zero (the label is feasible, the variable leaves the basis) or positive (the face has
no point with this label). At each node every unassigned label is tested on both sides (a label
of a vertex already met in the face, a witness, needs no program): a label feasible on one side
only is assigned there at once, one feasible on neither prunes the node. Otherwise the search
branches on the label the current vertex pair violates most, first in ``P``, then in ``Q``.
Each depth keeps its own dictionaries and witnesses, so returning costs nothing.

A leaf assigns every label: with at most ``m`` labels in ``P`` and ``n`` in ``Q`` (the forced
variables are nonbasic), both faces are single points, a completely labelled vertex pair. A
forced variable that is basic at zero up to ``tol`` (more labels than the dimension, i.e. a
degenerate vertex or a near-tie), a tie in a ratio test, or a minimum within ``tol`` of zero
stops the search with status 1 (the caller then uses a method for degenerate games); more
than ``limit`` nodes stops it with status 2.

References
----------
Audet, C., Hansen, P., Jaumard, B. and Savard, G. (2001). Enumeration of all extreme equilibria
of bimatrix games. *SIAM Journal on Scientific Computing* 23(1), 323-338.

Avis, D., Rosenberg, G. D., Savani, R. and von Stengel, B. (2010). Enumeration of Nash
equilibria for two-player games. *Economic Theory* 42(1), 9-37.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LABEL_STATUS", "label_search"]

LABEL_STATUS = ("complete", "degenerate", "limit")
"""Meaning of the status returned by :func:`label_search`, by index."""


def label_search(MP, MQ, tol, limit):
    """Label masks of all completely labelled vertex pairs of two polytopes, and a status.

    Parameters
    ----------
    MP : ndarray (m, n), float
        Positive constraint matrix of ``P``; ``m + n <= 64``.
    MQ : ndarray (n, m), float
        Positive constraint matrix of ``Q``.
    tol : float
        Values at most ``tol`` in magnitude are ties (status 1).
    limit : int
        Largest number of search nodes (status 2 when exceeded).

    Returns
    -------
    tuple
        ``(masks_p, masks_q, nodes, programs, status)``: per completely labelled pair, the
        uint64 label masks of its ``P`` vertex (common numbering) and of its ``Q`` vertex
        (``Q``'s own numbering: bit ``j < n`` for ``y_j = 0``, ``n + i`` for row ``i`` tight);
        the numbers of nodes and of linear programs solved; an index into
        :data:`LABEL_STATUS`.

    Examples
    --------
    Battle of the sexes on payoffs mapped onto ``[1, 2]`` (run in pure Python here): three
    completely labelled pairs.

    >>> A1, B1 = np.array([[2.0, 1.0], [1.0, 1.5]]), np.array([[1.5, 1.0], [1.0, 2.0]])
    >>> mp, mq, nodes, lps, status = label_search(B1, A1.T, 1e-9, 1000)
    >>> len(mp), LABEL_STATUS[status]
    (3, 'complete')
    """
    m, n = MP.shape
    L = m + n
    cap = L + 2
    one = np.uint64(1)
    DP, DQ = np.empty((cap, m, n)), np.empty((cap, n, m))  # dictionaries per depth
    rP, rQ = np.empty((cap, n)), np.empty((cap, m))
    bP, nQ = np.empty((cap, n), np.int64), np.empty((cap, n), np.int64)
    bQ, nP = np.empty((cap, m), np.int64), np.empty((cap, m), np.int64)
    fixed = np.zeros(cap, np.uint64)  # labels assigned (common numbering), either side
    onP = np.zeros(cap, np.uint64)  # labels assigned to P (common numbering)
    phase = np.zeros(cap, np.int64)
    branch = np.zeros(cap, np.int64)
    # labels known to be feasible in the node's face of P (of Q): a child keeps the results of
    # its parent for the polytope whose face the branch left unchanged
    knownP = np.zeros(cap, np.uint64)
    knownQ = np.zeros(cap, np.uint64)
    # label masks of vertices met in the node's faces (witnesses: each label of one is feasible)
    W = 2 * L
    witP = np.zeros((cap, W), np.uint64)
    witQ = np.zeros((cap, W), np.uint64)
    nwP = np.zeros(cap, np.int64)
    nwQ = np.zeros(cap, np.int64)
    lps = np.zeros(1, np.int64)  # linear programs solved
    DP[0], DQ[0], rP[0], rQ[0] = MP, MQ, 1.0, 1.0
    for i in range(n):
        bP[0, i] = m + i
    for j in range(m):
        nP[0, j] = j
        bQ[0, j] = n + j
    for j in range(n):
        nQ[0, j] = j
    sDP, sDQ = np.empty((m, n)), np.empty((n, m))  # scratch dictionaries for the tests
    srP, srQ = np.empty(n), np.empty(m)
    sbP, snQ = np.empty(n, np.int64), np.empty(n, np.int64)
    sbQ, snP = np.empty(m, np.int64), np.empty(m, np.int64)
    colc = np.empty(max(m, n))
    entered = np.zeros(1, np.int64)
    prow = np.empty(max(m, n))
    rows = np.uint64(0)
    for i in range(m):
        rows |= one << np.uint64(i)
    cols = np.uint64(0)
    for j in range(n):
        cols |= one << np.uint64(m + j)
    out_p, out_q = np.empty(64, np.uint64), np.empty(64, np.uint64)
    nout, nodes, status = 0, 0, 0

    def own(k, side):  # a common label as a variable of P (side 0) or Q (side 1)
        return k if side == 0 else (n + k if k < m else k - m)

    def common(v, side):  # and back
        return v if side == 0 else (m + v if v < n else v - n)

    def minimise(D, rhs, basis, nonb, d, e, side, forced, var, probe):
        """Minimise variable ``var`` over the face; 0: reached zero, 1: positive, 2: tie.
        With ``probe``, nothing changes: 3 if it takes more than one pivot, 0 with the entering
        position in ``entered[0]`` (-1 if ``var`` is nonbasic) if at most one."""
        r0 = -1
        for i in range(e):
            if basis[i] == var:
                r0 = i
        if r0 < 0:
            entered[0] = -1
            return 0  # nonbasic: already zero
        while True:
            if rhs[r0] <= tol:
                return 2
            c = -1
            best = tol
            near = False
            for j in range(d):
                if (forced >> np.uint64(common(nonb[j], side))) & one:
                    continue
                if D[j, r0] > best:
                    best = D[j, r0]
                    c = j
                elif D[j, r0] > -tol:
                    near = True
            if c < 0:
                return 2 if near else 1
            col = D[c]
            r, num, den = -1, 1.0, 0.0  # minimum ratio num / den, cross-multiplied
            for i in range(e):
                a = col[i]
                if a > tol and rhs[i] * den < num * a:
                    num = rhs[i]
                    den = a
                    r = i
            if r < 0:
                return 2
            step = num / den
            for i in range(e):
                if i != r and col[i] > tol and rhs[i] - col[i] * step <= tol:
                    return 2  # a second variable reaches zero: degenerate or a near-tie
            if probe:
                entered[0] = c
                return 0 if r == r0 else 3
            piv = col[r]
            inv = 1.0 / piv
            for i in range(e):
                colc[i] = col[i]
            for j in range(d):
                prow[j] = D[j, r] * inv
            rr = rhs[r] * inv
            for i in range(e):
                rhs[i] -= colc[i] * rr
            rhs[r] = rr
            for j in range(d):
                if j == c:
                    continue
                Dj = D[j]
                pj = prow[j]
                for i in range(e):
                    Dj[i] -= pj * colc[i]
                Dj[r] = pj
            for i in range(e):
                col[i] = -colc[i] * inv
            col[r] = inv
            lab = basis[r]
            basis[r] = nonb[c]
            nonb[c] = lab
            if r == r0:
                return 0

    def vertex_mask(nonb, d, side):
        mask = np.uint64(0)
        for j in range(d):
            mask |= one << np.uint64(common(nonb[j], side))
        return mask

    def add(wit, nw, t, mask):  # record a witness (while there is room); returns it
        if nw[t] < W:
            wit[t, nw[t]] = mask
            nw[t] += 1
        return mask

    def keep(wit, nw, src, dst, bit):  # witnesses of level src with label bit, into dst
        c = 0
        union = np.uint64(0)
        for w in range(nw[src]):
            if wit[src, w] & bit:
                wit[dst, c] = wit[src, w]
                union |= wit[src, w]
                c += 1
        nw[dst] = c
        return union

    def count(mask):
        c = 0
        while mask:
            mask &= mask - one
            c += 1
        return c

    def test(side, t, k, forced, seen, D, rhs, bas, nb, sD, sr, sb, sn, wit, nw, full):
        """Whether label ``k`` is feasible in side's face at depth ``t`` (0 yes, 1 no, 2 tie),
        and the union ``seen`` of the face's witnesses with any new one (the side's arrays
        are passed: numba mistypes them chosen inside)."""
        d, e = D.shape
        bit = one << np.uint64(k)
        if count(forced) == d or (forced | bit) & full == full:  # a point, or strategy 0
            return 1, seen
        if seen & bit:
            return 0, seen
        lps[0] += 1
        res = minimise(D, rhs, bas, nb, d, e, side, forced, own(k, side), True)
        if res == 0:
            seen |= add(wit, nw, t, vertex_mask(nb, d, side) if entered[0] < 0 else (
                vertex_mask(nb, d, side) ^ bit ^ (one << np.uint64(common(nb[entered[0]],
                                                                         side)))))
        elif res == 3:  # more than one pivot: on a copy
            sD[:] = D
            sr[:] = rhs
            sb[:] = bas
            sn[:] = nb
            res = minimise(sD, sr, sb, sn, d, e, side, forced, own(k, side), False)
            if res == 0:
                seen |= add(wit, nw, t, vertex_mask(sn, d, side))
        return res, seen

    def pivot_out(side, src, dst, k, forced, D, rhs, bas, nb, wit, nw, other, onw):
        bit = one << np.uint64(k)
        d, e = D.shape
        res = minimise(D, rhs, bas, nb, d, e, side, forced, own(k, side), False)
        union = keep(wit, nw, src, dst, bit) | add(wit, nw, dst, vertex_mask(nb, d, side))
        if src != dst:
            keep(other, onw, src, dst, ~np.uint64(0))
        return res, union

    def force(side, src, dst, k, forced):
        """Force label ``k`` in side's face at depth ``dst`` (copied from ``src``); the
        status and the union of the witnesses left in that face."""
        if side == 0:
            return pivot_out(0, src, dst, k, forced, DP[dst], rP[dst], bP[dst], nP[dst],
                             witP, nwP, witQ, nwQ)
        return pivot_out(1, src, dst, k, forced, DQ[dst], rQ[dst], bQ[dst], nQ[dst], witQ,
                         nwQ, witP, nwP)

    add(witP, nwP, 0, vertex_mask(nP[0], m, 0))
    add(witQ, nwQ, 0, vertex_mask(nQ[0], n, 1))
    depth = 0
    phase[0] = 0
    while depth >= 0:
        t = depth
        if phase[t] == 0:
            nodes += 1
            if nodes > limit:
                status = 2
                break
            # propagation: assign every label feasible on one side only
            prune = False
            changed = True
            seenP = keep(witP, nwP, t, t, ~np.uint64(0)) | knownP[t]
            seenQ = keep(witQ, nwQ, t, t, ~np.uint64(0)) | knownQ[t]
            while changed and not prune and status == 0:
                changed = False
                for k in range(L):
                    bit = one << np.uint64(k)
                    if fixed[t] & bit:
                        continue
                    fs = (onP[t], fixed[t] & ~onP[t])
                    okP, seenP = test(0, t, k, fs[0], seenP, DP[t], rP[t], bP[t], nP[t], sDP,
                                      srP, sbP, snP, witP, nwP, rows)
                    okQ = 2
                    if okP != 2:
                        okQ, seenQ = test(1, t, k, fs[1], seenQ, DQ[t], rQ[t], bQ[t], nQ[t],
                                          sDQ, srQ, sbQ, snQ, witQ, nwQ, cols)
                    if okP == 2 or okQ == 2:
                        status = 1
                        break
                    if okP and okQ:
                        prune = True
                        break
                    if okP == okQ:
                        continue
                    side = 0 if okP == 0 else 1
                    res, union = force(side, t, t, k, fs[side])
                    if res != 0:
                        status = 1
                        break
                    if side == 0:
                        seenP = union
                        onP[t] |= bit
                    else:
                        seenQ = union
                    fixed[t] |= bit
                    changed = True
            if status:
                break
            if prune:
                depth -= 1
                continue
            if fixed[t] == rows | cols:  # a leaf: two vertices, completely labelled
                if nout == out_p.size:
                    out_p = np.concatenate((out_p, np.empty(out_p.size, np.uint64)))
                    out_q = np.concatenate((out_q, np.empty(out_q.size, np.uint64)))
                out_p[nout] = vertex_mask(nP[t], m, 0)
                mq = np.uint64(0)
                for j in range(n):
                    mq |= one << np.uint64(nQ[t, j])
                out_q[nout] = mq
                nout += 1
                depth -= 1
                continue
            # branch on an unassigned label: the one the current vertex pair violates most
            # (largest product of its two basic values, Audet et al. 2001), else the first
            have = vertex_mask(nP[t], m, 0) | vertex_mask(nQ[t], n, 1)
            k = -1
            bestv = -1.0
            for kk in range(L):
                bit = one << np.uint64(kk)
                if fixed[t] & bit:
                    continue
                if k < 0:
                    k = kk
                if have & bit:
                    continue
                vp, vq = 0.0, 0.0
                for i in range(n):
                    if bP[t, i] == own(kk, 0):
                        vp = rP[t, i]
                for i in range(m):
                    if bQ[t, i] == own(kk, 1):
                        vq = rQ[t, i]
                if vp * vq > bestv:
                    bestv = vp * vq
                    k = kk
            branch[t] = k
            phase[t] = 1
        if phase[t] == 3:
            depth -= 1
            continue
        k = branch[t]
        side = phase[t] - 1
        phase[t] += 1
        DP[t + 1] = DP[t]
        rP[t + 1] = rP[t]
        bP[t + 1] = bP[t]
        nP[t + 1] = nP[t]
        DQ[t + 1] = DQ[t]
        rQ[t + 1] = rQ[t]
        bQ[t + 1] = bQ[t]
        nQ[t + 1] = nQ[t]
        lps[0] += 1
        # every open label passed both tests at the parent: the unchanged face keeps them
        knownP[t + 1] = np.uint64(0) if side == 0 else ~fixed[t]
        knownQ[t + 1] = ~fixed[t] if side == 0 else np.uint64(0)
        res, union = force(side, t, t + 1, k, onP[t] if side == 0 else fixed[t] & ~onP[t])
        onP[t + 1] = onP[t] | (one << np.uint64(k)) if side == 0 else onP[t]
        if res == 2:
            status = 1
            break
        if res == 1:
            continue
        fixed[t + 1] = fixed[t] | (one << np.uint64(k))
        phase[t + 1] = 0
        depth = t + 1
    return out_p[:nout].copy(), out_q[:nout].copy(), nodes, lps[0], status
