//! Exports as their users' tools read them (issue 4): the XML files validate
//! against the published schemas, networkx and igraph read the graphs,
//! Graphviz renders the DOT file, LibreOffice imports the CSV with its
//! Arabic intact, and the same input always gives the same bytes.
//!
//! Two inputs: the sample articles (`data/articles`), whose extraction the
//! lead keeps changing, so tests on them assert only properties that hold
//! for any graph; and a hand-written `triples.csv` (`FIXTURE`) read back by
//! `newsgraph export`, whose graph is known exactly: parallel relations
//! between one pair, a symmetric relation, dates, a negated mention, a
//! partial one, and text that XML must not see raw.
//!
//! A test whose client (xmllint, dot, soffice, the Python packages) is
//! missing prints a notice and passes, unless `CI=true`, where it fails:
//! `.ci/run` installs them all. Python comes from `$NEWSGRAPH_PYTHON`
//! (`.ci/run` points it at its venv), else `python3`.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use crate::util::{Dir, root, run, run_ok};

/// The columns of `triples.csv` (the field order of `TripleMention`).
const HEADER: &str = "article,sentence,start,end,char_start,char_end,subject,relation,object,modality,cue,evidence,complete,subject_label,subject_type,object_label,object_type,date";

/// One fixture row: article, subject, relation, object, modality, evidence,
/// complete, date. Labels come from [`label`].
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static str,
);

/// The fixture's mentions. What the graph must hold follows from them:
/// - turkey→azerbaijan has two relations (`support` ×2, `aid` ×1), and
///   armenia→turkey two (`accuse` ×2, `threaten` ×1): parallel edges;
/// - `consult` is symmetric: "turkey consult azerbaijan" and "azerbaijan
///   consult turkey" are one edge of weight 2;
/// - the negated `assault` and the partial `request` make no edge;
/// - one evidence holds U+0001 and U+FFFE, which XML 1.0 forbids, and
///   quotes, commas and a line break, which CSV must quote;
/// - `stoltenberg leader_of nato` has no date.
const FIXTURE: &[Row] = &[
    (
        "a1",
        "turkey",
        "support",
        "azerbaijan",
        "asserted",
        "أعلنت تركيا دعمها لأذربيجان.",
        true,
        "2020-10-01",
    ),
    (
        "a1",
        "armenia",
        "accuse",
        "turkey",
        "asserted",
        "اتهمت أرمينيا تركيا، \"بالتدخل\"\nفي النزاع.",
        true,
        "2020-10-01",
    ),
    (
        "a1",
        "turkey",
        "consult",
        "azerbaijan",
        "asserted",
        "بحث أردوغان وعلييف الوضع.",
        true,
        "2020-10-01",
    ),
    (
        "a2",
        "turkey",
        "support",
        "azerbaijan",
        "reported",
        "قالت يريفان إن أنقرة تدعم باكو.",
        true,
        "2020-10-05",
    ),
    (
        "a2",
        "turkey",
        "aid",
        "azerbaijan",
        "asserted",
        "أرسلت تركيا مسيّرات\u{1} إلى أذربيجان\u{FFFE}.",
        true,
        "2020-10-05",
    ),
    (
        "a2",
        "armenia",
        "accuse",
        "turkey",
        "asserted",
        "جددت أرمينيا اتهامها لتركيا.",
        true,
        "2020-10-05",
    ),
    (
        "a2",
        "azerbaijan",
        "consult",
        "turkey",
        "asserted",
        "اتصل علييف بأردوغان.",
        true,
        "2020-10-05",
    ),
    (
        "a3",
        "armenia",
        "threaten",
        "turkey",
        "asserted",
        "حذرت أرمينيا تركيا.",
        true,
        "2020-11-10",
    ),
    (
        "a3",
        "russia",
        "mediate",
        "armenia",
        "asserted",
        "توسطت روسيا بين أرمينيا وأذربيجان.",
        true,
        "2020-11-10",
    ),
    (
        "a3",
        "russia",
        "mediate",
        "azerbaijan",
        "asserted",
        "توسطت روسيا بين أرمينيا وأذربيجان.",
        true,
        "2020-11-10",
    ),
    (
        "a3",
        "russia",
        "assault",
        "armenia",
        "negated",
        "نفت روسيا أن تكون قصفت أرمينيا.",
        true,
        "2020-11-10",
    ),
    (
        "a3",
        "armenia",
        "request",
        "",
        "asserted",
        "طالبت أرمينيا بوقف إطلاق النار.",
        false,
        "2020-11-10",
    ),
    (
        "a4",
        "jens_stoltenberg",
        "leader_of",
        "nato",
        "asserted",
        "قال الأمين العام لحلف الناتو NATO ينس ستولتنبرغ.",
        true,
        "",
    ),
];

fn label(id: &str) -> (&'static str, &'static str) {
    match id {
        "turkey" => ("تركيا", "state"),
        "azerbaijan" => ("أذربيجان", "state"),
        "armenia" => ("أرمينيا", "state"),
        "russia" => ("روسيا", "state"),
        "nato" => ("حلف شمال الأطلسي (الناتو)", "organization"),
        "jens_stoltenberg" => ("ينس ستولتنبرغ", "person"),
        _ => ("", ""),
    }
}

/// The fixture as `triples.csv` text, quoted as the csv crate would, in
/// the columns of files written before `rule` and `confidence` existed.
fn fixture_csv() -> String {
    fixture_csv_with(None)
}

/// The fixture with the `rule` and `confidence` columns, every row of this
/// confidence.
fn fixture_csv_with(confidence: Option<f64>) -> String {
    let q = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = match confidence {
        Some(_) => format!("{HEADER},rule,confidence\n"),
        None => format!("{HEADER}\n"),
    };
    for (i, (article, s, r, o, m, ev, complete, date)) in FIXTURE.iter().enumerate() {
        let (sl, st) = label(s);
        let (ol, ot) = label(o);
        let fields = [
            article.to_string(),
            i.to_string(),
            "0".into(),
            ev.len().to_string(),
            "0".into(),
            ev.chars().count().to_string(),
            s.to_string(),
            r.to_string(),
            o.to_string(),
            m.to_string(),
            "cue".into(),
            ev.to_string(),
            complete.to_string(),
            sl.into(),
            st.into(),
            ol.into(),
            ot.into(),
            date.to_string(),
        ];
        out += &fields.iter().map(|f| q(f)).collect::<Vec<_>>().join(",");
        if let Some(c) = confidence {
            out += &format!(",svo r{i},{c}");
        }
        out.push('\n');
    }
    out
}

/// Writes the fixture and runs `newsgraph export` on it with `args`. No
/// lexicon: labels and types come from the fixture alone, whatever the
/// gazetteer says today.
fn export_fixture(dir: &Dir, out: &str, args: &[&str]) -> PathBuf {
    let triples = dir.write("fixture/triples.csv", fixture_csv());
    run_ok(
        dir.cmd()
            .arg("export")
            .arg(&triples)
            .arg("-o")
            .arg(out)
            .arg("--no-lexicon")
            .args(args),
    );
    dir.join(out)
}

/// Builds the sample articles into `dir/out`.
pub(super) fn build_sample(dir: &Dir, out: &str, args: &[&str]) -> PathBuf {
    let articles = root().join("data/articles");
    run_ok(
        dir.cmd()
            .arg("build")
            .arg(&articles)
            .arg("-o")
            .arg(out)
            .arg("-q")
            .args(args),
    );
    dir.join(out)
}

/// Whether the tool can be used; when it cannot, a notice, or under
/// `CI=true` a failure.
pub(crate) fn available(what: &str, ok: bool) -> bool {
    if ok {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is missing, and CI=true requires it (bash .ci/run installs it)");
    }
    eprintln!("notice: {what} is missing; skipping (bash .ci/run installs it)");
    false
}

pub(crate) fn have_program(name: &str, version_arg: &str) -> bool {
    Command::new(name)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The Python to run the client scripts, if it has the packages.
pub(crate) fn python(modules: &str) -> Option<String> {
    let py = std::env::var("NEWSGRAPH_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&py)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    available(&format!("{py} with {modules}"), ok).then_some(py)
}

fn client(name: &str) -> PathBuf {
    root().join("tests/clients").join(name)
}

/// Runs a client script and parses the JSON it prints.
pub(super) fn run_client(py: &str, script: &str, args: &[&Path]) -> serde_json::Value {
    let out = run_ok(Command::new(py).arg(client(script)).args(args));
    serde_json::from_slice(&out.stdout).expect("client prints JSON")
}

/// `(Source, Target, Label) → Weight` of an `edges.csv`.
fn edges_csv(dir: &Path) -> BTreeMap<(String, String, String), f64> {
    let mut r = csv::Reader::from_path(dir.join("edges.csv")).expect("edges.csv");
    let h = r.headers().unwrap().clone();
    let col = |name: &str| {
        h.iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("edges.csv has no {name} column: {h:?}"))
    };
    let (s, t, l, w) = (col("Source"), col("Target"), col("Label"), col("Weight"));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                (rec[s].to_string(), rec[t].to_string(), rec[l].to_string()),
                rec[w].parse().unwrap(),
            )
        })
        .collect()
}

/// `(Weight, confidence)` of every row of an `edges.csv`, whose last
/// column must be `confidence`.
fn confidences(dir: &Path) -> Vec<(f64, String)> {
    let mut r = csv::Reader::from_path(dir.join("edges.csv")).expect("edges.csv");
    let h = r.headers().unwrap().clone();
    assert_eq!(h.iter().next_back(), Some("confidence"), "{h:?}");
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let weight = h.iter().position(|c| c == "Weight").expect("Weight");
            (rec[weight].parse().unwrap(), rec[h.len() - 1].to_string())
        })
        .collect()
}

fn node_ids(dir: &Path) -> BTreeSet<String> {
    let mut r = csv::Reader::from_path(dir.join("nodes.csv")).expect("nodes.csv");
    r.records().map(|rec| rec.unwrap()[0].to_string()).collect()
}

fn key(s: &str, t: &str, l: &str) -> (String, String, String) {
    (s.into(), t.into(), l.into())
}

/// Every file of a folder, by name.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect()
}

const EXPORTS: &[&str] = &[
    "triples.csv",
    "nodes.csv",
    "edges.csv",
    "neo4j_nodes.csv",
    "neo4j_relationships.csv",
    "graph.graphml",
    "graph-collapsed.graphml",
    "graph.gexf",
    "graph.dot",
    "graph.json",
];

#[test]
fn build_and_export_write_every_file() {
    let dir = Dir::new("every-file");
    for out in [
        build_sample(&dir, "built", &[]),
        export_fixture(&dir, "exported", &[]),
    ] {
        let names = files(&out);
        for f in EXPORTS {
            assert!(
                names.contains_key(*f),
                "{} lacks {f}: {:?}",
                out.display(),
                names.keys()
            );
        }
        assert!(
            names.keys().all(|n| !n.starts_with('.')),
            "temporary files left behind: {:?}",
            names.keys()
        );
    }
}

#[test]
fn same_input_gives_byte_identical_files() {
    let dir = Dir::new("stable");
    let a = files(&build_sample(&dir, "a", &["-j", "1"]));
    let b = files(&build_sample(&dir, "b", &["-j", "2"]));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(
            bytes == &b[name],
            "{name} differs between two builds of the same articles"
        );
    }
    // The fixture's rows in another order make the same graph.
    let x = files(&export_fixture(&dir, "x", &[]));
    let text = fixture_csv();
    let mut rows = split_rows(&text);
    let header = rows.remove(0);
    rows.reverse();
    let shuffled = dir.write("shuffled/triples.csv", format!("{header}{}", rows.concat()));
    run_ok(
        dir.cmd()
            .arg("export")
            .arg(&shuffled)
            .args(["-o", "y", "--no-lexicon"]),
    );
    let y = files(&dir.join("y"));
    for name in [
        "nodes.csv",
        "edges.csv",
        "graph.graphml",
        "graph-collapsed.graphml",
        "graph.gexf",
        "graph.dot",
        "neo4j_nodes.csv",
        "neo4j_relationships.csv",
    ] {
        assert!(
            x[name] == y[name],
            "{name} depends on the order of the triples"
        );
    }
}

/// Splits CSV text into records, each with its line ending, respecting
/// quoted line breaks.
fn split_rows(text: &str) -> Vec<String> {
    let (mut rows, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    for c in text.chars() {
        cur.push(c);
        if c == '"' {
            quoted = !quoted;
        } else if c == '\n' && !quoted {
            rows.push(std::mem::take(&mut cur));
        }
    }
    rows
}

#[test]
fn export_of_a_builds_triples_gives_the_same_graph() {
    let dir = Dir::new("rebuild");
    let built = build_sample(&dir, "built", &[]);
    run_ok(
        dir.cmd()
            .arg("export")
            .arg(built.join("triples.csv"))
            .args(["-o", "again"]),
    );
    let (a, b) = (files(&built), files(&dir.join("again")));
    for f in EXPORTS {
        assert!(
            a[*f] == b[*f],
            "{f}: `export` of build's own triples.csv differs from build's"
        );
    }
}

#[test]
fn fixture_graph_keeps_relations_apart() {
    let dir = Dir::new("fixture");
    let out = export_fixture(&dir, "out", &[]);
    let edges = edges_csv(&out);
    let want: BTreeMap<_, f64> = [
        (key("armenia", "turkey", "accuse"), 2.0),
        (key("armenia", "turkey", "threaten"), 1.0),
        (key("azerbaijan", "turkey", "consult"), 2.0),
        (key("jens_stoltenberg", "nato", "leader_of"), 1.0),
        (key("russia", "armenia", "mediate"), 1.0),
        (key("russia", "azerbaijan", "mediate"), 1.0),
        (key("turkey", "azerbaijan", "aid"), 1.0),
        (key("turkey", "azerbaijan", "support"), 2.0),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        edges, want,
        "negated and partial mentions make no edge; a symmetric relation is one edge"
    );
    // Gephi's spreadsheet import recognises these names.
    let header = |f: &str| {
        fs::read_to_string(out.join(f))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert!(
        header("nodes.csv").starts_with("Id,Label,"),
        "{}",
        header("nodes.csv")
    );
    assert!(
        header("edges.csv").starts_with("Source,Target,Type,Kind,Label,Weight,"),
        "{}",
        header("edges.csv")
    );
    let nodes = fs::read_to_string(out.join("nodes.csv")).unwrap();
    assert!(
        nodes.contains("تركيا") && nodes.contains("حلف شمال الأطلسي (الناتو)"),
        "Arabic labels reach nodes.csv:\n{nodes}"
    );
    // triples.csv keeps every mention, partial and negated ones too.
    let triples = fs::read_to_string(out.join("triples.csv")).unwrap();
    assert_eq!(split_rows(&triples).len(), FIXTURE.len() + 1);
}

#[test]
fn xml_exports_validate_against_the_schemas() {
    if !available(
        "xmllint (libxml2-utils)",
        have_program("xmllint", "--version"),
    ) {
        return;
    }
    let dir = Dir::new("xsd");
    let schemas = root().join("tests/schemas");
    for out in [
        build_sample(&dir, "built", &[]),
        export_fixture(&dir, "exported", &[]),
    ] {
        for (file, xsd) in [
            ("graph.graphml", "graphml/graphml.xsd"),
            ("graph-collapsed.graphml", "graphml/graphml.xsd"),
            ("graph.gexf", "gexf-1.3/gexf.xsd"),
        ] {
            let o = run(Command::new("xmllint")
                .arg("--noout")
                .arg("--schema")
                .arg(schemas.join(xsd))
                .arg(out.join(file)));
            assert!(
                o.status.success(),
                "{} is not valid against {xsd}:\n{}",
                out.join(file).display(),
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
}

#[test]
fn xml_illegal_code_points_never_reach_xml() {
    let dir = Dir::new("illegal");
    let out = export_fixture(&dir, "out", &[]);
    for f in [
        "graph.graphml",
        "graph-collapsed.graphml",
        "graph.gexf",
        "graph.dot",
    ] {
        let text = fs::read_to_string(out.join(f)).unwrap();
        assert!(
            !text.contains(['\u{1}', '\u{FFFE}']),
            "{f} holds an XML-illegal code point"
        );
        assert!(
            !text.contains("&#1;") && !text.contains("&#x1;"),
            "{f} escapes an XML-illegal code point instead of dropping it"
        );
        assert!(
            text.contains("أرسلت تركيا مسيّرات") || !["graph.graphml", "graph.gexf"].contains(&f),
            "{f} lost the evidence around the dropped code points"
        );
    }
    // The CSV keeps the text exactly: it is no XML, and citations must
    // slice back.
    let triples = fs::read_to_string(out.join("triples.csv")).unwrap();
    assert!(triples.contains("مسيّرات\u{1} إلى أذربيجان\u{FFFE}."));
}

#[test]
fn networkx_and_igraph_read_the_graphs() {
    let Some(py) = python("networkx, igraph") else {
        return;
    };
    let dir = Dir::new("clients");
    let sample = build_sample(&dir, "built", &[]);
    let s = run_client(&py, "graphs.py", &[&sample]);
    assert_eq!(s["graphml_networkx"]["nodes"], s["nodes_csv"]);

    let out = export_fixture(&dir, "exported", &[]);
    let s = run_client(&py, "graphs.py", &[&out]);
    // Parallel relations stay apart in the multigraph and in GEXF…
    for k in ["graphml_networkx", "gexf_networkx"] {
        assert_eq!(s[k]["edges"], 8, "{k}: {}", s[k]);
        assert_eq!(s[k]["multigraph"], true, "{k} must be read as a multigraph");
    }
    assert_eq!(s["graph_igraph"]["edges"], 8);
    // …and the collapsed view has one edge per pair, with weights summed.
    let c = &s["collapsed_networkx"];
    assert_eq!(c["multigraph"], false);
    let pairs: BTreeSet<(String, String)> = edges_csv(&out)
        .into_keys()
        .map(|(s, t, _)| (s, t))
        .collect();
    assert_eq!(c["edges"], pairs.len(), "one edge per actor pair");
    let ta = c["edge_list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["source"] == "turkey" && e["target"] == "azerbaijan")
        .expect("turkey→azerbaijan");
    assert_eq!(ta["weight"], 3.0);
    let label = ta["label"].as_str().unwrap();
    assert!(
        label.contains("support") && label.contains("aid"),
        "the collapsed edge names its relations: {label}"
    );
    // Every CSV is a rectangle to Python's csv module.
    for f in [
        "triples.csv",
        "nodes.csv",
        "edges.csv",
        "neo4j_nodes.csv",
        "neo4j_relationships.csv",
    ] {
        assert!(
            s["csv"][f]["rows"].as_u64().unwrap() > 0,
            "{f}: {}",
            s["csv"][f]
        );
    }
}

#[test]
fn gexf_carries_dates_as_spells() {
    let Some(py) = python("networkx, igraph") else {
        return;
    };
    let dir = Dir::new("spells");
    let out = export_fixture(&dir, "out", &[]);
    let gexf = fs::read_to_string(out.join("graph.gexf")).unwrap();
    assert!(
        gexf.contains(r#"mode="dynamic""#) && gexf.contains(r#"timeformat="date""#),
        "dated input makes a dynamic GEXF"
    );
    let s = run_client(&py, "graphs.py", &[&out]);
    let g = &s["gexf_networkx"];
    assert_eq!(g["mode"], "dynamic");
    // Each dated edge exists on every date it was reported and never before
    // the first or after the last.
    let want: &[(&str, &str, &str, &[&str])] = &[
        (
            "turkey",
            "azerbaijan",
            "support",
            &["2020-10-01", "2020-10-05"],
        ),
        ("armenia", "turkey", "threaten", &["2020-11-10"]),
        (
            "azerbaijan",
            "turkey",
            "consult",
            &["2020-10-01", "2020-10-05"],
        ),
    ];
    for (src, dst, rel, dates) in want {
        let e = g["edge_list"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["source"] == *src && e["target"] == *dst && e["label"] == *rel)
            .unwrap();
        let spells: Vec<(String, String)> = e["spells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_string(),
                    p[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(!spells.is_empty(), "{src} {rel} {dst} has no spell");
        for d in *dates {
            assert!(
                spells
                    .iter()
                    .any(|(a, b)| a.as_str() <= *d && *d <= b.as_str()),
                "{src} {rel} {dst}: no spell covers {d}: {spells:?}"
            );
        }
        let (lo, hi) = (dates[0], dates[dates.len() - 1]);
        assert!(
            spells
                .iter()
                .all(|(a, b)| lo <= a.as_str() && b.as_str() <= hi),
            "{src} {rel} {dst}: spells outside {lo}..{hi}: {spells:?}"
        );
    }
    // The undated edge has no spell: Gephi shows it throughout.
    let e = g["edge_list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "leader_of")
        .unwrap();
    assert_eq!(e["spells"].as_array().unwrap().len(), 0);
}

#[test]
fn dot_renders_through_graphviz() {
    if !available("Graphviz (dot)", have_program("dot", "-V")) {
        return;
    }
    let dir = Dir::new("render");
    for out in [
        build_sample(&dir, "built", &[]),
        export_fixture(&dir, "exported", &[]),
    ] {
        let dot = fs::read_to_string(out.join("graph.dot")).unwrap();
        assert!(dot.contains("legend"), "graph.dot has no legend");
        // Node ids are ASCII; Arabic lives only in labels.
        for line in dot.lines().filter(|l| l.contains("->")) {
            let ids = line.split('[').next().unwrap();
            assert!(ids.is_ascii(), "non-ASCII node id in {line}");
        }
        run_ok(
            Command::new("dot")
                .arg("-Tpng")
                .arg("-o")
                .arg(out.join("direct.png"))
                .arg(out.join("graph.dot")),
        );
        for ext in ["png", "svg"] {
            let target = out.join(format!("graph.{ext}"));
            run_ok(
                dir.cmd()
                    .arg("render")
                    .arg(out.join("graph.dot"))
                    .arg("-o")
                    .arg(&target),
            );
            let bytes = fs::read(&target).unwrap();
            match ext {
                "png" => assert!(
                    bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 1000,
                    "not a PNG"
                ),
                _ => assert!(
                    String::from_utf8_lossy(&bytes).contains("<svg"),
                    "not an SVG"
                ),
            }
        }
    }
    // The SVG carries the Arabic labels as text, each letter in order (the
    // renderer joins and orders them; the text stays logical order).
    let svg = fs::read_to_string(dir.join("exported/graph.svg")).unwrap();
    assert!(
        svg.contains("تركيا") && svg.contains("أذربيجان"),
        "Arabic labels missing from the SVG"
    );
}

#[test]
fn render_without_graphviz_says_how_to_get_it() {
    let dir = Dir::new("no-dot");
    let out = export_fixture(&dir, "out", &[]);
    let o = run(dir
        .cmd()
        .env("PATH", dir.join("empty-bin"))
        .arg("render")
        .arg(out.join("graph.dot"))
        .arg("-o")
        .arg(out.join("g.png")));
    assert_eq!(o.status.code(), Some(2), "missing Graphviz is an error");
    let err = String::from_utf8_lossy(&o.stderr).to_lowercase();
    assert!(
        err.contains("graphviz") && err.contains("install"),
        "the error says to install Graphviz: {err}"
    );
    assert!(!out.join("g.png").exists());
}

#[test]
fn render_rejects_an_unknown_extension() {
    let dir = Dir::new("bad-ext");
    let out = export_fixture(&dir, "out", &[]);
    let o = run(dir
        .cmd()
        .arg("render")
        .arg(out.join("graph.dot"))
        .arg("-o")
        .arg(out.join("g.docx")));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("docx"));
}

/// Converts `csv` to .xlsx with LibreOffice's `filter` into
/// `dir/NAME-xlsx/`; returns the .xlsx.
pub(super) fn soffice_xlsx(dir: &Dir, filter: &str, csv: &Path, name: &str) -> PathBuf {
    let xlsx_dir = dir.join(format!("{name}-xlsx"));
    // A profile of its own, so parallel runs do not share a lock.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    run_ok(
        Command::new("soffice")
            .arg(&profile)
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "xlsx",
                filter,
                "--outdir",
            ])
            .arg(&xlsx_dir)
            .arg(csv),
    );
    let stem = csv.file_stem().unwrap().to_string_lossy();
    xlsx_dir.join(format!("{stem}.xlsx"))
}

#[test]
fn libreoffice_imports_the_csv_with_arabic_intact() {
    if !available(
        "LibreOffice (soffice)",
        have_program("soffice", "--version"),
    ) {
        return;
    }
    let Some(py) = python("openpyxl") else { return };
    let dir = Dir::new("soffice");
    for (name, args) in [("plain", &[][..]), ("excel", &["--excel"][..])] {
        let out = export_fixture(&dir, name, args);
        for csv in ["edges.csv", "nodes.csv", "triples.csv"] {
            let xlsx = soffice_xlsx(&dir, "--infilter=CSV:44,34,76,1", &out.join(csv), name);
            let s = run_client(&py, "spreadsheet.py", &[&out.join(csv), &xlsx]);
            assert!(
                s["arabic_cells"].as_u64().unwrap() > 0,
                "{name}/{csv}: no Arabic cell survived: {s}"
            );
            if csv == "edges.csv" {
                // The first header cell is `Source`, not a byte-order mark
                // glued to it.
                assert_eq!(s["header"][0], "Source", "{name}/{csv}");
            }
        }
    }
}

#[test]
fn excel_flag_adds_a_byte_order_mark_to_csv_only() {
    let dir = Dir::new("bom");
    let plain = export_fixture(&dir, "plain", &[]);
    let excel = export_fixture(&dir, "excel", &["--excel"]);
    for f in ["triples.csv", "nodes.csv", "edges.csv"] {
        assert!(
            !fs::read(plain.join(f))
                .unwrap()
                .starts_with(b"\xEF\xBB\xBF"),
            "{f} without --excel has a BOM"
        );
        assert!(
            fs::read(excel.join(f))
                .unwrap()
                .starts_with(b"\xEF\xBB\xBF"),
            "{f} with --excel has no BOM"
        );
    }
    // neo4j-admin and XML never get one.
    for f in [
        "neo4j_nodes.csv",
        "neo4j_relationships.csv",
        "graph.graphml",
        "graph.gexf",
    ] {
        assert!(
            !fs::read(excel.join(f))
                .unwrap()
                .starts_with(b"\xEF\xBB\xBF"),
            "{f} got a BOM"
        );
    }
    // A BOM'd triples.csv reads back to the same graph.
    run_ok(
        dir.cmd()
            .arg("export")
            .arg(excel.join("triples.csv"))
            .args(["-o", "again", "--no-lexicon"]),
    );
    assert_eq!(edges_csv(&plain), edges_csv(&dir.join("again")));
}

#[test]
fn neo4j_files_have_import_headers() {
    let dir = Dir::new("neo4j");
    let out = export_fixture(&dir, "out", &[]);
    let header = |f: &str| -> Vec<String> {
        csv::Reader::from_path(out.join(f))
            .unwrap()
            .headers()
            .unwrap()
            .iter()
            .map(String::from)
            .collect()
    };
    let nodes = header("neo4j_nodes.csv");
    for want in ["id:ID", ":LABEL"] {
        assert!(
            nodes.iter().any(|h| h == want),
            "neo4j_nodes.csv lacks {want}: {nodes:?}"
        );
    }
    let rels = header("neo4j_relationships.csv");
    for want in [":START_ID", ":END_ID", ":TYPE"] {
        assert!(
            rels.iter().any(|h| h == want),
            "neo4j_relationships.csv lacks {want}: {rels:?}"
        );
    }
    assert!(
        rels.iter().any(|h| h.starts_with("weight:")),
        "weight is typed: {rels:?}"
    );
    // Every property column is `name:type` or plain; every id referenced
    // exists.
    let ids: BTreeSet<String> = csv::Reader::from_path(out.join("neo4j_nodes.csv"))
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(ids, node_ids(&out));
    let mut r = csv::Reader::from_path(out.join("neo4j_relationships.csv")).unwrap();
    let (s, t) = (
        rels.iter().position(|h| h == ":START_ID").unwrap(),
        rels.iter().position(|h| h == ":END_ID").unwrap(),
    );
    let n = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert!(
                ids.contains(&rec[s]) && ids.contains(&rec[t]),
                "dangling relationship {rec:?}"
            );
        })
        .count();
    assert_eq!(n, edges_csv(&out).len(), "one relationship per edge");
}

#[test]
fn filters_narrow_the_graph() {
    let dir = Dir::new("filters");
    let all = edges_csv(&export_fixture(&dir, "all", &[]));

    let only = edges_csv(&export_fixture(
        &dir,
        "relations",
        &["--relations", "accuse,mediate"],
    ));
    assert_eq!(
        only,
        all.iter()
            .filter(|(k, _)| k.2 == "accuse" || k.2 == "mediate")
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    );

    let conflict = edges_csv(&export_fixture(
        &dir,
        "families",
        &["--families", "conflict"],
    ));
    assert_eq!(
        conflict
            .keys()
            .map(|k| k.2.as_str())
            .collect::<BTreeSet<_>>(),
        ["accuse", "threaten"].into()
    );

    let heavy = edges_csv(&export_fixture(&dir, "weight", &["--min-weight", "2"]));
    assert_eq!(
        heavy,
        all.iter()
            .filter(|(_, w)| **w >= 2.0)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    );

    // Dates count only the mentions inside the range.
    let october = edges_csv(&export_fixture(
        &dir,
        "dates",
        &["--since", "2020-10-02", "--until", "2020-10-31"],
    ));
    let want: BTreeMap<_, f64> = [
        (key("armenia", "turkey", "accuse"), 1.0),
        (key("azerbaijan", "turkey", "consult"), 1.0),
        (key("turkey", "azerbaijan", "aid"), 1.0),
        (key("turkey", "azerbaijan", "support"), 1.0),
    ]
    .into_iter()
    .collect();
    assert_eq!(october, want);

    let out = export_fixture(&dir, "around", &["--around", "russia", "--depth", "1"]);
    assert_eq!(
        node_ids(&out),
        ["armenia", "azerbaijan", "russia"].map(String::from).into()
    );
    let out = export_fixture(&dir, "around2", &["--around", "russia", "--depth", "2"]);
    assert_eq!(
        node_ids(&out),
        ["armenia", "azerbaijan", "russia", "turkey"]
            .map(String::from)
            .into()
    );

    // Modalities decide which mentions make edges.
    let negated = edges_csv(&export_fixture(
        &dir,
        "negated",
        &["--modalities", "negated"],
    ));
    assert_eq!(
        negated.into_keys().collect::<Vec<_>>(),
        vec![key("russia", "armenia", "assault")]
    );
}

#[test]
fn filters_apply_to_build_too() {
    let dir = Dir::new("build-filters");
    let all = edges_csv(&build_sample(&dir, "all", &[]));
    let max = all.values().cloned().fold(0.0, f64::max);
    let heavy = edges_csv(&build_sample(
        &dir,
        "heavy",
        &["--min-weight", &format!("{max}")],
    ));
    assert_eq!(
        heavy,
        all.iter()
            .filter(|(_, w)| **w >= max)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    );
    let rel = all
        .keys()
        .next()
        .map(|k| k.2.clone())
        .unwrap_or_else(|| "accuse".into());
    let only = edges_csv(&build_sample(&dir, "rel", &["--relations", &rel]));
    assert_eq!(
        only,
        all.iter()
            .filter(|(k, _)| k.2 == rel)
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    );
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let dir = Dir::new("bad-filters");
    let triples = dir.write("t/triples.csv", fixture_csv());
    for args in [
        &["--relations", "attack"][..],
        &["--families", "friendly"],
        &["--since", "last week"],
        &["--around", "atlantis"],
    ] {
        let o = run(dir
            .cmd()
            .arg("export")
            .arg(&triples)
            .args(["-o", "out", "--no-lexicon"])
            .args(args));
        assert_eq!(o.status.code(), Some(2), "{args:?} should fail");
        assert!(!o.stderr.is_empty(), "{args:?} should say why");
    }
}

#[test]
fn edge_confidence_is_written_everywhere_and_filters() {
    let dir = Dir::new("confidence");
    // Old files read with confidence 1: every edge is sure.
    let old = export_fixture(&dir, "old", &[]);
    assert!(confidences(&old).iter().all(|(_, c)| c == "1.0"));
    let triples = fs::read_to_string(old.join("triples.csv")).unwrap();
    assert!(triples.starts_with(&format!(
        "{HEADER},rule,confidence,subject_span,cue_span,object_span,source,url\n"
    )));

    // Every mention 0.5: an edge cited once is 0.5, twice 1 − 0.5² = 0.75.
    let t = dir.write("scored/triples.csv", fixture_csv_with(Some(0.5)));
    run_ok(
        dir.cmd()
            .arg("export")
            .arg(&t)
            .args(["-o", "all", "--no-lexicon"]),
    );
    let weights = edges_csv(&dir.join("all"));
    for (w, c) in confidences(&dir.join("all")) {
        assert_eq!(c, if w >= 2.0 { "0.75" } else { "0.5" }, "weight {w}");
    }
    let dot = fs::read_to_string(dir.join("all/graph.dot")).unwrap();
    assert!(dot.contains("confidence=0.75") && dot.contains("confidence=0.5"));
    for f in ["graph.graphml", "graph-collapsed.graphml"] {
        let x = fs::read_to_string(dir.join("all").join(f)).unwrap();
        assert!(x.contains(r#"<data key="confidence">0.75</data>"#), "{f}");
    }
    let gexf = fs::read_to_string(dir.join("all/graph.gexf")).unwrap();
    assert!(gexf.contains(r#"<attvalue for="confidence" value="0.5"/>"#));
    let neo = fs::read_to_string(dir.join("all/neo4j_relationships.csv")).unwrap();
    assert!(neo.lines().next().unwrap().ends_with(",confidence:double"));
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("all/graph.json")).unwrap()).unwrap();
    assert!(
        json["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["confidence"] == 0.75)
    );
    let triples = fs::read_to_string(dir.join("all/triples.csv")).unwrap();
    assert!(triples.contains(",svo r0,0.5,,,,,\n"), "{triples}");

    // --min-confidence keeps the edges cited twice, for merge and export.
    for cmd in ["export", "merge"] {
        let out = format!("sure-{cmd}");
        let mut c = dir.cmd();
        c.arg(cmd)
            .arg(&t)
            .args(["-o", &out, "--min-confidence", "0.7"]);
        if cmd == "export" {
            c.arg("--no-lexicon");
        }
        run_ok(&mut c);
        let kept = edges_csv(&dir.join(&out));
        let want: BTreeMap<_, _> = weights.iter().filter(|(_, w)| **w >= 2.0).collect();
        assert!(!want.is_empty());
        assert_eq!(kept.iter().collect::<BTreeMap<_, _>>(), want, "{cmd}");
    }
    for bad in ["1.5", "-0.1", "most"] {
        let o = run(dir.cmd().arg("export").arg(&t).args([
            "-o",
            "bad",
            "--no-lexicon",
            "--min-confidence",
            bad,
        ]));
        assert_eq!(o.status.code(), Some(2), "{bad}");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(
            e.contains("--min-confidence") && e.contains("0 ≤ X ≤ 1"),
            "{e}"
        );
    }
}

#[test]
fn export_reports_bad_triples_with_file_and_line() {
    let dir = Dir::new("bad-triples");
    let text = fixture_csv().replacen(",support,", ",backs,", 1);
    let triples = dir.write("t/triples.csv", text);
    let o = run(dir
        .cmd()
        .arg("export")
        .arg(&triples)
        .args(["-o", "out", "--no-lexicon"]));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("triples.csv") && err.contains("line 2"),
        "{err}"
    );
    assert!(
        !dir.join("out/edges.csv").exists(),
        "nothing written after a bad input"
    );
}
