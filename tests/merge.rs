//! Streaming and sharding (issue 5): `build` spills rows to sorted runs and
//! must give the same files whatever the thread count or the memory given to
//! sorting; shards built apart and put together with `merge` must give the
//! files of one `build` over the whole corpus.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use newsgraph::{
    export::{ExportOptions, read_triples, write_all},
    graph::{GraphOptions, KnowledgeGraph},
    lexicon::Lexicon,
    pipeline::default_data_dir,
};

use crate::util::{Dir, root, run, run_ok};

/// Every export of an output folder, by name. `build`'s SQLite store is
/// not one: `merge` and `export` have no articles to store (tests/store.rs
/// checks it).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let e = e.unwrap();
        if e.file_name() == newsgraph::store::FILE {
            continue;
        }
        out.insert(
            e.file_name().to_string_lossy().into_owned(),
            fs::read(e.path()).unwrap(),
        );
    }
    out
}

fn assert_same(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "{} vs {}",
        a.display(),
        b.display()
    );
    for (name, bytes) in &fa {
        assert!(
            *bytes == fb[name],
            "{name} differs between {} and {}:\n{}\n---\n{}",
            a.display(),
            b.display(),
            head(bytes),
            head(&fb[name])
        );
    }
}

fn head(b: &[u8]) -> String {
    String::from_utf8_lossy(&b[..b.len().min(600)]).into_owned()
}

/// The sample articles, and the dev articles when present, split into two
/// shard folders by alternating file names.
fn corpus(dir: &Dir) -> (Vec<PathBuf>, PathBuf, PathBuf) {
    let mut all: Vec<PathBuf> = Vec::new();
    for src in [
        root().join("data/articles"),
        root().join("tests/dev/articles"),
    ] {
        let Ok(rd) = fs::read_dir(&src) else { continue };
        all.extend(
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    all.sort();
    assert!(all.len() >= 4, "need sample articles, found {}", all.len());
    let (a, b) = (dir.join("shard-a"), dir.join("shard-b"));
    let whole = dir.join("whole");
    for (i, p) in all.iter().enumerate() {
        let name = p.file_name().unwrap();
        let shard = if i % 2 == 0 { &a } else { &b };
        for d in [shard, &whole] {
            fs::create_dir_all(d).unwrap();
            fs::copy(p, d.join(name)).unwrap();
        }
    }
    (vec![whole], a, b)
}

fn build(dir: &Dir, inputs: &[PathBuf], out: &str, args: &[&str]) -> PathBuf {
    run_ok(
        dir.cmd()
            .arg("build")
            .args(inputs)
            .args(["-q", "-o", out])
            .args(args),
    );
    dir.join(out)
}

#[test]
fn thread_count_and_sort_memory_do_not_change_a_byte() {
    let dir = Dir::new("merge-threads");
    let (whole, _, _) = corpus(&dir);
    let one = build(&dir, &whole, "j1", &["-j", "1"]);
    // No sort memory makes every few rows spill to a run on disk, and the runs merge back.
    let two = build(&dir, &whole, "j2", &["-j", "2", "--sort-memory", "0"]);
    assert_same(&one, &two);
    // No spill file is left in the output folder.
    assert!(
        files(&two).keys().all(|n| !n.starts_with('.')),
        "{:?}",
        files(&two).keys()
    );
}

#[test]
fn merged_shards_equal_one_build() {
    let dir = Dir::new("merge-shards");
    let (whole, a, b) = corpus(&dir);
    let all = build(&dir, &whole, "all", &[]);
    let sa = build(&dir, &[a], "out-a", &["-j", "1"]);
    let sb = build(&dir, &[b], "out-b", &["-j", "2"]);
    let (ta, tb) = (sa.join("triples.csv"), sb.join("triples.csv"));
    run_ok(
        dir.cmd()
            .arg("merge")
            .arg(&ta)
            .arg(&tb)
            .args(["-q", "-o", "merged"]),
    );
    assert_same(&all, &dir.join("merged"));
    // Shard order does not matter, nor does spilling.
    run_ok(dir.cmd().arg("merge").arg(&tb).arg(&ta).args([
        "-q",
        "-o",
        "merged-ba",
        "--sort-memory",
        "0",
    ]));
    assert_same(&all, &dir.join("merged-ba"));
    // Merging one build's own triples gives that build again.
    run_ok(
        dir.cmd()
            .arg("merge")
            .arg(all.join("triples.csv"))
            .args(["-q", "-o", "again"]),
    );
    assert_same(&all, &dir.join("again"));
}

#[test]
fn streamed_build_equals_the_in_memory_exports() {
    let dir = Dir::new("merge-memory");
    let (whole, _, _) = corpus(&dir);
    let streamed = build(&dir, &whole, "streamed", &["--sort-memory", "0"]);
    let mentions = read_triples(&[streamed.join("triples.csv")]).unwrap();
    assert!(!mentions.is_empty());
    let lex = Lexicon::load(&default_data_dir()).unwrap();
    let g = KnowledgeGraph::build(&mentions, Some(&lex), &GraphOptions::default());
    let in_memory = dir.join("in-memory");
    write_all(&in_memory, &g, &mentions, &ExportOptions::default()).unwrap();
    assert_same(&streamed, &in_memory);
}

#[test]
fn graph_json_lists_every_citation() {
    let dir = Dir::new("merge-json");
    let (whole, _, _) = corpus(&dir);
    let out = build(&dir, &whole, "out", &["--sort-memory", "0"]);
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("graph.json")).unwrap()).unwrap();
    let edges = json["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    for e in edges {
        let cites = e["citations"].as_array().unwrap();
        assert_eq!(cites.len() as u64, e["weight"].as_u64().unwrap(), "{e}");
        let keys: Vec<(String, u64, u64)> = cites
            .iter()
            .map(|c| {
                (
                    c["article"].as_str().unwrap().to_string(),
                    c["sentence"].as_u64().unwrap(),
                    c["start"].as_u64().unwrap(),
                )
            })
            .collect();
        assert!(
            keys.windows(2).all(|w| w[0] <= w[1]),
            "citations out of order: {keys:?}"
        );
    }
}

#[test]
fn merge_names_a_missing_file() {
    let dir = Dir::new("merge-missing");
    let o = run(dir.cmd().args(["merge", "nope/triples.csv", "-o", "x"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("nope/triples.csv"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
