//! `extract::extract` with the real lexicon of `data/` on any text: no
//! panic, and every citation slices back to its evidence, in bytes and in
//! characters.
//!
//! The lexicon is loaded once from `$NEWSGRAPH_DATA` (the fuzz script points
//! it at a snapshot, since the lexicons change while we fuzz) or `../data`.
#![no_main]

use std::{path::PathBuf, sync::LazyLock};

use libfuzzer_sys::fuzz_target;
use newsgraph::{article::Article, extract::extract, lexicon::Lexicon};

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let dir = std::env::var_os("NEWSGRAPH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../data")));
    match Lexicon::load(&dir) {
        Ok(l) => l,
        Err(e) => panic!("cannot load the lexicon of {}: {e}", dir.display()),
    }
});

static SKIP_DETERMINISM: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("FUZZ_SKIP_DETERMINISM").is_some());

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let a = Article {
        id: "fuzz".into(),
        text,
        ..Article::default()
    };
    let got = extract(&a, &LEX);
    for m in &got {
        assert!(
            m.start <= m.end && m.end <= a.text.len(),
            "byte range {}..{} out of bounds",
            m.start,
            m.end
        );
        assert!(a.text.is_char_boundary(m.start) && a.text.is_char_boundary(m.end));
        assert_eq!(
            &a.text[m.start..m.end],
            m.evidence,
            "byte range does not slice back"
        );
        let by_chars: String = a
            .text
            .chars()
            .skip(m.char_start)
            .take(m.char_end - m.char_start)
            .collect();
        assert_eq!(by_chars, m.evidence, "char range does not slice back");
        assert!(!m.subject.is_empty() || !m.object.is_empty() || !m.complete);
    }
    // Extraction is a pure function of the text and the lexicon.
    // FUZZ_SKIP_DETERMINISM=1 skips this, to hunt for other faults while a
    // known nondeterminism is being fixed.
    if !*SKIP_DETERMINISM {
        assert_eq!(extract(&a, &LEX), got);
    }
});
