#!/usr/bin/env python3
"""Measures each rule's precision on annotated articles (data/rules/confidence.tsv),
and the calibration of the confidence column (confidence bins against observed
precision).

    confidence.py measure  OUT.tsv  GOLD ACTORS RUN_DIR [GOLD ACTORS RUN_DIR ...]
    confidence.py calibrate GOLD ACTORS RUN_DIR

RUN_DIR is a `newsgraph build` output (triples.csv, nodes.csv). A mention is
judged as tests/tools/score.py judges triples: right when it matches a required
row of its article (symmetric relations either way, new actors mapped by name),
wrong when it matches no row, not counted when it matches an optional row. Only
complete asserted or reported mentions count (the ones that make edges). A
mention's rule is the first frame, title, place or link rule of its chain.
"""
import csv, os, sys
from collections import defaultdict
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "tools"))
import score  # noqa: E402

FAMILIES = ("frame.", "title.", "place.", "link.", "arg.")
PRIOR = 4.0  # pseudo-counts pulling a rule with little data to the mean


def primary(chain):
    for r in chain.split():
        if r.startswith(FAMILIES):
            return r
    return "other"


def judged(gold, actors, run):
    sys.argv = ["score.py", "--actors", actors, "--nodes", os.path.join(run, "nodes.csv")]
    amap = score.actor_map()
    req, opt = defaultdict(set), defaultdict(set)
    for r in csv.DictReader(open(gold, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
        k = score.key(r["subject"], r["relation"], r["object"])
        (req if r["status"] == "required" else opt)[r["article"]].add(k)
    seen = set()
    for r in csv.DictReader(open(os.path.join(run, "triples.csv"), encoding="utf-8")):
        if r["modality"] not in ("asserted", "reported") or not r["subject"] or not r["object"]:
            continue
        a = r["article"]
        if a not in req and a not in opt:
            continue
        k = score.key(amap(r["subject"]), r["relation"], amap(r["object"]))
        if (a, k) in seen:
            continue
        seen.add((a, k))
        if k in req[a]:
            yield r, True
        elif k not in opt[a]:
            yield r, False


def measure(out, triples):
    counts = defaultdict(lambda: [0, 0])
    for gold, actors, run in triples:
        for r, ok in judged(gold, actors, run):
            counts[primary(r["rule"])][0 if ok else 1] += 1
    tp = sum(c[0] for c in counts.values()); fp = sum(c[1] for c in counts.values())
    mean = tp / max(tp + fp, 1)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Each rule's precision on the annotated tune half and tests/dev, written by\n"
                "# data/scripts/confidence.py measure; a mention's confidence is its rule's.\n"
                f"# Smoothed toward the mean ({mean:.3f}) with {PRIOR:g} pseudo-mentions.\n"
                "rule\tconfidence\tright\twrong\n")
        f.write(f"default\t{mean:.3f}\t{tp}\t{fp}\n")
        for rule in sorted(counts):
            if rule == "other":
                continue
            t, w = counts[rule]
            f.write(f"{rule}\t{(t + PRIOR * mean) / (t + w + PRIOR):.3f}\t{t}\t{w}\n")


def calibrate(gold, actors, run):
    bins = defaultdict(lambda: [0, 0])
    for r, ok in judged(gold, actors, run):
        c = float(r["confidence"])
        b = min(int(c * 5), 4)
        bins[b][0 if ok else 1] += 1
    print("| confidence | mentions judged | right | observed precision |")
    print("|---|---|---|---|")
    for b in sorted(bins):
        t, w = bins[b]
        print(f"| {b / 5:.1f}–{(b + 1) / 5:.1f} | {t + w} | {t} | {t / max(t + w, 1):.2f} |")


if __name__ == "__main__":
    if sys.argv[1] == "measure":
        args = sys.argv[3:]
        measure(sys.argv[2], [args[i:i + 3] for i in range(0, len(args), 3)])
    else:
        calibrate(*sys.argv[2:5])
