//! Sentences, tokens and lexicon items of one normalized article.
//!
//! In: normalized text. Out: sentence ranges, tokens, and for each sentence
//! a list of [`Item`]s: a lexicon hit (with the clitic prefix it carried and
//! any pronoun suffix), a plain word, or punctuation.
//!
//! What must hold: every range is a normalized byte range on character
//! boundaries; items of a sentence are in text order and do not overlap.

use crate::{
    classes::{ARTICLE, Class, Classes, LL},
    lexicon::{Lexicon, Payload},
    normalize::{Normalized, is_word_char},
};

/// Sentences longer than this are cut at the next comma or space: rules are
/// local, and bounding the length bounds the work on one-line dumps.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// A normalized byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    /// Start, inclusive.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
}

/// Splits normalized text into sentence ranges (trimmed, non-empty).
///
/// Ends a sentence at a line break, `? ! ;` and at `.` followed by space,
/// a quote or the end (so «إن.تي.في» and «3.5» stay whole).
pub fn sentences(text: &str) -> Vec<Range> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let push = |s: usize, e: usize, out: &mut Vec<Range>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        let (s, e) = (s + lead, e - trail);
        if s < e {
            split_long(text, s, e, out);
        }
    };
    for (i, c) in text.char_indices() {
        let end = match c {
            '\n' => Some(i),
            '?' | '!' | ';' => Some(i + 1),
            '.' => {
                let next = bytes.get(i + 1).copied();
                matches!(next, None | Some(b' ' | b'\n' | b'"' | b'\'' | b')')).then_some(i + 1)
            }
            _ => None,
        };
        if let Some(e) = end {
            push(start, e, &mut out);
            start = if c == '\n' { i + 1 } else { e };
        }
    }
    push(start, text.len(), &mut out);
    out
}

fn split_long(text: &str, mut s: usize, e: usize, out: &mut Vec<Range>) {
    while e - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[s..cut];
        let at = window
            .rfind(',')
            .or_else(|| window.rfind(' '))
            .map(|i| s + i + 1)
            .filter(|&c| c > s)
            .unwrap_or(cut);
        out.push(Range { start: s, end: at });
        s = at;
        while s < e && text.as_bytes()[s] == b' ' {
            s += 1;
        }
    }
    if s < e {
        out.push(Range { start: s, end: e });
    }
}

/// One token: a run of word characters, or a single other character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Normalized byte range.
    pub range: Range,
    /// Word characters (letters, digits) rather than punctuation.
    pub word: bool,
}

/// Tokens of `text[r]`, spaces dropped.
pub fn tokens(text: &str, r: Range) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in text[r.start..r.end].char_indices() {
        let at = r.start + i;
        if is_word_char(c) {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(ws) = word_start.take() {
            out.push(Token {
                range: Range { start: ws, end: at },
                word: true,
            });
        }
        if !c.is_whitespace() {
            out.push(Token {
                range: Range {
                    start: at,
                    end: at + c.len_utf8(),
                },
                word: false,
            });
        }
    }
    if let Some(ws) = word_start {
        out.push(Token {
            range: Range {
                start: ws,
                end: r.end,
            },
            word: true,
        });
    }
    out
}

/// What an item is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A lexicon form (index into the gazetteer's forms).
    Hit(usize),
    /// A word no lexicon form covers.
    Word,
    /// A punctuation character.
    Punct(char),
}

/// A token or run of tokens with its meaning.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// Normalized byte range, clitics included.
    pub range: Range,
    /// The clitic prefix before the form (`و`, `بال` …), empty if none.
    pub prefix: &'static str,
    /// The letters after the form in its last token (a pronoun or
    /// inflection suffix), empty if none.
    pub suffix_len: usize,
    /// Byte offset where the form itself starts.
    pub form_start: usize,
}

impl Item {
    /// The item's text without its clitic prefix.
    pub fn stem<'t>(&self, text: &'t str) -> &'t str {
        &text[self.form_start..self.range.end]
    }

    /// The preposition among the clitics (ب ل ك), if any; the article ال
    /// is not one, but «لل» is ل with the article.
    pub fn prep(&self) -> Option<char> {
        prep_of(self.prefix)
    }

    /// Whether the clitic prefix holds a preposition (ب ل ك).
    pub fn has_prep(&self) -> bool {
        self.prep().is_some()
    }
}

/// Matches the tokens of one sentence against the gazetteer.
///
/// At each word token, tries the form starting right after each clitic
/// prefix the token carries (no prefix first), and takes the first one whose
/// end falls on a word end, or inside the word where the payload allows a
/// suffix.
pub fn items(norm: &Normalized, toks: &[Token], lex: &Lexicon) -> Vec<Item> {
    let text = norm.text.as_str();
    let g = &lex.gazetteer;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !t.word {
            let c = text[t.range.start..].chars().next().unwrap_or(' ');
            out.push(Item {
                kind: Kind::Punct(c),
                range: t.range,
                prefix: "",
                suffix_len: 0,
                form_start: t.range.start,
            });
            i += 1;
            continue;
        }
        let word = &text[t.range.start..t.range.end];
        // Every clitic reading is tried; the one whose form reaches furthest
        // wins, and among equals the one that strips least («بحث» is
        // consult, not ب + «حث»; «المتحدث باسم» beats «المتحدث»).
        let mut found: Option<(&'static str, crate::lexicon::Hit, usize, usize)> = None;
        for &(p, rest) in clitic_splits(word, &lex.classes).iter() {
            if rest.len() < 4 {
                continue;
            }
            let at = t.range.start + p.len();
            let Some(hit) = g.longest_at(text, at) else {
                continue;
            };
            if g.needs_article(hit.form) && !definite(p) {
                continue;
            }
            // The match must end where a token ends, or inside a token when
            // the form allows a suffix there.
            let Some(last) = toks[i..]
                .iter()
                .position(|k| k.range.end >= hit.end)
                .map(|k| i + k)
            else {
                continue;
            };
            let lt = toks[last];
            if hit.end <= lt.range.start {
                continue;
            }
            let rest = &text[hit.end..lt.range.end];
            // «وزارة», «طالبة»: what was written «ة» ends a noun; it is no
            // pronoun after a verb («زاره», «طالبه»).
            let marbuta = !rest.is_empty() && norm.was_marbuta(hit.end);
            let ok = rest.is_empty()
                || (lt.word
                    && (g.payloads(hit.form).iter().any(Payload::allows_suffix)
                        || (!marbuta
                            && lex.classes.has(rest, Class::PronounSuffix)
                            && g.payloads(hit.form).iter().any(|p| {
                                matches!(
                                    p,
                                    Payload::Organ { .. }
                                        | Payload::Role { .. }
                                        | Payload::Cue { .. }
                                )
                            }))));
            if ok && lt.word && found.as_ref().is_none_or(|f| hit.end > f.1.end) {
                found = Some((p, hit, last, rest.len()));
            }
        }
        match found {
            Some((p, hit, last, suffix_len)) => {
                out.push(Item {
                    kind: Kind::Hit(hit.form),
                    range: Range {
                        start: t.range.start,
                        end: toks[last].range.end,
                    },
                    prefix: p,
                    suffix_len,
                    form_start: hit.start,
                });
                i = last + 1;
            }
            None => {
                out.push(Item {
                    kind: Kind::Word,
                    range: t.range,
                    prefix: "",
                    suffix_len: 0,
                    form_start: t.range.start,
                });
                i += 1;
            }
        }
    }
    out
}

/// The preposition among the clitics of `prefix` (ب ل ك), if any; the
/// article ال is not one, but «لل» is ل with the article.
pub fn prep_of(prefix: &str) -> Option<char> {
    if prefix.ends_with(LL) {
        return Some('ل');
    }
    let p = prefix.strip_suffix(ARTICLE).unwrap_or(prefix);
    p.chars().find(|c| matches!(c, 'ب' | 'ل' | 'ك'))
}

/// Whether a clitic prefix ends with the article («ال», «وال», «لل»).
pub fn definite(prefix: &str) -> bool {
    prefix.ends_with(ARTICLE) || prefix.ends_with(LL)
}

/// The readings of a word as clitic prefix + rest, no prefix first (at
/// most eight: a conjunction, a preposition or the future سـ, the article),
/// with the clitics of the `clitic` class.
pub fn clitic_splits<'w>(word: &'w str, classes: &Classes) -> Splits<'w> {
    let mut out = Splits {
        buf: [("", word); 8],
        len: 1,
    };
    if !word
        .chars()
        .next()
        .is_some_and(|c| classes.clitic_initial(c))
    {
        return out;
    }
    classes.clitic_splits_into(word, |p, rest| {
        if out.len < out.buf.len() {
            out.buf[out.len] = (p, rest);
            out.len += 1;
        }
    });
    out
}

/// The splits of [`clitic_splits`], without allocating.
pub struct Splits<'w> {
    buf: [(&'static str, &'w str); 8],
    len: usize,
}

impl<'w> std::ops::Deref for Splits<'w> {
    type Target = [(&'static str, &'w str)];
    fn deref(&self) -> &Self::Target {
        &self.buf[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The items of `text` taken as one sentence.
    fn items_of(text: &str, lex: &crate::lexicon::Lexicon) -> Vec<Item> {
        let norm = crate::normalize::normalize(text);
        let whole = Range {
            start: 0,
            end: norm.text.len(),
        };
        items(&norm, &tokens(&norm.text, whole), lex)
    }

    /// A pronoun suffix «ه» is never a written «ة»: «زاره» (visited him)
    /// is the cue, «وزارة» (ministry) is not و + «زار» + «ه».
    #[test]
    fn ta_marbuta_is_no_pronoun() {
        let gaz = "id\ttype\tlabel_ar\tlabel_en\tcountry\tcode\tnames\tnisbas\tmetonyms\n";
        let cues = "relation\tframe\tmatch\tform\tpos\nconsult\tactive\tword\tزار\tverb\n";
        let lex = crate::lexicon::Lexicon::from_strs(gaz, "", "", cues, "").unwrap();
        for (text, found) in [
            ("وزاره الوزير", true),
            ("زاره الوزير", true),
            ("وزارة الخارجية", false),
            ("زارة", false),
        ] {
            let hit = matches!(items_of(text, &lex)[0].kind, Kind::Hit(_));
            assert_eq!(hit, found, "{text}");
        }
    }

    /// A name written with the article matches without it only where the
    /// article was absorbed («للرقة»), not inside «فرقة» or «ورقة».
    #[test]
    fn bare_names_need_the_article() {
        let gaz = "id\ttype\tlabel_ar\tlabel_en\tcountry\tcode\tnames\tnisbas\tmetonyms\n\
            raqqa\tplace\tالرقة\tRaqqa\t\t\tالرقة\t\t\n";
        let lex = crate::lexicon::Lexicon::from_strs(gaz, "", "", "", "").unwrap();
        for (text, found) in [
            ("وصلت الفرقة", false),
            ("ورقة بيضاء", false),
            ("في الرقة", true),
            ("وصل للرقة", true),
            ("وبالرقة", true),
        ] {
            let hit = items_of(text, &lex)
                .iter()
                .any(|i| matches!(i.kind, Kind::Hit(_)));
            assert_eq!(hit, found, "{text}");
        }
    }

    #[test]
    fn sentence_ends() {
        let t = &crate::normalize::normalize("قال ان.تي.في 3.5 مليون. ثم انتهى؟ جديد\nسطر").text;
        let got: Vec<&str> = sentences(t).iter().map(|r| &t[r.start..r.end]).collect();
        assert_eq!(
            got,
            vec!["قال ان.تي.في 3.5 مليون.", "ثم انتهي?", "جديد", "سطر"]
        );
    }

    #[test]
    fn long_sentences_are_cut() {
        let t = "كلمة ".repeat(2000);
        let s = sentences(&t);
        assert!(s.len() > 1);
        assert!(s.iter().all(|r| r.end - r.start <= MAX_SENTENCE_BYTES));
    }

    #[test]
    fn tokens_split_words_and_punct() {
        let t = "روسيا، تركيا";
        let toks = tokens(
            t,
            Range {
                start: 0,
                end: t.len(),
            },
        );
        assert_eq!(toks.len(), 3);
        assert!(!toks[1].word);
    }

    #[test]
    fn clitic_readings_keep_their_clitics_apart() {
        let lex = crate::lexicon::Lexicon::from_strs("", "", "", "", "").unwrap();
        let c = &lex.classes;
        let s = clitic_splits("وبلاده", c);
        assert_eq!(c.find_in(&s, Class::TheirState), Some(("و", "بلاده")));
        let s = clitic_splits("للبلدين", c);
        assert_eq!(c.find_in(&s, Class::TheTwo), Some(("لل", "بلدين")));
        let s = clitic_splits("بلادي", c);
        assert_eq!(c.find_in(&s, Class::TheirState), None);
    }
}
