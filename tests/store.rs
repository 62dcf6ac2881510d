//! The SQLite store and `update` (issue 13): after `build A` and `update B`
//! every export is byte-identical to `build A B`, in either order, with
//! replaced and removed articles and with the build's options; a killed
//! update changes nothing; a second writer waits, then fails clearly; and
//! the store reads in its users' clients: the `sqlite3` shell, Python's
//! `sqlite3` module and Datasette over HTTP.
//!
//! A missing client is a notice locally and a failure under `CI=true`
//! (`.ci/run` installs them), as in `tests/export.rs`.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output},
    time::Duration,
};

use crate::{
    export::{available, python},
    util::{Dir, root, run, run_ok},
};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Two sets of articles: the samples and the dev set, copied so that a
/// test can change one.
fn corpus(dir: &Dir) -> (PathBuf, PathBuf) {
    let (a, b) = (dir.join("A"), dir.join("B"));
    for (from, to) in [("data/articles", &a), ("tests/dev/articles", &b)] {
        fs::create_dir_all(to).unwrap();
        for e in fs::read_dir(root().join(from)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
    (a, b)
}

fn newsgraph(dir: &Dir, args: &[&str]) -> Output {
    run_ok(dir.cmd().args(args))
}

/// Every export of `want` is in `got` with the same bytes (the store
/// itself is a database file, compared by what it holds elsewhere), and
/// `got` has nothing else but the store.
fn assert_same_exports(got: &Path, want: &Path) {
    let names = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names(got),
        names(want),
        "{} vs {}",
        got.display(),
        want.display()
    );
    let mut compared = 0;
    for name in names(want) {
        if name == "graph.sqlite" {
            continue;
        }
        let (g, w) = (
            fs::read(got.join(&name)).unwrap(),
            fs::read(want.join(&name)).unwrap(),
        );
        assert!(
            g == w,
            "{name} differs between {} and {}",
            got.display(),
            want.display()
        );
        compared += 1;
    }
    assert!(compared >= 10, "{compared} files compared");
}

fn sql_count(db: &Path, q: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(q, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn update_equals_one_build_in_either_order() {
    let dir = Dir::new("update");
    let (a, b) = corpus(&dir);
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    newsgraph(&dir, &["build", "-q", a, b, "-o", "both"]);
    newsgraph(&dir, &["build", "-q", a, "-o", "ab"]);
    let o = newsgraph(&dir, &["update", "ab", b]);
    assert!(
        stderr(&o).contains("12 added, 0 replaced, 0 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_same_exports(&dir.join("ab"), &dir.join("both"));
    newsgraph(&dir, &["build", "-q", b, "-o", "ba"]);
    newsgraph(&dir, &["update", "-q", "ba", a]);
    assert_same_exports(&dir.join("ba"), &dir.join("both"));
    // Stored articles again are skipped before extraction.
    let o = newsgraph(&dir, &["update", "ba", a, b]);
    assert!(
        stderr(&o).contains("0 added, 0 replaced, 17 unchanged"),
        "{}",
        stderr(&o)
    );
    assert_same_exports(&dir.join("ba"), &dir.join("both"));
    let db = dir.join("ba/graph.sqlite");
    assert_eq!(sql_count(&db, "SELECT count(*) FROM articles"), 17);
    let rows = csv::Reader::from_path(dir.join("both/triples.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(
        sql_count(&db, "SELECT count(*) FROM mentions") as usize,
        rows
    );
    let edges = csv::Reader::from_path(dir.join("both/edges.csv"))
        .unwrap()
        .records()
        .count();
    assert_eq!(
        sql_count(&db, "SELECT count(*) FROM edges_labelled") as usize,
        edges
    );
    assert_eq!(
        sql_count(
            &db,
            "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article \
             WHERE a.id IS NULL"
        ),
        0
    );
}

#[test]
fn replaced_and_removed_articles_match_a_build_without_them() {
    let dir = Dir::new("replace");
    let (a, _) = corpus(&dir);
    newsgraph(&dir, &["build", "-q", a.to_str().unwrap(), "-o", "out"]);
    // Another version of one stored article: its mentions are replaced.
    let first = fs::read_dir(&a)
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = fs::read_to_string(&first).unwrap();
    let cut = text.char_indices().nth(text.chars().count() / 2).unwrap().0;
    let changed = dir.write(
        Path::new("C").join(first.file_name().unwrap()),
        &text[..cut],
    );
    let o = newsgraph(&dir, &["update", "out", changed.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("0 added, 1 replaced, 0 unchanged"),
        "{}",
        stderr(&o)
    );
    fs::copy(&changed, &first).unwrap();
    newsgraph(&dir, &["build", "-q", a.to_str().unwrap(), "-o", "want"]);
    assert_same_exports(&dir.join("out"), &dir.join("want"));
    // Out again, with an id that was never in.
    let id = first.file_stem().unwrap().to_str().unwrap();
    let o = newsgraph(&dir, &["update", "out", "--remove", id, "no-such-id"]);
    assert!(
        stderr(&o).contains("1 removed") && stderr(&o).contains("not removed: no-such-id"),
        "{}",
        stderr(&o)
    );
    fs::remove_file(&first).unwrap();
    newsgraph(&dir, &["build", "-q", a.to_str().unwrap(), "-o", "want"]);
    assert_same_exports(&dir.join("out"), &dir.join("want"));
    assert_eq!(
        sql_count(
            &dir.join("out/graph.sqlite"),
            &format!("SELECT count(*) FROM passages WHERE article = '{id}'")
        ),
        0
    );
}

#[test]
fn an_update_keeps_the_builds_options_and_metadata() {
    let dir = Dir::new("options");
    let (a, _) = corpus(&dir);
    // Dated JSON Lines with every metadata field, and one bad line.
    let mut lines = String::new();
    for (i, e) in fs::read_dir(&a).unwrap().enumerate() {
        let text = fs::read_to_string(e.unwrap().path()).unwrap();
        lines += &serde_json::json!({
            "id": format!("j{i}"), "text": text, "title": format!("عنوان {i}"),
            "date": format!("2020-10-0{}", i + 1), "source": "وكالة", "url": format!("https://example.org/{i}"),
        })
        .to_string();
        lines += "\n";
        if i == 1 {
            lines += "{\"id\": \"broken\", \"text\": \n";
        }
    }
    let (first, rest) = lines.split_at(lines.find('\n').unwrap() + 1);
    dir.write("first.jsonl", first);
    dir.write("rest.jsonl", rest);
    let opts = [
        "--excel",
        "--modalities",
        "asserted",
        "--families",
        "conflict,cooperation",
        "--since",
        "2020-10-02",
    ];
    let build = |inputs: &[&str], out: &str| {
        let mut args = vec!["build", "-q"];
        args.extend(inputs);
        args.extend(["-o", out]);
        args.extend(opts);
        newsgraph(&dir, &args)
    };
    build(&["first.jsonl", "rest.jsonl"], "want");
    build(&["first.jsonl"], "out");
    let o = newsgraph(&dir, &["update", "out", "rest.jsonl"]);
    assert!(
        stderr(&o).contains("skipped: rest.jsonl: line 2"),
        "{}",
        stderr(&o)
    );
    assert_same_exports(&dir.join("out"), &dir.join("want"));
    assert!(
        fs::read(dir.join("out/edges.csv"))
            .unwrap()
            .starts_with("\u{FEFF}".as_bytes())
    );
    let c = rusqlite::Connection::open(dir.join("out/graph.sqlite")).unwrap();
    let row: (String, String, String, String, i64) = c
        .query_row(
            "SELECT title, date, source, url, length FROM articles WHERE id = 'j2'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        (&row.0[..], &row.1[..], &row.2[..], &row.3[..]),
        ("عنوان 2", "2020-10-03", "وكالة", "https://example.org/2")
    );
    assert!(row.4 > 100);
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_store_of_another_version_is_refused() {
    let dir = Dir::new("version");
    let (a, _) = corpus(&dir);
    newsgraph(&dir, &["build", "-q", a.to_str().unwrap(), "-o", "out"]);
    let before = fs::read(dir.join("out/triples.csv")).unwrap();
    rusqlite::Connection::open(dir.join("out/graph.sqlite"))
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let o = run(dir.cmd().args(["update", "out", "--remove", "x"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("graph.sqlite: store schema version 99, but this newsgraph reads version 1"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(dir.join("out/triples.csv")).unwrap(), before);
    let o = run(dir.cmd().args(["update", "nowhere", "--remove", "x"]));
    assert_eq!(o.status.code(), Some(2));
}

/// Many fresh articles in one JSON Lines file, so an update runs long
/// enough to be killed or raced.
fn big_input(dir: &Dir, n: usize) -> PathBuf {
    let text = fs::read_to_string(root().join("data/articles/000_5cff76571cb00134.txt")).unwrap();
    let p = dir.join("big.jsonl");
    let mut f = fs::File::create(&p).unwrap();
    for i in 0..n {
        let line = serde_json::json!({"id": format!("big{i}"), "text": text}).to_string();
        writeln!(f, "{line}").unwrap();
    }
    p
}

fn snapshot(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut v: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_str().unwrap().starts_with('.'))
        // The store and its WAL files are checked by what they hold.
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("graph.sqlite")
        })
        .map(|p| {
            let b = fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    v.sort();
    v
}

/// SIGKILL in the middle of an update: the store holds what it held (its
/// own recovery drops the uncommitted transaction) and the exports are the
/// old ones.
#[test]
fn a_killed_update_leaves_store_and_exports_as_they_were() {
    let dir = Dir::new("kill-update");
    let (a, _) = corpus(&dir);
    newsgraph(&dir, &["build", "-q", a.to_str().unwrap(), "-o", "out"]);
    let old = snapshot(&dir.join("out"));
    let db = dir.join("out/graph.sqlite");
    let mentions = sql_count(&db, "SELECT count(*) FROM mentions");
    big_input(&dir, 8000);
    let mut child = dir
        .cmd()
        .args(["update", "-q", "-j1", "out", "big.jsonl"])
        .spawn()
        .unwrap();
    // Killed once the transaction has spilled uncommitted pages to the
    // write-ahead log: in the middle of writing the store.
    let wal = dir.join("out/graph.sqlite-wal");
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while fs::metadata(&wal).map_or(0, |m| m.len()) < 1 << 20 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the update ended before it wrote 1 MB to the log"
        );
        assert!(std::time::Instant::now() < deadline, "no log written");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success());
    let now = snapshot(&dir.join("out"));
    let names = |v: &[(PathBuf, Vec<u8>)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&now), names(&old));
    for ((p, a), (_, b)) in now.iter().zip(&old) {
        assert!(a == b, "{} changed", p.display());
    }
    let c = rusqlite::Connection::open(&db).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(sql_count(&db, "SELECT count(*) FROM mentions"), mentions);
    assert_eq!(
        sql_count(&db, "SELECT count(*) FROM articles WHERE id LIKE 'big%'"),
        0
    );
    drop(c);
    // And the store still takes updates.
    newsgraph(
        &dir,
        &["update", "-q", "out", "--remove", "000_5cff76571cb00134"],
    );
    assert!(sql_count(&db, "SELECT count(*) FROM mentions") < mentions);
}

/// A second update while one runs waits for it (`--wait`), or fails with a
/// message and changes nothing.
#[test]
fn a_second_update_waits_or_fails_clearly() {
    let dir = Dir::new("race");
    let (a, b) = corpus(&dir);
    newsgraph(&dir, &["build", "-q", a.to_str().unwrap(), "-o", "out"]);
    big_input(&dir, 3000);
    let mut first = dir
        .cmd()
        .args(["update", "-q", "-j1", "out", "big.jsonl"])
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let o = run(dir
        .cmd()
        .args(["update", "-q", "--wait", "0", "out", b.to_str().unwrap()]));
    let running = first.try_wait().unwrap().is_none();
    if running {
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("another newsgraph build or update is writing here"),
            "{}",
            stderr(&o)
        );
    }
    // One that waits gets its turn after the first.
    let o = run(dir
        .cmd()
        .args(["update", "--wait", "600", "out", b.to_str().unwrap()]));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(first.wait().unwrap().success());
    assert_eq!(
        sql_count(
            &dir.join("out/graph.sqlite"),
            "SELECT count(*) FROM articles"
        ),
        5 + 12 + 3000
    );
}

// --- Clients ---

fn sample_store(dir: &Dir) -> PathBuf {
    newsgraph(
        dir,
        &[
            "build",
            "-q",
            root().join("data/articles").to_str().unwrap(),
            "-o",
            "out",
        ],
    );
    dir.join("out")
}

/// The `sqlite3` shell: an FTS5 MATCH on an Arabic word returns the
/// evidence sentence that cites it, with and without its article prefix.
#[test]
fn sqlite3_shell_finds_evidence_by_an_arabic_word() {
    let ok = Command::new("sqlite3")
        .args([":memory:", "CREATE VIRTUAL TABLE t USING fts5(x)"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available("sqlite3 (with FTS5)", ok) {
        return;
    }
    let dir = Dir::new("sqlite3");
    let out = sample_store(&dir);
    let q = "SELECT p.article, p.sentence, p.text FROM passages_fts \
             JOIN passages p ON p.id = passages_fts.rowid \
             WHERE passages_fts MATCH 'بيسكوف' ORDER BY p.article, p.sentence";
    let o = run_ok(
        Command::new("sqlite3")
            .args(["-json"])
            .arg(out.join("graph.sqlite"))
            .arg(q),
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!rows.is_empty());
    let mut triples = csv::Reader::from_path(out.join("triples.csv")).unwrap();
    let cited: Vec<(String, String, String)> = triples
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[11].to_string())
        })
        .collect();
    for row in &rows {
        let text = row["text"].as_str().unwrap();
        assert!(text.contains("بيسكوف"), "{text}");
        let key = (
            row["article"].as_str().unwrap().to_string(),
            row["sentence"].to_string(),
            text.to_string(),
        );
        assert!(cited.contains(&key), "{key:?} is not a cited sentence");
    }
}

/// Python's `sqlite3` module and Datasette, through the scripts in
/// tests/clients/.
#[test]
fn python_and_datasette_read_the_store() {
    let Some(py) = python("sqlite3") else { return };
    let dir = Dir::new("pystore");
    let out = sample_store(&dir);
    let db = out.join("graph.sqlite");
    let script = |name: &str| root().join("tests/clients").join(name);
    let o = run_ok(Command::new(&py).arg(script("store.py")).arg(&db).arg(&out));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["edges"], v["edges_csv"], "{v}");
    assert_eq!(v["mentions"], v["triples_csv"], "{v}");
    assert_eq!(v["fts_module"], true, "{v}");
    assert!(v["search_hits"].as_u64().unwrap() > 0, "{v}");
    if python("datasette").is_none() {
        return;
    }
    let o = run(Command::new(&py).arg(script("datasette.py")).arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["edges"], v["edges"], "{d}");
    let top = &d["top_edge"];
    let mut r = csv::Reader::from_path(out.join("edges.csv")).unwrap();
    let weight = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Weight")
        .unwrap();
    let max = r
        .records()
        .map(|r| r.unwrap()[weight].parse::<i64>().unwrap())
        .max()
        .unwrap();
    assert_eq!(top["weight"].as_i64(), Some(max), "{d}");
    assert!(d["search"].as_array().is_some_and(|a| !a.is_empty()), "{d}");
}
