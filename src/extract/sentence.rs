//! The sentence: its items classified (lexicon hits, closed classes, the
//! article's memory), the state every rule stage reads, and the two entry
//! points, [`sentence`] (mentions) and [`describe`] (explain's lines).
//!
//! Two passes over a sentence. The first groups items into actor
//! [`Phrase`]s: a title with its state and the name after it
//! («وزير الخارجية الروسي سيرغي لافروف»), which also yields the standing
//! `leader_of` / `official_of` triple; an organ with its state
//! («وزارة الدفاع الأرمينية»); an anaphor resolved from the article's
//! memory («بلاده», «البلدين»); a plain actor. The second pass takes every
//! relation cue and finds its arguments by the cue's frame (active: SVO or
//! VSO; passive: patient before, agent after من; mutual: every pair joined
//! by بين, مع or a coordinated list), then its modality from the markers
//! before it in its clause.

use super::{
    ActorInfo, Cast, Raw,
    scan::{Item, Kind, clitic_splits, definite},
};
use crate::{
    classes::{ARTICLE, Class, ClassId, Classes},
    lexicon::{Frame, Lexicon, Payload, Via},
    pattern::{Feature, View},
    schema::{ActorType, Modality, Relation},
    trace::RuleRef,
};

/// The items as the pattern language sees them.
impl View for Sentence<'_, '_> {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn test(&self, k: usize, f: &Feature, cue: usize) -> bool {
        match f {
            Feature::Class(c) => self.find(self.word(k), *c).is_some(),
            Feature::Form(form) => clitic_splits(self.word(k), &self.lex.classes)
                .iter()
                .any(|&(_, rest)| rest == form),
            Feature::Actor(kind) => {
                let actors = match (&self.means[k], self.phrase_at[k]) {
                    (_, Some(p)) => self.phrases[p].actors.clone(),
                    (Mean::Actor(a, _), None) => vec![a.clone()],
                    _ => Vec::new(),
                };
                !actors.is_empty() && kind.is_none_or(|t| actors.iter().all(|a| a.kind == t))
            }
            Feature::Cue(rel) => self.cues[k]
                .iter()
                .any(|&(r, ..)| rel.is_none_or(|x| x == r)),
            Feature::Punct(p) => {
                matches!(self.means[k], Mean::Punct(c) if p.is_none_or(|x| x == c))
            }
            Feature::Prep => matches!(self.means[k], Mean::Prep(_)),
            Feature::Noun | Feature::Verb => {
                let lexical = self.cues[k].first().is_some_and(|&(_, _, n, _)| n);
                let noun = self.nominal(k, lexical);
                noun == matches!(f, Feature::Noun) && (k == cue || !self.cues[k].is_empty())
            }
            Feature::Not(f) => !self.test(k, f, cue),
        }
    }

    fn stop(&self, k: usize) -> bool {
        matches!(
            self.means[k],
            Mean::Boundary | Mean::Punct('.' | ':' | '?' | '!' | ';')
        )
    }
}

/// The "preposition" of a phrase inside a topic or time phrase.
pub(super) const TOPIC: &str = "topic";

/// Whether a clitic prefix is the conjunction و alone.
pub(super) fn is_conj(prefix: &str) -> bool {
    let mut cs = prefix.chars();
    cs.next() == Some('و') && cs.next().is_none()
}

/// Relations whose objects may stand after في (places).
pub(super) fn locative(r: Relation) -> bool {
    matches!(
        r,
        Relation::DeployedIn | Relation::Controls | Relation::PartOf | Relation::MemberOf
    )
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

/// Actors that the text groups as one argument.
#[derive(Clone, Debug)]
pub(super) struct Phrase<'a> {
    pub(super) actors: Vec<ActorInfo>,
    pub(super) first: usize,
    pub(super) last: usize,
    /// The preposition governing it (a clitic ب ل ك or a word before it).
    pub(super) prep: Option<&'a str>,
    /// A nisba used as an adjective after a noun (قاعدة تركية).
    pub(super) adjectival: bool,
    /// Index of the coordinated group it belongs to.
    pub(super) group: usize,
}

pub(super) struct Sentence<'a, 'l> {
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
    pub(super) phrases: Vec<Phrase<'a>>,
    /// For each item, the phrase covering it.
    pub(super) phrase_at: Vec<Option<usize>>,
    pub(super) out: Vec<Raw>,
    /// The rules that led to the candidate being built: what `emit` records.
    pub(super) chain: Vec<RuleRef>,
    /// The rewrites and the modality rule of the candidate being built.
    pub(super) tail: Vec<RuleRef>,
    /// A pattern said the candidate's subject and object change places.
    pub(super) swap: bool,
    /// Candidates a rule stopped, for `explain --trace`.
    pub(super) blocked: Vec<Blocked>,
    /// Whether to record them (a run has no use for them).
    pub(super) trace: bool,
}

/// A candidate that did not become a mention, and the rule that stopped it.
#[derive(Clone, Debug)]
pub struct Blocked {
    /// Index of the cue item.
    pub cue: usize,
    /// The relation it would have had.
    pub relation: Relation,
    /// Its subject and object, as far as they were found.
    pub subject: Option<ActorInfo>,
    /// See `subject`.
    pub object: Option<ActorInfo>,
    /// The rules that built it, then the one that stopped it.
    pub rules: Vec<RuleRef>,
}

/// Applies every rule to one sentence's items.
pub(super) fn sentence(
    text: &str,
    items: &[Item],
    lex: &Lexicon,
    cast: &mut Cast<'_>,
    trace: bool,
) -> (Vec<Raw>, Vec<Blocked>) {
    let mut s = Sentence::read(text, items, lex, cast, trace);
    s.relations();
    s.places_within();
    s.analysts_speak();
    if let Some(p) = s.phrases.iter().find(|p| p.prep.is_none() && !p.adjectival) {
        cast.topic = p.actors.first().cloned();
    }
    for p in &s.phrases {
        for a in &p.actors {
            cast.saw(a);
        }
    }
    let pair = (0..s.phrases.len())
        .filter(|&k| k == 0 || s.phrases[k - 1].group != s.phrases[k].group)
        .map(|k| s.group_actors(k))
        .rfind(|g| {
            g.len() == 2
                && g.iter().all(|a| {
                    matches!(
                        a.kind,
                        ActorType::State | ActorType::Organization | ActorType::Group
                    )
                })
        });
    if pair.is_some() {
        cast.pair = pair;
        cast.pair_age = 0;
    } else {
        cast.pair_age += 1;
    }
    (s.out, s.blocked)
}

/// A line per item (its readings) and per actor phrase, for `newsgraph
/// explain`: the tokens and chunks stages as the rules see them.
pub(super) fn describe(text: &str, items: &[Item], lex: &Lexicon, cast: &mut Cast<'_>) -> String {
    use std::fmt::Write;
    let s = Sentence::read(text, items, lex, cast, false);
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        let m = match &s.means[i] {
            Mean::Actor(a, v) => format!("actor {} ({})", a.id, v.as_str()),
            Mean::Role { relation, line, .. } => format!("title {relation} (roles:{line})"),
            Mean::Counterpart => "counterpart".into(),
            Mean::Organ(g, group) => format!(
                "{} {}",
                if *group { "group" } else { "organ" },
                lex.actors[*g as usize].id
            ),
            Mean::TheirState => "their-state".into(),
            Mean::TheTwo => "the-two".into(),
            Mean::Latter => "the-latter".into(),
            Mean::Former => "the-former".into(),
            Mean::We => "we".into(),
            Mean::TheOrg => "the-organization".into(),
            Mean::ThePlace => "the-place".into(),
            Mean::Prep(_) => "preposition".into(),
            Mean::TopicPrep => "topic-preposition".into(),
            Mean::Relative => "relative".into(),
            Mean::Boundary => "clause-boundary".into(),
            Mean::Word => "word".into(),
            Mean::Punct(_) => "punctuation".into(),
        };
        let _ = write!(out, "  {i:>3} {}", s.word(i));
        if !it.prefix.is_empty() {
            let _ = write!(out, "  clitic {}", it.prefix);
        }
        let _ = write!(out, "  {m}");
        for (rel, frame, noun, line) in &s.cues[i] {
            let pos = if *noun { "noun" } else { "verb" };
            let _ = write!(out, "  cue {rel} {} {pos} (cues:{line})", frame.as_str());
        }
        if let Some(md) = s.modals[i] {
            let _ = write!(out, "  marker {md} (modality:{})", s.modal_lines[i]);
        }
        out.push('\n');
    }
    for p in &s.phrases {
        let ids: Vec<&str> = p.actors.iter().map(|a| a.id.as_str()).collect();
        let _ = write!(out, "  chunk {}..{} {}", p.first, p.last, ids.join(", "));
        match p.prep {
            Some(TOPIC) => out.push_str("  inside a topic phrase"),
            Some(prep) => {
                let _ = write!(out, "  after {prep}");
            }
            None => {}
        }
        if p.adjectival {
            out.push_str("  adjective");
        }
        let _ = writeln!(out, "  list {}", p.group);
    }
    out
}

impl<'a, 'l> Sentence<'a, 'l> {
    /// Classifies the items and builds and groups the actor phrases.
    pub(super) fn read(
        text: &'a str,
        items: &'a [Item],
        lex: &'l Lexicon,
        cast: &mut Cast<'_>,
        trace: bool,
    ) -> Sentence<'a, 'l> {
        let mut s = Sentence {
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
            phrases: Vec::new(),
            phrase_at: vec![None; items.len()],
            out: Vec::new(),
            chain: Vec::new(),
            tail: Vec::new(),
            swap: false,
            blocked: Vec::new(),
            trace,
        };
        s.classify(cast);
        s.build_phrases(cast);
        s.group();
        s.dateline();
        s
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

    pub(super) fn classify(&mut self, cast: &mut Cast<'_>) {
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
}
