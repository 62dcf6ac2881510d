"""Reads one export folder with the real clients and prints what they saw.

Usage: python graphs.py DIR

Run by tests/export.rs. It checks what only the clients can tell (that
networkx and igraph parse the files at all, what they make of parallel
edges) against the folder's own nodes.csv and edges.csv, read with Python's
csv module, and prints a JSON summary for the Rust test to assert on. Exits
non-zero with a message on the first disagreement.
"""

import csv
import json
import os
import sys
import xml.etree.ElementTree as ET

import igraph
import networkx as nx


def rows(path):
    # utf-8-sig: the same file may start with a byte-order mark (--excel).
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def nx_summary(g):
    edges = []
    for u, v, data in g.edges(data=True):
        edges.append(
            {
                "source": u,
                "target": v,
                "label": data.get("label", ""),
                "relation": data.get("relation", ""),
                "weight": float(data.get("weight", 0)),
                "confidence": float(data.get("confidence", -1)),
                "spells": [[str(s), str(e)] for s, e in data.get("spells", [])],
            }
        )
    nodes = {}
    for n, data in g.nodes(data=True):
        nodes[n] = {
            "label": data.get("label", ""),
            "spells": [[str(s), str(e)] for s, e in data.get("spells", [])],
            "start": str(data.get("start", "")),
            "end": str(data.get("end", "")),
        }
    return {
        "nodes": len(g),
        "edges": g.number_of_edges(),
        "multigraph": g.is_multigraph(),
        "directed": g.is_directed(),
        "mode": g.graph.get("mode", ""),
        "node_attrs": nodes,
        "edge_list": edges,
    }


def main():
    d = sys.argv[1]
    nodes = rows(os.path.join(d, "nodes.csv"))
    edges = rows(os.path.join(d, "edges.csv"))
    out = {"nodes_csv": len(nodes), "edges_csv": len(edges)}
    csv_labels = {n["Id"]: n["Label"] for n in nodes}
    csv_edges = sorted((e["Source"], e["Target"], e["Label"]) for e in edges)
    # The edge's confidence, as a typed attribute the clients read back.
    csv_confidence = sorted((e["Source"], e["Target"], e["Label"], float(e["confidence"])) for e in edges)

    # networkx, the multigraph GraphML: one edge per relation.
    g = nx.read_graphml(os.path.join(d, "graph.graphml"))
    s = out["graphml_networkx"] = nx_summary(g)
    check(s["nodes"] == len(nodes), f"graph.graphml: networkx read {s['nodes']} nodes, nodes.csv has {len(nodes)}")
    check(s["edges"] == len(edges), f"graph.graphml: networkx read {s['edges']} edges, edges.csv has {len(edges)}")
    got = sorted((e["source"], e["target"], e["label"]) for e in s["edge_list"])
    check(got == csv_edges, f"graph.graphml: edges differ from edges.csv:\n{got}\n{csv_edges}")
    got = sorted((e["source"], e["target"], e["label"], e["confidence"]) for e in s["edge_list"])
    check(got == csv_confidence, f"graph.graphml: confidences differ from edges.csv:\n{got}\n{csv_confidence}")
    for n, a in s["node_attrs"].items():
        check(a["label"] == csv_labels[n], f"graph.graphml: node {n} label {a['label']!r}, nodes.csv {csv_labels[n]!r}")

    # networkx, GEXF: relations apart, spells when dated.
    g = nx.read_gexf(os.path.join(d, "graph.gexf"))
    s = out["gexf_networkx"] = nx_summary(g)
    check(s["nodes"] == len(nodes), f"graph.gexf: networkx read {s['nodes']} nodes, nodes.csv has {len(nodes)}")
    check(s["edges"] == len(edges), f"graph.gexf: networkx read {s['edges']} edges, edges.csv has {len(edges)}")
    got = sorted((e["source"], e["target"], e["label"]) for e in s["edge_list"])
    check(got == csv_edges, f"graph.gexf: edges differ from edges.csv:\n{got}\n{csv_edges}")
    got = sorted((e["source"], e["target"], e["label"], e["confidence"]) for e in s["edge_list"])
    check(got == csv_confidence, f"graph.gexf: confidences differ from edges.csv:\n{got}\n{csv_confidence}")
    for n, a in s["node_attrs"].items():
        check(a["label"] == csv_labels[n], f"graph.gexf: node {n} label {a['label']!r}, nodes.csv {csv_labels[n]!r}")

    # networkx, the collapsed GraphML: one edge per pair, weights summed.
    g = nx.read_graphml(os.path.join(d, "graph-collapsed.graphml"))
    s = out["collapsed_networkx"] = nx_summary(g)
    check(not s["multigraph"], "graph-collapsed.graphml: networkx found parallel edges")
    check(s["nodes"] == len(nodes), f"graph-collapsed.graphml: {s['nodes']} nodes, nodes.csv has {len(nodes)}")
    total = sum(float(e["Weight"]) for e in edges)
    got_total = sum(e["weight"] for e in s["edge_list"])
    check(got_total == total, f"graph-collapsed.graphml: weights sum to {got_total}, edges.csv to {total}")

    # igraph reads GraphML (it has no GEXF reader).
    for name in ["graph.graphml", "graph-collapsed.graphml"]:
        ig = igraph.Graph.Read_GraphML(os.path.join(d, name))
        key = name.replace(".graphml", "").replace("-", "_") + "_igraph"
        out[key] = {"nodes": ig.vcount(), "edges": ig.ecount(), "directed": ig.is_directed()}
        check(ig.vcount() == len(nodes), f"{name}: igraph read {ig.vcount()} nodes, nodes.csv has {len(nodes)}")
        if name == "graph.graphml":
            check(ig.ecount() == len(edges), f"{name}: igraph read {ig.ecount()} edges, edges.csv has {len(edges)}")
            labels = sorted(ig.es["label"]) if ig.ecount() else []
            check(labels == sorted(e["Label"] for e in edges), f"{name}: igraph edge labels differ from edges.csv")
        if ig.vcount():
            check(
                sorted(ig.vs["label"]) == sorted(csv_labels.values()),
                f"{name}: igraph node labels differ from nodes.csv",
            )

    # The GraphML keys Gephi maps by name, with their types.
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type")
        for k in ET.parse(os.path.join(d, "graph.graphml")).getroot().findall("g:key", ns)
    }
    want = {
        ("node", "label"): "string",
        ("node", "label_en"): "string",
        ("node", "type"): "string",
        ("node", "country"): "string",
        ("edge", "label"): "string",
        ("edge", "weight"): "double",
        ("edge", "relation_family"): "string",
        ("edge", "modalities"): "string",
        ("edge", "articles"): "string",
        ("edge", "first_evidence"): "string",
    }
    for k, t in want.items():
        check(keys.get(k) == t, f"graph.graphml: key {k} has type {keys.get(k)!r}, want {t!r}")
    out["graphml_keys"] = sorted(f"{f}:{n}:{t}" for (f, n), t in keys.items())

    # GEXF: every edge's kind is its relation, so Gephi keeps them apart.
    root = ET.parse(os.path.join(d, "graph.gexf")).getroot()
    gx = {"x": "http://gexf.net/1.3"}
    kinds = [(e.get("kind"), e.get("label")) for e in root.iter("{http://gexf.net/1.3}edge")]
    check(root.find("x:graph", gx) is not None, "graph.gexf: no GEXF 1.3 <graph>")
    check(all(k == l and k for k, l in kinds), f"graph.gexf: edge kind is not the relation: {kinds[:5]}")

    # Python's csv module reads every CSV: same width on every row.
    widths = {}
    for f in sorted(os.listdir(d)):
        if f.endswith(".csv"):
            with open(os.path.join(d, f), newline="", encoding="utf-8-sig") as fh:
                table = list(csv.reader(fh))
            check(table, f"{f}: no header row")
            bad = [i + 1 for i, r in enumerate(table) if len(r) != len(table[0])]
            check(not bad, f"{f}: rows {bad[:5]} are not {len(table[0])} fields wide")
            widths[f] = {"header": table[0], "rows": len(table) - 1}
    out["csv"] = widths

    json.dump(out, sys.stdout, ensure_ascii=False)


main()
