//! `newsgraph explain` reads what `build` reads, the same way: every input
//! kind, `--encoding`, and skips reported as `build` reports them.

use std::io::Write;

use crate::util::{Dir, run, run_ok};

const TEXT: &str = "أعلنت تركيا دعمها لأذربيجان.";

/// Runs `explain` in `dir` with `args`; returns (exit code, stdout, stderr).
fn explain(dir: &Dir, args: &[&str]) -> (Option<i32>, String, String) {
    let o = run(dir.cmd().arg("explain").args(args));
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// What explain must print for the one-sentence article `id`.
fn assert_explained(out: &str, id: &str) {
    assert!(out.contains(&format!("== {id}\n")), "{out}");
    assert!(out.contains("sentence 0: "), "{out}");
    assert!(out.contains("=> turkey support azerbaijan"), "{out}");
}

#[test]
fn explain_reads_every_input_kind() {
    let dir = Dir::new("explain-kinds");
    dir.write("in/a.txt", TEXT);
    let line = serde_json::json!({"id": "j1", "text": TEXT}).to_string() + "\n";
    dir.write("in/b.jsonl", &line);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(line.replace("j1", "g1").as_bytes()).unwrap();
    dir.write("in/c.jsonl.gz", gz.finish().unwrap());
    let (cp1256, _, lossy) = encoding_rs::WINDOWS_1256.encode(TEXT);
    assert!(!lossy);
    dir.write("legacy/d.txt", &cp1256);

    for (args, id) in [
        (&["in/a.txt"][..], "a"),
        (&["in/b.jsonl"], "j1"),
        (&["in/c.jsonl.gz"], "g1"),
        (&["--encoding", "windows-1256", "legacy/d.txt"], "d"),
    ] {
        let (code, out, err) = explain(&dir, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert_explained(&out, id);
        assert!(
            err.contains("1 articles") && err.contains("0 skipped"),
            "{err}"
        );
    }
    // A folder, read recursively, in build's order; and stdin.
    let (_, out, _) = explain(&dir, &["in"]);
    let order: Vec<&str> = out.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(order, ["== a", "== j1", "== g1"]);
    let mut c = dir.cmd();
    c.args(["explain", "-"])
        .stdin(std::fs::File::open(dir.join("in/b.jsonl")).unwrap());
    assert_explained(&String::from_utf8(run_ok(&mut c).stdout).unwrap(), "j1");
    // --trace adds each mention's rules, and the candidates a rule blocked.
    let (code, traced, _) = explain(&dir, &["--trace", "in/a.txt"]);
    assert_eq!(code, Some(0));
    assert_explained(&traced, "a");
    assert!(
        traced.contains("=> turkey support azerbaijan [asserted] cue «دعمها»  rule cues:"),
        "{traced}"
    );
    dir.write(
        "in/former.txt",
        "نفى الرئيس الفرنسي السابق نيكولا ساركوزي الاتهامات.",
    );
    let (_, traced, _) = explain(&dir, &["--trace", "in/former.txt"]);
    assert!(
        traced.contains("x  nicolas_sarkozy leader_of france cue «الرييس»  blocked by roles:"),
        "{traced}"
    );
    assert!(traced.contains("post.former block.pattern"), "{traced}");
    let (_, plain, _) = explain(&dir, &["in/former.txt"]);
    assert!(
        !plain.contains("blocked by") && !plain.contains("rule cues:"),
        "{plain}"
    );
}

#[test]
fn explain_reports_what_it_cannot_read_as_build_does() {
    let dir = Dir::new("explain-skips");
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(TEXT);
    dir.write("legacy.txt", &cp1256);
    let (code, out, err) = explain(&dir, &["legacy.txt"]);
    let build = run(dir.cmd().args(["build", "legacy.txt", "-o", "out"]));
    let build_err = String::from_utf8_lossy(&build.stderr);
    let skip = "skipped: legacy.txt: not valid UTF-8 at byte offset 0 (for an Arabic legacy encoding, pass --encoding windows-1256";
    assert!(
        err.contains(skip) && build_err.contains(skip),
        "{err}\n{build_err}"
    );
    assert!(
        err.contains("0 articles") && err.contains("1 skipped"),
        "{err}"
    );
    assert!(out.is_empty(), "{out}");
    assert_eq!(code, build.status.code());

    // A missing input stops the run before anything is read, as for build.
    let (code, out, err) = explain(&dir, &["gone.txt"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty() && err.contains("gone.txt"), "{err}");
}
