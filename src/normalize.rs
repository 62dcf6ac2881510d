//! Arabic normalization for matching, with a map back to the original bytes.
//!
//! In: an article's text exactly as read. Out: [`Normalized`], a matching
//! form of the text plus a map ([`Normalized::map`]) from every normalized
//! byte offset to the original byte offset it came from.
//!
//! What must hold:
//! - the map is monotone and has one entry per normalized byte plus one for
//!   the end, so `orig_span(s, e)` of any normalized range lands on original
//!   character boundaries (a test checks this on every sample);
//! - lexicon forms go through this same function, so a form written with
//!   diacritics, hamza or ta marbuta matches the text written without;
//! - line breaks survive (they end sentences), all other white space,
//!   including no-break and other Unicode spaces, collapses to one ASCII space.
//!
//! The foldings follow what Arabic spelling in news actually varies on:
//! short vowels and tatweel are optional, hamza seats and alef forms are
//! written loosely, final ة/ه and ى/ي are interchanged by many writers. The
//! same foldings are in `shared/tools/score.py`.

use std::borrow::Cow;

/// Text folded for matching, with the way back to the original bytes.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// `map[i]` is the original byte offset of the character that produced
    /// normalized byte `i`; `map[text.len()]` is the original length.
    pub map: Vec<u32>,
    /// Normalized byte offsets of the «ه» that stand for a written «ة», in
    /// order: a ta marbuta ends a noun, never begins a pronoun suffix, so
    /// «وزارة» is no «و» + «زار» + «ه».
    pub marbuta: Vec<u32>,
}

impl Normalized {
    /// Whether the normalized character at byte `i` was written «ة».
    pub fn was_marbuta(&self, i: usize) -> bool {
        self.marbuta.binary_search(&(i as u32)).is_ok()
    }

    /// The original byte range behind the normalized range `start..end`.
    ///
    /// The end maps to where the next normalized character came from, so
    /// diacritics that were dropped after the last letter stay inside.
    pub fn orig_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.map[start] as usize, self.map[end] as usize)
    }
}

/// What one original character becomes in the matching form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fold {
    Drop,
    Space,
    Newline,
    Char(char),
}

fn fold(c: char) -> Fold {
    match c {
        // Harakat, Quranic marks, superscript alef, tatweel: optional in print.
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => Fold::Drop,
        '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        // Zero-width and bidi controls carry no letters.
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' => Fold::Drop,
        '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' => Fold::Drop,
        '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Fold::Newline,
        '\r' => Fold::Drop,
        c if c.is_whitespace() => Fold::Space,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::Char('ا'),
        'ة' => Fold::Char('ه'),
        'ى' | 'ئ' | 'ی' | 'ې' => Fold::Char('ي'),
        'ؤ' => Fold::Char('و'),
        'ک' => Fold::Char('ك'),
        'ہ' | 'ە' => Fold::Char('ه'),
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '‹' | '›' | '＂' => {
            Fold::Char('"')
        }
        '‘' | '’' | '‚' | '‛' | '`' | '´' => Fold::Char('\''),
        '،' => Fold::Char(','),
        '؛' => Fold::Char(';'),
        '؟' => Fold::Char('?'),
        '٪' => Fold::Char('%'),
        '–' | '—' | '―' | '‐' | '‑' => Fold::Char('-'),
        '٠'..='٩' => Fold::Char(char::from(b'0' + (c as u32 - '٠' as u32) as u8)),
        '۰'..='۹' => Fold::Char(char::from(b'0' + (c as u32 - '۰' as u32) as u8)),
        c if c.is_ascii_uppercase() => Fold::Char(c.to_ascii_lowercase()),
        // Control characters never help matching and must not reach exports.
        c if c.is_control() => Fold::Space,
        c => Fold::Char(c),
    }
}

/// Folds `text` for matching and records where every byte came from.
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    // Collapsing runs of spaces keeps multiword forms matching however the
    // article spaced them; a space next to a line break is dropped.
    let mut pending_space: Option<u32> = None;
    let mut marbuta = Vec::new();
    for (i, c) in text.char_indices() {
        let at = i as u32;
        match fold(c) {
            Fold::Drop => {}
            Fold::Space => {
                if pending_space.is_none() && !out.is_empty() && !out.ends_with('\n') {
                    pending_space = Some(at);
                }
            }
            Fold::Newline => {
                pending_space = None;
                push(&mut out, &mut map, '\n', at);
            }
            Fold::Char(f) => {
                if let Some(s) = pending_space.take() {
                    push(&mut out, &mut map, ' ', s);
                }
                if c == 'ة' {
                    marbuta.push(out.len() as u32);
                }
                push(&mut out, &mut map, f, at);
            }
        }
    }
    map.push(text.len() as u32);
    Normalized {
        text: out,
        map,
        marbuta,
    }
}

fn push(out: &mut String, map: &mut Vec<u32>, c: char, at: u32) {
    out.push(c);
    map.extend(std::iter::repeat_n(at, c.len_utf8()));
}

/// Folds a lexicon form: the same as [`normalize`], with line breaks and
/// surrounding space removed.
pub fn normalize_form(form: &str) -> String {
    normalize(form.trim())
        .text
        .replace('\n', " ")
        .trim()
        .to_string()
}

/// `text` without the characters [`normalize`] drops (harakat, Quranic
/// marks, tatweel, zero-width and bidi controls) and nothing else folded:
/// what the store's full-text index reads, since SQLite's tokenizers cannot
/// drop Arabic marks themselves.
pub fn strip_marks(text: &str) -> Cow<'_, str> {
    // Copied run by run between dropped characters; most passages have
    // none and are returned as they are.
    let mut out: Option<String> = None;
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        if fold(c) == Fold::Drop {
            out.get_or_insert_with(|| String::with_capacity(text.len()))
                .push_str(&text[kept..i]);
            kept = i + c.len_utf8();
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut s) => {
            s.push_str(&text[kept..]);
            Cow::Owned(s)
        }
    }
}

/// Whether `c` belongs to a word (letters of any script and digits).
pub fn is_word_char(c: char) -> bool {
    // Arabic letters and ASCII first: the Unicode tables are the slow path.
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'a'..='z' | 'A'..='Z' | '0'..='9')
        || (!c.is_ascii() && c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_tatweel_and_hamza() {
        assert_eq!(normalize("تعاونٌ عسكـــري").text, "تعاون عسكري");
        assert_eq!(normalize("أذربيجان وإيران").text, "اذربيجان وايران");
        assert_eq!(normalize("الجمهورية التركيّة").text, "الجمهوريه التركيه");
        assert_eq!(normalize("«موسكو»").text, "\"موسكو\"");
    }

    #[test]
    fn collapses_unicode_spaces() {
        assert_eq!(normalize("في\u{00A0}\u{2009} أنقرة").text, "في انقره");
        assert_eq!(normalize("  a \n  b ").text, "a\nb");
    }

    #[test]
    fn map_points_into_original_char_boundaries() {
        let orig = "وعلّق  المتحدثُ\u{00A0}باسم «الكرملين»";
        let n = normalize(orig);
        assert_eq!(n.map.len(), n.text.len() + 1);
        for w in n.map.windows(2) {
            assert!(w[0] <= w[1]);
        }
        for &m in &n.map {
            assert!(orig.is_char_boundary(m as usize));
        }
        let at = n.text.find("الكرملين").unwrap();
        let (s, e) = n.orig_span(at, at + "الكرملين".len());
        assert_eq!(&orig[s..e], "الكرملين");
    }

    #[test]
    fn forms_and_text_fold_alike() {
        assert_eq!(
            normalize_form(" رئيس الوزراء "),
            normalize("رئيسُ الوزراء").text
        );
    }
}
