//! Tokens: a sentence's items classified, the first stage's output.
//!
//! In: one sentence's lexicon items ([`super::scan`]: clitic readings and
//! gazetteer hits), the lexicon and the article's memory ([`Cast`]). Out:
//! [`Tokens`], for each item what it means ([`Mean`]: an actor, a title,
//! an organ, an anaphor, a closed-class word of `classes.tsv`), its cues,
//! its modality marker, and the sentence's event anchors and blocks.
//!
//! What must hold: one [`Mean`] per item, read once; nothing later
//! changes a [`Tokens`] (chunks and frames borrow it).

use super::{
    ActorInfo, Cast,
    scan::{Item, Kind, clitic_splits, definite},
};
use crate::{
    classes::{ARTICLE, Class, ClassId, Classes},
    lexicon::{Frame, Lexicon, Payload, Via},
    schema::{ActorType, Modality, Relation},
};

/// The "preposition" of a phrase inside a topic or time phrase.
pub(super) const TOPIC: &str = "topic";

/// Whether a clitic prefix is the conjunction و alone.
pub(super) fn is_conj(prefix: &str) -> bool {
    let mut cs = prefix.chars();
    cs.next() == Some('و') && cs.next().is_none()
}

/// What an item means after lexicon lookup and closed classes.
#[derive(Clone, Debug)]
pub(super) enum Mean<'a> {
    Actor(ActorInfo, Via),
    Role {
        relation: Relation,
        plural: bool,
        line: u32,
    },
    Counterpart,
    Organ(u32, bool),
    TheirState,
    TheTwo,
    Latter,
    Former,
    We,
    TheOrg,
    ThePlace,
    Prep(&'a str),
    TopicPrep,
    Relative,
    Boundary,
    Word,
    Punct(char),
}

/// One sentence's items as the rules read them.
pub(super) struct Tokens<'a, 'l> {
    pub(super) text: &'a str,
    pub(super) items: &'a [Item],
    pub(super) lex: &'l Lexicon,
    /// The article's year, when its date is known.
    pub(super) year: Option<u32>,
    pub(super) means: Vec<Mean<'a>>,
    /// Each item's cues: relation, frame, noun, line in `cues.tsv`.
    pub(super) cues: Vec<Vec<(Relation, Frame, bool, u32)>>,
    pub(super) modals: Vec<Option<Modality>>,
    /// The `modality.tsv` line of each marker.
    pub(super) modal_lines: Vec<u32>,
    /// Items that anchor an event (casualties, scene, source).
    pub(super) anchors: Vec<usize>,
    /// Items that block the cue inside them (metaphors, idioms).
    pub(super) blocks: Vec<usize>,
    /// Whether the lexicon defines anchors at all.
    pub(super) has_anchors: bool,
}

impl<'a, 'l> Tokens<'a, 'l> {
    /// Classifies every item of one sentence.
    pub(super) fn read(
        text: &'a str,
        items: &'a [Item],
        lex: &'l Lexicon,
        cast: &Cast<'_>,
    ) -> Tokens<'a, 'l> {
        let mut t = Tokens {
            text,
            items,
            lex,
            year: cast.year,
            means: Vec::with_capacity(items.len()),
            cues: vec![Vec::new(); items.len()],
            modals: vec![None; items.len()],
            modal_lines: vec![0; items.len()],
            anchors: Vec::new(),
            blocks: Vec::new(),
            has_anchors: lex.has_anchors(),
        };
        t.classify(cast);
        t
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        &self.text[self.items[i].range.start..self.items[i].range.end]
    }

    /// Whether the normalized word `w` is in class `c` as it stands.
    pub(super) fn is(&self, w: &str, c: Class) -> bool {
        self.lex.classes.has(w, c)
    }

    /// Which reading of `w` (clitic prefix, rest) is in class `c`.
    pub(super) fn find<'w>(
        &self,
        w: &'w str,
        c: impl Into<ClassId>,
    ) -> Option<(&'static str, &'w str)> {
        self.lex
            .classes
            .find_in(&clitic_splits(w, &self.lex.classes), c)
    }

    /// Whether `w` (with its clitics) introduces a place name.
    pub(super) fn place_noun(&self, w: &str) -> bool {
        self.find(w, Class::PlaceNoun).is_some()
    }

    /// Whether a phrase's preposition is in class `c`.
    pub(super) fn prep_in(&self, prep: Option<&str>, c: Class) -> bool {
        prep.is_some_and(|p| p != TOPIC && self.is(p, c))
    }

    /// Whether item `k` is a preposition word of class `c`.
    pub(super) fn mean_prep(&self, k: usize, c: Class) -> bool {
        matches!(self.means[k], Mean::Prep(p) if self.is(p, c))
    }

    fn classify(&mut self, cast: &Cast<'_>) {
        for (i, it) in self.items.iter().enumerate() {
            let m = match &it.kind {
                Kind::Punct(c) => Mean::Punct(*c),
                Kind::Hit(f) => {
                    let ps = self.lex.gazetteer.payloads(*f);
                    for p in ps {
                        match *p {
                            Payload::Cue {
                                relation,
                                frame,
                                nominal,
                                line,
                                ..
                            } => self.cues[i].push((relation, frame, nominal, line)),
                            Payload::Modal(m, line) => {
                                self.modals[i] = Some(m);
                                self.modal_lines[i] = line;
                            }
                            Payload::Anchor => self.anchors.push(i),
                            Payload::Block => self.blocks.push(i),
                            _ => {}
                        }
                    }
                    let main = ps.iter().find_map(|p| match *p {
                        Payload::Actor { actor, via } => {
                            let a = cast.known(actor);
                            // «السورية» is the nisba, not «سورية» the state
                            // with an article no state name takes.
                            let via = if via == Via::Name
                                && a.kind == ActorType::State
                                && it.prefix.ends_with(ARTICLE)
                            {
                                Via::Nisba
                            } else {
                                via
                            };
                            Some(Mean::Actor(a, via))
                        }
                        _ => None,
                    });
                    let main = main.or_else(|| {
                        ps.iter().find_map(|p| match *p {
                            Payload::Role {
                                relation,
                                plural,
                                line,
                            } => Some(Mean::Role {
                                relation,
                                plural,
                                line,
                            }),
                            Payload::Organ { actor, group } => Some(Mean::Organ(actor, group)),
                            _ => None,
                        })
                    });
                    main.unwrap_or(Mean::Word)
                }
                Kind::Word => self.closed_word(i, cast),
            };
            self.means.push(m);
        }
    }

    pub(super) fn closed_word(&self, i: usize, cast: &Cast<'_>) -> Mean<'a> {
        let w = self.word(i);
        // «الموالين لصالح» in an article about Ali Abdullah Saleh is «ل»
        // and his name, not «لصالح» (in favour of).
        if let Some(a) = w.strip_prefix('ل').and_then(|rest| cast.aliases.get(rest)) {
            return Mean::Actor(a.clone(), Via::Name);
        }
        if self.is(w, Class::Prep) {
            return Mean::Prep(w);
        }
        if self.is(w, Class::Relative) {
            return Mean::Relative;
        }
        let classes: [(Class, Mean); 10] = [
            (Class::TopicPrep, Mean::TopicPrep),
            (Class::Boundary, Mean::Boundary),
            (Class::TheirState, Mean::TheirState),
            (Class::TheTwo, Mean::TheTwo),
            (Class::TheLatter, Mean::Latter),
            (Class::TheFormer, Mean::Former),
            (Class::We, Mean::We),
            (Class::TheOrg, Mean::TheOrg),
            (Class::ThePlace, Mean::ThePlace),
            (Class::Counterpart, Mean::Counterpart),
        ];
        let splits = clitic_splits(w, &self.lex.classes);
        // One lookup per reading for all ten classes.
        let bits: u128 = splits
            .iter()
            .fold(0, |b, &(_, rest)| b | self.lex.classes.bits(rest));
        if bits != 0 {
            for (class, m) in classes {
                if Classes::bit(bits, class) {
                    return m;
                }
            }
        }
        if self.lex.classes.find_in(&splits, Class::Both).is_some() {
            return Mean::Word;
        }
        // «التنظيم» where the article names «تنظيم داعش».
        if !cast.heads.is_empty() {
            let body = splits.iter().find_map(|&(p, rest)| {
                if !definite(p) {
                    return None;
                }
                cast.heads.get(rest).cloned().flatten()
            });
            if let Some(a) = body {
                return Mean::Actor(a, Via::Name);
            }
        }
        if let Some(a) = self.person_alias(w, cast) {
            return Mean::Actor(a, Via::Name);
        }
        Mean::Word
    }

    /// A word that is a person named earlier in the article: their short
    /// name, or a one-letter typo of a name word (بيسكونف for بيسكوف).
    pub(super) fn person_alias(&self, w: &str, cast: &Cast<'_>) -> Option<ActorInfo> {
        if cast.persons.is_empty() {
            return None;
        }
        let clitics = self.lex.classes.forms(Class::NameClitic).iter();
        for p in std::iter::once("").chain(clitics.map(|f| &**f)) {
            if let Some(a) = w.strip_prefix(p).and_then(|rest| cast.aliases.get(rest)) {
                return Some(a.clone());
            }
        }
        let n = w.chars().count();
        if n < 5 || self.is(w, Class::Stopword) || self.lex.is_common(w) {
            return None;
        }
        // A typo changes one letter: only names of about the same length
        // can be one edit away, and the check is cheap before the distance.
        cast.persons
            .iter()
            .find(|(ws, _)| {
                ws.iter().any(|x| {
                    let m = x.chars().count();
                    // One edit of a word of five letters or more keeps its
                    // first or its last letter: a cheap test before the
                    // distance.
                    m >= 5
                        && m.abs_diff(n) <= 1
                        && (x.chars().next() == w.chars().next()
                            || x.chars().next_back() == w.chars().next_back())
                        && strsim::damerau_levenshtein(x, w) == 1
                })
            })
            .map(|(_, a)| a.clone())
    }

    /// Whether item `c` carries a pronoun suffix («قتله», «طالبته»).
    pub(super) fn pronoun_suffixed(&self, c: usize) -> bool {
        self.items[c].suffix_len > 0 && self.lex.classes.ends(self.word(c), Class::PronounSuffix)
    }

    /// Whether the cue at `c` is used as a noun here: the lexicon says so,
    /// or the word carries the article or a preposition.
    pub(super) fn nominal(&self, c: usize, lexical: bool) -> bool {
        let it = &self.items[c];
        lexical
            || definite(it.prefix)
            || it.has_prep()
            || (c > 0
                && matches!(self.means[c - 1], Mean::Prep(_) | Mean::TopicPrep)
                // «شنوا», «قصفوا»: a plural past verb is never a noun.
                && !self.lex.classes.ends(it.stem(self.text), Class::PluralVerbSuffix))
    }
}
