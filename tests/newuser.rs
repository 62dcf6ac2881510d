//! What a new user trips on (issue 14): wrong inputs, a forgotten `-o`,
//! Gephi's and spreadsheets' traps, interrupted runs, bad dates, list
//! flags, an installed binary away from its clone, messages, and the
//! README's claims.

use std::{
    collections::BTreeSet,
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output},
    time::{Duration, Instant},
};

use super::{
    export::{available, build_sample, have_program, python, run_client, soffice_xlsx},
    util::{Dir, bin, root, run, run_ok},
};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn readme() -> String {
    fs::read_to_string(root().join("README.md")).unwrap()
}

/// The first sample article's text.
fn sample_text() -> String {
    fs::read_to_string(root().join("data/articles/000_5cff76571cb00134.txt")).unwrap()
}

/// Marked old exports in `out`, to check that a failed run leaves them.
fn old_exports(out: &Path) -> Vec<(PathBuf, String)> {
    fs::create_dir_all(out).unwrap();
    newsgraph::export::FILES
        .iter()
        .map(|(n, _)| {
            let p = out.join(n);
            let body = format!("good old {n}\n");
            fs::write(&p, &body).unwrap();
            (p, body)
        })
        .collect()
}

fn assert_untouched(old: &[(PathBuf, String)]) {
    for (p, body) in old {
        assert_eq!(
            &fs::read_to_string(p).unwrap(),
            body,
            "{} changed",
            p.display()
        );
    }
}

fn temp_files(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

/// The local file headers of a ZIP holding `names`, each followed by a few
/// bytes of content: enough for the magic bytes of a DOCX when `word/`
/// entries are there.
fn zip(names: &[&str]) -> Vec<u8> {
    let mut z = Vec::new();
    for n in names {
        z.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        z.extend_from_slice(&[0; 12]);
        z.extend_from_slice(&(n.len() as u16).to_le_bytes());
        z.extend_from_slice(&[0, 0]);
        z.extend_from_slice(n.as_bytes());
        z.extend_from_slice(b"<?xml version=\"1.0\"?><x/>\n");
    }
    z
}

const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

// --- 1. Wrong input never replaces good exports ---

#[test]
fn a_folder_of_pdf_and_docx_exits_2_and_leaves_the_exports() {
    let dir = Dir::new("wrong-kinds");
    let old = old_exports(&dir.join("out"));
    dir.write("in/report.pdf", PDF);
    dir.write(
        "in/letter.docx",
        zip(&[
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
        ]),
    );
    let o = run(dir.cmd().args(["build", "in", "-o", "out"]));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with("newsgraph: no articles to read: 2 file(s) of other kinds ignored ("),
        "{err}"
    );
    assert!(err.contains("1 PDF: in/report.pdf"), "{err}");
    assert!(err.contains("1 DOCX: in/letter.docx"), "{err}");
    assert_untouched(&old);
    assert!(temp_files(&dir.join("out")).is_empty());
}

#[test]
fn a_pdf_named_directly_is_named_as_a_pdf_and_writes_nothing() {
    let dir = Dir::new("named-pdf");
    let old = old_exports(&dir.join("out"));
    dir.write("paper.pdf", PDF);
    // Even saved as .txt, the magic bytes tell.
    dir.write("paper.txt", PDF);
    let o = run(dir
        .cmd()
        .args(["build", "paper.pdf", "paper.txt", "-o", "out"]));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("skipped: paper.pdf: a PDF document; extract its text first"),
        "{err}"
    );
    assert!(err.contains("skipped: paper.txt: a PDF document"), "{err}");
    assert!(
        !err.contains("--encoding"),
        "no encoding hint for a PDF: {err}"
    );
    assert!(
        err.contains("newsgraph: no article was read (2 input file(s), 2 article(s) skipped); nothing written"),
        "{err}"
    );
    assert_untouched(&old);
    // A new output folder is not even created.
    let o = run(dir.cmd().args(["build", "paper.pdf", "-o", "fresh"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.join("fresh").exists());
}

#[test]
fn other_files_in_a_folder_are_counted_by_kind() {
    let dir = Dir::new("mixed");
    dir.write("in/a.txt", sample_text());
    dir.write("in/b.pdf", PDF);
    dir.write("in/notes.md", "# notes");
    dir.write("in/c.pdf", PDF);
    let o = run_ok(dir.cmd().args(["build", "in", "-o", "out"]));
    let err = stderr(&o);
    assert!(
        err.contains(
            "3 file(s) of other kinds ignored (1 .md: in/notes.md; 2 PDF: in/b.pdf, in/c.pdf)"
        ),
        "{err}"
    );
    assert!(err.contains("1 articles ("), "{err}");
}

#[test]
fn json_and_csv_are_read_as_records_or_refused() {
    let dir = Dir::new("records");
    let text = sample_text();
    let records = serde_json::json!([
        {"id": "j1", "text": text, "date": "2020-10-02"},
        {"id": "j2", "title": "عنوان", "text": text},
    ]);
    dir.write("in/feed.json", records.to_string());
    dir.write(
        "in/one.json",
        serde_json::json!({"id": "single", "text": text}).to_string(),
    );
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(["id", "date", "text"]).unwrap();
    csv.write_record(["c1", "2020-10-03", &text]).unwrap();
    dir.write("in/table.csv", csv.into_inner().unwrap());
    let o = run_ok(dir.cmd().args(["extract", "in"]));
    let ids: BTreeSet<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["article"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        ids,
        ["c1", "j1", "j2", "single"].map(String::from).into(),
        "{}",
        stderr(&o)
    );
    // Never one plain-text article of JSON syntax.
    assert!(!ids.contains("feed"));

    dir.write("bad.json", "\"just text\"");
    dir.write("bad.csv", "Source,Target\nturkey,armenia\n");
    dir.write("broken.json", "[{\"text\": \"نص\"},\n");
    let o = run(dir
        .cmd()
        .args(["extract", "bad.json", "bad.csv", "broken.json"]));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for want in [
        "bad.json: expected an array of records, a record (an object with a \"text\" field) or an object of records",
        "bad.csv: line 1: a .csv of articles needs id and text columns; its header has source, target",
        "broken.json: line 2: malformed JSON",
    ] {
        assert!(err.contains(want), "missing {want:?} in {err}");
    }
}

// --- 2. -o is required ---

#[test]
fn output_is_required_where_files_are_written() {
    let dir = Dir::new("no-o");
    let old = old_exports(&dir.join("exports"));
    let triples = dir.write("t.csv", "x");
    for args in [
        vec!["build", "in"],
        vec!["export", "t.csv"],
        vec!["merge", "t.csv"],
        vec!["render", "exports/graph.dot", "--format", "png"],
    ] {
        let o = run(dir.cmd().args(&args));
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("--out <OUT>"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    let _ = triples;
    assert_untouched(&old);
    assert!(!dir.join("exports/graph.png").exists());
}

// --- 3. Gephi keeps parallel relations apart ---

/// Gephi's spreadsheet importer (`ImportEdgesProcess`) makes the `Kind`
/// column the edge type, and its container (`ImportContainerImpl.addEdge`)
/// treats two rows as parallel, to be merged, only when source, target and
/// type are equal: so every (Source, Target, Kind) must be unique, and the
/// sample has pairs with several relations, which is why it matters.
#[test]
fn edges_csv_has_a_kind_per_relation_for_gephi() {
    let dir = Dir::new("gephi");
    let out = build_sample(&dir, "out", &[]);
    let mut r = csv::Reader::from_path(out.join("edges.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    assert_eq!(
        &h.iter().take(6).collect::<Vec<_>>(),
        &["Source", "Target", "Type", "Kind", "Label", "Weight"]
    );
    let mut seen = BTreeSet::new();
    let mut pairs = std::collections::BTreeMap::<(String, String), usize>::new();
    for rec in r.records() {
        let rec = rec.unwrap();
        assert_eq!(&rec[3], &rec[4], "Kind is the relation");
        assert!(seen.insert((rec[0].to_string(), rec[1].to_string(), rec[3].to_string())));
        *pairs
            .entry((rec[0].to_string(), rec[1].to_string()))
            .or_default() += 1;
    }
    assert!(
        pairs.values().any(|&n| n > 1),
        "the sample has parallel relations"
    );
    let gephi = readme();
    assert!(
        gephi.contains("`Kind`"),
        "the README's Gephi steps name the Kind column"
    );
}

// --- 4. Spreadsheets never show evidence as a formula ---

/// The README's LibreOffice import filter.
fn readme_infilter() -> String {
    let r = readme();
    let at = r
        .find("--infilter=")
        .expect("the README gives a LibreOffice filter");
    r[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches('`')
        .to_string()
}

/// A triples.csv whose evidence starts with each formula trigger.
fn formula_triples(dir: &Dir) -> PathBuf {
    let mut r = csv::Reader::from_path(root().join("exports/triples.csv")).unwrap();
    let h = r.headers().unwrap().clone();
    let ev = h.iter().position(|c| c == "evidence").unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&h).unwrap();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        let prefix = ["=1+1 ", "-", "+", "@", "=HYPERLINK(\"x\") "][i % 5];
        let row: Vec<String> = rec
            .iter()
            .enumerate()
            .map(|(j, f)| {
                if j == ev {
                    format!("{prefix}{f}")
                } else {
                    f.to_string()
                }
            })
            .collect();
        w.write_record(&row).unwrap();
    }
    dir.write("formula/triples.csv", w.into_inner().unwrap())
}

#[test]
fn libreoffice_shows_formula_like_evidence_as_text() {
    if !available(
        "LibreOffice (soffice)",
        have_program("soffice", "--version"),
    ) {
        return;
    }
    let Some(py) = python("openpyxl") else { return };
    let dir = Dir::new("formulas");
    let triples = formula_triples(&dir);
    let filter = readme_infilter();
    for (name, args) in [("plain", &[][..]), ("excel", &["--excel"][..])] {
        run_ok(
            dir.cmd()
                .arg("export")
                .arg(&triples)
                .args(["-o", name, "--no-lexicon"])
                .args(args),
        );
        for csv in ["triples.csv", "edges.csv"] {
            let body = fs::read_to_string(dir.join(name).join(csv)).unwrap();
            let starts = body.contains(",=1+1 ")
                || body.contains(",\"=1+1 ")
                || body.contains(",'=1+1 ")
                || body.contains(",\"'=1+1 ");
            assert!(starts, "{name}/{csv} holds the formula-like evidence");
            let xlsx = soffice_xlsx(&dir, &filter, &dir.join(name).join(csv), name);
            // Every cell reads back as the CSV has it, and none is a formula.
            let s = run_client(&py, "spreadsheet.py", &[&dir.join(name).join(csv), &xlsx]);
            assert_eq!(s["formulas"], 0, "{name}/{csv} with {filter}: {s}");
        }
    }
    // --excel: no field starts with a trigger; `export` reads it back unguarded.
    let excel = fs::read_to_string(dir.join("excel/triples.csv")).unwrap();
    let mut r =
        csv::ReaderBuilder::new().from_reader(excel.trim_start_matches('\u{FEFF}').as_bytes());
    let mut guarded = 0;
    for rec in r.records() {
        for f in rec.unwrap().iter() {
            assert!(!f.starts_with(['=', '+', '-', '@']), "unguarded cell {f:?}");
            guarded += usize::from(f.starts_with("'="));
        }
    }
    assert!(guarded > 0);
    run_ok(
        dir.cmd()
            .args(["export", "excel/triples.csv", "-o", "again", "--no-lexicon"]),
    );
    assert_eq!(
        fs::read(dir.join("again/triples.csv")).unwrap(),
        fs::read(dir.join("plain/triples.csv")).unwrap()
    );
}

// --- 5. Interrupted runs leave nothing behind ---

#[cfg(unix)]
#[test]
fn sigint_and_sigterm_remove_the_temporary_exports() {
    use std::os::unix::process::ExitStatusExt;
    let dir = Dir::new("signals");
    let line = serde_json::json!({"text": sample_text()}).to_string() + "\n";
    let mut f = fs::File::create(dir.join("big.jsonl")).unwrap();
    for _ in 0..6000 {
        f.write_all(line.as_bytes()).unwrap();
    }
    drop(f);
    for (sig, no) in [("-INT", 2), ("-TERM", 15)] {
        // On a loaded machine the run may end between the poll that saw its
        // temporary files and the signal: then try again.
        let mut landed = false;
        for attempt in 0..5 {
            let out = dir.join(format!("out{no}-{attempt}"));
            let old = old_exports(&out);
            let mut child = dir
                .cmd()
                .args(["build", "-q", "-j1", "big.jsonl", "-o"])
                .arg(&out)
                .spawn()
                .unwrap();
            // Wait until the exports are being written, then interrupt.
            let started = Instant::now();
            let mut seen = false;
            while !seen && started.elapsed() < Duration::from_secs(120) {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                seen = !temp_files(&out).is_empty();
                std::thread::sleep(Duration::from_millis(2));
            }
            let _ = run(Command::new("kill").args([sig, &child.id().to_string()]));
            let status = child.wait().unwrap();
            if status.success() {
                eprintln!("{sig}: attempt {attempt} finished before the signal; again");
                continue;
            }
            assert!(seen, "{sig}: never saw a temporary export");
            assert_eq!(
                status.signal(),
                Some(no),
                "{sig}: dies of the signal: {status:?}"
            );
            assert_eq!(
                temp_files(&out),
                Vec::<String>::new(),
                "{sig}: temporaries left"
            );
            assert_untouched(&old);
            landed = true;
            break;
        }
        assert!(landed, "{sig}: no attempt was interrupted while writing");
    }
}

#[test]
fn a_run_removes_stale_temporaries_of_its_own_naming() {
    let dir = Dir::new("stale");
    dir.write("in/a.txt", sample_text());
    dir.write("out/.edges.csv.Ab12Cd.tmp", "left by a killed run");
    dir.write("out/.graph.json.zz99YY.tmp", "left by a killed run");
    dir.write("out/.mine.tmp", "not ours");
    dir.write("out/notes.txt", "not ours");
    run_ok(dir.cmd().args(["build", "-q", "in", "-o", "out"]));
    assert_eq!(temp_files(&dir.join("out")), [".mine.tmp"]);
    assert!(dir.join("out/notes.txt").exists());
}

// --- 6. Dates are validated ---

#[test]
fn a_bad_date_exits_2_naming_the_flag() {
    let dir = Dir::new("dates");
    for (flag, bad) in [
        ("--since", "2018-13"),
        ("--until", "2019-02-29"),
        ("--since", "2020-1"),
    ] {
        let o = run(dir.cmd().args(["build", "in", "-o", "out", flag, bad]));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{flag} {bad}");
        assert!(
            err.contains(&format!("invalid value '{bad}' for '{flag} <DATE>'")),
            "{err}"
        );
        assert!(!dir.join("out").exists());
    }
}

// --- 7. Lists in flags ---

#[test]
fn list_flags_show_commas_and_list_allowed_values() {
    let dir = Dir::new("lists");
    let help = String::from_utf8(run_ok(dir.cmd().args(["build", "--help"])).stdout).unwrap();
    assert!(help.contains("[default: asserted,reported]"), "{help}");
    dir.write("in/a.txt", sample_text());
    let o = run(dir.cmd().args([
        "build",
        "in",
        "-o",
        "out",
        "--modalities",
        "asserted",
        "reported",
    ]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "reported: no such file or directory; list options take their values joined by commas"
        ),
        "{}",
        stderr(&o)
    );
    for (flag, value, allowed) in [
        (
            "--modalities",
            "asserted,maybe",
            "asserted, hypothetical, negated, reported",
        ),
        ("--families", "war", "standing, cooperation, conflict"),
        ("--relations", "attack", "leader_of, official_of"),
    ] {
        let o = run(dir.cmd().args(["build", "in", "-o", "out", flag, value]));
        assert_eq!(o.status.code(), Some(2));
        assert!(stderr(&o).contains(allowed), "{flag}: {}", stderr(&o));
    }
}

// --- 8. Install: the binary carries its lexicon ---

#[test]
fn every_data_file_is_built_in() {
    let mut want = BTreeSet::new();
    for e in walkdir::WalkDir::new(root().join("data")).min_depth(2) {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(root().join("data"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if e.file_type().is_file() && !rel.starts_with("articles/") && !rel.starts_with("scripts/")
        {
            want.insert(rel);
        }
    }
    let got: BTreeSet<String> = newsgraph::data::DataSource::embedded_files()
        .map(String::from)
        .collect();
    assert_eq!(got, want);
    assert!(got.contains("gazetteer/states.tsv") && got.contains("lexicon/cues.tsv"));
}

#[test]
fn an_installed_binary_works_away_from_its_clone() {
    let dir = Dir::new("installed");
    let installed = dir.join("bin/newsgraph");
    fs::create_dir_all(dir.join("bin")).unwrap();
    fs::copy(bin(), &installed).unwrap();
    dir.write("in/a.txt", sample_text());
    let o = run_ok(
        Command::new(&installed)
            .current_dir(dir.path())
            .env_remove("NEWSGRAPH_DATA")
            .args(["build", "-q", "in", "-o", "out"]),
    );
    let _ = o;
    run_ok(
        Command::new(&installed)
            .current_dir(dir.path())
            .args(["build", "-q", "in", "-o", "from-folder", "--data"])
            .arg(root().join("data")),
    );
    assert_eq!(dir.read("out/edges.csv"), dir.read("from-folder/edges.csv"));
    assert!(dir.read("out/edges.csv").lines().count() > 1);

    // --data and $NEWSGRAPH_DATA override it, and say so when wrong.
    let o = run(Command::new(&installed)
        .current_dir(dir.path())
        .args(["build", "in", "-o", "x", "--data", "gone"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("$NEWSGRAPH_DATA"), "{}", stderr(&o));
    let data = dir.join("data");
    for sub in ["gazetteer", "lexicon", "rules"] {
        fs::create_dir_all(data.join(sub)).unwrap();
        for e in fs::read_dir(root().join("data").join(sub)).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), data.join(sub).join(e.file_name())).unwrap();
        }
    }
    fs::OpenOptions::new()
        .append(true)
        .open(data.join("lexicon/roles.tsv"))
        .unwrap()
        .write_all(b"one-column\n")
        .unwrap();
    let o = run(Command::new(&installed)
        .current_dir(dir.path())
        .env("NEWSGRAPH_DATA", &data)
        .args(["build", "in", "-o", "x"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("data/lexicon/roles.tsv: line "),
        "{}",
        stderr(&o)
    );
}

// --- 9. Messages ---

#[test]
fn output_naming_a_file_says_so() {
    let dir = Dir::new("o-file");
    dir.write("in/a.txt", sample_text());
    dir.write("out.csv", "keep me");
    let o = run(dir.cmd().args(["build", "in", "-o", "out.csv"]));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "newsgraph: out.csv: -o names an existing file; give a folder for the exports (it is created when missing)\n"
    );
    assert_eq!(dir.read("out.csv"), "keep me");
}

#[test]
fn render_without_graphviz_names_the_font_package() {
    let dir = Dir::new("no-dot-font");
    dir.write("g.dot", "digraph { a -> b }");
    let o = run(dir
        .cmd()
        .env("PATH", dir.join("nothing"))
        .args(["render", "g.dot", "-o", "g.png"]));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("apt-get install graphviz fonts-noto-core"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_help_ends_with_an_example() {
    let dir = Dir::new("help");
    for sub in [
        "build",
        "merge",
        "export",
        "render",
        "extract",
        "eval",
        "eval-events",
        "explain",
    ] {
        let help = String::from_utf8(run_ok(dir.cmd().args([sub, "--help"])).stdout).unwrap();
        let last = help.trim_end().lines().last().unwrap();
        assert!(help.contains("\nExample:\n"), "{sub}: {help}");
        assert!(
            last.trim_start().starts_with("newsgraph "),
            "{sub} ends with {last:?}"
        );
    }
    let explain = String::from_utf8(run_ok(dir.cmd().args(["explain", "--help"])).stdout).unwrap();
    for ignored in ["--threads", "--strict", "--quiet"] {
        assert!(!explain.contains(ignored), "explain offers {ignored}");
    }
}

#[test]
fn explain_prints_no_rust_debug_output() {
    let dir = Dir::new("explain");
    let o = run_ok(dir.cmd().arg("explain").arg(root().join("data/articles")));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("actor russia (metonym)"), "{text}");
    assert!(
        text.contains("cue deployed_in active noun (cues:"),
        "{text}"
    );
    for debug in [
        "None", "Some(", "[]", "Word", "Punct(", "Prep(\"", "Metonym)", "prefix=",
    ] {
        assert!(!text.contains(debug), "explain prints {debug:?}");
    }
}

// --- 10. The README's claims ---

#[test]
fn readme_install_neo4j_and_figures_hold() {
    let r = readme();
    assert!(r.contains("cargo install --path ."), "install section");
    let cargo = fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let msrv = cargo
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .unwrap()
        .trim_matches('"');
    assert!(
        r.contains(&format!("Rust {msrv} or newer")),
        "README names the minimum Rust {msrv}"
    );
    // neo4j-admin refuses to import into an existing database without it.
    let neo4j = &r[r.find("    neo4j-admin database import full").unwrap()..];
    let command: String = neo4j.split("\n\n").next().unwrap().to_string();
    assert!(command.contains("--overwrite-destination"), "{command}");
    // The figures: the README says how to see them, with test filters
    // that name tests which exist.
    let at = r
        .find("-- --show-output")
        .expect("README says how to see the printed figures");
    let line = r[at..].lines().next().unwrap();
    let tests: String = ["tests/extract.rs", "tests/events.rs"]
        .iter()
        .map(|f| fs::read_to_string(root().join(f)).unwrap())
        .collect();
    let filters: Vec<&str> = line.split_whitespace().skip(2).collect();
    assert!(filters.len() >= 3, "{line}");
    for f in filters {
        let name = f.rsplit("::").next().unwrap();
        assert!(
            tests.contains(&format!("fn {name}")),
            "README's filter {f} names no test"
        );
    }
}
