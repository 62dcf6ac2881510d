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
//! - a bad article (not UTF-8, empty, binary, too long, a broken JSON line,
//!   a record without text, a file that vanished or cannot be read) is a
//!   [`Skip`] naming the file and line, never a panic or a stop.
//!
//! Text in another encoding is decoded first ([`InputEncoding`]; a UTF-16
//! byte-order mark is honoured too): citations then refer to the decoded
//! UTF-8 text, not to the bytes on disk. A UTF-8 byte-order mark is kept in
//! `text`, so offsets stay those of the file, and dropped from the title.
//! HTML left in a text is not stripped: stripping would move every offset
//! after a tag, and normalization already treats tags as punctuation; the
//! evidence then shows the tags as they stand.

use std::{
    fs::File,
    io::{self, BufRead, BufReader, Read},
    path::{Path, PathBuf},
};

use serde::Deserialize;

use crate::{
    error::{Error, Result},
    records::{self, FileKind, Ignored},
};

/// The character encoding of the input files.
///
/// News archives in Arabic are often in one of the two legacy encodings;
/// all three are ASCII-compatible, so JSON Lines split on `\n` either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputEncoding {
    /// UTF-8 (the default; a byte-order mark is allowed).
    #[default]
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Windows Arabic (cp1256).
    #[value(name = "windows-1256", alias = "cp1256")]
    Windows1256,
    /// ISO Arabic (ISO-8859-6).
    #[value(name = "iso-8859-6")]
    Iso8859_6,
}

/// How to read inputs.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    /// The encoding of files without a byte-order mark.
    pub encoding: InputEncoding,
}

/// Decodes an article's bytes to text, or says where they stop making sense.
///
/// A UTF-16 byte-order mark wins over `enc` (Windows editors write one); a
/// UTF-8 one means UTF-8 and is kept in the text. Legacy encodings are
/// decoded without replacement characters: a byte the encoding does not
/// define is an error at its offset, not a silent U+FFFD.
pub fn decode(bytes: Vec<u8>, enc: InputEncoding) -> std::result::Result<String, String> {
    decode_at(bytes, enc, "")
}

/// [`decode`], with `place` (" of the line") after the offset in errors.
fn decode_at(
    bytes: Vec<u8>,
    enc: InputEncoding,
    place: &str,
) -> std::result::Result<String, String> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
        Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let legacy = match enc {
        _ if bytes.starts_with(b"\xEF\xBB\xBF") => None,
        InputEncoding::Utf8 => None,
        InputEncoding::Windows1256 => Some(encoding_rs::WINDOWS_1256),
        InputEncoding::Iso8859_6 => Some(encoding_rs::ISO_8859_6),
    };
    let Some(encoding) = utf16.or(legacy) else {
        return String::from_utf8(bytes).map_err(|e| {
            format!(
                "not valid UTF-8 at byte offset {}{place} (for an Arabic legacy encoding, pass --encoding windows-1256 or iso-8859-6)",
                e.utf8_error().valid_up_to()
            )
        });
    };
    let skipped = if utf16.is_some() { 2 } else { 0 };
    let body = &bytes[skipped..];
    let mut dec = encoding.new_decoder_without_bom_handling();
    let cap = dec
        .max_utf8_buffer_length_without_replacement(body.len())
        .ok_or("text too long to decode")?;
    let mut text = String::with_capacity(cap);
    let (res, read) = dec.decode_to_string_without_replacement(body, &mut text, true);
    match res {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            let at = skipped + read - bad as usize - after as usize;
            Err(format!(
                "not valid {} at byte offset {at}{place}",
                encoding.name()
            ))
        }
        // The buffer was sized for the worst case.
        encoding_rs::DecoderResult::OutputFull => Err("text too long to decode".into()),
    }
}

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
    input_files_and_ignored(inputs).map(|(files, _)| files)
}

/// [`input_files`], and the files the folders held that are not read, with
/// their kinds, for the summary.
pub fn input_files_and_ignored(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Ignored)> {
    let mut files = Vec::new();
    let mut ignored = Ignored::default();
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
                match e {
                    // Links are listed too (not followed into folders): one that
                    // dangles is reported when read, not passed over.
                    Ok(e)
                        if (e.file_type().is_file() || e.path_is_symlink())
                            && is_article_file(e.path()) =>
                    {
                        files.push(e.into_path())
                    }
                    Ok(e) if e.file_type().is_file() => {
                        let kind = FileKind::of_file(e.path());
                        ignored.files.push((e.into_path(), kind));
                    }
                    Ok(_) => {}
                    // An entry that vanished or cannot be listed is kept, so
                    // reading it reports a skip instead of losing it quietly.
                    Err(e) => match e.path() {
                        Some(p) if p != input.as_path() => files.push(p.to_path_buf()),
                        _ => return Err(Error::io(input, e.into())),
                    },
                }
            }
        } else {
            files.push(input.clone());
        }
    }
    Ok((files, ignored))
}

fn is_article_file(p: &Path) -> bool {
    // Lossy, so a file name that is not UTF-8 is read, not passed over.
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    [".txt", ".jsonl", ".jsonl.gz", ".json", ".csv"]
        .iter()
        .any(|x| name.ends_with(x))
}

/// Reads every UTF-8 article of `files` in order, calling `f` on each item.
///
/// Stops early, returning the error, only when `f` does.
pub fn for_each_article<E>(
    files: &[PathBuf],
    f: impl FnMut(Item) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    for_each_article_with(files, &ReadOptions::default(), f)
}

/// Reads every article of `files` in order, decoding as `opts` says, and
/// calls `f` on each item.
///
/// Stops early, returning the error, only when `f` does.
pub fn for_each_article_with<E>(
    files: &[PathBuf],
    opts: &ReadOptions,
    mut f: impl FnMut(Item) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    for path in files {
        read_file(path, opts, &mut f)?;
    }
    Ok(())
}

fn read_file<E>(
    path: &Path,
    opts: &ReadOptions,
    f: &mut impl FnMut(Item) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let skip = |reason: String| Skip {
        path: path.to_path_buf(),
        line: None,
        reason,
    };
    if path.as_os_str() == "-" {
        return read_jsonl(path, opts, Box::new(BufReader::new(io::stdin().lock())), f);
    }
    // A file listed at the start may be gone, or be a folder, by now.
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) => return f(Err(skip(format!("cannot open: {e}")))),
    };
    if name.ends_with(".jsonl.gz") {
        let gz = flate2::read::MultiGzDecoder::new(file);
        return read_jsonl(path, opts, Box::new(BufReader::new(gz)), f);
    }
    if name.ends_with(".jsonl") {
        return read_jsonl(path, opts, Box::new(BufReader::new(file)), f);
    }
    if name.ends_with(".json") {
        return records::read_json(path, opts, file, f);
    }
    if name.ends_with(".csv") {
        return records::read_csv(path, opts, file, f);
    }
    // Too long is known from the size, without reading a byte of it.
    if let Ok(m) = file.metadata()
        && m.is_file()
        && m.len() > MAX_ARTICLE_BYTES as u64
    {
        return f(Err(skip(too_long())));
    }
    let mut bytes = Vec::new();
    if let Err(e) = file
        .take(MAX_ARTICLE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return f(Err(skip(format!("cannot read: {e}"))));
    }
    // A PDF or a Word file named directly, or saved as .txt, is named for
    // what it is rather than decoded as text.
    if let Some(kind) = FileKind::of_bytes(&bytes) {
        return f(Err(skip(kind.refusal())));
    }
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".into());
    f(text_article_with(id, bytes, opts.encoding).map_err(skip))
}

fn too_long() -> String {
    format!("longer than {} MiB; skipped", MAX_ARTICLE_BYTES >> 20)
}

/// Makes an article of a UTF-8 `.txt` file's bytes: the first line is the
/// title when a blank line follows it.
pub fn text_article(id: String, bytes: Vec<u8>) -> std::result::Result<Article, String> {
    text_article_with(id, bytes, InputEncoding::Utf8)
}

/// Makes an article of a `.txt` file's bytes in `enc` (see [`decode`]).
pub fn text_article_with(
    id: String,
    bytes: Vec<u8>,
    enc: InputEncoding,
) -> std::result::Result<Article, String> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(too_long());
    }
    let text = decode(bytes, enc)?;
    check_text(&text)?;
    let mut lines = text.split('\n');
    let first = lines
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{FEFF}')
        .trim();
    let blank_follows = lines.next().is_some_and(|l| l.trim().is_empty());
    let title = (blank_follows && !first.is_empty()).then(|| first.to_string());
    Ok(Article {
        id,
        title,
        text,
        ..Article::default()
    })
}

fn check_text(text: &str) -> std::result::Result<(), String> {
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err("empty article; skipped".into());
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if text.contains('\0') || controls * 10 > text.chars().count() {
        return Err("looks binary (NUL or control characters); skipped".into());
    }
    Ok(())
}

/// One record of JSON Lines, a `.json` file or a `.csv` table.
#[derive(Deserialize)]
pub(crate) struct Record {
    pub(crate) id: Option<serde_json::Value>,
    pub(crate) text: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) url: Option<String>,
}

/// The article of a record: its `id` (else `fallback()`), its title and text
/// joined by a blank line; or why it cannot be one.
pub(crate) fn record_article(
    rec: Record,
    fallback: impl FnOnce() -> String,
) -> std::result::Result<Article, String> {
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback(),
    };
    let Some(body) = rec.text.filter(|t| !t.trim().is_empty()) else {
        return Err(format!("record {id:?} has no text; skipped"));
    };
    let title = rec
        .title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let text = match &title {
        Some(t) => format!("{t}\n\n{body}"),
        None => body,
    };
    if let Err(reason) = check_text(&text) {
        return Err(format!("record {id:?}: {reason}"));
    }
    Ok(Article {
        id,
        title,
        text,
        date: rec.date,
        source: rec.source,
        url: rec.url,
    })
}

fn read_jsonl<E>(
    path: &Path,
    opts: &ReadOptions,
    mut r: Box<dyn BufRead + '_>,
    f: &mut impl FnMut(Item) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut buf = Vec::new();
    let mut no = 0u64;
    loop {
        buf.clear();
        no += 1;
        let skip = |reason: String| Skip {
            path: path.to_path_buf(),
            line: Some(no),
            reason,
        };
        // A line is read with a cap, so one gigantic line costs bounded memory.
        match (&mut r)
            .take(MAX_ARTICLE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
        {
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
            f(Err(skip(format!(
                "record longer than {} MiB; skipped",
                MAX_ARTICLE_BYTES >> 20
            ))))?;
            continue;
        }
        // A byte-order mark may open the file; JSON itself allows none.
        if no == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        let line = match decode_at(std::mem::take(&mut buf), opts.encoding, " of the line") {
            Ok(l) => l,
            Err(e) => {
                f(Err(skip(e)))?;
                continue;
            }
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // serde_json stops at 128 levels of nesting in the fields we read
        // and skips the others without recursion, so a deeply nested line
        // is an error or ignored, never a stack overflow.
        let rec: Record = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                f(Err(skip(format!("malformed JSON: {e}"))))?;
                continue;
            }
        };
        let item = record_article(rec, || {
            let stem = match path.file_name() {
                Some(s) if path.as_os_str() != "-" => s.to_string_lossy(),
                _ => "stdin".into(),
            };
            let stem = stem.trim_end_matches(".gz").trim_end_matches(".jsonl");
            format!("{stem}-{no}")
        });
        f(item.map_err(skip))?;
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
        assert!(
            text_article("x".into(), vec![0xd8, b'a'])
                .unwrap_err()
                .contains("UTF-8 at byte offset 0")
        );
        assert!(
            text_article("x".into(), b"  \n ".to_vec())
                .unwrap_err()
                .contains("empty")
        );
        assert!(
            text_article("x".into(), b"ab\0cd".to_vec())
                .unwrap_err()
                .contains("binary")
        );
    }

    #[test]
    fn legacy_encodings_decode() {
        let cp1256 = vec![202, 209, 223, 237, 199, 32, 209, 230, 211, 237, 199];
        assert_eq!(
            decode(cp1256.clone(), InputEncoding::Windows1256).unwrap(),
            "تركيا روسيا"
        );
        assert!(
            decode(cp1256, InputEncoding::Utf8)
                .unwrap_err()
                .contains("--encoding windows-1256")
        );
        assert_eq!(
            decode(vec![202, 209, 227, 234, 199], InputEncoding::Iso8859_6).unwrap(),
            "تركيا"
        );
        // 0xA1 is not defined in ISO-8859-6.
        let e = decode(vec![202, 209, 0xA1, 199], InputEncoding::Iso8859_6).unwrap_err();
        assert_eq!(e, "not valid ISO-8859-6 at byte offset 2");
        // A UTF-8 byte-order mark means UTF-8, whatever was asked.
        assert_eq!(
            decode("\u{FEFF}نص".as_bytes().to_vec(), InputEncoding::Windows1256).unwrap(),
            "\u{FEFF}نص"
        );
        let utf16: Vec<u8> = [0xFEFF_u16, 0x0646, 0x0635]
            .iter()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(utf16, InputEncoding::Utf8).unwrap(), "نص");
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a'], InputEncoding::Utf8).unwrap_err(),
            "not valid UTF-16LE at byte offset 2"
        );
    }

    #[test]
    fn bom_stays_in_text_not_in_title() {
        let a = text_article("x".into(), "\u{FEFF}عنوان\r\n\r\nنص".as_bytes().to_vec()).unwrap();
        assert_eq!(a.title.as_deref(), Some("عنوان"));
        assert!(a.text.starts_with('\u{FEFF}'));
        assert!(
            text_article("x".into(), "\u{FEFF}\r\n".as_bytes().to_vec())
                .unwrap_err()
                .contains("empty")
        );
    }

    #[test]
    fn jsonl_bom_and_nesting() {
        let deep = format!(
            "{{\"id\":\"d\",\"x\":{}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let data = format!("\u{FEFF}{{\"id\":\"a\",\"text\":\"نص\"}}\n{deep}\n");
        let got = read_all(&data);
        assert_eq!(got[0].as_ref().unwrap().id, "a");
        // An ignored field is skipped without recursion: no error, no overflow.
        assert!(
            got[1].as_ref().unwrap_err().reason.contains("no text"),
            "{:?}",
            got[1]
        );
    }

    /// Every item of a JSON Lines text.
    fn read_all(data: &str) -> Vec<Item> {
        let mut got = Vec::new();
        read_jsonl(
            Path::new("x.jsonl"),
            &ReadOptions::default(),
            Box::new(data.as_bytes()),
            &mut |i: Item| -> std::result::Result<(), ()> {
                got.push(i);
                Ok(())
            },
        )
        .unwrap();
        got
    }

    #[test]
    fn jsonl_lines_are_numbered() {
        let data = "{\"id\":\"a\",\"text\":\"نص\",\"title\":\"ع\"}\n{broken\n{\"id\":3}\n";
        let got = read_all(data);
        assert_eq!(got[0].as_ref().unwrap().text, "ع\n\nنص");
        assert_eq!(got[1].as_ref().unwrap_err().line, Some(2));
        assert!(got[2].as_ref().unwrap_err().reason.contains("no text"));
    }
}
