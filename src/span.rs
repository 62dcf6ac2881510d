//! Where a mention's subject, cue and object stand in its evidence (a
//! column type of the mention row, below extraction and the exports).
//!
//! In: the normalized ranges of the items the rules used. Out: [`Span`]s in
//! characters (code points) from the start of the evidence, written
//! `start-end` in `triples.csv` and JSON, so a viewer can mark them without
//! the article.
//!
//! What must hold: `evidence.chars().skip(start).take(end - start)` is the
//! marked text; a span is `None` when the side is not named in the
//! sentence (a pronoun, a title or an actor from an earlier sentence).

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A character range within a mention's evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First character, counted from the start of the evidence.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// The span of original bytes `bs..be` within an evidence that starts
    /// at byte `s` of `text`, or `None` when it falls outside.
    pub fn within(text: &str, s: usize, e: usize, bs: usize, be: usize) -> Option<Span> {
        if bs < s || be > e || bs >= be {
            return None;
        }
        let start = text.get(s..bs)?.chars().count();
        let end = start + text.get(bs..be)?.chars().count();
        Some(Span { start, end })
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl FromStr for Span {
    type Err = String;

    fn from_str(s: &str) -> Result<Span, String> {
        let bad = || format!("expected a character range like 3-8, found {s:?}");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let (start, end) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
        if start > end {
            return Err(bad());
        }
        Ok(Span { start, end })
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Span, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_from_the_evidence_start() {
        let text = "xx دعمت تركيا أذربيجان.";
        let s = text.find('د').unwrap();
        let t = text.find("تركيا").unwrap();
        let sp = Span::within(text, s, text.len(), t, t + "تركيا".len()).unwrap();
        assert_eq!(sp, Span { start: 5, end: 10 });
        let ev: String = text[s..]
            .chars()
            .skip(sp.start)
            .take(sp.end - sp.start)
            .collect();
        assert_eq!(ev, "تركيا");
        assert_eq!(Span::within(text, s, text.len(), 0, 2), None);
        assert_eq!("5-10".parse::<Span>(), Ok(sp));
        assert!("10-5".parse::<Span>().is_err() && "x".parse::<Span>().is_err());
    }
}
