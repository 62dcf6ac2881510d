"""Serves a graph.sqlite with Datasette and queries it over HTTP.

Usage: python datasette.py DIR/graph.sqlite

Run by tests/store.rs. Starts `datasette serve` on 127.0.0.1 with a free
port, waits until it answers, asks three things through its JSON API (a SQL
query on the edges, the heaviest edge with labels, a full-text search of the
passages table), stops the server and prints the answers as JSON.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base, path, **params):
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def main():
    db = sys.argv[1]
    name = os.path.splitext(os.path.basename(db))[0]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", db, "-h", "127.0.0.1",
         "-p", str(port), "--setting", "sql_time_limit_ms", "10000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                sys.exit("datasette exited: " + server.stderr.read().decode())
            try:
                get(base, "/-/versions.json")
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("datasette did not answer within 30 s")
        edges = get(base, f"/{name}.json", sql="SELECT count(*) AS n FROM edges",
                    _shape="array")
        top = get(base, f"/{name}.json", _shape="array", sql=(
            "SELECT source_label, relation, target_label, weight "
            "FROM edges_labelled ORDER BY weight DESC, source, relation, target LIMIT 1"))
        search = get(base, f"/{name}/passages.json", _search="أذربيجان",
                     _shape="array")
        print(json.dumps({
            "edges": edges[0]["n"],
            "top_edge": top[0],
            "search": [r["text"] for r in search],
        }, ensure_ascii=False))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


main()
