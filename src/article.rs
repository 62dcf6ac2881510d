//! Articles: reading them from files, folders, JSON Lines and stdin.
//!
//! In: paths (files or folders, walked recursively in name order) or `-` for
//! standard input. Out: a stream of [`Article`]s, or a [`Skip`] for every
//! article that could not be read, which the caller counts and reports.
//!
//! What must hold:
//! - `Article::text` is the article exactly as stored (a `.txt` file's whole
//!   text, a JSON record's `title` and `text` joined by a blank line), so
//!   citation byte ranges slice the original;
//! - reading streams: one article is in memory at a time (a `.jsonl.gz` is
//!   decompressed line by line);
//! - a bad article (not UTF-8, empty, binary, a broken JSON line) is a
//!   [`Skip`] naming the file and line, never a panic or a stop.

use std::{
    fs::File,
    io::{self, BufRead, BufReader, Read},
    path::{Path, PathBuf},
};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Articles longer than this are skipped: a single record this large is a
/// dump, not a news article, and rules over it would only waste time.
pub const MAX_ARTICLE_BYTES: usize = 64 << 20;

/// One news article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    /// The id citations use: a file's stem or the record's `id`.
    pub id: String,
    /// The title, when known (it is also part of `text`).
    pub title: Option<String>,
    /// The full text as stored.
    pub text: String,
    /// Publication date, as given (`2018-03-01`, ISO prefix used for spells).
    pub date: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
}

/// An article that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line, for JSON Lines.
    pub line: Option<u64>,
    /// What was wrong.
    pub reason: String,
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}: line {}: {}", self.path.display(), l, self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

/// One item of the input stream.
pub type Item = std::result::Result<Article, Skip>;

/// Expands the inputs into the files to read, in a stable order.
///
/// A missing path is an error before any work starts.
pub fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            files.push(input.clone());
            continue;
        }
        if !input.exists() {
            return Err(Error::MissingInput(input.clone()));
        }
        if input.is_dir() {
            for e in walkdir::WalkDir::new(input).sort_by_file_name() {
                let e = e.map_err(|e| {
                    let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| input.clone());
                    Error::io(p, e.into())
                })?;
                if e.file_type().is_file() && is_article_file(e.path()) {
                    files.push(e.into_path());
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn is_article_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".txt") || name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// Reads every article of `files` in order, calling `f` on each item.
///
/// Stops early, returning the error, only when `f` does.
pub fn for_each_article<E>(files: &[PathBuf], mut f: impl FnMut(Item) -> std::result::Result<(), E>) -> std::result::Result<(), E> {
    for path in files {
        read_file(path, &mut f)?;
    }
    Ok(())
}

fn read_file<E>(path: &Path, f: &mut impl FnMut(Item) -> std::result::Result<(), E>) -> std::result::Result<(), E> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let skip = |reason: String| Skip { path: path.to_path_buf(), line: None, reason };
    if path.as_os_str() == "-" {
        return read_jsonl(path, Box::new(BufReader::new(io::stdin().lock())), f);
    }
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return f(Err(skip(format!("cannot open: {e}")))),
    };
    if name.ends_with(".jsonl.gz") {
        let gz = flate2::read::MultiGzDecoder::new(file);
        return read_jsonl(path, Box::new(BufReader::new(gz)), f);
    }
    if name.ends_with(".jsonl") {
        return read_jsonl(path, Box::new(BufReader::new(file)), f);
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(MAX_ARTICLE_BYTES as u64 + 1).read_to_end(&mut bytes) {
        return f(Err(skip(format!("cannot read: {e}"))));
    }
    let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or("article").to_string();
    f(text_article(id, bytes).map_err(skip))
}

/// Makes an article of a `.txt` file's bytes: the first line is the title
/// when a blank line follows it.
pub fn text_article(id: String, bytes: Vec<u8>) -> std::result::Result<Article, String> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(format!("longer than {} MiB; skipped", MAX_ARTICLE_BYTES >> 20));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Err(format!(
                "not valid UTF-8 at byte offset {} (convert it, e.g. from windows-1256, first)",
                e.utf8_error().valid_up_to()
            ));
        }
    };
    check_text(&text)?;
    let mut lines = text.split('\n');
    let first = lines.next().unwrap_or("").trim();
    let blank_follows = lines.next().is_some_and(|l| l.trim().is_empty());
    let title = (blank_follows && !first.is_empty()).then(|| first.to_string());
    Ok(Article { id, title, text, ..Article::default() })
}

fn check_text(text: &str) -> std::result::Result<(), String> {
    if text.trim().is_empty() {
        return Err("empty article; skipped".into());
    }
    let controls = text.chars().filter(|c| c.is_control() && !c.is_whitespace()).count();
    if text.contains('\0') || controls * 10 > text.chars().count() {
        return Err("looks binary (NUL or control characters); skipped".into());
    }
    Ok(())
}

#[derive(Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

fn read_jsonl<E>(path: &Path, mut r: Box<dyn BufRead + '_>, f: &mut impl FnMut(Item) -> std::result::Result<(), E>) -> std::result::Result<(), E> {
    let mut buf = Vec::new();
    let mut no = 0u64;
    loop {
        buf.clear();
        no += 1;
        let skip = |reason: String| Skip { path: path.to_path_buf(), line: Some(no), reason };
        // A line is read with a cap, so one gigantic line costs bounded memory.
        match (&mut r).take(MAX_ARTICLE_BYTES as u64 + 1).read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) => return f(Err(skip(format!("cannot read: {e}")))),
        }
        if buf.len() > MAX_ARTICLE_BYTES && !buf.ends_with(b"\n") {
            // Drain the rest of the oversized line.
            let mut sink = Vec::new();
            loop {
                sink.clear();
                match (&mut r).take(1 << 20).read_until(b'\n', &mut sink) {
                    Ok(0) => break,
                    Ok(_) if sink.ends_with(b"\n") => break,
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
            f(Err(skip(format!("record longer than {} MiB; skipped", MAX_ARTICLE_BYTES >> 20))))?;
            continue;
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim(),
            Err(e) => {
                f(Err(skip(format!("not valid UTF-8 at byte offset {} of the line", e.valid_up_to()))))?;
                continue;
            }
        };
        if line.is_empty() {
            continue;
        }
        let rec: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                f(Err(skip(format!("malformed JSON: {e}"))))?;
                continue;
            }
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => {
                let stem = path.file_name().and_then(|s| s.to_str()).unwrap_or("stdin");
                let stem = stem.trim_end_matches(".gz").trim_end_matches(".jsonl");
                format!("{stem}-{no}")
            }
        };
        let Some(body) = rec.text.filter(|t| !t.trim().is_empty()) else {
            f(Err(skip(format!("record {id:?} has no text; skipped"))))?;
            continue;
        };
        let title = rec.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
        let text = match &title {
            Some(t) => format!("{t}\n\n{body}"),
            None => body,
        };
        if let Err(reason) = check_text(&text) {
            f(Err(skip(format!("record {id:?}: {reason}"))))?;
            continue;
        }
        f(Ok(Article { id, title, text, date: rec.date, source: rec.source, url: rec.url }))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_needs_a_blank_line() {
        let a = text_article("x".into(), "عنوان\n\nنص".as_bytes().to_vec()).unwrap();
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        let a = text_article("x".into(), "سطر\nنص".as_bytes().to_vec()).unwrap();
        assert_eq!(a.title, None);
    }

    #[test]
    fn bad_bytes_are_skips() {
        assert!(text_article("x".into(), vec![0xff, 0xfe, b'a']).unwrap_err().contains("byte offset 0"));
        assert!(text_article("x".into(), b"  \n ".to_vec()).unwrap_err().contains("empty"));
        assert!(text_article("x".into(), b"ab\0cd".to_vec()).unwrap_err().contains("binary"));
    }

    #[test]
    fn jsonl_lines_are_numbered() {
        let data = "{\"id\":\"a\",\"text\":\"نص\",\"title\":\"ع\"}\n{broken\n{\"id\":3}\n";
        let mut got = Vec::new();
        read_jsonl(Path::new("x.jsonl"), Box::new(data.as_bytes()), &mut |i: Item| -> std::result::Result<(), ()> {
            got.push(i);
            Ok(())
        })
        .unwrap();
        assert_eq!(got[0].as_ref().unwrap().text, "ع\n\nنص");
        assert_eq!(got[1].as_ref().unwrap_err().line, Some(2));
        assert!(got[2].as_ref().unwrap_err().reason.contains("no text"));
    }
}
