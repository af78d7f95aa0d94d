"""Compiled loops that fill the model's input matrices (features.context and features.stage2).

Each was a few dozen numpy operations on a page's lines, and numpy's per-call overhead made them cost
as much as the model itself. These loops write the same float32 values: sums run in the same order and
precision as numpy's cumulative sums, and sign(d) * log(1 + |d|) of the integer distances d is read
from tables that numpy computes (`signed_tables`), so no libm difference can creep in. Whole-array
reductions (numpy sums pairwise) stay in numpy and come in as arguments.
"""
from __future__ import annotations

import numpy as np
from numba import njit


def signed_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """sign(d) * log1p(|d|) for d in -n..n, computed in float32 and in float64 (index d + n)."""
    d = np.arange(-n, n + 1)
    d32 = d.astype(np.float32)
    return np.sign(d32) * np.log1p(np.abs(d32)), np.sign(d) * np.log1p(np.abs(d))


@njit(cache=True, nogil=True)
def windows(col, widths, out, at):
    """out[:, at + i * m + j] = mean of col[:, j] over lines k-w..k+w (w = widths[i]), clipped at the edges,
    from float64 prefix sums, the sums' float64 values divided by the window's length."""
    n, m = col.shape
    c = np.zeros((n + 1, m))
    for k in range(n):
        for j in range(m):
            c[k + 1, j] = c[k, j] + np.float64(col[k, j])
    for i in range(len(widths)):
        w = widths[i]
        for k in range(n):
            lo, hi = max(k - w, 0), min(k + w + 1, n)
            span = np.float64(hi - lo)
            for j in range(m):
                out[k, at + i * m + j] = (c[hi, j] - c[lo, j]) / span


@njit(cache=True, nogil=True)
def context_rest(x, rows, chars, at, neighbour_idx, windowed_idx, widths, prose_idx, slug_idx, title_idx,
                 total, prose_chars, log_lines, s32, s64):
    """Fill x (n lines, zeros) from the raw rows: neighbours, windows and anchors (see features.context)."""
    n, r = rows.shape
    k = len(neighbour_idx)
    for i in range(n):
        for j in range(r):
            x[i, j] = rows[i, j]
        for q in range(k):
            c = neighbour_idx[q]
            if i >= 1:
                x[i, r + q] = rows[i - 1, c]
            if i >= 2:
                x[i, r + k + q] = rows[i - 2, c]
            if i + 1 < n:
                x[i, r + 2 * k + q] = rows[i + 1, c]
            if i + 2 < n:
                x[i, r + 3 * k + q] = rows[i + 2, c]
    windows(rows[:, windowed_idx], widths, x, r + 4 * k)
    first, last, n_prose = n, -1, 0
    for i in range(n):
        if rows[i, prose_idx] > 0:
            if first == n:
                first = i
            last = i
            n_prose += 1
    # numpy computes idx - first in float64 when first is a line index (an int64) and in float32 when it
    # is n or -1 (a Python int): the tables hold both
    s_first = s64[:] if n_prose else s32.astype(np.float64)
    anchor, best_score = 0, np.float32(-np.inf)
    for i in range(min(n, max(1, first + 1))):
        score = max(rows[i, slug_idx], rows[i, title_idx])
        if score > best_score:
            anchor, best_score = i, score
    has_anchor = np.float32(1.0 if best_score >= 0.5 else 0.0)
    run = np.float32(0.0)
    t32 = np.float32(total)
    for i in range(n):
        a = x[i, at:]
        a[0] = np.float32(i) / np.float32(max(1, n - 1))
        run += chars[i]
        a[1] = (run - chars[i]) / t32  # numpy: cumsum(chars) - chars, in float32
        a[2] = s_first[i - first + n]
        a[3] = s_first[i - last + n]
        a[4] = s32[i - anchor + n] * has_anchor
        a[5] = has_anchor if i == anchor else np.float32(0.0)
        a[6] = log_lines
        a[7] = prose_chars / total
        a[8] = has_anchor
        a[9] = n_prose / max(1, n)
    if n > 1:  # the headline anywhere: the short non-prose line matching the slug or title best
        best, g_best = 1, np.float32(-np.inf)
        for i in range(1, n):
            g = max(rows[i, slug_idx], rows[i, title_idx]) * np.float32(chars[i] <= 200 and rows[i, prose_idx] == 0)
            if g > g_best:
                best, g_best = i, g
        on = np.float32(1.0 if g_best >= 0.5 else 0.0)
        for i in range(n):
            x[i, at + 10] = s32[i - best + n] * on
            x[i, at + 11] = g_best


@njit(cache=True, nogil=True)
def best_run(values):
    """features.best_run: Kadane's best run from float64 prefix sums (ties: earliest end, latest start)."""
    n = len(values)
    if n == 0:
        return 0, -1
    pre, low = 0.0, 0.0          # prefix sum before k, lowest prefix sum before k
    start_at, start, end, best = 0, 0, 0, -np.inf
    for k in range(n):
        if k == 0 or pre <= low:  # Kadane restarts at k: pre[k] is at or below every earlier prefix sum
            start_at = k
        if k > 0:
            low = min(low, pre)
        pre += np.float64(values[k])
        if pre - low > best:
            best, start, end = pre - low, start_at, k
    return start, end


@njit(cache=True, nogil=True)
def stage2_rest(z, logit, p, x, raw, s64):
    """Fill z (zeros) from the first-pass logits and probabilities (see features.stage2)."""
    n = len(logit)
    for i in range(n):
        z[i, 0] = logit[i]
        if i >= 1:
            z[i, 1] = logit[i - 1]
        if i + 1 < n:
            z[i, 2] = logit[i + 1]
        if i >= 2:
            z[i, 3] = logit[i - 2]
        if i + 2 < n:
            z[i, 4] = logit[i + 2]
    windows(p.reshape(n, 1), np.array([2, 5, 15, 40]), z, 5)
    run = np.float32(0.0)
    for i in range(n):
        run += p[i]
        z[i, 9] = run
    tot = np.float32(max(np.float64(z[n - 1, 9]) if n else 1.0, 1e-6))
    weighted = np.empty(n, np.float32)
    for i in range(n):
        share = z[i, 9] / tot
        z[i, 9] = share
        z[i, 10] = np.float32(1.0) - share
        weighted[i] = (p[i] - np.float32(0.5)) * x[i, 0]
    start, end = best_run(weighted)
    for i in range(n):
        z[i, 11] = 1.0 if start <= i <= end else 0.0
        z[i, 12] = s64[i - start + n]
        z[i, 13] = s64[i - end + n]
        for j in range(raw):
            z[i, 14 + j] = x[i, j]


@njit(cache=True, nogil=True)
def gate_sums(rows, mean_idx, share_idx, edge_idx, max_idx, edge, out):
    """gate.doc_features' column means (float64, summed row after row as numpy reduces a column block),
    shares of lines where a column is > 0, figures of the first and last `edge` lines, and the best title
    and slug matches; written at their places in NAMES (the slots gate.doc_features fills itself are
    left alone)."""
    n = len(rows)
    m = len(mean_idx)
    sums = np.zeros(m)
    shares = np.zeros(len(share_idx))
    for i in range(n):
        for j in range(m):
            sums[j] += np.float64(rows[i, mean_idx[j]])
        for j in range(len(share_idx)):
            if rows[i, share_idx[j]] > 0:
                shares[j] += 1.0
    for j in range(m):
        out[j] = sums[j] / n
    at = m + 2  # after log_lines and std_log_chars
    for j in range(len(share_idx)):
        out[at + j] = shares[j] / n
    at += len(share_idx) + 1  # after prose_chars
    head = min(edge, n)
    tail_from = max(0, n - edge)
    h0 = h1 = t0 = t1 = 0.0
    t2 = 0.0
    for i in range(head):
        h0 += rows[i, edge_idx[0]] > 0
        h1 += rows[i, edge_idx[1]] > 0
    for i in range(tail_from, n):
        t0 += rows[i, edge_idx[0]] > 0
        t1 += rows[i, edge_idx[1]] > 0
        if rows[i, edge_idx[2]] > 0:
            t2 = 1.0
    tails = n - tail_from
    out[at], out[at + 1] = h0 / head, h1 / head
    out[at + 2], out[at + 3], out[at + 4] = t0 / tails, t2, t1 / tails
    top0 = top1 = np.float32(0.0)
    if n > 1:
        top0, top1 = rows[1, max_idx[0]], rows[1, max_idx[1]]
        for i in range(2, n):
            top0 = max(top0, rows[i, max_idx[0]])
            top1 = max(top1, rows[i, max_idx[1]])
    out[at + 5] = top0
    out[at + 6] = max(top1, rows[0, max_idx[1]])  # the slug counts on the first line too


@njit(cache=True, nogil=True)
def lex_columns(stats, near, out):
    """Fill out (zeros, n x (5 + len(near))) from the lexicon's figures per line (scan.LEX rows), as
    lexicon.columns defines them: mean, min and max number of the known words, their share of the words,
    the first word's number, then per width r the mean number of the known words within r lines (float64
    prefix sums, as numpy's cumulative sums)."""
    n = stats.shape[1]
    cs = np.zeros(n + 1)
    cn = np.zeros(n + 1)
    for i in range(n):
        known = stats[1, i]
        if known > 0:
            out[i, 0] = stats[0, i] / known
        out[i, 1], out[i, 2], out[i, 4] = stats[2, i], stats[3, i], stats[4, i]
        if stats[5, i] > 0:
            out[i, 3] = known / stats[5, i]
        cs[i + 1] = cs[i] + stats[0, i]
        cn[i + 1] = cn[i] + known
    for k in range(len(near)):
        r = near[k]
        for i in range(n):
            a, b = max(i - r, 0), min(i + r + 1, n)
            c = cn[b] - cn[a]
            if c > 0:
                out[i, 5 + k] = (cs[b] - cs[a]) / c
