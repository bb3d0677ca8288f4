#!/usr/bin/python3
"""Compare mentorship-match with scipy's linear_sum_assignment on the same instance.

Run by hand (not in CI), with Debian's scipy:  apt-get install -y python3-scipy
    /usr/bin/python3 cmd/mentorship-match/compare_scipy.py                 # dense 5000x5000, cap 1
    /usr/bin/python3 cmd/mentorship-match/compare_scipy.py --case profiles --size 1000x200x5
    /usr/bin/python3 cmd/mentorship-match/compare_scipy.py --case random --size 300x80x3 --policy quality --min-score 20

It builds the instance, solves it with the Go tool (timing only the solve, as the
tool reports it) and with scipy on the slot-expanded matrix (each mentor copied
`capacity` times, plus one "unmatched" column per mentee), checks that the totals
agree (and the number matched, for the participation policy) and prints the time
ratio. Exits non-zero on any disagreement.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def tool(args, stdin_path):
    binary = os.path.join(tempfile.gettempdir(), "mentorship-match-compare")
    subprocess.run(["go", "build", "-o", binary, "./cmd/mentorship-match"], cwd=ROOT, check=True)
    with open(stdin_path, "rb") as f:
        out = subprocess.run([binary] + args, stdin=f, capture_output=True, check=True)
    return out.stdout


def write_explicit(path, scores, capacity, policy, min_score):
    """scores: int matrix with None for forbidden."""
    n, m = len(scores), len(capacity)
    with open(path, "w") as f:
        f.write('{"mentees": %s, "mentors": %s, "policy": "%s", "min_score": %d, "scores": [' % (
            json.dumps(["e%d" % i for i in range(n)]),
            json.dumps([{"id": "m%d" % j, "capacity": int(c)} for j, c in enumerate(capacity)]),
            policy, min_score))
        for i, row in enumerate(scores):
            if i:
                f.write(",")
            f.write("[" + ",".join("null" if s is None else str(int(s)) for s in row) + "]")
        f.write("]}")


def scipy_solve(scores, capacity, policy, min_score):
    """Optimal (matched, total) with scipy on the slot-expanded matrix."""
    S = np.array([[np.nan if s is None else s for s in row] for row in scores], dtype=float)
    n = S.shape[0]
    allowed = ~np.isnan(S)
    if policy == "quality":
        allowed &= S >= min_score
    lo, hi = np.nanmin(np.where(allowed, S, np.nan)), np.nanmax(np.where(allowed, S, np.nan))
    # The engine's objective: participation adds a bonus per match worth more than
    # any difference in total; quality scales scores by n+1 and adds 1 per match,
    # so the highest total wins and ties go to more matches.
    if policy == "participation":
        scale, bonus = 1.0, (hi - lo) * (n + 1) + max(0.0, -lo) + 1
    else:
        scale, bonus = float(n + 1), 1.0
    cols = np.repeat(np.arange(len(capacity)), capacity)
    cost = np.where(allowed[:, cols], -(scale * S[:, cols] + bonus), np.inf)
    cost = np.hstack([cost, np.zeros((n, n))])  # one "unmatched" column per mentee
    start = time.perf_counter()
    rows, chosen = linear_sum_assignment(cost)
    elapsed = time.perf_counter() - start
    matched = chosen < len(cols)
    total = int(sum(S[r, cols[c]] for r, c in zip(rows[matched], chosen[matched])))
    return int(matched.sum()), total, elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", choices=["dense", "profiles", "random"], default="dense")
    ap.add_argument("--size", default="5000x5000x1", help="MENTEESxMENTORSxCAPACITY")
    ap.add_argument("--policy", choices=["participation", "quality"], default="participation")
    ap.add_argument("--min-score", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n, m, c = (int(x) for x in args.size.split("x"))
    rng = np.random.default_rng(args.seed)
    work = tempfile.mkdtemp()
    path = os.path.join(work, "instance.json")

    if args.case == "profiles":
        gen = os.path.join(work, "profiles.json")
        with open(gen, "wb") as f:
            f.write(subprocess.run(["go", "run", "./cmd/mentorship-match", "-generate", args.size, "-seed", str(args.seed)],
                                   cwd=ROOT, capture_output=True, check=True).stdout)
        explicit = json.loads(tool(["-explicit"], gen))
        scores, capacity = explicit["scores"], [mm["capacity"] for mm in explicit["mentors"]]
    else:
        M = rng.integers(0, 1000, size=(n, m))
        scores = M.tolist()
        if args.case == "random":
            forbidden = rng.random((n, m)) < 0.2
            scores = [[None if forbidden[i][j] else scores[i][j] for j in range(m)] for i in range(n)]
            capacity = rng.integers(1, c + 1, size=m).tolist()
        else:
            capacity = [c] * m
    write_explicit(path, scores, capacity, args.policy, args.min_score)

    ours = json.loads(tool([], path))
    matched, total, scipy_seconds = scipy_solve(scores, capacity, args.policy, args.min_score)
    go_seconds = ours["timings_ms"]["solve"] / 1000
    print("instance: %s %s, policy %s" % (args.case, args.size, args.policy))
    print("mentorship-match: total %d, matched %d, solve %.3f s (certificate verified: %s)" % (
        ours["total_score"], ours["matched"], go_seconds, ours["certificate"]["verified"]))
    print("scipy:            total %d, matched %d, solve %.3f s" % (total, matched, scipy_seconds))
    ok = ours["total_score"] == total and ours["matched"] == matched
    if args.case == "dense" and c == 1 and n == m:
        # The plain square problem, without the "unmatched" columns: scipy's best case.
        S = np.array(scores, dtype=float)
        start = time.perf_counter()
        r, cc = linear_sum_assignment(-S)
        plain = time.perf_counter() - start
        ok = ok and int(S[r, cc].sum()) == ours["total_score"]
        print("scipy, plain square matrix: total %d, solve %.3f s; ratio to mentorship-match %.1f" % (
            int(S[r, cc].sum()), plain, plain / max(go_seconds, 1e-9)))
    print("totals agree: %s; scipy time / mentorship-match time = %.1f" % (ok, scipy_seconds / max(go_seconds, 1e-9)))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
