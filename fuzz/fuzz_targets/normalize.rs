//! `normalize::normalize` on any text: the offset map must be total,
//! monotone and land on character boundaries of the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::normalize::{normalize, normalize_form};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = normalize(&text);
    assert_eq!(
        n.map.len(),
        n.text.len() + 1,
        "one map entry per normalized byte, plus the end"
    );
    assert_eq!(
        *n.map.last().unwrap() as usize,
        text.len(),
        "the end maps to the end"
    );
    for w in n.map.windows(2) {
        assert!(w[0] <= w[1], "map is monotone: {w:?}");
    }
    for (i, &o) in n.map.iter().enumerate() {
        assert!(
            text.is_char_boundary(o as usize),
            "map[{i}] = {o} is not a char boundary"
        );
    }
    // Every normalized character range maps back to a sliceable range.
    for (i, c) in n.text.char_indices() {
        let (s, e) = n.orig_span(i, i + c.len_utf8());
        assert!(s <= e && e <= text.len());
        let _ = &text[s..e];
    }
    // Normalizing is idempotent on what it produced, up to the map.
    let again = normalize(&n.text);
    assert_eq!(again.map.len(), again.text.len() + 1);
    let _ = normalize_form(&text);
});
