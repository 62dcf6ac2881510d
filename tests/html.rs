//! `graph.html` in a real browser: headless Chromium (Debian `chromium`)
//! driven by puppeteer-core from `tests/browser/` (issue 12). Node, the
//! browser and `tests/browser/node_modules` are installed by `bash .ci/run`;
//! without them these tests print a notice and pass, or fail under
//! `CI=true`.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use newsgraph::{export::read_triples, graph::Citation, normalize::normalize_form};
use serde_json::json;

use crate::{
    export::{available, have_program},
    util::{Dir, root, run_ok},
};

/// The edge the issue names, and the actor its search test finds.
const EDGE: (&str, &str, &str) = ("turkey", "support", "azerbaijan");
const ACTOR: &str = "recep_tayyip_erdogan";
/// Citations on one page of the edge panel (`PAGE` in page.js).
const PAGE_SIZE: usize = 5;

fn browser_ready() -> bool {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .any(|p| Path::new(p).exists())
        || std::env::var_os("CHROMIUM").is_some();
    available("node", have_program("node", "--version"))
        && available("Debian chromium", chromium)
        && available(
            "puppeteer-core in tests/browser/node_modules (npm ci --prefix tests/browser)",
            root()
                .join("tests/browser/node_modules/puppeteer-core")
                .exists(),
        )
}

fn node(script: &str) -> Command {
    let mut c = Command::new("node");
    c.arg(root().join("tests/browser").join(script));
    c
}

fn build_samples(dir: &Dir) -> PathBuf {
    let out = dir.join("out");
    run_ok(
        dir.cmd()
            .arg("build")
            .arg(root().join("data/articles"))
            .arg("-o")
            .arg(&out)
            .arg("-q"),
    );
    out
}

/// What the page must show, from the build's own triples.csv and from
/// src/normalize.rs.
fn expectations(out: &Path) -> serde_json::Value {
    let mentions = read_triples(&[out.join("triples.csv")]).expect("triples.csv reads");
    let edge_modalities = ["asserted", "reported"];
    let mut cites: Vec<Citation> = mentions
        .iter()
        .filter(|m| {
            (m.subject.as_str(), m.relation.as_str(), m.object.as_str()) == EDGE
                && edge_modalities.contains(&m.modality.as_str())
        })
        .map(Citation::of)
        .collect();
    cites.sort();
    assert!(!cites.is_empty(), "the samples cite {EDGE:?}");
    let span = |s: Option<newsgraph::span::Span>| s.map(|s| [s.start, s.end]);
    let citations: Vec<_> = cites
        .iter()
        .map(|c| {
            json!({
                "evidence": c.evidence,
                "subject": span(c.subject_span),
                "cue": span(c.cue_span),
                "object": span(c.object_span),
            })
        })
        .collect();
    let nodes = fs::read_to_string(out.join("nodes.csv")).unwrap();
    let label = |id: &str| {
        nodes
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{id},")))
            .and_then(|rest| rest.split(',').next())
            .unwrap_or_else(|| panic!("{id} in nodes.csv"))
            .to_string()
    };
    let edges: Vec<_> = {
        let text = fs::read(out.join("edges.csv")).unwrap();
        let mut r = csv::Reader::from_reader(text.as_slice());
        r.deserialize::<std::collections::HashMap<String, String>>()
            .map(|row| row.unwrap())
            .collect()
    };
    let family = "cooperation";
    let family_edges = edges
        .iter()
        .filter(|e| e["relation_family"] == family)
        .count();
    let fold_cases: Vec<_> = [
        "أردوغان",
        "إسرائيل",
        "آذربيجان",
        "ٱلقدس",
        "مؤتمر",
        "رئيس",
        "مصطفى",
        "الجمهورية التركية",
        "مُحَمَّد",
        "العـــربية",
        "  «قال»\u{00A0}\u{00A0}الرئيس\u{200F}  ",
        "٢٠٢٠ و۱۹",
        "NATO – Erdoğan؟",
        "سطر\nآخر",
    ]
    .iter()
    .map(|s| json!([s, normalize_form(s)]))
    .collect();
    json!({
        "edge": {
            "key": format!("{}|{}|{}", EDGE.0, EDGE.1, EDGE.2),
            "family": family,
            "subject_label": label(EDGE.0),
            "object_label": label(EDGE.2),
            "page_size": PAGE_SIZE,
            "citations": citations,
        },
        "edges": edges.len(),
        "family_edges": family_edges,
        "search": {
            "node": ACTOR,
            "label": label(ACTOR),
            "queries": ["أردوغان", "اردوغان", "erdogan"],
        },
        "fold": fold_cases,
    })
}

#[test]
fn graph_html_works_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = Dir::new("html");
    let out = build_samples(&dir);
    page_test(
        &dir,
        "graph-html.test.js",
        &out.join("graph.html"),
        &expectations(&out),
    );
}

/// Runs a `tests/browser` script on a page with what it must find, and
/// shows what it checked.
fn page_test(dir: &Dir, script: &str, page: &Path, expect: &serde_json::Value) {
    let expect = dir.write("expect.json", serde_json::to_vec_pretty(expect).unwrap());
    let o = run_ok(node(script).arg(page).arg(&expect));
    println!("{}", String::from_utf8_lossy(&o.stdout));
}

/// `export --no-lexicon` of a `triples.csv` with the columns of before
/// spans, source and url (so old files are read too): the page it writes.
fn export_rows(dir: &Dir, rows: &str) -> PathBuf {
    let header = "article,sentence,start,end,char_start,char_end,subject,relation,object,modality,cue,evidence,complete,subject_label,subject_type,object_label,object_type,date";
    let t = dir.write("triples.csv", format!("{header}\n{rows}"));
    run_ok(
        dir.cmd()
            .arg("export")
            .arg(&t)
            .args(["-o", "out", "--no-lexicon", "-q"]),
    );
    dir.join("out/graph.html")
}

/// The README's picture is what its command draws: same size, and at most
/// 2% of pixels apart (PNG bytes differ between Chromium runs, so the test
/// compares pixels, not bytes).
#[test]
fn readme_screenshot_is_regenerated_by_its_command() {
    if !browser_ready() {
        return;
    }
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let command = "node tests/browser/screenshot.js exports/graph.html exports/graph-html.png";
    assert!(readme.contains(command), "the README gives `{command}`");
    assert!(
        readme.contains("](exports/graph-html.png)"),
        "and shows the picture"
    );
    let dir = Dir::new("html-shot");
    let out = build_samples(&dir);
    let shot = dir.join("graph-html.png");
    run_ok(node("screenshot.js").arg(out.join("graph.html")).arg(&shot));
    let o = run_ok(
        node("compare-png.js")
            .arg(&shot)
            .arg(root().join("exports/graph-html.png")),
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    println!("screenshot against exports/graph-html.png: {r}");
    assert_eq!(r["sameSize"], true, "{r}");
    assert!(r["differing"].as_f64().unwrap() <= 0.02, "{r}");
}

/// The date filter keeps the edges cited in the range, and weights count
/// only the range's citations; undated citations fall outside any range.
#[test]
fn date_filter_in_chromium() {
    if !browser_ready() {
        return;
    }
    let dir = Dir::new("html-dates");
    let row = |art: &str, s: &str, r: &str, o: &str, date: &str| {
        format!(
            "{art},0,0,6,0,3,{s},{r},{o},asserted,دعم,دعم ب,true,{s}_ar,state,{o}_ar,state,{date}\n"
        )
    };
    let rows = [
        row("a1", "tr", "support", "az", "2020-10-01"),
        row("a2", "tr", "support", "az", "2020-10-20"),
        row("a3", "tr", "support", "az", "2020-11-02"),
        row("a4", "am", "accuse", "tr", "2020-11-05"),
        row("a5", "ru", "consult", "fr", ""),
        row("a6", "ru", "accuse", "tr", "2020-09-30"),
    ];
    let page = export_rows(&dir, &rows.concat());
    page_test(
        &dir,
        "dates.test.js",
        &page,
        &json!({
            "since": "2020-10-01",
            "until": "2020-10-31",
            "on": ["tr|support|az"],
            "weights": {"tr|support|az": 2},
            "first_day": "2020-09-30",
            "last_day": "2020-11-05",
        }),
    );
}

/// No evidence sentence can end the data script: `</script>` in an article
/// stays text in the page.
#[test]
fn evidence_cannot_close_the_data_script() {
    let dir = Dir::new("html-script");
    let page = export_rows(
        &dir,
        "a1,0,0,40,0,40,tr,support,az,asserted,دعم,\"دعم </script><script>alert(1)</script> <!-- x\",true,تركيا,state,أذربيجان,state,2020-10-01\n",
    );
    let html = fs::read_to_string(page).unwrap();
    let data = html
        .split(r#"<script type="application/json" id="graph-data">"#)
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("the data script");
    let v: serde_json::Value =
        serde_json::from_str(data).expect("the data is JSON up to its own </script>");
    assert_eq!(
        v["edges"][0]["c"][0]["e"],
        "دعم </script><script>alert(1)</script> <!-- x"
    );
    assert_eq!(
        html.matches("<script").count(),
        4,
        "only the page's own scripts"
    );
}
