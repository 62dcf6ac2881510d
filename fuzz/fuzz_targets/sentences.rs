//! Sentence splitting and tokenizing of normalized text: ranges ordered,
//! disjoint, non-blank, on character boundaries and bounded in length.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::{
    extract::scan::{MAX_SENTENCE_BYTES, sentences, tokens},
    normalize::normalize,
};

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    // Both the normalized text (what extraction splits) and the raw text
    // (sentences must not rely on normalization for safety).
    for (normalized, text) in [(true, normalize(&raw).text), (false, raw.into_owned())] {
        let mut prev_end = 0;
        for r in sentences(&text) {
            assert!(r.start < r.end, "empty sentence {r:?}");
            assert!(
                r.start >= prev_end,
                "sentences overlap or go back: {r:?} after {prev_end}"
            );
            assert!(r.end <= text.len());
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{r:?} splits a character"
            );
            if normalized {
                // Spaces are collapsed, so a sentence starts on a non-space
                // and holds more than space (a cut piece may end in one).
                let s = &text[r.start..r.end];
                assert_eq!(s, s.trim_start(), "sentence starts with space: {r:?}");
                assert!(!s.trim().is_empty(), "blank sentence {r:?}");
            }
            // A cut falls on a character boundary, so a sentence may exceed
            // the cap by less than one character only.
            assert!(
                r.end - r.start <= MAX_SENTENCE_BYTES,
                "sentence of {} bytes",
                r.end - r.start
            );
            prev_end = r.end;
            let mut tprev = r.start;
            for t in tokens(&text, r) {
                assert!(
                    t.range.start >= tprev && t.range.start < t.range.end && t.range.end <= r.end,
                    "{t:?} in {r:?}"
                );
                assert!(text.is_char_boundary(t.range.start) && text.is_char_boundary(t.range.end));
                tprev = t.range.end;
            }
        }
    }
});
