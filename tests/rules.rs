//! The rule tables: `tests/rules/*.tsv`, one test per file, each row a
//! made-up sentence and a triple that must come out (`yes`), must not come
//! out as an edge (`no`), or that the rules do not find yet (`miss`).
//!
//! Columns: `sentence expect subject relation object modality rule`.
//! - `yes`: a mention with this subject, relation, object and modality
//!   (symmetric relations either way); when `rule` is given, its rule chain
//!   names that rule.
//! - `no`: no complete mention with this subject, relation and object and
//!   this modality (empty: asserted or reported, the mentions that make
//!   edges).
//! - `miss`: what a `yes` row would assert, known not to hold yet; printed,
//!   and a row that starts passing fails the test so it is moved to `yes`.
//!
//! `rule` names the rule the row exercises: an engine rule, a pattern of
//! `data/rules/patterns.rules`, or a lexicon row family (`cues`, `roles`,
//! `modality`); an id that exists nowhere fails the test. Failures name the
//! file and line.

use std::{collections::BTreeMap, fs, path::Path, sync::OnceLock};

use newsgraph::{
    article::Article, extract::extract, lexicon::Lexicon, schema::Relation, trace::Rule,
};

use crate::util::root;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::load(&root().join("data")).expect("the project's lexicons load"))
}

/// A mention as the table compares it.
#[derive(Debug)]
struct Got {
    subject: String,
    relation: String,
    object: String,
    modality: String,
    rule: String,
}

fn known_rule(lex: &Lexicon, id: &str) -> bool {
    Rule::ALL.iter().any(|r| r.id() == id)
        || lex.patterns.all().iter().any(|p| p.id == id)
        || ["cues", "roles", "modality"].contains(&id)
}

fn table(name: &str) {
    let lex = lexicon();
    let path = Path::new("tests/rules").join(name);
    let text = fs::read_to_string(root().join(&path)).unwrap();
    let mut cache: BTreeMap<String, Vec<Got>> = BTreeMap::new();
    let (mut failed, mut fixed, mut misses, mut passed) = (Vec::new(), Vec::new(), 0, 0);
    for (i, line) in text.lines().enumerate() {
        let at = format!("{}:{}", path.display(), i + 1);
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("sentence\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 7 {
            failed.push(format!("{at}: expected 7 columns, found {}", f.len()));
            continue;
        }
        let (sentence, expect, s, r, o, m, rule) = (f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
        if let Err(e) = r.parse::<Relation>() {
            failed.push(format!("{at}: {e}"));
            continue;
        }
        if !rule.is_empty() && !known_rule(lex, rule) {
            failed.push(format!("{at}: no rule {rule:?} in the rule files"));
            continue;
        }
        let got = cache.entry(sentence.to_string()).or_insert_with(|| {
            let a = Article {
                id: "t".into(),
                text: sentence.to_string(),
                ..Article::default()
            };
            extract(&a, lex)
                .into_iter()
                .map(|m| Got {
                    subject: m.subject,
                    relation: m.relation.as_str().to_string(),
                    object: m.object,
                    modality: m.modality.as_str().to_string(),
                    rule: m.rule,
                })
                .collect()
        });
        let symmetric = r.parse::<Relation>().is_ok_and(|r| r.is_symmetric());
        let same = |g: &Got| {
            g.relation == r
                && ((g.subject == s && g.object == o)
                    || (symmetric && g.subject == o && g.object == s))
        };
        let names_rule = |g: &Got| {
            rule.is_empty()
                || g.rule
                    .split(' ')
                    .any(|x| x == rule || x.starts_with(&format!("{rule}:")))
        };
        let found = got
            .iter()
            .any(|g| same(g) && g.modality == m && names_rule(g));
        let shown = || {
            got.iter()
                .map(|g| {
                    format!(
                        "{} {} {} [{}] {}",
                        g.subject, g.relation, g.object, g.modality, g.rule
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        match expect {
            "yes" if found => passed += 1,
            "yes" => failed.push(format!(
                "{at}: missing {s} {r} {o} [{m}] {rule}\n    got: {}",
                shown()
            )),
            "no" => {
                let edge = |g: &Got| {
                    if m.is_empty() {
                        g.modality == "asserted" || g.modality == "reported"
                    } else {
                        g.modality == m
                    }
                };
                if got
                    .iter()
                    .any(|g| same(g) && edge(g) && !g.subject.is_empty() && !g.object.is_empty())
                {
                    failed.push(format!(
                        "{at}: must not come out: {s} {r} {o}\n    got: {}",
                        shown()
                    ));
                } else {
                    passed += 1;
                }
            }
            "miss" if found => fixed.push(format!("{at}: {line}")),
            "miss" => misses += 1,
            other => failed.push(format!("{at}: expect is yes, no or miss, found {other:?}")),
        }
    }
    eprintln!("{}: {passed} pass, {misses} known misses", path.display());
    assert!(failed.is_empty(), "rows that fail:\n{}", failed.join("\n"));
    assert!(
        fixed.is_empty(),
        "known misses that now pass (make them yes rows):\n{}",
        fixed.join("\n")
    );
    assert!(
        passed + misses > 0
            || text
                .lines()
                .all(|l| l.starts_with('#') || l.starts_with("sentence\t") || l.trim().is_empty()),
        "{}: no row passed",
        path.display()
    );
}

/// Every table file has its test below; a new file without one fails here.
#[test]
fn every_table_has_a_test() {
    let src = fs::read_to_string(root().join("tests/rules.rs")).unwrap();
    for e in fs::read_dir(root().join("tests/rules")).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".tsv") {
            assert!(
                src.contains(&format!("table(\"{name}\")")),
                "tests/rules/{name} has no test in tests/rules.rs"
            );
        }
    }
}

#[test]
fn titles() {
    table("titles.tsv");
}

#[test]
fn frames() {
    table("frames.tsv");
}

#[test]
fn mutual() {
    table("mutual.tsv");
}

#[test]
fn modality() {
    table("modality.tsv");
}

#[test]
fn events() {
    table("events.tsv");
}

#[test]
fn patterns() {
    table("patterns.tsv");
}

/// Every row of a build's `triples.csv` names its rules, and every id
/// exists in a rule file: an engine rule of `data/rules/engine.rules`, a
/// pattern, or a line of the lexicon file it cites.
#[test]
fn every_triple_names_rules_that_exist() {
    let lex = lexicon();
    let text = fs::read_to_string(root().join("exports/triples.csv")).unwrap();
    let engine = fs::read_to_string(root().join("data/rules/engine.rules")).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let rule_col = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "rule")
        .unwrap();
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let rule = &rec[rule_col];
        assert!(!rule.is_empty(), "a row without rules: {rec:?}");
        for id in rule.split(' ') {
            let ok = match id.split_once(':') {
                Some((file, line)) => {
                    let n: usize = line.parse().unwrap();
                    let path = root().join(format!("data/lexicon/{file}.tsv"));
                    fs::read_to_string(&path)
                        .unwrap()
                        .lines()
                        .nth(n - 1)
                        .is_some_and(|l| !l.starts_with('#') && !l.trim().is_empty())
                }
                None => {
                    known_rule(lex, id)
                        && (engine.lines().any(|l| l.starts_with(&format!("{id}\t")))
                            || lex.patterns.all().iter().any(|p| p.id == id))
                }
            };
            assert!(ok, "rule {id:?} of {rec:?} exists in no rule file");
        }
        rows += 1;
    }
    assert!(rows > 50);
}
