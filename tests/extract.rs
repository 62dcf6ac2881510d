//! Extraction as a user meets it: citations that slice back, the sample
//! gold scored by `newsgraph eval` and by the independent scorer, the rule
//! table, the dev set of corpus articles, and the committed sample exports.

use std::{fs, path::Path, process::Command};

use crate::util::{Dir, root, run_ok};

fn build(dir: &Dir, input: &Path) -> std::path::PathBuf {
    let out = dir.join("out");
    run_ok(
        dir.cmd()
            .arg("build")
            .arg(input)
            .arg("-o")
            .arg(&out)
            .arg("-q"),
    );
    out
}

#[derive(serde::Deserialize)]
struct Row {
    article: String,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    evidence: String,
}

/// Every row of triples.csv slices back to its evidence, in bytes and in
/// characters, from the original article file.
#[test]
fn citations_slice_back_to_the_original_bytes_and_chars() {
    let dir = Dir::new("cite");
    for input in ["data/articles", "tests/dev/articles"] {
        let out = build(&dir, &root().join(input));
        let mut rdr = csv::Reader::from_path(out.join("triples.csv")).unwrap();
        let mut n = 0;
        for row in rdr.deserialize::<Row>() {
            let row = row.unwrap();
            let text = fs::read_to_string(root().join(input).join(format!("{}.txt", row.article)))
                .unwrap();
            assert_eq!(
                &text[row.start..row.end],
                row.evidence,
                "bytes of {}",
                row.article
            );
            let chars: String = text
                .chars()
                .skip(row.char_start)
                .take(row.char_end - row.char_start)
                .collect();
            assert_eq!(chars, row.evidence, "chars of {}", row.article);
            n += 1;
        }
        assert!(n > 50, "{input}: only {n} mentions");
    }
}

fn eval_json(dir: &Dir, gold: &Path, out: &Path, map: Option<&Path>) -> serde_json::Value {
    let mut cmd = dir.cmd();
    cmd.arg("eval")
        .arg("--json")
        .arg("--gold")
        .arg(gold)
        .arg(out.join("triples.csv"));
    if let Some(actors) = map {
        cmd.arg("--actors")
            .arg(actors)
            .arg("--nodes")
            .arg(out.join("nodes.csv"));
    }
    serde_json::from_slice(&run_ok(&mut cmd).stdout).unwrap()
}

/// The bar on the five sample articles: typed micro F1 ≥ 0.80, pair
/// F1 ≥ 0.85.
#[test]
fn sample_gold_scores_above_the_bar() {
    let dir = Dir::new("seeds");
    let out = build(&dir, &root().join("data/articles"));
    let r = eval_json(&dir, &root().join("tests/gold/seeds.tsv"), &out, None);
    let (typed, pairs) = (
        r["typed"]["f1"].as_f64().unwrap(),
        r["pairs"]["f1"].as_f64().unwrap(),
    );
    eprintln!("sample gold: typed F1 {typed:.3}, pair F1 {pairs:.3}");
    assert!(typed >= 0.80, "typed F1 {typed:.3}");
    assert!(pairs >= 0.85, "pair F1 {pairs:.3}");
}

/// The dev set of corpus articles on other conflicts (tests/dev): prints the
/// figures per article and holds issue 3's bar (typed F1 ≥ 0.65).
#[test]
fn dev_set_is_reported_per_article() {
    let dir = Dir::new("dev");
    let out = build(&dir, &root().join("tests/dev/articles"));
    let r = eval_json(
        &dir,
        &root().join("tests/dev/gold.tsv"),
        &out,
        Some(&root().join("tests/dev/actors.tsv")),
    );
    for a in r["articles"].as_array().unwrap() {
        eprintln!(
            "  {:<42} typed F1 {:.3}",
            a["article"].as_str().unwrap(),
            a["typed"]["f1"].as_f64().unwrap()
        );
    }
    let typed = r["typed"]["f1"].as_f64().unwrap();
    eprintln!(
        "dev set: typed F1 {typed:.3}, pair F1 {:.3}",
        r["pairs"]["f1"].as_f64().unwrap()
    );
    // Issue 3's bar for articles on other conflicts.
    assert!(typed >= 0.65, "dev typed F1 fell to {typed:.3}");
}

/// The 60 annotated corpus articles (tests/annotated), in their tune and
/// check halves: typed F1, pair F1 and the precision of interactions per
/// half, printed, each held at the session's figure as a floor (issue 11's
/// bar of 0.70 on the check half is not reached yet).
#[test]
fn annotated_halves_are_reported() {
    let ann = root().join("tests/annotated");
    let halves = fs::read_to_string(ann.join("halves.tsv")).unwrap();
    let gold = fs::read_to_string(ann.join("gold.tsv")).unwrap();
    for (half, floor) in [("tune", 0.37), ("check", 0.35)] {
        let dir = Dir::new(half);
        let input = dir.join("in");
        fs::create_dir_all(&input).unwrap();
        let stems: Vec<&str> = halves
            .lines()
            .skip(1)
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|f| f[3] == half)
            .map(|f| f[0])
            .collect();
        for s in &stems {
            let name = format!("{s}.txt");
            fs::copy(ann.join("articles").join(&name), input.join(&name)).unwrap();
        }
        let rows: String = gold
            .lines()
            .enumerate()
            .filter(|(i, l)| *i == 0 || stems.contains(&l.split('\t').next().unwrap()))
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        let gold_path = dir.join("gold.tsv");
        fs::write(&gold_path, rows).unwrap();
        let out = build(&dir, &input);
        let r = eval_json(&dir, &gold_path, &out, Some(&ann.join("actors.tsv")));
        let (mut tp, mut fp) = (0.0, 0.0);
        for (rel, c) in r["by_relation"].as_object().unwrap() {
            let standing = [
                "leader_of",
                "official_of",
                "member_of",
                "part_of",
                "allied_with",
                "controls",
                "deployed_in",
            ];
            if !standing.contains(&rel.as_str()) {
                tp += c["tp"].as_f64().unwrap();
                fp += c["fp"].as_f64().unwrap();
            }
        }
        let typed = r["typed"]["f1"].as_f64().unwrap();
        eprintln!(
            "annotated {half} half ({} articles): typed P {:.3} R {:.3} F1 {typed:.3}, pair F1 {:.3}, \
             interaction precision {:.3} ({tp} of {})",
            stems.len(),
            r["typed"]["precision"].as_f64().unwrap(),
            r["typed"]["recall"].as_f64().unwrap(),
            r["pairs"]["f1"].as_f64().unwrap(),
            tp / (tp + fp).max(1.0),
            tp + fp,
        );
        assert!(typed >= floor, "{half} half typed F1 fell to {typed:.3}");
    }
}

fn python() -> Option<String> {
    let py = std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| "python3".into());
    Command::new(&py)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| py)
}

/// `newsgraph eval` agrees with the independent scorer (tests/tools/score.py,
/// a copy of shared/tools/score.py) to the last count, with and without the
/// mapping of new actors by name.
#[test]
fn eval_agrees_with_the_independent_scorer() {
    let Some(py) = python() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI needs python3"
        );
        eprintln!("skipped: no python3");
        return;
    };
    let dir = Dir::new("agree");
    for (input, gold, actors) in [
        ("data/articles", "tests/gold/seeds.tsv", None),
        (
            "tests/dev/articles",
            "tests/dev/gold.tsv",
            Some("tests/dev/actors.tsv"),
        ),
    ] {
        let out = build(&dir, &root().join(input));
        let ours = eval_json(
            &dir,
            &root().join(gold),
            &out,
            actors.map(|a| root().join(a)).as_deref(),
        );
        let mut cmd = Command::new(&py);
        cmd.arg(root().join("tests/tools/score.py"))
            .arg(root().join(gold))
            .arg(out.join("triples.csv"))
            .arg("--json");
        if let Some(a) = actors {
            cmd.arg("--actors")
                .arg(root().join(a))
                .arg("--nodes")
                .arg(out.join("nodes.csv"));
        }
        let theirs: serde_json::Value = serde_json::from_slice(&run_ok(&mut cmd).stdout).unwrap();
        for (k, ours_k) in [
            ("tp", &ours["typed"]["tp"]),
            ("fp", &ours["typed"]["fp"]),
            ("fn", &ours["typed"]["fn_"]),
            ("ptp", &ours["pairs"]["tp"]),
            ("pfp", &ours["pairs"]["fp"]),
            ("pfn", &ours["pairs"]["fn_"]),
        ] {
            assert_eq!(&theirs[k], ours_k, "{input}: {k}");
        }
    }
}

/// `exports/` holds the sample run's outputs, and the README's first
/// command regenerates them byte for byte.
#[test]
fn committed_sample_exports_are_what_build_writes() {
    let dir = Dir::new("golden");
    let out = build(&dir, &root().join("data/articles"));
    let mut compared = 0;
    for e in fs::read_dir(&out).unwrap() {
        let name = e.unwrap().file_name();
        let fresh = fs::read(out.join(&name)).unwrap();
        let committed = fs::read(root().join("exports").join(&name)).unwrap_or_else(|_| {
            panic!("exports/{name:?} is missing: run the README's first command")
        });
        assert!(
            fresh == committed,
            "exports/{name:?} differs from a fresh build: run the README's first command and commit"
        );
        compared += 1;
    }
    assert!(compared >= 8);
}

/// Two runs over the same articles write the same bytes: nothing in the
/// rules may depend on hash order (a regression: a counterpart's office was
/// looked up in a HashMap and flipped from run to run).
#[test]
fn two_runs_write_the_same_bytes() {
    let dir = Dir::new("twice");
    let input = root().join("tests/dev/articles");
    let (a, b) = (dir.join("a"), dir.join("b"));
    for out in [&a, &b] {
        run_ok(
            dir.cmd()
                .arg("build")
                .arg(&input)
                .arg("-o")
                .arg(out)
                .arg("-q"),
        );
    }
    for name in ["triples.csv", "edges.csv", "nodes.csv", "graph.json"] {
        assert!(
            fs::read(a.join(name)).unwrap() == fs::read(b.join(name)).unwrap(),
            "{name} differs between runs"
        );
    }
}
