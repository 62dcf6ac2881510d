//! Reading `triples.csv` files back: the way from extraction output to a
//! graph without the articles (sharded runs, re-exports with filters).
//!
//! In: paths of CSV files that `build` (or `export`) wrote. Out: their
//! [`TripleMention`]s, file by file in the order given, rows in file order.
//!
//! What must hold: a file written with `--excel` (a UTF-8 byte-order mark
//! first) reads the same as one without; a bad row is an error naming the
//! file and its line, never a silently dropped triple.

use std::{
    fs::File,
    io::{self, BufRead, BufReader},
    path::Path,
};

use crate::{
    error::{Error, Result},
    mention::TripleMention,
};

/// Reads every row of every `triples.csv` file, in order.
///
/// The graph built from the result does not depend on the order of the
/// files, so shards can be given in any order.
///
/// # Errors
///
/// A file that cannot be opened, or a row that does not match the
/// `triples.csv` columns, stops the read with an [`Error::Io`] naming the
/// file (and the line).
///
/// # Example
///
/// ```no_run
/// use newsgraph::{export::read_triples, graph::{GraphOptions, KnowledgeGraph}};
///
/// let mentions = read_triples(&["shard1/triples.csv", "shard2/triples.csv"])?;
/// let g = KnowledgeGraph::build(&mentions, None, &GraphOptions::default());
/// # Ok::<(), newsgraph::Error>(())
/// ```
pub fn read_triples<P: AsRef<Path>>(paths: &[P]) -> Result<Vec<TripleMention>> {
    let mut out = Vec::new();
    for p in paths {
        for_each_triple(p.as_ref(), |m| {
            out.push(m);
            Ok(())
        })?;
    }
    Ok(out)
}

/// Streams the rows of one `triples.csv` file into `f`, one at a time, so a
/// caller can merge files larger than memory would hold as a `Vec`.
///
/// # Errors
///
/// As [`read_triples`]; an error from `f` stops the read and is returned.
pub fn for_each_triple(path: &Path, mut f: impl FnMut(TripleMention) -> Result<()>) -> Result<()> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut r = BufReader::new(file);
    let head = r.fill_buf().map_err(|e| Error::io(path, e))?;
    // The csv crate would keep a byte-order mark as part of the first
    // header name; `--excel` files start with one.
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &head[3..] } else { head };
    // csv counts a line at each `\n` it reads, but with CRLF line ends
    // (Python's csv module, spreadsheets) each record ends at the `\r` and
    // the `\n` is read with the next record, after its position was taken:
    // every data row would be reported one line early.
    let crlf = body
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && body[i - 1] == b'\r');
    let shift = u64::from(crlf);
    if bom {
        r.consume(3);
    }
    let mut rdr = csv::ReaderBuilder::new().from_reader(r);
    let headers = rdr.byte_headers().map_err(|e| bad(path, e, 0))?.clone();
    for row in rdr.byte_records() {
        let mut row = row.map_err(|e| bad(path, e, shift))?;
        if bom {
            // An `--excel` file: fields were guarded against formulas.
            let pos = row.position().cloned();
            let mut plain = csv::ByteRecord::new();
            for f in row.iter() {
                match f {
                    [b'\'', t, ..] if super::formula::TRIGGERS.contains(t) => {
                        plain.push_field(&f[1..])
                    }
                    _ => plain.push_field(f),
                }
            }
            plain.set_position(pos);
            row = plain;
        }
        let m: TripleMention = row.deserialize(Some(&headers)).map_err(|e| {
            let line = row.position().map_or(0, |p| p.line() + shift);
            Error::io(
                path,
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("line {line}: {}", describe(&e)),
                ),
            )
        })?;
        f(m)?;
    }
    Ok(())
}

fn describe(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(i) => format!("column {}: {}", i + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

fn bad(path: &Path, e: csv::Error, shift: u64) -> Error {
    if e.is_io_error() {
        if let csv::ErrorKind::Io(e) = e.into_kind() {
            return Error::io(path, e);
        }
        unreachable!("is_io_error");
    }
    let line = e
        .position()
        .map(|p| format!("line {}: ", p.line() + shift))
        .unwrap_or_default();
    Error::io(
        path,
        io::Error::new(io::ErrorKind::InvalidData, format!("{line}{e}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        export::ExportOptions,
        export::write_triples_csv,
        schema::{Modality, Relation},
    };

    fn mention() -> TripleMention {
        TripleMention {
            article: "a1".into(),
            sentence: 2,
            start: 10,
            end: 40,
            char_start: 5,
            char_end: 20,
            subject: "turkey".into(),
            relation: Relation::Support,
            object: "azerbaijan".into(),
            modality: Modality::Reported,
            cue: "دعم".into(),
            evidence: "قال، \"دعم\" تركيا\nلأذربيجان".into(),
            complete: true,
            subject_label: "تركيا".into(),
            subject_type: "state".into(),
            object_label: "أذربيجان".into(),
            object_type: "state".into(),
            date: "2020-10-01".into(),
            ..crate::mention::tests::sample("")
        }
    }

    #[test]
    fn round_trips_with_and_without_bom() {
        let dir = tempfile::tempdir().unwrap();
        for bom in [false, true] {
            let p = dir.path().join(format!("t{bom}.csv"));
            let mut buf = Vec::new();
            write_triples_csv(&mut buf, &[mention()], &ExportOptions { excel_bom: bom }).unwrap();
            std::fs::write(&p, buf).unwrap();
            assert_eq!(read_triples(&[&p]).unwrap(), vec![mention()]);
        }
    }

    #[test]
    fn bad_row_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        let mut buf = Vec::new();
        write_triples_csv(&mut buf, &[mention()], &ExportOptions::default()).unwrap();
        let text = String::from_utf8(buf)
            .unwrap()
            .replace(",support,", ",supports,");
        std::fs::write(&p, text).unwrap();
        let e = read_triples(&[&p]).unwrap_err().to_string();
        assert!(
            e.contains("t.csv") && e.contains("line 2") && e.contains("supports"),
            "{e}"
        );
    }

    #[test]
    fn crlf_files_report_the_right_line() {
        let dir = tempfile::tempdir().unwrap();
        let mut buf = Vec::new();
        write_triples_csv(&mut buf, &[mention(), mention()], &ExportOptions::default()).unwrap();
        // Records end in CRLF; the evidence keeps its own \n, so row 1 is
        // lines 2-3 and row 2, the bad one, starts on line 4.
        let text = String::from_utf8(buf)
            .unwrap()
            .replace("date\n", "date\r\n")
            .replace("2020-10-01\n", "2020-10-01\r\n");
        let (row1, row2) = text.rsplit_once(",support,").unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, format!("{row1},backs,{row2}")).unwrap();
        let e = read_triples(&[&p]).unwrap_err().to_string();
        assert!(e.contains("line 4:"), "{e}");
    }

    #[test]
    fn files_without_rule_and_confidence_read_with_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = mention();
        m.rule = "svo nisba".into();
        m.confidence = 0.25;
        let mut buf = Vec::new();
        write_triples_csv(&mut buf, &[m.clone()], &ExportOptions::default()).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.ends_with(",2020-10-01,svo nisba,0.25,,,,,\n"),
            "{text}"
        );
        let p = dir.path().join("new.csv");
        std::fs::write(&p, &text).unwrap();
        assert_eq!(read_triples(&[&p]).unwrap(), vec![m]);
        // The same row as a file written before the two columns existed.
        let old = text
            .replace(
                ",rule,confidence,subject_span,cue_span,object_span,source,url\n",
                "\n",
            )
            .replace(",svo nisba,0.25,,,,,\n", "\n");
        let p = dir.path().join("old.csv");
        std::fs::write(&p, old).unwrap();
        assert_eq!(read_triples(&[&p]).unwrap(), vec![mention()]);
        let p = dir.path().join("bad.csv");
        std::fs::write(&p, text.replace(",0.25,", ",1.5,")).unwrap();
        let e = read_triples(&[&p]).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("outside 0 to 1"), "{e}");
    }

    #[test]
    fn empty_file_with_header_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        let mut buf = Vec::new();
        write_triples_csv(&mut buf, &[], &ExportOptions::default()).unwrap();
        std::fs::write(&p, buf).unwrap();
        assert!(read_triples(&[&p]).unwrap().is_empty());
    }
}
