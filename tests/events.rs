//! `newsgraph eval-events` on the copied Arabic event benchmark (dev half,
//! tests/bench/arabic_event_gsr): the command runs, prints its figures, they
//! parse, and detection holds issue 3's bar (assault F1 ≥ 0.55, protest
//! F1 ≥ 0.40), so a rule change that falls below it fails here.

use crate::util::{root, run_ok};

fn bench() -> std::path::PathBuf {
    root().join("tests/bench/arabic_event_gsr")
}

fn eval_events(args: &[&str]) -> String {
    let mut cmd = std::process::Command::new(crate::util::bin());
    cmd.arg("eval-events")
        .arg("--gsr")
        .arg(bench())
        .arg("--data")
        .arg(root().join("data"))
        .args(args);
    String::from_utf8(run_ok(&mut cmd).stdout).expect("utf-8 output")
}

/// The value after `key` in `line`, up to the next space.
fn number_after(line: &str, key: &str) -> f64 {
    let at = line
        .find(key)
        .unwrap_or_else(|| panic!("no {key} in {line:?}"))
        + key.len();
    let word = line[at..].split_whitespace().next().unwrap_or("");
    word.parse()
        .unwrap_or_else(|e| panic!("{key}{word:?} in {line:?}: {e}"))
}

fn in_unit(x: f64, what: &str) {
    assert!((0.0..=1.0).contains(&x), "{what} = {x} is outside [0, 1]");
}

#[test]
fn prints_precision_recall_f1_and_agreement_for_both_types() {
    let out = eval_events(&[]);
    eprintln!("{out}");
    // Lines with runs of spaces folded, so column widths may change.
    let lines: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let line = |prefix: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line {prefix:?} in\n{out}"))
            .clone()
    };
    for ty in ["assault", "protest"] {
        for reading in ["detection", "all-modalities", "keyword"] {
            let prefix = format!("{ty} {reading} ");
            for key in ["P=", "R=", "F1="] {
                in_unit(number_after(&line(&prefix), key), &format!("{prefix}{key}"));
            }
        }
        for side in ["source", "target"] {
            let prefix = format!("{ty} {side}-agreement ");
            in_unit(number_after(&line(&prefix), &prefix), &prefix);
        }
    }
    for (ty, bar) in [("assault", 0.55), ("protest", 0.40)] {
        let f1 = number_after(&line(&format!("{ty} detection ")), "F1=");
        assert!(f1 >= bar, "{ty} detection F1 {f1:.3} is below {bar}");
    }
}

#[test]
fn json_report_and_error_listing_parse() {
    let json: serde_json::Value =
        serde_json::from_str(&eval_events(&["--json", "--show-errors", "2"])).expect("JSON report");
    let types = json["types"].as_array().expect("types array");
    let names: Vec<&str> = types
        .iter()
        .map(|t| t["relation"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["assault", "protest"]);
    for t in types {
        for reading in ["detection", "all_modalities", "keyword"] {
            let s = &t[reading];
            for key in ["precision", "recall", "f1"] {
                in_unit(
                    s[key].as_f64().expect("a number"),
                    &format!("{reading}.{key}"),
                );
            }
            let counts: u64 = ["tp", "fp", "fn", "tn"]
                .iter()
                .map(|k| s[*k].as_u64().expect("a count"))
                .sum();
            assert!(counts > 0, "{reading}: no sentences scored");
        }
        for list in ["false_positives", "false_negatives"] {
            assert!(
                t[list].as_array().expect("an array").len() <= 2,
                "{list}: more than --show-errors"
            );
        }
    }

    let text = eval_events(&["--show-errors", "1"]);
    let fp = json["types"][0]["detection"]["fp"].as_u64().unwrap_or(0);
    if fp > 0 {
        assert!(text.contains("assault false positives (first 1"), "{text}");
    }
}
