//! Spreadsheet formula guard for `--excel` CSV files.
//!
//! A cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage
//! return) is read by Excel, and by LibreOffice unless formula evaluation
//! is off, as a formula: evidence quoting «=» shows `#NAME?` or `Err:509`,
//! and a crafted article could run one (CSV injection). OWASP's rule is to
//! start such a cell with a single quote, which spreadsheets show as text.
//!
//! The guard sits between the `csv` writer and the file, so every row of
//! every spreadsheet CSV passes through one place whatever wrote it (serde
//! rows, spilled runs copied as bytes): it follows RFC 4180 quoting byte by
//! byte and inserts `'` at the start of a field whose first character is a
//! trigger. Bytes of multi-byte UTF-8 characters are never ASCII, so
//! Arabic passes untouched.

use std::io::{self, Write};

/// The exports meant for spreadsheets, which `--excel` guards (Neo4j's and
/// the XML files are read by programs, never guarded).
pub const SPREADSHEET_CSV: &[&str] = &["triples.csv", "nodes.csv", "edges.csv"];

/// First characters that make a spreadsheet read a cell as a formula.
pub const TRIGGERS: &[u8] = b"=+-@\t\r";

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (after a comma, a line end, or the BOM).
    FieldStart,
    /// Just after the opening quote of a quoted field.
    QuotedStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// A quote inside a quoted field: a doubled quote or the closing one.
    QuoteInQuoted,
}

/// Writes CSV through, with a `'` before every field that starts with a
/// formula trigger.
pub struct FormulaGuard<W: Write> {
    inner: W,
    state: State,
    /// Bytes of a leading UTF-8 byte-order mark still to pass through.
    bom_left: usize,
    out: Vec<u8>,
}

impl<W: Write> FormulaGuard<W> {
    /// Guards the CSV written to `inner`.
    pub fn new(inner: W) -> FormulaGuard<W> {
        FormulaGuard {
            inner,
            state: State::FieldStart,
            bom_left: 3,
            out: Vec::new(),
        }
    }
}

impl<W: Write> Write for FormulaGuard<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.clear();
        for &b in buf {
            if self.bom_left > 0 {
                let want = b"\xEF\xBB\xBF"[3 - self.bom_left];
                self.bom_left = if b == want { self.bom_left - 1 } else { 0 };
                if b == want {
                    self.out.push(b);
                    continue;
                }
            }
            self.state = match (self.state, b) {
                (State::FieldStart, b'"') => State::QuotedStart,
                (State::FieldStart, b',' | b'\n') => State::FieldStart,
                (State::FieldStart, t) if TRIGGERS.contains(&t) => {
                    self.out.push(b'\'');
                    State::Unquoted
                }
                (State::FieldStart, _) => State::Unquoted,
                (State::Unquoted, b',' | b'\n') => State::FieldStart,
                (State::Unquoted, _) => State::Unquoted,
                (State::QuotedStart, b'"') => State::QuoteInQuoted,
                (State::QuotedStart, t) if TRIGGERS.contains(&t) => {
                    self.out.push(b'\'');
                    State::Quoted
                }
                (State::QuotedStart | State::Quoted, _) if b == b'"' => State::QuoteInQuoted,
                (State::QuotedStart | State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (State::QuoteInQuoted, b',' | b'\n') => State::FieldStart,
                (State::QuoteInQuoted, _) => State::Unquoted,
            };
            self.out.push(b);
        }
        self.inner.write_all(&self.out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unguard(field: &str) -> &str {
        match field.strip_prefix('\'') {
            Some(rest) if rest.bytes().next().is_some_and(|b| TRIGGERS.contains(&b)) => rest,
            _ => field,
        }
    }

    fn guard(rows: &[&[&str]], bom: bool) -> String {
        let mut out = Vec::new();
        {
            let mut g = FormulaGuard::new(&mut out);
            if bom {
                g.write_all("\u{FEFF}".as_bytes()).unwrap();
            }
            let mut cw = csv::Writer::from_writer(&mut g);
            for r in rows {
                cw.write_record(*r).unwrap();
            }
            cw.flush().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn triggers_get_a_quote_and_read_back() {
        let rows: &[&[&str]] = &[
            &["a", "b", "c"],
            &["=1+1", "-٥ قتلى", "نص, مع \"اقتباس\""],
            &["@x", "\"=q\"", ""],
            &["+1", "\n-line", "ok-"],
        ];
        let got = guard(rows, true);
        assert_eq!(
            got,
            "\u{FEFF}a,b,c\n'=1+1,'-٥ قتلى,\"نص, مع \"\"اقتباس\"\"\"\n'@x,\"\"\"=q\"\"\",\n'+1,\"\n-line\",ok-\n"
        );
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(got.trim_start_matches('\u{FEFF}').as_bytes());
        let back: Vec<Vec<String>> = r
            .records()
            .map(|rec| {
                rec.unwrap()
                    .iter()
                    .map(|f| unguard(f).to_string())
                    .collect()
            })
            .collect();
        let want: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|f| f.to_string()).collect())
            .collect();
        assert_eq!(back, want);
        assert_eq!(guard(&[&["-a"]], false), "'-a\n");
    }
}
