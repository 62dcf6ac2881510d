"""Reads a build's graph.sqlite with Python's sqlite3 module.

Usage: python store.py DIR/graph.sqlite DIR

Run by tests/store.rs. Counts what the store holds against the folder's
edges.csv and triples.csv (read with the csv module), checks that this
Python's SQLite has FTS5 and searches the evidence index for an Arabic word,
and prints a JSON summary for the Rust test to assert on.
"""

import csv
import json
import os
import sqlite3
import sys


def count_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return sum(1 for _ in csv.DictReader(f))


def main():
    db, folder = sys.argv[1], sys.argv[2]
    # Read-only: a client must not need write access to query.
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda q, *a: con.execute(q, a).fetchone()[0]
    fts = any(
        "ENABLE_FTS5" in row[0] for row in con.execute("PRAGMA compile_options")
    )
    hits = con.execute(
        "SELECT p.article, p.sentence, p.text FROM passages_fts "
        "JOIN passages p ON p.id = passages_fts.rowid "
        "WHERE passages_fts MATCH ? ORDER BY rank",
        ("أذربيجان",),
    ).fetchall()
    for _, _, text in hits:
        if "أذربيجان" not in text:
            sys.exit(f"search hit without the word: {text}")
    print(
        json.dumps(
            {
                "sqlite_version": sqlite3.sqlite_version,
                "fts_module": fts,
                "edges": one("SELECT count(*) FROM edges_labelled"),
                "edges_csv": count_rows(os.path.join(folder, "edges.csv")),
                "mentions": one("SELECT count(*) FROM mentions_cited"),
                "triples_csv": count_rows(os.path.join(folder, "triples.csv")),
                "search_hits": len(hits),
            }
        )
    )


main()
