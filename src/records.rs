//! Inputs that are not one article a file or a line: `.json` files holding
//! records, `.csv` tables with `id` and `text` columns, and files of kinds
//! newsgraph cannot read, recognised by their magic bytes.
//!
//! In: a file's bytes. Out: the same [`Item`]s JSON Lines give (an
//! [`Article`](crate::article::Article) per record, a [`Skip`] naming the file and the record or
//! line), or a [`FileKind`] saying what a file is and what to do with it.
//!
//! What must hold: a `.json` or `.csv` file is never read as one plain-text
//! article; it is read as records or refused with a reason. A binary file
//! (PDF, Word, an image, an archive) is named by what it is, never decoded
//! as text.

use std::{
    io::Read,
    path::{Path, PathBuf},
};

use crate::article::{
    InputEncoding, Item, MAX_ARTICLE_BYTES, ReadOptions, Record, Skip, decode, record_article,
};

/// A `.json` or `.csv` file is read whole; past this it should be JSON Lines.
pub const MAX_TABLE_BYTES: u64 = 1 << 30;

/// What a file newsgraph does not read is, by its magic bytes or name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileKind {
    /// A short name for summaries: `PDF`, `DOCX`, `.md`, `no extension`.
    pub name: String,
    /// Whether the magic bytes say it is not text.
    pub binary: bool,
}

impl FileKind {
    /// What a file is: its binary type when the first bytes say so, else
    /// its extension.
    pub fn of_file(path: &Path) -> FileKind {
        let mut head = Vec::with_capacity(8192);
        if let Ok(f) = std::fs::File::open(path) {
            let _ = f.take(8192).read_to_end(&mut head);
        }
        FileKind::of_bytes(&head).unwrap_or_else(|| FileKind {
            name: match path.extension() {
                Some(x) => format!(".{}", x.to_string_lossy()),
                None => "no extension".into(),
            },
            binary: false,
        })
    }

    /// The binary kind of `bytes`, if their magic bytes name one that is
    /// not text (HTML, XML and scripts are text).
    pub fn of_bytes(bytes: &[u8]) -> Option<FileKind> {
        let t = infer::get(bytes)?;
        (t.matcher_type() != infer::MatcherType::Text).then(|| FileKind {
            name: t.extension().to_ascii_uppercase(),
            binary: true,
        })
    }

    /// Why a file of this kind is not read, and what to do instead.
    pub fn refusal(&self) -> String {
        let what = match self.name.as_str() {
            "PDF" => "a PDF document; extract its text first (pdftotext FILE.pdf FILE.txt)".into(),
            "DOC" | "DOCX" | "ODT" | "RTF" => format!(
                "a word-processor document ({}); save it as plain text (.txt) first",
                self.name
            ),
            "XLS" | "XLSX" | "ODS" => format!(
                "a spreadsheet ({}); save it as .csv with id and text columns first",
                self.name
            ),
            "GZ" => "a gzip file; only .jsonl.gz (JSON Lines, compressed) is read".into(),
            name if self.binary => format!("a binary file ({name}), not text"),
            name => format!("a {name} file"),
        };
        format!("{what}; newsgraph reads .txt, .jsonl, .jsonl.gz, .json and .csv; skipped")
    }
}

/// Files a folder held that newsgraph does not read, grouped by kind.
#[derive(Clone, Debug, Default)]
pub struct Ignored {
    /// Each file with its kind, in walk order.
    pub files: Vec<(PathBuf, FileKind)>,
}

impl Ignored {
    /// `3 ignored (2 PDF: a.pdf, b.pdf; 1 .md: notes.md)`, or `None`.
    pub fn summary(&self) -> Option<String> {
        if self.files.is_empty() {
            return None;
        }
        let mut by: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
        for (p, k) in &self.files {
            by.entry(k.name.as_str())
                .or_default()
                .push(p.display().to_string());
        }
        let parts: Vec<String> = by
            .into_iter()
            .map(|(k, ps)| {
                let shown = ps.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
                let more = if ps.len() > 3 { ", …" } else { "" };
                format!("{} {k}: {shown}{more}", ps.len())
            })
            .collect();
        Some(format!(
            "{} file(s) of other kinds ignored ({})",
            self.files.len(),
            parts.join("; ")
        ))
    }
}

fn read_whole(path: &Path, file: std::fs::File) -> Result<Vec<u8>, String> {
    if let Ok(m) = file.metadata()
        && m.len() > MAX_TABLE_BYTES
    {
        return Err(format!(
            "longer than {} MiB; write it as JSON Lines (.jsonl), which is read record by record; skipped",
            MAX_TABLE_BYTES >> 20
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(bytes)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "records".into())
}

fn decoded(path: &Path, file: std::fs::File, enc: InputEncoding) -> Result<String, String> {
    let mut bytes = read_whole(path, file)?;
    if let Some(kind) = FileKind::of_bytes(&bytes) {
        return Err(kind.refusal());
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    decode(bytes, enc)
}

/// Reads a `.json` file: an array of records, one record (an object with a
/// `text` field), or an object whose values are records (its keys are the
/// ids of records without one). Records have the fields of a JSON Lines
/// record; a bad one is a skip naming its place, the others are read.
pub fn read_json<E>(
    path: &Path,
    opts: &ReadOptions,
    file: std::fs::File,
    f: &mut impl FnMut(Item) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let skip = |reason: String| Skip {
        path: path.to_path_buf(),
        line: None,
        reason,
    };
    let text = match decoded(path, file, opts.encoding) {
        Ok(t) => t,
        Err(e) => return f(Err(skip(e))),
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            return f(Err(Skip {
                path: path.to_path_buf(),
                line: Some(e.line() as u64),
                reason: format!("malformed JSON: {e}; skipped"),
            }));
        }
    };
    let stem = stem(path);
    let records: Vec<(String, serde_json::Value)> = match value {
        serde_json::Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("{stem}-{}", i + 1), v))
            .collect(),
        serde_json::Value::Object(map) if map.contains_key("text") => {
            vec![(stem, serde_json::Value::Object(map))]
        }
        serde_json::Value::Object(map)
            if !map.is_empty() && map.values().all(|v| v.is_object()) =>
        {
            map.into_iter().collect()
        }
        _ => {
            return f(Err(skip(
                "expected an array of records, a record (an object with a \"text\" field) or an object of records; skipped"
                    .into(),
            )));
        }
    };
    for (n, (fallback, v)) in records.into_iter().enumerate() {
        let place = format!("record {}", n + 1);
        let item = serde_json::from_value::<Record>(v)
            .map_err(|e| format!("{place}: not a record with a text field ({e}); skipped"))
            .and_then(|rec| record_article(rec, || fallback).map_err(|e| format!("{place}: {e}")))
            .map_err(skip);
        f(item)?;
    }
    Ok(())
}

/// Reads a `.csv` table with a header naming at least `id` and `text`
/// columns (and optionally `title`, `date`, `source`, `url`): one article a
/// row. A table without them is refused, naming the columns it has.
pub fn read_csv<E>(
    path: &Path,
    opts: &ReadOptions,
    file: std::fs::File,
    f: &mut impl FnMut(Item) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let skip = |line: Option<u64>, reason: String| Skip {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let text = match decoded(path, file, opts.encoding) {
        Ok(t) => t,
        Err(e) => return f(Err(skip(None, e))),
    };
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            return f(Err(skip(
                Some(1),
                format!("unreadable CSV header: {e}; skipped"),
            )));
        }
    };
    let col = |name: &str| header.iter().position(|c| c == name);
    let (Some(id_col), Some(text_col)) = (col("id"), col("text")) else {
        return f(Err(skip(
            Some(1),
            format!(
                "a .csv of articles needs id and text columns; its header has {}; skipped",
                header.join(", ")
            ),
        )));
    };
    let [title, date, source, url] = ["title", "date", "source", "url"].map(col);
    let stem = stem(path);
    for row in r.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                f(Err(skip(line, format!("malformed CSV: {e}; skipped"))))?;
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line());
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .filter(|v| !v.trim().is_empty())
                .map(String::from)
        };
        let rec = Record {
            id: get(Some(id_col)).map(serde_json::Value::String),
            text: get(Some(text_col)),
            title: get(title),
            date: get(date),
            source: get(source),
            url: get(url),
        };
        let item =
            record_article(rec, || format!("{stem}-{line}")).map_err(|e| skip(Some(line), e));
        f(item)?;
    }
    Ok(())
}

/// Articles are capped as elsewhere: a record longer than this is skipped.
const _: () = assert!(MAX_ARTICLE_BYTES as u64 <= MAX_TABLE_BYTES);

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, body: &str) -> Vec<Item> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        let mut got = Vec::new();
        crate::article::for_each_article(&[p], |i| -> Result<(), ()> {
            got.push(i);
            Ok(())
        })
        .unwrap();
        got
    }

    #[test]
    fn json_arrays_objects_and_refusals() {
        let got = read(
            "a.json",
            r#"[{"id":"x","text":"نص"},{"text":"نص آخر"},{"id":"z"}]"#,
        );
        assert_eq!(got[0].as_ref().unwrap().id, "x");
        assert_eq!(got[1].as_ref().unwrap().id, "a-2");
        assert!(
            got[2]
                .as_ref()
                .unwrap_err()
                .reason
                .starts_with("record 3: record \"z\" has no text")
        );
        let got = read("b.json", r#"{"text":"نص","title":"ع"}"#);
        assert_eq!(got[0].as_ref().unwrap().text, "ع\n\nنص");
        let got = read(
            "c.json",
            r#"{"k1":{"text":"نص"},"k2":{"id":"own","text":"نص"}}"#,
        );
        let ids: Vec<_> = got.iter().map(|i| i.as_ref().unwrap().id.clone()).collect();
        assert_eq!(ids, ["k1", "own"]);
        let got = read("d.json", r#""just a string""#);
        assert!(
            got[0]
                .as_ref()
                .unwrap_err()
                .reason
                .contains("expected an array of records")
        );
        let got = read("e.json", "[{\"text\":\n");
        assert_eq!(got[0].as_ref().unwrap_err().line, Some(2));
    }

    #[test]
    fn csv_needs_id_and_text() {
        let got = read(
            "a.csv",
            "id,date,text\n1,2020-10-01,\"نص, مع فاصلة\"\n2,,\n",
        );
        let a = got[0].as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.text.as_str(), a.date.as_deref()),
            ("1", "نص, مع فاصلة", Some("2020-10-01"))
        );
        let s = got[1].as_ref().unwrap_err();
        assert_eq!(s.line, Some(3));
        assert!(s.reason.contains("no text"));
        let got = read("b.csv", "Source,Target\nx,y\n");
        assert!(
            got[0]
                .as_ref()
                .unwrap_err()
                .reason
                .contains("needs id and text columns; its header has source, target")
        );
    }

    #[test]
    fn binary_kinds_by_magic_bytes() {
        let pdf = FileKind::of_bytes(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap();
        assert_eq!(pdf.name, "PDF");
        assert!(pdf.refusal().contains("extract its text first"));
        assert_eq!(FileKind::of_bytes("نص عربي".as_bytes()), None);
        let got = read("x.txt", "%PDF-1.4\n1 0 obj\n");
        assert!(
            got[0]
                .as_ref()
                .unwrap_err()
                .reason
                .starts_with("a PDF document")
        );
    }
}
