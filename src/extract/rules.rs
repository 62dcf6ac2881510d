//! The rules: from a sentence's items to relations.
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

use std::collections::HashSet;

use super::{
    ActorInfo, Cast, Raw,
    scan::{Item, Kind, clitic_splits, definite},
};
use crate::{
    classes::{ARTICLE, Class, Classes, LL, NISBA_F},
    lexicon::{Frame, Lexicon, Payload, Via},
    pattern::{Action, Feature, View},
    schema::{ActorType, Modality, Relation},
    trace::{Rule, RuleRef},
};

/// The items as the pattern language sees them.
impl View for Sentence<'_, '_> {
    fn len(&self) -> usize {
        self.items.len()
    }

    fn test(&self, k: usize, f: &Feature, cue: usize) -> bool {
        match f {
            Feature::Class(c) => self
                .lex
                .classes
                .find_in(&clitic_splits(self.word(k), &self.lex.classes), *c)
                .is_some(),
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
const TOPIC: &str = "topic";

/// Whether a clitic prefix is the conjunction و alone.
fn is_conj(prefix: &str) -> bool {
    let mut cs = prefix.chars();
    cs.next() == Some('و') && cs.next().is_none()
}

/// Relations whose objects may stand after في (places).
fn locative(r: Relation) -> bool {
    matches!(
        r,
        Relation::DeployedIn | Relation::Controls | Relation::PartOf | Relation::MemberOf
    )
}

/// What an item means after lexicon lookup and closed classes.
#[derive(Clone, Debug)]
enum Mean<'a> {
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
struct Phrase<'a> {
    actors: Vec<ActorInfo>,
    first: usize,
    last: usize,
    /// The preposition governing it (a clitic ب ل ك or a word before it).
    prep: Option<&'a str>,
    /// A nisba used as an adjective after a noun (قاعدة تركية).
    adjectival: bool,
    /// Index of the coordinated group it belongs to.
    group: usize,
}

struct Sentence<'a, 'l> {
    text: &'a str,
    items: &'a [Item],
    lex: &'l Lexicon,
    /// The article's year, when its date is known.
    year: Option<u32>,
    means: Vec<Mean<'a>>,
    /// Each item's cues: relation, frame, noun, line in `cues.tsv`.
    cues: Vec<Vec<(Relation, Frame, bool, u32)>>,
    modals: Vec<Option<Modality>>,
    /// The `modality.tsv` line of each marker.
    modal_lines: Vec<u32>,
    /// Items that anchor an event (casualties, scene, source).
    anchors: Vec<usize>,
    /// Items that block the cue inside them (metaphors, idioms).
    blocks: Vec<usize>,
    /// Whether the lexicon defines anchors at all.
    has_anchors: bool,
    phrases: Vec<Phrase<'a>>,
    /// For each item, the phrase covering it.
    phrase_at: Vec<Option<usize>>,
    out: Vec<Raw>,
    /// The rules that led to the candidate being built: what `emit` records.
    chain: Vec<RuleRef>,
    /// The rewrites and the modality rule of the candidate being built.
    tail: Vec<RuleRef>,
    /// A pattern said the candidate's subject and object change places.
    swap: bool,
    /// Candidates a rule stopped, for `explain --trace`.
    blocked: Vec<Blocked>,
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
) -> (Vec<Raw>, Vec<Blocked>) {
    let mut s = Sentence::read(text, items, lex, cast);
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
    let s = Sentence::read(text, items, lex, cast);
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
    fn read(
        text: &'a str,
        items: &'a [Item],
        lex: &'l Lexicon,
        cast: &mut Cast<'_>,
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
        };
        s.classify(cast);
        s.build_phrases(cast);
        s.group();
        s
    }

    fn word(&self, i: usize) -> &'a str {
        &self.text[self.items[i].range.start..self.items[i].range.end]
    }

    /// Whether the normalized word `w` is in class `c` as it stands.
    fn is(&self, w: &str, c: Class) -> bool {
        self.lex.classes.has(w, c)
    }

    /// Which reading of `w` (clitic prefix, rest) is in class `c`.
    fn find<'w>(&self, w: &'w str, c: Class) -> Option<(&'static str, &'w str)> {
        self.lex
            .classes
            .find_in(&clitic_splits(w, &self.lex.classes), c)
    }

    /// Whether `w` (with its clitics) introduces a place name.
    fn place_noun(&self, w: &str) -> bool {
        self.find(w, Class::PlaceNoun).is_some()
    }

    /// Whether a phrase's preposition is in class `c`.
    fn prep_in(&self, prep: Option<&str>, c: Class) -> bool {
        prep.is_some_and(|p| p != TOPIC && self.is(p, c))
    }

    /// Whether item `k` is a preposition word of class `c`.
    fn mean_prep(&self, k: usize, c: Class) -> bool {
        matches!(self.means[k], Mean::Prep(p) if self.is(p, c))
    }

    fn classify(&mut self, cast: &mut Cast<'_>) {
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

    fn closed_word(&self, i: usize, cast: &Cast<'_>) -> Mean<'a> {
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
        for (class, m) in classes {
            if self.lex.classes.find_in(&splits, class).is_some() {
                return m;
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
    fn person_alias(&self, w: &str, cast: &Cast<'_>) -> Option<ActorInfo> {
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

    fn prep_before(&self, first: usize) -> Option<&'a str> {
        // A short name the article's memory resolved carries its clitic in
        // the word: «لصالح» is ل + Saleh.
        if let (Kind::Word, Mean::Actor(a, _)) = (&self.items[first].kind, &self.means[first]) {
            let w = self.word(first);
            if !a.label.contains(w) && w.starts_with(['ل', 'ب']) {
                return w.get(..2);
            }
        }
        // A clitic preposition, as it stands in the word.
        let it = &self.items[first];
        if let Some(c) = it.prep() {
            let prefix = &self.text[it.range.start..it.form_start];
            let at = it.range.start + prefix.find(c).unwrap_or(0);
            return Some(&self.text[at..at + c.len_utf8()]);
        }
        // «خلال قمة طهران»: an actor in the genitive of a topic or time
        // phrase is part of it.
        if (first.saturating_sub(2)..first).any(|k| matches!(self.means[k], Mean::TopicPrep))
            && (first.saturating_sub(2)..first)
                .all(|k| matches!(self.means[k], Mean::TopicPrep | Mean::Word))
        {
            return Some(TOPIC);
        }
        let mut j = first;
        // A preposition may stand one word before: «من حدود أرمينيا» is not,
        // but «في مدينة شوشا» is, through the place noun.
        for _ in 0..3 {
            if j == 0 {
                return None;
            }
            j -= 1;
            match &self.means[j] {
                // «مع كل من أذربيجان»: the preposition before «كل من».
                Mean::Prep(p)
                    if self.is(p, Class::FromPrep)
                        && j > 0
                        && self.find(self.word(j - 1), Class::Each).is_some() =>
                {
                    j -= 1;
                    continue;
                }
                Mean::Prep(p) => return Some(p),
                Mean::TopicPrep => return Some(TOPIC),
                Mean::Word if j + 1 == first && self.place_noun(self.word(j)) => continue,
                // «على مواقع المقاومة»: the positions of an actor stand for it.
                Mean::Word
                    if j + 1 == first && self.find(self.word(j), Class::Holding).is_some() =>
                {
                    continue;
                }
                // «في شمال غرب سوريا»
                Mean::Word if self.is(self.word(j), Class::Direction) => continue,
                Mean::Word if self.find(self.word(j), Class::Each).is_some() => continue,
                _ => return None,
            }
        }
        None
    }

    fn push_phrase(&mut self, actors: Vec<ActorInfo>, first: usize, last: usize, adjectival: bool) {
        if actors.is_empty() {
            return;
        }
        let prep = self.prep_before(first);
        let idx = self.phrases.len();
        for k in first..=last {
            self.phrase_at[k] = Some(idx);
        }
        self.phrases.push(Phrase {
            actors,
            first,
            last,
            prep,
            adjectival,
            group: idx,
        });
    }

    fn build_phrases(&mut self, cast: &mut Cast<'_>) {
        let n = self.items.len();
        let mut i = 0;
        while i < n {
            if let Some((a, end)) = self.unit_name(i) {
                self.push_phrase(vec![a], i, end - 1, false);
                i = end;
                continue;
            }
            match self.means[i].clone() {
                Mean::Role {
                    relation,
                    plural,
                    line,
                } => {
                    i = self.role_phrase(i, Some(relation), plural, RuleRef::Role(line), cast);
                    continue;
                }
                Mean::Counterpart => {
                    // «نظيره الإيراني حسن روحاني»: the office of the person in
                    // play, if the article said what it is.
                    let holder = self
                        .phrases
                        .iter()
                        .rev()
                        .flat_map(|p| p.actors.iter())
                        .find(|a| a.kind == ActorType::Person)
                        .cloned()
                        .or_else(|| cast.topic.clone());
                    let rel = holder.and_then(|h| {
                        cast.roles
                            .iter()
                            .find(|(_, p)| p.id == h.id)
                            .map(|((r, _), _)| *r)
                    });
                    i = self.role_phrase(i, rel, false, Rule::TitleCounterpart.into(), cast);
                    continue;
                }
                Mean::Organ(g, group) => {
                    i = self.organ_phrase(i, g, group, cast);
                    continue;
                }
                Mean::Actor(a, via) => {
                    let adjectival = via == Via::Nisba
                        && i > 0
                        && matches!(self.means[i - 1], Mean::Word)
                        && self.items[i].prefix.is_empty()
                        && !self.cues[i - 1].is_empty()
                        || (via == Via::Nisba
                            && i > 1
                            && matches!(self.means[i - 1], Mean::Word)
                            && !self.cues[i - 2].is_empty());
                    if a.kind == ActorType::Person {
                        let words: Vec<String> = self.text
                            [self.items[i].form_start..self.items[i].range.end]
                            .split(' ')
                            .map(String::from)
                            .collect();
                        cast.remember_person(&a, &words);
                    }
                    self.push_phrase(vec![a], i, i, adjectival);
                }
                Mean::TheirState => {
                    if let Some(st) = self.their_state(cast) {
                        self.push_phrase(vec![st], i, i, false);
                    }
                }
                Mean::We => {
                    let st = cast.topic.as_ref().and_then(|t| cast.state_of(t));
                    if let Some(st) = st {
                        self.push_phrase(vec![st], i, i, false);
                    }
                }
                Mean::TheTwo => {
                    // «البلدين» are two states; «الطرفين», «الجانبين» any two
                    // parties: states, bodies or armed groups.
                    let parties = self.lex.classes.within(self.word(i), Class::PartyNoun);
                    let named_together =
                        cast.pair.clone().filter(|_| parties && cast.pair_age <= 2);
                    let states: Vec<ActorInfo> = named_together.unwrap_or_else(|| {
                        self.phrases
                            .iter()
                            .rev()
                            .flat_map(|p| p.actors.iter().rev())
                            .chain(cast.recent.iter().rev())
                            .filter(|a| {
                                a.kind == ActorType::State
                                    || (parties
                                        && matches!(
                                            a.kind,
                                            ActorType::Organization | ActorType::Group
                                        ))
                            })
                            .fold(Vec::<ActorInfo>::new(), |mut acc, a| {
                                if acc.len() < 2 && !acc.iter().any(|x| x.id == a.id) {
                                    acc.push(a.clone());
                                }
                                acc
                            })
                    });
                    if states.len() == 2 {
                        self.push_phrase(states, i, i, false);
                    }
                }
                Mean::Latter => {
                    let subj = self
                        .phrases
                        .iter()
                        .find(|p| p.prep.is_none())
                        .and_then(|p| p.actors.first().map(|a| a.id.clone()));
                    let prev = cast
                        .recent
                        .iter()
                        .rev()
                        .find(|a| {
                            matches!(a.kind, ActorType::State | ActorType::Organization)
                                && Some(&a.id) != subj.as_ref()
                        })
                        .cloned();
                    if let Some(a) = prev {
                        self.push_phrase(vec![a], i, i, false);
                    }
                }
                Mean::Former => {
                    // «الأول» stands for an actor only right after a pair was
                    // named («... روسيا وتركيا، وقال الأول»), not as «the first».
                    let here: Vec<ActorInfo> = self
                        .phrases
                        .iter()
                        .rev()
                        .flat_map(|p| p.actors.iter().rev())
                        .cloned()
                        .collect();
                    let two: Vec<ActorInfo> = here
                        .into_iter()
                        .chain(cast.recent.iter().rev().cloned())
                        .take(2)
                        .collect();
                    let after_speech = i > 0
                        && matches!(self.means[i - 1], Mean::Word)
                        && self.find(self.word(i - 1), Class::SayingVerb).is_some();
                    if two.len() == 2 && after_speech {
                        self.push_phrase(vec![two[1].clone()], i, i, false);
                    }
                }
                Mean::TheOrg | Mean::ThePlace => {
                    // «المنظمة», «الإقليم»: the organization or place named last.
                    let kind = if matches!(self.means[i], Mean::TheOrg) {
                        ActorType::Organization
                    } else {
                        ActorType::Place
                    };
                    if let Some(a) = cast.recent.iter().rev().find(|a| a.kind == kind).cloned() {
                        self.push_phrase(vec![a], i, i, false);
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// The state of whoever the sentence is about so far, else of the
    /// article's topic: «قال لافروف إن بلاده» is Russia.
    fn their_state(&self, cast: &Cast<'_>) -> Option<ActorInfo> {
        // The person named last speaks of their own country («وزير خارجية
        // البحرين ... دعم بلاده»); else the sentence's or article's subject.
        self.phrases
            .iter()
            .rev()
            .flat_map(|p| p.actors.iter())
            .find(|a| a.kind == ActorType::Person)
            .and_then(|a| cast.state_of(a))
            .or_else(|| {
                self.phrases
                    .iter()
                    .find(|p| p.prep.is_none() && !p.adjectival)
                    .and_then(|p| p.actors.first())
                    .and_then(|a| cast.state_of(a))
            })
            .or_else(|| cast.topic.as_ref().and_then(|t| cast.state_of(t)))
    }

    /// An organ followed by its state (nisba or genitive name) is the state;
    /// with a pronoun suffix it is the state named last; alone, a group.
    fn organ_phrase(&mut self, i: usize, g: u32, group: bool, cast: &mut Cast<'_>) -> usize {
        let n = self.items.len();
        let mut j = i + 1;
        let mut words = 0;
        while j < n && words <= 2 {
            match &self.means[j] {
                Mean::Actor(a, via)
                    if a.kind != ActorType::Person
                        && (*via != Via::Name
                            || self.items[j].prefix.is_empty()
                            || self.is(self.items[j].prefix, Class::DativePrep)
                            || self.items[j].prefix == LL) =>
                {
                    // «قوات الناتو», «المسلحون الحوثيون»: a body or group
                    // named after the organ is that actor; a state makes a
                    // state organ the state and a group that state's group.
                    let actor = match cast.state_of(a) {
                        Some(st)
                            if a.kind == ActorType::State
                                || (a.kind == ActorType::Place && !group) =>
                        {
                            if group {
                                national_group(&cast.known(g), &st)
                            } else {
                                st
                            }
                        }
                        _ => a.clone(),
                    };
                    if !group && actor.kind == ActorType::State {
                        cast.organs.insert(g, actor.clone());
                    }
                    self.push_phrase(vec![actor], i, j, false);
                    return j + 1;
                }
                Mean::TheirState => {
                    if let Some(st) = self.their_state(cast) {
                        self.push_phrase(vec![st], i, j, false);
                        return j + 1;
                    }
                    break;
                }
                // «قوات الأسد», «طيران نظام الأسد»: a leader's forces are
                // his state's.
                Mean::Actor(a, _)
                    if a.kind == ActorType::Person
                        && !group
                        && (i + 1..j).all(|k| matches!(self.means[k], Mean::Organ(..))) =>
                {
                    if let Some(st) = cast.state_of(a) {
                        self.push_phrase(vec![st], i, j, false);
                        return j + 1;
                    }
                    break;
                }
                // «المقاومة والجيش لهجوم الحوثيين»: a new conjunct or a
                // cue ends the organ's phrase.
                // («قوات الاحتلال الإسرائيلي» goes on through its noun).
                _ if self.items[j].prefix.starts_with('و')
                    || self.cues[j].iter().any(|&(_, _, nominal, _)| {
                        self.items[j].has_prep()
                            || !(nominal || self.items[j].prefix.ends_with(ARTICLE))
                    }) =>
                {
                    break;
                }
                Mean::Organ(..) => {}
                Mean::Word if !self.is(self.word(j), Class::Stopword) => words += 1,
                // «القوات المسلحة في شرقي ليبيا»: a state organ placed in a
                // state is that state's.
                Mean::Prep(p) if self.is(p, Class::InPrep) && !group && words == 0 => {
                    let mut k = j + 1;
                    while k < n
                        && matches!(self.means[k], Mean::Word)
                        && self.is(self.word(k), Class::Direction)
                    {
                        k += 1;
                    }
                    match self.means.get(k) {
                        Some(Mean::Actor(a, Via::Name)) if a.kind == ActorType::State => {
                            let st = a.clone();
                            self.push_phrase(vec![st], i, k, false);
                            return k + 1;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
            j += 1;
        }
        if self.items[i].suffix_len > 0 {
            if let Some(st) = cast
                .recent
                .iter()
                .rev()
                .find(|a| a.kind == ActorType::State)
                .cloned()
            {
                self.push_phrase(vec![st], i, i, false);
                return i + 1;
            }
        }
        // «النظام» after «النظام السوري»: the organ the article already
        // tied to a state; «طيران النظام»: the inner organ's.
        let last = (i + 1..j)
            .take_while(|&k| matches!(self.means[k], Mean::Organ(..)))
            .last()
            .unwrap_or(i);
        let tied = (i..=last).rev().find_map(|k| match self.means[k] {
            Mean::Organ(gk, false) if !group || k > i => cast.organs.get(&gk).cloned(),
            _ => None,
        });
        if let Some(st) = tied {
            self.push_phrase(vec![st], i, last, false);
            return last + 1;
        }
        // «الجيش» alone in an article about one state is its army; not
        // «قوات الاحتلال», «طائرات التحالف», where a genitive names whose.
        let genitive = matches!(self.means.get(last + 1), Some(Mean::TheOrg))
            || matches!(self.means.get(last + 1), Some(Mean::Word))
                && self.word(last + 1).starts_with(ARTICLE)
                && !self.word(last + 1).ends_with(NISBA_F);
        let home = (i..=last).rev().find_map(|k| match self.means[k] {
            Mean::Organ(gk, false) => cast.home_of(gk),
            _ => None,
        });
        if let Some(st) = home.filter(|_| !group && !genitive) {
            self.push_phrase(vec![st], i, last, false);
            return last + 1;
        }
        // «المقاومة» where the article names «المقاومة الشعبية».
        if let Some(a) = cast
            .heads
            .get(self.items[i].stem(self.text))
            .cloned()
            .flatten()
        {
            self.push_phrase(vec![a], i, i, false);
            return i + 1;
        }
        let generic = cast.known(g);
        if group || !self.lex.actors[g as usize].props.state_bound {
            self.push_phrase(vec![generic], i, i, false);
        }
        i + 1
    }

    /// A title, its state and the name(s) after it. Emits the standing
    /// triple and a phrase for the person (or for the state, when the title
    /// names nobody and the article has named nobody in it yet).
    fn role_phrase(
        &mut self,
        i: usize,
        rel: Option<Relation>,
        plural: bool,
        source: RuleRef,
        cast: &mut Cast<'_>,
    ) -> usize {
        let n = self.items.len();
        let role_form = self.items[i].stem(self.text).to_string();
        // «متحدث باسم رئيسة الوزراء البريطانية تيريزا ماي»: the name after
        // «باسم» and a second title is that title's holder; the spokesman
        // stays unnamed.
        if self.lex.classes.ends(&role_form, Class::OnBehalf) {
            if let Some(Mean::Role {
                relation,
                plural,
                line,
            }) = self.means.get(i + 1).cloned()
            {
                return self.role_phrase(i + 1, Some(relation), plural, RuleRef::Role(line), cast);
            }
        }
        let known_rel = rel.is_some();
        let mut rel = rel.unwrap_or(Relation::OfficialOf);
        let mut governor: Option<ActorInfo> = None;
        let mut inner = false;
        let mut in_group = false;
        let mut second_title = false;
        let mut j = i + 1;
        // The governor region: institutions, nested titles, the state.
        while j < n && j <= i + 9 {
            match &self.means[j] {
                Mean::Actor(a, _) if a.kind == ActorType::Person => break,
                Mean::Actor(a, _) => {
                    if governor.is_none() {
                        governor = Some(a.clone());
                    } else if !plural {
                        // A second state: «نخجوان (ذاتية الحكم بأذربيجان)».
                    }
                    j += 1;
                }
                // «رئيس الوزراء القائد العام للقوات المسلحة»: a second title
                // in apposition keeps the first; an organ makes the office a
                // post in that body.
                Mean::Role { .. } => {
                    second_title = true;
                    j += 1;
                }
                Mean::Organ(_, group) => {
                    if governor.is_none() && !second_title {
                        inner = true;
                        // «زعيم حركة المعارضة المسلحة رياك مشار»: a post in a
                        // non-state group is not a post of the holder's state.
                        in_group |= *group;
                    }
                    j += 1;
                }
                Mean::TheirState => {
                    if governor.is_none() {
                        governor = self.their_state(cast);
                    }
                    j += 1;
                }
                // «أمين عام المنظمة، إياد مدني»: the organization named last.
                Mean::TheOrg => {
                    if governor.is_none() {
                        governor = cast
                            .recent
                            .iter()
                            .rev()
                            .find(|a| a.kind == ActorType::Organization)
                            .cloned();
                    }
                    j += 1;
                }
                Mean::Prep(p) if self.is(p, Class::InPrep) => j += 1,
                Mean::Punct('(') => {
                    let close =
                        (j..n.min(j + 10)).find(|&k| matches!(self.means[k], Mean::Punct(')')));
                    match close {
                        Some(k) => j = k + 1,
                        None => break,
                    }
                }
                Mean::Word => {
                    let w = self.word(j);
                    if self.is(w, Class::Transparent) {
                        j += 1;
                    } else if self.items[j].suffix_len > 0
                        || self.find(w, Class::PossessedMinistry).is_some()
                    {
                        // «وزير دفاعها»: the office of the state in play.
                        if governor.is_none() {
                            governor = self.their_state(cast);
                        }
                        j += 1;
                    } else if governor.is_none()
                        && (w.starts_with(ARTICLE)
                            || w.strip_prefix('و').is_some_and(|r| r.starts_with(ARTICLE))
                            || self.find(w, Class::Institution).is_some())
                    {
                        inner = true;
                        j += 1;
                    } else if governor.is_some()
                        && let Some(h) = (j..n.min(j + 4)).find(|&k| self.honorific(k))
                    {
                        // «الباسيج الإيرانية شبه الحكومية الجنرال …»
                        j = h;
                        break;
                    } else if governor.is_some() {
                        // «… قره باغ غير المعترف بها، أرميني غريغوريان»: a
                        // qualifier of the state before the comma and the name.
                        let comma = (j..n.min(j + 5))
                            .find(|&k| !matches!(self.means[k], Mean::Word))
                            .filter(|&k| matches!(self.means[k], Mean::Punct(',')));
                        match comma {
                            Some(k) if matches!(self.means.get(k + 1), Some(Mean::Actor(a, _)) if a.kind == ActorType::Person) => {
                                j = k
                            }
                            _ => break,
                        }
                        break;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        if rel == Relation::LeaderOf && inner {
            rel = Relation::OfficialOf;
        }
        // «قائد قوات الباسيج»: the commander of a body named for itself (not
        // of a state's forces) leads it.
        if self.lex.classes.starts(&role_form, Class::CommanderTitle)
            && governor
                .as_ref()
                .is_some_and(|g| matches!(g.kind, ActorType::Group | ActorType::Organization))
        {
            rel = Relation::LeaderOf;
        }
        if j < n && matches!(self.means[j], Mean::Punct(',' | '-' | ':')) {
            j += 1;
        }
        // The name(s).
        let mut persons: Vec<(ActorInfo, Option<ActorInfo>)> = Vec::new();
        let mut gov = governor.clone();
        loop {
            // Honorifics before a name: «الجنرال غلام حسين», «آية الله صادق».
            while j < n && self.honorific(j) {
                j += 1;
                // «د.نبيل العربي»
                if j < n && matches!(self.means[j], Mean::Punct('.')) {
                    j += 1;
                }
            }
            if j + 1 < n
                && matches!(self.means[j], Mean::Word)
                && self
                    .lex
                    .classes
                    .pair(self.word(j), self.word(j + 1), Class::HonorificPair)
            {
                j += 2;
            }
            // «محمد عباس»: a first name the gazetteer lacks before a surname it has.
            if matches!(self.means.get(j), Some(Mean::Word))
                && matches!(self.means.get(j + 1), Some(Mean::Actor(a, _)) if a.kind == ActorType::Person)
                && !self.is(self.word(j), Class::Stopword)
            {
                j += 1;
            }
            let (p, next) = match self.means.get(j) {
                // «المتحدث باسم الجيش الموالي لخليفة حفتر»: a name behind a
                // preposition is a complement, not the title's holder.
                Some(Mean::Actor(a, _))
                    if a.kind == ActorType::Person && !self.items[j].has_prep() =>
                {
                    (Some(a.clone()), j + 1)
                }
                // A new name stands right after the title and its state (or
                // a comma), never after a preposition: «مصدر في تصريح خاص».
                Some(Mean::Word)
                    if j > 0 && !matches!(self.means[j - 1], Mean::Prep(_) | Mean::TopicPrep) =>
                {
                    self.new_person(j, !persons.is_empty())
                }
                _ => (None, j),
            };
            let Some(p) = p else { break };
            let words: Vec<String> = self.text
                [self.items[j].form_start..self.items[next - 1].range.end]
                .split(' ')
                .map(String::from)
                .collect();
            cast.remember_person(&p, &words);
            let g = gov.clone().or_else(|| {
                p.country
                    .as_deref()
                    .filter(|_| !in_group)
                    .and_then(|c| cast.by_id(c))
            });
            persons.push((p, g));
            j = next;
            if j >= n {
                break;
            }
            // «والفرنسي إيمانويل ماكرون», «الرئيس الروسي بوتين والإيراني
            // روحاني»: the title shared with a new state for the next name.
            if let Mean::Actor(a, Via::Nisba) = &self.means[j] {
                let person_follows = matches!(self.means.get(j + 1), Some(Mean::Actor(p, _)) if p.kind == ActorType::Person);
                if self.items[j].prefix.starts_with('و') && (plural || person_follows) {
                    gov = Some(a.clone());
                    j += 1;
                    continue;
                }
            }
            if !plural {
                break;
            }
            let next_is_conj =
                self.items[j].prefix.starts_with('و') || self.word(j).starts_with('و');
            if !next_is_conj {
                break;
            }
        }
        let end = j.max(i + 1);
        // «وأكد مرتضى صنوبري القائم بأعمال سفارة إيران»: a name the
        // gazetteer lacks, right before the title it holds.
        if persons.is_empty() && known_rel && governor.is_some() {
            if let Some((p, first)) = self.name_before(i) {
                let g = governor.clone().filter(|g| g.id != p.id);
                let words: Vec<String> = self.text
                    [self.items[first].form_start..self.items[i - 1].range.end]
                    .split(' ')
                    .map(String::from)
                    .collect();
                cast.remember_person(&p, &words);
                if let Some(g) = g {
                    cast.roles
                        .insert((rel, format!("{role_form}|{}", g.id)), p.clone());
                    self.out.push(Raw {
                        subject: Some(p.clone()),
                        relation: rel,
                        object: Some(g),
                        modality: Modality::Asserted,
                        cue: i,
                        rules: vec![source, Rule::TitleNameBefore.into()],
                    });
                }
                self.push_phrase(vec![p], first, end - 1, false);
                return end;
            }
        }
        if persons.is_empty() {
            // A title with no name: the person the article gave that title,
            // or else the state itself speaks.
            let g = governor.as_ref().map(|g| {
                if g.kind == ActorType::Place {
                    g.clone()
                } else {
                    cast.state_of(g).unwrap_or_else(|| g.clone())
                }
            });
            let holder = g.as_ref().and_then(|g| {
                cast.roles
                    .get(&(rel, format!("{role_form}|{}", g.id)))
                    .cloned()
                    .or_else(|| {
                        let mut hs = cast
                            .roles
                            .iter()
                            .filter(|((r, k), _)| *r == rel && k.ends_with(&format!("|{}", g.id)));
                        match (hs.next(), hs.next()) {
                            (Some((_, p)), None) => Some(p.clone()),
                            _ => None,
                        }
                    })
            });
            if let Some(a) = holder.or(g) {
                self.push_phrase(vec![a], i, end - 1, false);
            }
            return end;
        }
        let mut actors = Vec::new();
        for (p, g) in persons {
            if let Some(g) = g.filter(|_| known_rel) {
                if g.id != p.id {
                    cast.roles
                        .insert((rel, format!("{role_form}|{}", g.id)), p.clone());
                    self.out.push(Raw {
                        subject: Some(p.clone()),
                        relation: rel,
                        object: Some(g),
                        modality: Modality::Asserted,
                        cue: i,
                        rules: vec![source, Rule::TitleNameAfter.into()],
                    });
                }
            }
            actors.push(p);
        }
        self.push_phrase(actors, i, end - 1, false);
        end
    }

    /// A body the gazetteer lacks, named by a unit or camp noun in the
    /// construct state and a definite name: «لواء اليرموك», «معسكر المنار»
    /// (but not «اللواء» the rank, nor «لواء المشاة», an ordinary word).
    fn unit_name(&self, i: usize) -> Option<(ActorInfo, usize)> {
        let it = &self.items[i];
        if !matches!(self.means[i], Mean::Word | Mean::Role { .. }) || it.prefix.ends_with(ARTICLE)
        {
            return None;
        }
        let w = self.word(i);
        let construct = |(p, _): &(&str, &str)| !definite(p);
        // Unit nouns and named hills keep their noun in the name («لواء
        // اليرموك», «تل الشيخ حسين»); town nouns do not («بلدة كفر داعل»
        // is «كفر داعل»).
        // One split of the word for the three lists: this runs on every word.
        let splits = clitic_splits(w, &self.lex.classes);
        let (kind, keep, definite, most) = if let Some((_, head)) = self
            .lex
            .classes
            .find_in(&splits, Class::UnitHead)
            .filter(construct)
        {
            let kind = if self.is(head, Class::CampHead) {
                ActorType::Place
            } else {
                ActorType::Group
            };
            (kind, Some(head), true, 2)
        } else if let Some((_, head)) = self
            .lex
            .classes
            .find_in(&splits, Class::HillHead)
            .filter(construct)
        {
            (ActorType::Place, Some(head), false, 3)
        } else if self
            .lex
            .classes
            .find_in(&splits, Class::TownHead)
            .filter(construct)
            .is_some()
        {
            (ActorType::Place, None, false, 2)
        } else {
            return None;
        };
        let name_word = |k: usize, first: bool| {
            let w = self.word(k);
            let n = w.chars().count();
            matches!(self.means[k], Mean::Word)
                && self.cues[k].is_empty()
                && self.modals[k].is_none()
                && (!first || !definite || w.starts_with(ARTICLE))
                && (n >= 4 || ((!first || keep.is_none()) && n >= 3))
                && !self.is(w, Class::Stopword)
                && !self.is(w, Class::Direction)
                && !self.place_noun(w)
                && !self.lex.is_common(w)
                && !w.chars().any(|c| c.is_ascii_digit())
        };
        // After the first word: no conjunct («السويداء والقرى»), no
        // preposition («بالتزامن»), no adjective («جنديرس الاستراتيجية»).
        let more = |k: usize| {
            let w = self.word(k);
            let first_definite = self.word(i + 1).starts_with(ARTICLE);
            !w.starts_with('و')
                && !w.starts_with('ب')
                && !(w.starts_with(ARTICLE)
                    && (w.ends_with(NISBA_F) || !first_definite || keep.is_none()))
        };
        let mut end = i + 1;
        while end < self.items.len()
            && end <= i + most
            && name_word(end, end == i + 1)
            && (end == i + 1 || more(end))
        {
            end += 1;
        }
        if end == i + 1 {
            return None;
        }
        let label = keep
            .into_iter()
            .chain((i + 1..end).map(|k| self.word(k)))
            .collect::<Vec<_>>()
            .join(" ");
        let info = ActorInfo {
            id: transliterate(&label),
            label,
            kind,
            country: None,
        };
        Some((info, end))
    }

    /// Two or three plain words before a title, after a speech verb, a
    /// punctuation mark or the sentence start: the name of the title's
    /// holder, written first.
    fn name_before(&self, i: usize) -> Option<(ActorInfo, usize)> {
        let plain = |k: usize| {
            let w = self.word(k);
            matches!(self.means[k], Mean::Word)
                && self.phrase_at[k].is_none()
                && self.cues[k].is_empty()
                && self.modals[k].is_none()
                && w.chars().count() >= 3
                && !w.starts_with(ARTICLE)
                && !self.is(w, Class::Stopword)
                && name_shaped(w, false, &self.lex.classes)
                && !self.lex.is_common(w)
                && !w.chars().any(|c| c.is_ascii_digit())
        };
        let mut first = i;
        while first > 0 && i - first < 3 && plain(first - 1) {
            first -= 1;
        }
        let words: Vec<&str> = (first..i).map(|k| self.word(k)).collect();
        if i - first < 2
            || !name_shaped(words[0], true, &self.lex.classes)
            || accusative_pair(&words)
        {
            return None;
        }
        let opens = first == 0
            || matches!(self.means[first - 1], Mean::Punct(_))
            || (matches!(self.means[first - 1], Mean::Word)
                && self.find(self.word(first - 1), Class::SpeechVerb).is_some());
        if !opens {
            return None;
        }
        let label = (first..i)
            .map(|k| self.word(k))
            .collect::<Vec<_>>()
            .join(" ");
        let info = ActorInfo {
            id: transliterate(&label),
            label,
            kind: ActorType::Person,
            country: None,
        };
        Some((info, first))
    }

    /// A rank or honorific before a name («الجنرال», «الدكتور»), which
    /// the roles lexicon may also list as a title of its own.
    fn honorific(&self, k: usize) -> bool {
        matches!(self.means[k], Mean::Word | Mean::Role { .. })
            && self.find(self.word(k), Class::Honorific).is_some()
    }

    /// A name the gazetteer lacks, after a title: up to three plain words.
    fn new_person(&self, j: usize, conj: bool) -> (Option<ActorInfo>, usize) {
        let n = self.items.len();
        let mut k = j;
        let mut words = Vec::new();
        while k < n && words.len() < 4 {
            if !matches!(self.means[k], Mean::Word) {
                break;
            }
            let mut w = self.word(k);
            if words.is_empty() && conj {
                match w.strip_prefix('و') {
                    Some(rest) => w = rest,
                    None => break,
                }
            }
            let bad = self.is(w, Class::Stopword)
                || !name_shaped(w, words.is_empty(), &self.lex.classes)
                || self.lex.is_common(w)
                || (w.starts_with(['ب', 'ل', 'و', 'ف', 'ك']) && self.lex.is_common(&w[2..]))
                || w.strip_prefix('ب').is_some_and(|r| r.starts_with(ARTICLE))
                || w.starts_with(LL)
                || (w.starts_with(['ب', 'ل'])
                    && self.lex.classes.ends(w, Class::PronounTail)
                    && w.chars().count() <= 6)
                || !self.cues[k].is_empty()
                || self.modals[k].is_some()
                || w.chars().count() < 2
                || w.chars().any(|c| c.is_ascii_digit())
                || (words.is_empty()
                    && (w.starts_with(ARTICLE)
                        || self.find(w, Class::Institution).is_some()
                        || self.place_noun(w)))
                || (!words.is_empty() && w.starts_with(['و', 'ب']) && w.chars().count() <= 4 && {
                    // «وهو», «بها», «وقال»: a clitic on a word; «برور»
                    // is a name.
                    let rest = &w[2..];
                    self.is(rest, Class::Stopword)
                        || self.lex.is_common(rest)
                        || rest.chars().count() <= 2
                });
            if bad {
                break;
            }
            words.push(w);
            k += 1;
        }
        // One bare word is a name only when it is no ordinary word and
        // something follows that is not part of a name («الجنرال ديمبسي
        // يحذر»); otherwise it is too weak to be a new person.
        let after_honorific = j > 0
            && matches!(self.means[j - 1], Mean::Word)
            && self.find(self.word(j - 1), Class::Honorific).is_some();
        let single_ok = words.len() == 1
            && after_honorific
            && words[0].chars().count() >= 4
            && !words[0].starts_with(ARTICLE)
            && k < n
            && !matches!(self.means[k], Mean::Actor(..));
        if words.is_empty() || (words.len() == 1 && !single_ok) || accusative_pair(&words) {
            return (None, j);
        }
        let label = words.join(" ");
        let info = ActorInfo {
            id: transliterate(&label),
            label,
            kind: ActorType::Person,
            country: None,
        };
        (Some(info), k)
    }

    /// Joins phrases coordinated by و or a comma into groups.
    fn group(&mut self) {
        for k in 1..self.phrases.len() {
            let (a, b) = (&self.phrases[k - 1], &self.phrases[k]);
            let gap = a.last + 1..b.first;
            let conj_word = self.items[b.first].prefix.starts_with('و')
                || (!matches!(self.means[b.first], Mean::Actor(..))
                    && self.word(b.first).starts_with('و'));
            let conj = conj_word && gap.is_empty();
            let comma_conj = gap.len() == 1
                && matches!(self.means[a.last + 1], Mean::Punct(','))
                && self
                    .phrases
                    .get(k + 1)
                    .is_some_and(|c| self.items[c.first].prefix.starts_with('و'));
            // States, bodies and groups coordinate («حزب الله والنظام»,
            // «المقاومة والجيش»); persons and places only with their kind.
            let body = |k: ActorType| {
                matches!(
                    k,
                    ActorType::State | ActorType::Organization | ActorType::Group
                )
            };
            let same_kind = a.actors[0].kind == b.actors[0].kind
                || (body(a.actors[0].kind) && body(b.actors[0].kind));
            let same_prep =
                b.prep.is_none() || b.prep == a.prep || is_conj(self.items[b.first].prefix);
            if (conj || comma_conj) && same_kind && same_prep && !a.adjectival && !b.adjectival {
                let g = self.phrases[k - 1].group;
                self.phrases[k].group = g;
                if self.phrases[k].prep.is_none() {
                    self.phrases[k].prep = self.phrases[k - 1].prep;
                }
            }
        }
    }

    fn group_actors(&self, p: usize) -> Vec<ActorInfo> {
        let g = self.phrases[p].group;
        let mut out: Vec<ActorInfo> = Vec::new();
        for ph in self.phrases.iter().filter(|q| q.group == g) {
            for a in &ph.actors {
                if !out.iter().any(|o| o.id == a.id) {
                    out.push(a.clone());
                }
            }
        }
        out
    }

    /// The first phrase of each group, from item `from` up to the clause end.
    fn phrases_after(&self, from: usize, rel: Relation) -> Vec<usize> {
        let mut out = Vec::new();
        let mut seen_groups = HashSet::new();
        let mut k = from;
        let mut words = 0;
        while k < self.items.len() && words <= 6 {
            if matches!(self.means[k], Mean::TopicPrep) && self.is(self.word(k), Class::TimePrep) {
                // «منذ عام 1992، نحو 20 بالمئة»: skip the time phrase.
                while k < self.items.len()
                    && !matches!(self.means[k], Mean::Punct(_))
                    && self.phrase_at[k].is_none()
                {
                    k += 1;
                }
                continue;
            }
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::TopicPrep | Mean::Relative
            ) || (k > from && !self.cues[k].is_empty() && self.phrase_at[k].is_none())
            {
                break;
            }
            if matches!(self.means[k], Mean::Punct('.' | ':' | '?' | '!')) {
                break;
            }
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                let ok = match ph.prep {
                    Some(TOPIC) => false,
                    Some(p) if self.is(p, Class::LocativePrep) => locative(rel),
                    _ => true,
                };
                if ok && seen_groups.insert(ph.group) {
                    out.push(p);
                }
                k = ph.last + 1;
                continue;
            }
            if matches!(self.means[k], Mean::Word) {
                words += 1;
            }
            k += 1;
        }
        out
    }

    /// Whether item `k` begins with the conjunction و / ف, which after a
    /// comma opens a new clause («...، وهي أراض سيطرت عليها»).
    fn opens_clause(&self, k: usize) -> bool {
        let it = &self.items[k];
        match self.means[k] {
            Mean::Word => {
                let w = self.word(k);
                (w.starts_with('و') || w.starts_with('ف')) && w.chars().count() >= 3
            }
            _ => it.prefix.starts_with('و') || it.prefix.starts_with('ف'),
        }
    }

    /// The nearest subject-like phrase before the cue in its clause.
    fn phrase_before(&self, c: usize) -> Option<usize> {
        let it = &self.items[c];
        if it.prefix.starts_with('و') || it.prefix.starts_with('ف') {
            // A verb joined by و opens its own clause: «...، واتّهم تركيا».
            return None;
        }
        // «الغوطة التي تسيطر عليها الحكومة»: a verb right after a relative
        // pronoun, with a resumptive pronoun, has its subject after it.
        let resumptive = self.items[c].suffix_len > 0
            || self
                .means
                .get(c + 1)
                .is_some_and(|m| matches!(m, Mean::Word))
                && self.is(self.word(c + 1), Class::ResumptivePrep);
        if c > 0 && matches!(self.means[c - 1], Mean::Relative) && resumptive {
            return None;
        }
        // «… دونالد ترامب الذي رفع العقوبات»: without a resumptive pronoun
        // the relative clause's subject is the noun it describes, whatever
        // governs that noun.
        if c > 1 && matches!(self.means[c - 1], Mean::Relative) {
            if let Some(p) = self.phrase_at[c - 2] {
                return Some(p);
            }
        }
        // «لهجمات شنها الحوثيون»: the same clause after an indefinite noun,
        // without the relative pronoun.
        let w = self.items[c].stem(self.text);
        let pronoun = self.items[c].suffix_len > 0
            || (self.lex.classes.ends(w, Class::ObjectSuffix) && w.chars().count() >= 4);
        if c > 0
            && pronoun
            && matches!(self.means[c - 1], Mean::Word)
            && !self.cues[c - 1].is_empty()
            && !self.word(c - 1).contains(ARTICLE)
        {
            return None;
        }
        let mut k = c;
        let mut steps = 0;
        while k > 0 && steps < 14 {
            k -= 1;
            steps += 1;
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::Punct('.' | ':' | '?' | '!')
            ) {
                return None;
            }
            // «بعد أن رفضت جماعة ... تسيطر على العاصمة»: a subject stands
            // after «أن» in its own clause, never before it; but «أنها»
            // carries its subject as a pronoun for the one named before
            // («أعلنت تركيا أنها تقف إلى جانب أذربيجان»).
            if matches!(self.means[k], Mean::Word)
                && self.is(self.word(k), Class::Complementizer)
                && !self.is(self.word(k), Class::ComplementizerPronoun)
            {
                return None;
            }
            if matches!(self.means[k], Mean::Punct(',')) && k + 1 != c && self.opens_clause(k + 1) {
                return None;
            }
            // «إلى ذلك، شنت ...», often written without its comma: a new
            // report starts.
            if k > 0
                && matches!(self.means[k], Mean::Word)
                && clitic_splits(self.word(k - 1), &self.lex.classes)
                    .iter()
                    .any(|&(_, w)| {
                        self.lex
                            .classes
                            .pair(w, self.word(k), Class::DiscourseOpener)
                    })
            {
                return None;
            }
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                let clause_start =
                    ph.first == 0 || matches!(self.means[ph.first - 1], Mean::Punct(_));
                let fronted = self.prep_in(ph.prep, Class::DativePrep)
                    && (clause_start || self.items[ph.first].prefix.starts_with('و'));
                if (ph.prep.is_none() || fronted) && !ph.adjectival {
                    // The first phrase of its group, for the whole list.
                    return Some(
                        self.phrases
                            .iter()
                            .position(|q| q.group == ph.group)
                            .unwrap_or(p),
                    );
                }
                k = ph.first;
                continue;
            }
            // Another verb's clause ends the search; a noun or participle
            // («والموالين لصالح») is part of the subject's phrase.
            if self.phrase_at[k].is_none()
                && k + 1 != c
                && self.cues[k].iter().any(|&(_, _, n, _)| !self.nominal(k, n))
            {
                return None;
            }
        }
        None
    }

    /// The modality of the cue at `c` from the markers before it in its
    /// clause, with the rule (or marker row) that set it, if not asserted.
    fn modality(&self, c: usize, subject_at: Option<usize>) -> (Modality, Option<RuleRef>) {
        // A marker governs the words right after it: «لم تهاجم»، «لا يستبعد
        // إقامة»، «إسرائيل لن تهاجم». Looking further back, past an actor,
        // finds markers of other clauses («أخفقت أرمينيا ... خلال محادثاتهما»).
        let lo = subject_at
            .map(|s| self.phrases[s].last + 1)
            .unwrap_or(0)
            .max(c.saturating_sub(3));
        let mut m = Modality::Asserted;
        let mut why = None;
        for k in (lo..c).rev() {
            if matches!(self.means[k], Mean::Boundary) || self.phrase_at[k].is_some() {
                break;
            }
            if let Some(x) = self.modals[k] {
                // «قد هدد»: قد before a past verb asserts; before a present
                // verb («قد يهدد») it is «may».
                let past = !matches!(
                    self.items[c].stem(self.text).chars().next(),
                    Some('ي' | 'ت' | 'ن')
                );
                if matches!(self.means[k], Mean::Word) && self.is(self.word(k), Class::Qad) && past
                {
                    why = Some(Rule::ModalQadPast.into());
                    break;
                }
                m = x;
                why = Some(RuleRef::Modal(self.modal_lines[k]));
                break;
            }
        }
        if m == Modality::Asserted && self.items[c].prefix.ends_with('س') {
            m = Modality::Hypothetical;
            why = Some(Rule::ModalFuture.into());
        }
        if m == Modality::Asserted && self.conditional_before(c) {
            m = Modality::Hypothetical;
            why = Some(Rule::ModalConditional.into());
        }
        if m == Modality::Asserted
            && self
                .items
                .last()
                .is_some_and(|l| matches!(l.kind, Kind::Punct('?')))
        {
            m = Modality::Hypothetical;
            why = Some(Rule::ModalQuestion.into());
        }
        (m, why)
    }

    /// «إذا حدث هجوم», «لو امتلكت»: a condition earlier in the clause.
    fn conditional_before(&self, c: usize) -> bool {
        for k in (c.saturating_sub(12)..c).rev() {
            if matches!(self.means[k], Mean::Boundary) {
                return false;
            }
            if matches!(self.means[k], Mean::Word)
                && self.find(self.word(k), Class::Conditional).is_some()
            {
                return true;
            }
        }
        false
    }

    /// How an event noun is framed: the object of a reaction, a report or
    /// a threat («استنكرت الهجوم»، «حذر من هجوم») is talk about an event,
    /// and an event dated to a past year is history, not news.
    fn event_frame(&self, c: usize, rel: Relation) -> Option<(Modality, Rule)> {
        if rel.family() == crate::schema::Family::Standing {
            return None;
        }
        for k in (c.saturating_sub(8)..c).rev() {
            if matches!(self.means[k], Mean::Boundary) {
                break;
            }
            match self.modals[k] {
                Some(m @ (Modality::Reported | Modality::Hypothetical)) => {
                    return Some((m, Rule::ModalEventFrame));
                }
                // «نفى مقتل أي من الرهائن»: a denial verb, not a particle.
                Some(Modality::Negated) if !self.cues[k].is_empty() => {
                    return Some((Modality::Negated, Rule::ModalEventFrame));
                }
                _ => {}
            }
        }
        self.historical()
            .then_some((Modality::Reported, Rule::ModalHistorical))
    }

    /// An event dated to an earlier year than the article's («في أغسطس
    /// 2006»، «عام 1988») is history, not the news being reported. Without
    /// the article's date any year counts.
    fn historical(&self) -> bool {
        (0..self.items.len()).any(|k| {
            let w = self.word(k);
            let year = (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                .then(|| w.parse::<u32>().ok())
                .flatten();
            match (year, self.year) {
                (Some(y), Some(now)) => (1900..now).contains(&y),
                (Some(y), None) => (1900..2100).contains(&y),
                _ => false,
            }
        })
    }

    /// An attack, arrest or protest in a sentence with no casualty, scene
    /// or source is a reference, an analysis or a general statement
    /// («اغتيال الحريري»، «تستهدف المدنيين»), not the report of an event:
    /// news reports an event with its toll, its scene or who tells of it.
    fn unanchored_event(&self, c: usize, rel: Relation) -> bool {
        self.has_anchors
            && matches!(
                rel,
                Relation::Assault | Relation::Coerce | Relation::Protest
            )
            && !self.anchors.iter().any(|&a| a != c)
    }

    /// An attack in a relative clause describes a noun («الوزير الذي اغتيل
    /// في نوفمبر») and is background, not the news; one named as the time of
    /// another («بعد سلسلة ضربات جوية») is an earlier event; a verbal noun of
    /// purpose («بالتخطيط لضرب الوزارة») is a plan, not an act.
    fn background_or_purpose(&self, c: usize, nominal: bool) -> Option<(Modality, Rule)> {
        let relative = (c.saturating_sub(3)..c).any(|k| matches!(self.means[k], Mean::Relative));
        let dated_by = nominal
            && (c.saturating_sub(3)..c).any(|k| {
                matches!(self.means[k], Mean::TopicPrep | Mean::Word)
                    && self.find(self.word(k), Class::DatedBy).is_some()
            });
        if relative || dated_by {
            return Some((Modality::Reported, Rule::ModalBackground));
        }
        (nominal && self.items[c].prep() == Some('ل') && !self.items[c].prefix.contains(ARTICLE))
            .then_some((Modality::Hypothetical, Rule::ModalPurpose))
    }

    fn emit(
        &mut self,
        s: Option<ActorInfo>,
        rel: Relation,
        o: Option<ActorInfo>,
        m: Modality,
        c: usize,
    ) {
        let (s, o) = if self.swap { (o, s) } else { (s, o) };
        let stop = if s
            .as_ref()
            .zip(o.as_ref())
            .is_some_and(|(a, b)| a.id == b.id)
        {
            Some(Rule::BlockSelf)
        } else if s.is_none() && o.is_none() {
            Some(Rule::BlockNoArgument)
        } else if rel.family() == crate::schema::Family::Standing && (s.is_none() || o.is_none()) {
            Some(Rule::BlockStandingPartial)
        } else {
            None
        };
        if let Some(r) = stop {
            self.block(c, rel, s, o, r);
            return;
        }
        // «احتجت البحرين على تصريحات خامنئي»: a state, body or person that
        // protests against someone objects to them; crowds demonstrate.
        let objecting = rel == Relation::Protest
            && o.is_some()
            && s.as_ref().is_some_and(|a| {
                matches!(
                    a.kind,
                    ActorType::State | ActorType::Organization | ActorType::Person
                )
            })
            && self
                .lex
                .classes
                .within(self.items[c].stem(self.text), Class::ObjectionStem);
        // The event checks (anchors, history) are for demonstrations; an
        // objection keeps the modality its markers give.
        let mut rules = self.chain.clone();
        rules.extend_from_slice(&self.tail);
        let (rel, m) = if objecting {
            rules.push(Rule::RewriteObjection.into());
            let (m, why) = self.modality(c, None);
            rules.extend(why);
            (Relation::Accuse, m)
        } else {
            (rel, m)
        };
        if !fits(rel, s.as_ref().map(|a| a.kind), o.as_ref().map(|a| a.kind)) {
            self.block(c, rel, s, o, Rule::BlockTypes);
            return;
        }
        self.out.push(Raw {
            subject: s,
            relation: rel,
            object: o,
            modality: m,
            cue: c,
            rules,
        });
    }

    /// Records a candidate that rule `why` stopped.
    fn block(
        &mut self,
        c: usize,
        relation: Relation,
        subject: Option<ActorInfo>,
        object: Option<ActorInfo>,
        why: Rule,
    ) {
        let mut rules = self.chain.clone();
        rules.extend_from_slice(&self.tail);
        rules.push(why.into());
        self.blocked.push(Blocked {
            cue: c,
            relation,
            subject,
            object,
            rules,
        });
    }

    /// Adds `r` to the chain of the candidate being built.
    fn by(&mut self, r: Rule) {
        self.chain.push(r.into());
    }

    /// Whether the cue at `c` is used as a noun here: the lexicon says so,
    /// or the word carries the article or a preposition.
    fn nominal(&self, c: usize, lexical: bool) -> bool {
        let it = &self.items[c];
        lexical
            || definite(it.prefix)
            || it.has_prep()
            || (c > 0
                && matches!(self.means[c - 1], Mean::Prep(_) | Mean::TopicPrep)
                // «شنوا», «قصفوا»: a plural past verb is never a noun.
                && !self.lex.classes.ends(it.stem(self.text), Class::PluralVerbSuffix))
    }

    fn relations(&mut self) {
        // The object of the last accusation: «اتهم تركيا بدعم أذربيجان»
        // makes Turkey the subject of the reported support.
        let mut accused: Option<ActorInfo> = None;
        for c in 0..self.items.len() {
            if self.cues[c].is_empty() || self.phrase_at[c].is_some() {
                continue;
            }
            // «يشن هجوماً قاسياً على»: a light verb whose noun is a
            // metaphor names no event either.
            if self
                .blocks
                .iter()
                .any(|&b| b > c && b <= c + 4 && (c + 1..b).all(|k| self.cues[k].is_empty()))
            {
                for (rel, .., line) in self.cues[c].clone() {
                    self.chain = vec![RuleRef::Cue(line)];
                    self.tail.clear();
                    self.block(c, rel, None, None, Rule::BlockMetaphor);
                }
                continue;
            }
            let cues = self.cues[c].clone();
            for (rel, frame, lexical_noun, line) in cues {
                self.chain = vec![RuleRef::Cue(line)];
                self.tail.clear();
                let nominal = self.nominal(c, lexical_noun);
                // «رفعت واشنطن الحظر التجاري عن السودان»: lifting a
                // sanction is a retreat from it.
                let lifter = (rel == Relation::Sanction && nominal)
                    .then(|| self.lifted(c))
                    .flatten();
                let exchanged = (frame == Frame::Mutual
                    && self.lex.classes.within(self.word(c), Class::ExchangeStem))
                .then(|| self.exchanged(c))
                .flatten();
                let (rel, rewrite) = if lifter.is_some() {
                    (Relation::Retreat, Some(Rule::RewriteLifted))
                } else if rel == Relation::Support && self.given(c) {
                    // «يقدم البنتاغون دعماً للسعودية»: support that is given
                    // is material aid.
                    (Relation::Aid, Some(Rule::RewriteGiven))
                } else if let Some(r) = exchanged {
                    // «تبادلت المقاومة مع الحوثيين إطلاق النيران»: what
                    // they exchange is the relation.
                    (r, Some(Rule::RewriteExchange))
                } else {
                    (rel, None)
                };
                self.tail.extend(rewrite.map(RuleRef::from));
                // The patterns of data/rules: the first that matches decides.
                let pattern = self
                    .lex
                    .patterns
                    .first_match(&*self, c, rel)
                    .map(|p| (p.id, p.action));
                self.swap = false;
                let mut pattern_modality = None;
                let rel = match pattern {
                    Some((id, Action::Block)) => {
                        self.chain.push(RuleRef::Pattern(id));
                        self.block(c, rel, None, None, Rule::BlockPattern);
                        continue;
                    }
                    Some((id, Action::Relation(r))) => {
                        self.tail.push(RuleRef::Pattern(id));
                        r
                    }
                    Some((id, Action::Modality(m))) => {
                        pattern_modality = Some((m, RuleRef::Pattern(id)));
                        rel
                    }
                    Some((id, Action::Swap)) => {
                        self.swap = true;
                        self.chain.push(RuleRef::Pattern(id));
                        rel
                    }
                    None => rel,
                };
                let before = if let Some(v) = lifter {
                    // The lifting verb's subject lifts: before it (SVO, or
                    // the noun a relative clause describes) or right after.
                    self.phrase_before(v).or_else(|| {
                        self.phrase_at
                            .get(v + 1)
                            .copied()
                            .flatten()
                            .filter(|&p| self.phrases[p].prep.is_none())
                    })
                } else if nominal && c > 1 && matches!(self.means[c - 1], Mean::Relative) {
                    // «أوباما الذي رفع العقوبات»: a cue right after a relative
                    // pronoun is its clause's verb, and takes a verb's subject.
                    self.phrase_before(c)
                } else if nominal {
                    self.apposition_before(c, frame == Frame::Passive)
                } else {
                    self.phrase_before(c)
                };
                // Modality: the markers, then the overrides in order, the
                // first that applies deciding.
                let (marked, why) = self.modality(c, before);
                let event = matches!(
                    rel,
                    Relation::Assault | Relation::Coerce | Relation::Protest
                );
                let (m, why) = if let Some((m, why)) = pattern_modality {
                    (m, Some(why))
                } else if marked != Modality::Asserted {
                    (marked, why)
                } else if let Some((m, r)) = nominal.then(|| self.event_frame(c, rel)).flatten() {
                    (m, Some(r.into()))
                } else if let Some((m, r)) = event.then(|| self.irrealis(c, nominal)).flatten() {
                    (m, Some(r.into()))
                } else if self.unanchored_event(c, rel) {
                    (Modality::Reported, Some(Rule::ModalUnanchored.into()))
                } else if event && self.historical() {
                    (Modality::Reported, Some(Rule::ModalHistorical.into()))
                } else if let Some((m, r)) = matches!(rel, Relation::Assault | Relation::Coerce)
                    .then(|| self.background_or_purpose(c, nominal))
                    .flatten()
                {
                    (m, Some(r.into()))
                } else {
                    (marked, why)
                };
                self.tail.extend(why);

                match frame {
                    Frame::Mutual => self.mutual(c, rel, before, m, nominal),
                    Frame::Passive => {
                        let after = self.phrases_after(c + 1, rel);
                        let agent = after.iter().copied().find(|&p| {
                            self.prep_in(self.phrases[p].prep, Class::AgentPrep)
                                || self.phrases[p].prep.is_none()
                        });
                        let patients = before.map(|b| self.group_actors(b)).unwrap_or_default();
                        let mut agents = agent.map(|a| self.group_actors(a)).unwrap_or_default();
                        self.by(Rule::PassiveAgent);
                        if agents.is_empty() && rel == Relation::Accuse {
                            // «قال علييف: "باشينيان يتحمل مسؤولية"»: the one
                            // quoted holds the other responsible.
                            agents = self
                                .speaker(c)
                                .into_iter()
                                .filter(|s| !patients.iter().any(|p| p.id == s.id))
                                .collect();
                            self.by(Rule::QuotedSpeaker);
                        }
                        self.emit_all(&agents, rel, &patients, m, c);
                    }
                    Frame::Active if nominal => self.active_noun(c, rel, before, m, &mut accused),
                    Frame::Active => self.active_verb(c, rel, before, m, &mut accused),
                }
            }
        }
        self.swap = false;
        self.condemned_events();
    }

    /// «أدان أردوغان هجمات شنتها أرمينيا على أذربيجان»: condemning an
    /// attack accuses its agent; threatening an attack threatens its target.
    fn condemned_events(&mut self) {
        let mut fills = Vec::new();
        for (k, r) in self.out.iter().enumerate() {
            if !matches!(r.relation, Relation::Accuse | Relation::Threaten)
                || r.object.is_some()
                || r.subject.is_none()
            {
                continue;
            }
            let event = self
                .out
                .iter()
                .filter(|e| {
                    e.cue > r.cue
                        && e.cue <= r.cue + 8
                        && e.relation.family() == crate::schema::Family::Conflict
                        && e.relation != Relation::Accuse
                })
                .min_by_key(|e| e.cue);
            // Condemning an attack accuses its agent; threatening one
            // («هدد التنظيم بقتل رئيس البرلمان») threatens its target.
            let who = match r.relation {
                Relation::Threaten => event.and_then(|e| e.object.clone()),
                _ => event.and_then(|e| e.subject.clone()),
            };
            if let Some(agent) = who {
                let why = match r.relation {
                    Relation::Threaten => Rule::ThreatenedTarget,
                    _ => Rule::CondemnedEvent,
                };
                fills.push((k, agent, why));
            }
        }
        for (k, agent, why) in fills {
            if self.out[k]
                .subject
                .as_ref()
                .is_some_and(|s| s.id != agent.id)
            {
                self.out[k].object = Some(agent);
                self.out[k].rules.push(why.into());
            }
        }
    }

    /// A noun or participle: its agent is the noun it describes
    /// («تركيا الداعمة لأذربيجان»), a nisba after it («اعتداء أرميني»), or
    /// its genitive («طلب أرمينيا»); its patient follows with a preposition.
    fn active_noun(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        mut m: Modality,
        accused: &mut Option<ActorInfo>,
    ) {
        let after = self.phrases_after(c + 1, rel);
        let mut rest = after.as_slice();
        let mut subj = Vec::new();
        if before.is_none() && self.items[c].prefix.contains('ب') && accused.is_some() {
            // «اتهم تركيا بدعم أذربيجان»: the accused is the agent of what
            // the accusation reports, and the genitive is its patient.
            subj = accused.clone().into_iter().collect();
            m = Modality::Reported;
            self.by(Rule::NounAccusedAgent);
            self.tail = vec![Rule::ModalAccusedReport.into()];
            let obj = rest
                .first()
                .map(|&p| self.group_actors(p))
                .unwrap_or_default();
            self.emit_all(&subj, rel, &obj, m, c);
            return;
        }
        // «الحصار الذي تفرضه إسرائيل على القطاع», «العقوبات التي فرضتها
        // واشنطن على …»: a relative clause names the noun's agent and patient.
        if before.is_none() && matches!(self.means.get(c + 1), Some(Mean::Relative)) {
            let inner = self.phrases_after(c + 2, rel);
            if let Some(&a) = inner
                .first()
                .filter(|&&a| self.phrases[a].prep.is_none() && self.phrases[a].first <= c + 4)
            {
                let subj = self.group_actors(a);
                // «الضربة التي قادتها الولايات المتحدة مع فرنسا على …»: a
                // partner after مع or an instrument after ب is no patient.
                let obj = inner
                    .iter()
                    .skip(1)
                    .find(|&&o| {
                        self.phrases[o].prep.is_some()
                            && !self.prep_in(self.phrases[o].prep, Class::PartnerPrep)
                    })
                    .map(|&o| self.group_actors(o))
                    .unwrap_or_default();
                self.by(Rule::NounRelativeClause);
                self.emit_all(&subj, rel, &obj, m, c);
                return;
            }
        }
        // «الهجوم الإسرائيلي على غزة»: a nisba right after the noun is its
        // agent, before any apposition.
        let nisba_agent = rest.first().copied().filter(|&p| {
            let ph = &self.phrases[p];
            ph.adjectival
                && ph.first <= c + 3
                && (c + 1..ph.first).all(|k| matches!(self.means[k], Mean::Word))
        });
        let mut genitive_patient = false;
        if let Some(p) = nisba_agent {
            subj = self.group_actors(p);
            rest = &rest[1..];
            self.by(Rule::NounNisbaAgent);
        } else if let Some(b) = before {
            subj = self.group_actors(b);
            let relative = c > 1 && matches!(self.means[c - 1], Mean::Relative);
            self.by(if relative {
                Rule::NounRelativeSubject
            } else {
                Rule::NounApposition
            });
        } else if let Some(b) = self.light_verb_subject(c) {
            // «قدمت السعودية مساعدات لليمن»، «أطلقت حماس سراح جنديين»: the
            // subject of a light verb is the noun's agent, and a genitive
            // after the noun its patient.
            subj = self.group_actors(b);
            genitive_patient = true;
            self.by(Rule::NounLightVerb);
        } else if let Some(&p) = rest.first() {
            let ph = &self.phrases[p];
            // «مقتل ثمانية أشخاص», «إصابة 40 آخرين»: a count may stand
            // between the noun and its genitive.
            if ph.prep.is_none() && (c + 1..ph.first).all(|k| self.is_quantity(k)) {
                // A genitive is the agent when a patient follows with a
                // preposition («دعم تركيا لأذربيجان»), or for requests and
                // such; for attacks and arrests it is the patient
                // («استهداف المدنيين»، «اعتقال الصحفي»).
                let patient_follows = rest
                    .get(1)
                    .is_some_and(|&q| self.prep_in(self.phrases[q].prep, Class::PatientPrep));
                if patient_follows
                    || rel.family() != crate::schema::Family::Conflict
                    || rel == Relation::Protest
                {
                    subj = self.group_actors(p);
                    rest = &rest[1..];
                    self.by(Rule::NounGenitiveAgent);
                } else {
                    let obj = self.group_actors(p);
                    self.by(Rule::NounGenitivePatient);
                    self.emit_all(&[], rel, &obj, m, c);
                    return;
                }
            }
        }
        if subj.is_empty() && self.items[c].suffix_len > 0 {
            // «أسفها», «غاراته»: the possessor is the one named before.
            subj = self.pronoun_object(c, &[], false).into_iter().collect();
            if !subj.is_empty() {
                self.by(Rule::NounPossessor);
            }
        }
        // A noun's patient is governed by a preposition («هجمات على غزة»,
        // «دعمها لأذربيجان», or one the cue ends with: «أسلحة إلى»); an
        // unmarked actor after it is another clause's, unless a light verb
        // made the noun's agent known.
        let form_prep = self.items[c]
            .stem(self.text)
            .rsplit(' ')
            .next()
            .is_some_and(|w| self.is(w, Class::Prep));
        let obj = rest
            .first()
            .filter(|&&p| {
                self.phrases[p].prep.is_some()
                    || form_prep
                    || (genitive_patient && self.phrases[p].first <= c + 2)
            })
            .map(|&p| self.group_actors(p))
            .unwrap_or_default();
        if !obj.is_empty() {
            self.by(
                if genitive_patient && self.phrases[rest[0]].prep.is_none() {
                    Rule::NounGenitivePatient
                } else {
                    Rule::NounPatientPrep
                },
            );
        }
        self.finish_objects(c, rel, subj, obj, rest, m, accused);
    }

    /// Places after the first object, the one body a unit belongs to, the
    /// accused for a later report; then the mentions.
    #[allow(clippy::too_many_arguments)]
    fn finish_objects(
        &mut self,
        c: usize,
        rel: Relation,
        subj: Vec<ActorInfo>,
        obj: Vec<ActorInfo>,
        rest: &[usize],
        m: Modality,
        accused: &mut Option<ActorInfo>,
    ) {
        let n = obj.len();
        let mut objs = self.with_more_places(rel, obj, rest);
        if objs.len() > n {
            self.by(Rule::MorePlaces);
        }
        // A unit belongs to one body: «الفرقة الرابعة التابعة لقوات الحرس
        // الجمهوري وحزب الله» is the Guard's, Hezbollah is the next subject.
        if rel == Relation::PartOf && objs.iter().all(|a| a.kind != ActorType::Place) {
            objs.truncate(1);
        }
        if rel == Relation::Accuse {
            *accused = objs.first().cloned();
        }
        self.emit_all(&subj, rel, &objs, m, c);
    }

    /// A count: digits or a number word («ثمانية», «عشرات», «نحو»).
    fn is_quantity(&self, k: usize) -> bool {
        matches!(self.means[k], Mean::Word) && {
            let w = self.word(k);
            w.bytes().all(|b| b.is_ascii_digit()) || self.find(w, Class::Quantity).is_some()
        }
    }

    /// Whether a verb of giving governs the support noun at `c`: «قدمت …
    /// دعماً», «تقديم الدعم».
    fn given(&self, c: usize) -> bool {
        self.governing_word(c, 8, Class::GivingVerb).is_some()
    }

    /// The hostile act a verb of exchange takes as its object: fire,
    /// shelling, accusations, threats.
    fn exchanged(&self, c: usize) -> Option<Relation> {
        (c + 1..(c + 9).min(self.items.len()))
            .take_while(|&k| !matches!(self.means[k], Mean::Boundary | Mean::Punct('.' | ',')))
            .find_map(|k| {
                let fire = matches!(self.means[k], Mean::Word)
                    && self.find(self.word(k), Class::FireNoun).is_some();
                fire.then_some(Relation::Assault).or_else(|| {
                    self.cues[k].iter().map(|&(r, ..)| r).find(|r| {
                        matches!(r, Relation::Assault | Relation::Accuse | Relation::Threaten)
                    })
                })
            })
    }

    /// Whether a verb or noun of lifting governs the sanction noun at `c`
    /// in its clause: «رفع … العقوبات», «تخفيف الحظر».
    fn lifted(&self, c: usize) -> Option<usize> {
        self.governing_word(c, 7, Class::LiftingVerb)
    }

    /// The nearest plain word of `list` within `reach` items before `c`, in
    /// `c`'s clause: the verb that governs a noun cue.
    fn governing_word(&self, c: usize, reach: usize, class: Class) -> Option<usize> {
        (c.saturating_sub(reach)..c)
            .rev()
            .take_while(|&k| {
                !matches!(
                    self.means[k],
                    Mean::Boundary | Mean::Relative | Mean::Punct('.' | ',' | ':')
                )
            })
            .find(|&k| {
                matches!(self.means[k], Mean::Word) && self.find(self.word(k), class).is_some()
            })
    }

    /// A present verb after «أن» is a subjunctive (to do, not did): «أن
    /// يتم قصفها», «تخشى أن تهاجم»; and a noun that names a kind of act
    /// («قضية خطف», «جرائم قتل», «قائمة اغتيالات») is no event.
    fn irrealis(&self, c: usize, nominal: bool) -> Option<(Modality, Rule)> {
        let plain = |k: usize| matches!(self.means[k], Mean::Word);
        // «كان يستعد لشن هجوم على القنصلية»: the noun of a verb of purpose
        // is planned, not done.
        if nominal
            && c > 0
            && self.items[c - 1].prep() == Some('ل')
            && !self.items[c - 1].prefix.contains(ARTICLE)
            && !self.cues[c - 1].is_empty()
        {
            return Some((Modality::Hypothetical, Rule::ModalPlanned));
        }
        if nominal {
            // «الهجوم», «المظاهرات», «احتجاجهم»: a definite event noun
            // points back to an event already known, it does not report one.
            let it = &self.items[c];
            let tail = &self.text[it.range.end - it.suffix_len..it.range.end];
            let possessed = self.lex.classes.ends(tail, Class::PossessiveSuffix);
            let definite =
                (it.prefix.contains(ARTICLE) || possessed) && !it.stem(self.text).contains(' ');
            let kind =
                c > 0 && plain(c - 1) && self.find(self.word(c - 1), Class::KindOfAct).is_some();
            return match (kind, definite) {
                (true, _) => Some((Modality::Reported, Rule::ModalKindOfAct)),
                (false, true) => Some((Modality::Reported, Rule::ModalDefiniteEvent)),
                _ => None,
            };
        }
        let w = self.items[c].stem(self.text);
        let present = w.starts_with(['ي', 'ت', 'ن']) && self.items[c].prefix.is_empty();
        let subjunctive = |k: usize| plain(k) && self.is(self.word(k), Class::Subjunctive);
        let after_an = c > 0 && present && subjunctive(c - 1);
        let after_an_yatim = c > 1
            && plain(c - 1)
            && self.is(self.word(c - 1), Class::PassiveAux)
            && subjunctive(c - 2);
        (after_an || after_an_yatim).then_some((Modality::Hypothetical, Rule::ModalSubjunctive))
    }

    /// The subject of a plain verb right before a noun cue: «قدمت
    /// السعودية مساعدات». Not when that verb is itself a cue («أدانت مصر
    /// الهجوم» condemns an attack, it does not make one).
    fn light_verb_subject(&self, c: usize) -> Option<usize> {
        if c < 2 || self.items[c].has_prep() {
            return None;
        }
        // «ألقت القوات المسلحة في شرقي ليبيا القبض»: a place phrase may
        // follow the subject.
        let mut k = c - 1;
        while k > 0 {
            let locative = match self.phrase_at[k] {
                Some(q) => self.prep_in(self.phrases[q].prep, Class::InPrep),
                None => {
                    self.mean_prep(k, Class::InPrep)
                        || (matches!(self.means[k], Mean::Word)
                            && self.is(self.word(k), Class::Direction))
                }
            };
            if !locative {
                break;
            }
            k = match self.phrase_at[k] {
                Some(q) => self.phrases[q].first.saturating_sub(1),
                None => k - 1,
            };
        }
        // «أرسلت بلادهم 50 طناً من المساعدات», «بلادهم أرسلت 50 طناً من
        // المساعدات»: a quantity may stand between the verb and its noun.
        let mut q = k;
        while q > 0
            && self.phrase_at[q].is_none()
            && (self.is_quantity(q)
                || self.mean_prep(q, Class::FromPrep)
                || (matches!(self.means[q], Mean::Word)
                    && self.find(self.word(q), Class::Measure).is_some()))
        {
            q -= 1;
        }
        if q < k && q + 1 < c {
            let plain_verb = |v: usize| {
                matches!(self.means[v], Mean::Word)
                    && self.cues[v].is_empty()
                    && self.modals[v].is_none()
                    && !self.is(self.word(v), Class::Stopword)
                    && !self.is(self.word(v), Class::Complementizer)
            };
            let group_first = |p: usize| {
                self.phrases
                    .iter()
                    .position(|x| x.group == self.phrases[p].group)
                    .unwrap_or(p)
            };
            if plain_verb(q) && q > 0 {
                if let Some(p) = self.phrase_at[q - 1]
                    .filter(|&p| self.phrases[p].prep.is_none() && !self.phrases[p].adjectival)
                {
                    return Some(group_first(p));
                }
            }
            if let Some(p) = self.phrase_at[q]
                .filter(|&p| self.phrases[p].prep.is_none() && !self.phrases[p].adjectival)
            {
                let f = self.phrases[p].first;
                if f > 0 && plain_verb(f - 1) {
                    return Some(group_first(p));
                }
            }
            return None;
        }
        let p = self.phrase_at[k]?;
        let ph = &self.phrases[p];
        if ph.prep.is_some() || ph.first == 0 || ph.adjectival {
            return None;
        }
        let v = ph.first - 1;
        let verb_like = matches!(self.means[v], Mean::Word)
            && self.cues[v].is_empty()
            && self.modals[v].is_none()
            && !self.is(self.word(v), Class::Stopword)
            && !self.is(self.word(v), Class::Complementizer);
        verb_like.then(|| {
            self.phrases
                .iter()
                .position(|q| q.group == ph.group)
                .unwrap_or(p)
        })
    }

    /// A verb: SVO when its subject stands before it in its clause, else
    /// VSO; a verb joined by و to an earlier clause keeps that subject.
    fn active_verb(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        m: Modality,
        accused: &mut Option<ActorInfo>,
    ) {
        let after = self.phrases_after(c + 1, rel);
        // «قال الوزير: "ندعو السلطات الإسرائيلية إلى …"»: a verb in the
        // first person plural, quoted, has the speaker as subject and every
        // actor after it as object.
        let w = self.items[c].stem(self.text);
        let first_person = before.is_none()
            && self.items[c].prefix.is_empty()
            && w.starts_with('ن')
            && w.chars().count() >= 4
            && after
                .first()
                .is_some_and(|&p| self.phrases[p].prep.is_none());
        if let Some(s) = self.speaker(c).filter(|_| first_person) {
            let obj = self.group_actors(after[0]);
            self.by(Rule::VerbFirstPerson);
            self.emit_all(&[s], rel, &obj, m, c);
            return;
        }
        let (subj, rest, how): (Vec<ActorInfo>, &[usize], Option<Rule>) = if let Some(b) = before {
            (self.group_actors(b), after.as_slice(), Some(Rule::VerbSvo))
        } else {
            match after.first() {
                Some(&p) if self.phrases[p].prep.is_none() => {
                    if after.len() == 1
                        && self.items[c].prefix.starts_with('و')
                        && !locative(rel)
                        && self.topic_from(c, false).is_some()
                    {
                        // «...، واتّهم مجدداً تركيا»: the subject of the main
                        // clause carries over and the one actor is the object.
                        (
                            self.topic_from(c, false).into_iter().collect(),
                            after.as_slice(),
                            Some(Rule::VerbCarriedSubject),
                        )
                    } else {
                        (self.group_actors(p), &after[1..], Some(Rule::VerbVso))
                    }
                }
                Some(_) => (
                    self.sentence_topic(c).into_iter().collect(),
                    after.as_slice(),
                    Some(Rule::VerbSentenceTopic),
                ),
                // «...، وطالبته بالكف»: the main clause's subject goes on.
                None if self.items[c].prefix.starts_with('و') => (
                    self.topic_from(c, false).into_iter().collect(),
                    after.as_slice(),
                    Some(Rule::VerbCarriedSubject),
                ),
                None => (Vec::new(), after.as_slice(), None),
            }
        };
        if let Some(r) = how.filter(|_| !subj.is_empty()) {
            self.by(r);
        }
        // «الغوطة التي تسيطر عليها الحكومة»: in a relative clause with a
        // resumptive pronoun the object is the noun the clause describes,
        // never an actor after the subject.
        // «لمناطق تسيطر عليها الحكومة بمساعدة روسيا»: the same without the
        // relative pronoun, when the pronoun stands on the verb's preposition.
        let on_prep = matches!(self.means.get(c + 1), Some(Mean::Word))
            && self.is(self.word(c + 1), Class::ResumptivePrep);
        let relative = (c > 0
            && matches!(self.means[c - 1], Mean::Relative)
            && before.is_none()
            && self.pronoun_object(c, &subj, true).is_some())
            || on_prep;
        let mut obj = if relative {
            Vec::new()
        } else {
            rest.first()
                .map(|&p| self.group_actors(p))
                .unwrap_or_default()
        };
        let mut how = Rule::ObjectAfter;
        if obj.is_empty() {
            how = if on_prep {
                Rule::ObjectResumptive
            } else if relative {
                Rule::ObjectRelative
            } else {
                Rule::ObjectPronoun
            };
            obj = match self.phrase_at.get(c.wrapping_sub(2)).copied().flatten() {
                Some(p) if relative && !on_prep => self.group_actors(p),
                // «كانت تسيطر عليها … في إقليم ناغورنو قره باغ»: a place
                // after still locates what the pronoun stands for.
                _ if on_prep => self
                    .pronoun_object(c, &subj, true)
                    .map(|a| vec![a])
                    .unwrap_or_else(|| {
                        rest.iter()
                            .find(|&&p| {
                                locative(rel)
                                    && self.prep_in(self.phrases[p].prep, Class::InPrep)
                                    && self.phrases[p]
                                        .actors
                                        .iter()
                                        .all(|a| a.kind == ActorType::Place)
                            })
                            .map(|&p| self.group_actors(p))
                            .unwrap_or_default()
                    }),
                _ if relative => Vec::new(),
                _ => self.pronoun_object(c, &subj, true).into_iter().collect(),
            };
        }
        if !obj.is_empty() {
            self.by(how);
        }
        self.finish_objects(c, rel, subj, obj, rest, m, accused);
    }

    /// «سيطرت عليها أذربيجان»: a pronoun on the verb or on the preposition
    /// after it points back to the nearest actor before the verb.
    fn pronoun_object(&self, c: usize, subj: &[ActorInfo], verbal: bool) -> Option<ActorInfo> {
        let on_verb = self.items[c].suffix_len > 0
            && self.lex.classes.ends(self.word(c), Class::PronounSuffix);
        let on_prep = self
            .means
            .get(c + 1)
            .is_some_and(|m| matches!(m, Mean::Word))
            && self.is(self.word(c + 1), Class::ObjectPronoun);
        if !on_verb && !on_prep {
            return None;
        }
        let candidates = |reach: usize| {
            self.phrases
                .iter()
                .rev()
                .filter(move |p| p.last < c && c - p.last <= reach)
                .flat_map(|p| p.actors.iter())
                .filter(|a| !subj.iter().any(|s| s.id == a.id))
        };
        // «وطالبته بالكف»: a masculine pronoun on a verb stands for a person
        // named further back, where a state is nearer (states are feminine);
        // otherwise the nearest actor.
        let pronoun = if on_verb {
            self.word(c)
        } else {
            self.word(c + 1)
        };
        let masculine = verbal && on_verb && pronoun.ends_with('ه');
        let agrees = |a: &ActorInfo| masculine && a.kind == ActorType::Person;
        candidates(8)
            .next()
            .filter(|a| agrees(a) || !candidates(20).any(agrees))
            .or_else(|| candidates(20).find(|a| agrees(a)))
            .cloned()
    }

    /// Who speaks when the cue stands in a quotation: the actor before the
    /// colon or opening quote.
    fn speaker(&self, c: usize) -> Option<ActorInfo> {
        let open = (0..c)
            .rev()
            .find(|&k| matches!(self.means[k], Mean::Punct(':' | '"')))?;
        self.phrases
            .iter()
            .take_while(|p| p.last < open)
            .filter(|p| p.prep.is_none() && !p.adjectival)
            .last()
            .and_then(|p| p.actors.first().cloned())
    }

    /// Standing relations over places take every place named after the cue.
    fn with_more_places(
        &self,
        rel: Relation,
        obj: Vec<ActorInfo>,
        rest: &[usize],
    ) -> Vec<ActorInfo> {
        if !locative(rel) || obj.is_empty() {
            return obj;
        }
        let mut all = obj;
        // «تلة عثمان في جبل التركمان»: a place after في contains the object
        // (part_of says so), it is not another object.
        for &p in rest
            .iter()
            .skip(1)
            .filter(|&&p| !self.prep_in(self.phrases[p].prep, Class::InPrep))
        {
            for a in self.group_actors(p) {
                if matches!(a.kind, ActorType::Place) && !all.iter().any(|x| x.id == a.id) {
                    all.push(a);
                }
            }
        }
        all
    }

    /// The noun a participle or noun cue stands in apposition to:
    /// «تركيا الداعمة», «روسيا، الحليف», «جيش أذربيجان المدعوم».
    fn apposition_before(&self, c: usize, participle: bool) -> Option<usize> {
        // The article may be the clitic or part of the cue's form
        // («الواقعة في»).
        let definite = self.items[c].prefix.ends_with(ARTICLE)
            || self.items[c].stem(self.text).starts_with(ARTICLE);
        if c == 0 || !definite {
            return None;
        }
        let mut k = c - 1;
        // One adjective or a comma may stand between.
        for _ in 0..2 {
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                // «أدانت مصر الهجوم»: after a verb the noun is its object,
                // not an apposition.
                let after_verb = !participle
                    && ph.first > 0
                    && (!self.cues[ph.first - 1].is_empty()
                        || matches!(self.means[ph.first - 1], Mean::Word)
                            && !self.is(self.word(ph.first - 1), Class::Stopword)
                            && k + 1 == c);
                return (ph.prep != Some(TOPIC) && !after_verb).then(|| {
                    self.phrases
                        .iter()
                        .position(|q| q.group == ph.group)
                        .unwrap_or(p)
                });
            }
            match self.means[k] {
                Mean::Punct(',') if k > 0 => k -= 1,
                Mean::Word
                    if k > 0
                        && !self.is(self.word(k), Class::Stopword)
                        && !self.is(self.word(k), Class::Complementizer) =>
                {
                    k -= 1
                }
                _ => return None,
            }
        }
        None
    }

    /// The subject the sentence opened with, for a verb whose subject the
    /// text leaves out.
    ///
    /// The clause is the one the cue stands in: after «إن / أن» the subject
    /// of the reported clause («قال بيسكوف إن روسيا على تواصل»).
    fn sentence_topic(&self, c: usize) -> Option<ActorInfo> {
        self.topic_from(c, true)
    }

    /// The first subject-like actor before `c`, in the cue's own clause when
    /// `clause`, else from the start of the sentence.
    fn topic_from(&self, c: usize, clause: bool) -> Option<ActorInfo> {
        let start = (0..c)
            .rev()
            .find(|&k| {
                matches!(self.means[k], Mean::Word) && self.is(self.word(k), Class::Complementizer)
            })
            .unwrap_or(0);
        let first = |from: usize| {
            self.phrases
                .iter()
                .filter(|p| p.first >= from)
                .take_while(|p| p.last < c)
                .find(|p| p.prep.is_none() && !p.adjectival)
                .and_then(|p| p.actors.first().cloned())
        };
        if !clause {
            return first(0);
        }
        first(start).or_else(|| first(0))
    }

    /// The nearest unmarked phrase of states, bodies or groups before `c`
    /// in its clause (places and persons skipped), within twelve items.
    fn force_before(&self, c: usize) -> Option<usize> {
        let mut k = c;
        while k > 0 && k + 12 > c {
            k -= 1;
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::Punct('.' | ':' | '"' | '?' | '!')
            ) {
                return None;
            }
            let Some(p) = self.phrase_at[k] else {
                continue;
            };
            let ph = &self.phrases[p];
            let force = ph.actors.iter().all(|a| {
                matches!(
                    a.kind,
                    ActorType::State | ActorType::Organization | ActorType::Group
                )
            });
            if ph.prep.is_none() && !ph.adjectival && force {
                return Some(p);
            }
            k = ph.first;
        }
        None
    }

    /// A mutual cue of a directed relation («اشتباكات بين X وY», «تبادل
    /// إطلاق النار») holds both ways.
    fn mutual(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        m: Modality,
        nominal: bool,
    ) {
        let from = self.out.len();
        self.mutual_one_way(c, rel, before, m, nominal);
        if rel.is_symmetric() {
            return;
        }
        let back: Vec<Raw> = self.out[from..]
            .iter()
            .filter(|r| {
                // Between forces, not persons or places: «اشتباكات بين
                // الجيش والمتمردين» is both sides attacking.
                let force = |a: &Option<ActorInfo>| {
                    a.as_ref().is_some_and(|a| {
                        matches!(
                            a.kind,
                            ActorType::State | ActorType::Group | ActorType::Organization
                        )
                    })
                };
                r.relation == rel && force(&r.subject) && force(&r.object)
            })
            .map(|r| {
                let mut rules = r.rules.clone();
                rules.push(Rule::MutualBothWays.into());
                Raw {
                    subject: r.object.clone(),
                    object: r.subject.clone(),
                    rules,
                    ..r.clone()
                }
            })
            .collect();
        for r in back {
            if fits(
                r.relation,
                r.subject.as_ref().map(|a| a.kind),
                r.object.as_ref().map(|a| a.kind),
            ) {
                self.out.push(r);
            }
        }
    }

    fn mutual_one_way(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        m: Modality,
        nominal: bool,
    ) {
        // «روسيا على اتصال مع تركيا»: a noun after على is predicated of the
        // subject before it; other nouns take no distant subject.
        let predicative = (c > 0 && self.mean_prep(c - 1, Class::PredicativePrep))
            || self.items[c]
                .stem(self.text)
                .split_once(' ')
                .is_some_and(|(w, _)| self.is(w, Class::PredicativePrep));
        let before = before.or_else(|| {
            if !nominal || predicative {
                self.phrase_before(c)
            } else {
                None
            }
        });
        let after = self.phrases_after(c + 1, rel);
        // «بين X وY»
        let between =
            (c + 1..(c + 7).min(self.items.len())).find(|&k| self.mean_prep(k, Class::BetweenPrep));
        if let Some(b) = between {
            if let Some(&p) = after.iter().find(|&&p| self.phrases[p].first > b) {
                let g = self.group_actors(p);
                // «بين طهران من جهة وبريطانيا والصين … من جهة أخرى»: two
                // sides, each paired with every member of the other.
                let last = self
                    .phrases
                    .iter()
                    .filter(|q| q.group == self.phrases[p].group)
                    .map(|q| q.last)
                    .max()
                    .unwrap_or(self.phrases[p].last);
                let one_side = last + 1 < self.items.len()
                    && self.mean_prep(last + 1, Class::FromPrep)
                    && self
                        .items
                        .get(last + 2)
                        .is_some_and(|_| self.is(self.word(last + 2), Class::SideNoun));
                let other = after
                    .iter()
                    .find(|&&q| self.phrases[q].first > last + 2)
                    .map(|&q| self.group_actors(q));
                match other.filter(|_| one_side) {
                    Some(o) => {
                        self.by(Rule::MutualTwoSides);
                        self.emit_all(&g, rel, &o, m, c)
                    }
                    None => {
                        self.by(Rule::MutualBetween);
                        self.emit_pairs(&g, rel, m, c)
                    }
                }
                return;
            }
        }
        // «X ... مع Y», «على اتصال بأنقرة»
        let partner = after
            .iter()
            .copied()
            .find(|&p| self.prep_in(self.phrases[p].prep, Class::PartnerPrep));
        if let Some(p) = partner {
            let partners = self.group_actors(p);
            // «تمكنت قوات النظام من السيطرة … إثر معارك مع فيلق الرحمن»:
            // the clause's subject fights, not whoever tells of it.
            // (A verb's own subject follows it, VSO: only nouns look back.)
            let clause_subject = (before.is_none() && nominal)
                .then(|| self.force_before(c))
                .flatten();
            // Who acts with the partner: the subject before (SVO), else the
            // one between the cue and the partner (VSO), else the clause's
            // subject, else the sentence's.
            let between_subject = after.iter().copied().find(|&q| {
                q != p
                    && self.phrases[q].prep.is_none()
                    && self.phrases[q].first < self.phrases[p].first
            });
            let selves = before
                .filter(|_| !nominal || self.items[c].prefix.is_empty())
                .or(between_subject)
                .or(clause_subject)
                .map(|b| self.group_actors(b))
                .or_else(|| self.sentence_topic(c).map(|t| vec![t]))
                .unwrap_or_default();
            self.by(Rule::MutualPartner);
            self.emit_all(&selves, rel, &partners, m, c);
            return;
        }
        if let Some(b) = before {
            let g = self.group_actors(b);
            if g.len() >= 2 {
                self.by(Rule::MutualList);
                self.emit_pairs(&g, rel, m, c);
                return;
            }
            if nominal {
                // A noun pairs only actors that بين, مع or a list join.
                return;
            }
            if let Some(&p) = after.first() {
                let o = self.group_actors(p);
                self.by(Rule::MutualSubjectObject);
                self.emit_all(&g, rel, &o, m, c);
                return;
            }
        }
        if let Some(&p) = after.first() {
            let g = self.group_actors(p);
            if g.len() >= 2 {
                self.by(Rule::MutualList);
                self.emit_pairs(&g, rel, m, c);
                return;
            }
            if let Some(&q) = after.get(1).filter(|_| !nominal) {
                let o = self.group_actors(q);
                self.by(Rule::MutualSubjectObject);
                self.emit_all(&g, rel, &o, m, c);
                return;
            }
        }
        // A dual verb or pronoun with no names: the pair in play in this
        // sentence («لكنهما اتفقتا»).
        let pair = self
            .phrases
            .iter()
            .rev()
            .filter(|p| p.last < c && p.prep.is_none())
            .find_map(|p| {
                let g = self.group_actors(
                    self.phrases
                        .iter()
                        .position(|q| q.group == p.group)
                        .unwrap_or(0),
                );
                (g.len() >= 2).then_some(g)
            });
        // «محادثاتهما»: a dual or plural pronoun on a noun is the pair.
        let owned_by_pair =
            self.lex.classes.ends(self.word(c), Class::PairSuffix) && self.items[c].suffix_len > 0;
        // «أجرت روسيا وأوكرانيا محادثات»: the pair just before a noun.
        let near_pair = self
            .phrases
            .iter()
            .rev()
            .find(|p| p.last < c)
            .filter(|p| c - p.last <= 3 && p.prep.is_none_or(|x| self.is(x, Class::BetweenPrep)))
            .map(|p| {
                let first = self
                    .phrases
                    .iter()
                    .position(|q| q.group == p.group)
                    .unwrap_or(0);
                self.group_actors(first)
            });
        if let Some(g) = near_pair.filter(|g| nominal && g.len() >= 2) {
            self.by(Rule::MutualNearPair);
            self.emit_pairs(&g, rel, m, c);
            return;
        }
        if let Some(g) = pair.filter(|_| !nominal || owned_by_pair) {
            self.by(Rule::MutualDual);
            self.emit_pairs(&g, rel, m, c);
        }
    }

    fn emit_all(
        &mut self,
        subj: &[ActorInfo],
        rel: Relation,
        obj: &[ActorInfo],
        m: Modality,
        c: usize,
    ) {
        if rel.is_symmetric() && subj.len() >= 2 && obj.is_empty() {
            // «اتفقت روسيا وتركيا»: a coordinated subject of a symmetric
            // relation is its pair.
            self.by(Rule::SymmetricPairs);
            self.emit_pairs(subj, rel, m, c);
            return;
        }
        let crowd;
        let subj = if subj.is_empty()
            && rel == Relation::Protest
            && !self.items[c].has_prep()
            && !self.items[c].prefix.contains(ARTICLE)
        {
            // «تظاهر الآلاف»: a demonstration named by its verb has
            // demonstrators even when the text counts rather than names them.
            crowd = self
                .lex
                .actors
                .iter()
                .find(|a| a.props.crowd)
                .map(|a| ActorInfo {
                    id: a.id.clone(),
                    label: a.label_ar.clone(),
                    kind: a.kind,
                    country: None,
                });
            if crowd.is_some() {
                self.by(Rule::Crowd);
            }
            crowd.as_slice()
        } else {
            subj
        };
        let scene;
        let obj = if obj.is_empty() && rel == Relation::Assault {
            scene = self.scene_after(c, subj);
            if !scene.is_empty() {
                self.by(Rule::Scene);
            }
            scene.as_slice()
        } else {
            obj
        };
        match (subj.is_empty(), obj.is_empty()) {
            (true, true) => {}
            (true, false) => obj
                .iter()
                .for_each(|o| self.emit(None, rel, Some(o.clone()), m, c)),
            (false, true) => subj
                .iter()
                .for_each(|s| self.emit(Some(s.clone()), rel, None, m, c)),
            (false, false) => {
                for s in subj {
                    for o in obj {
                        self.emit(Some(s.clone()), rel, Some(o.clone()), m, c);
                    }
                }
            }
        }
    }

    /// Where an attack with no named target struck: «هجوم انتحاري في
    /// تلعفر», «انفجرت سيارة مفخخة قرب مقر … في بغداد». The place (or the
    /// state its capital names) is the target, as event coders code it.
    fn scene_after(&self, c: usize, subj: &[ActorInfo]) -> Vec<ActorInfo> {
        let mut k = c + 1;
        while k < self.items.len() && k <= c + 14 {
            if matches!(
                self.means[k],
                Mean::Boundary | Mean::Relative | Mean::Punct('.' | ':' | '?' | '!' | ',')
            ) {
                break;
            }
            if let Some(p) = self.phrase_at[k] {
                let ph = &self.phrases[p];
                let places = ph
                    .actors
                    .iter()
                    .all(|a| matches!(a.kind, ActorType::Place | ActorType::State));
                if self.prep_in(ph.prep, Class::ScenePrep)
                    && places
                    && !ph.adjectival
                    && !ph.actors.iter().any(|a| subj.iter().any(|s| s.id == a.id))
                {
                    return ph.actors.clone();
                }
                k = ph.last + 1;
                continue;
            }
            k += 1;
        }
        Vec::new()
    }

    fn emit_pairs(&mut self, g: &[ActorInfo], rel: Relation, m: Modality, c: usize) {
        for (x, a) in g.iter().enumerate() {
            for b in &g[x + 1..] {
                self.emit(Some(a.clone()), rel, Some(b.clone()), m, c);
            }
        }
    }

    /// «قال محللون إن …», «يرى خبراء أن …»: what commentators say is their
    /// reading of events, not an event: their sentence's interactions are
    /// `reported`.
    fn analysts_speak(&mut self) {
        let speaker = self
            .phrases
            .iter()
            .find(|p| p.prep.is_none() && !p.adjectival);
        let commentators = speaker.is_some_and(|p| {
            matches!(self.means[p.first], Mean::Organ(g, _)
                if self.lex.actors[g as usize].props.commentator)
        });
        if commentators {
            for r in &mut self.out {
                if r.relation.family() != crate::schema::Family::Standing
                    && r.modality == Modality::Asserted
                {
                    r.modality = Modality::Reported;
                    r.rules.push(Rule::ModalAnalysts.into());
                }
            }
        }
    }

    /// «مدينة الصخيرات الساحلية المغربية», «قوات الباسيج الإيرانية»: a named
    /// place, organization or group followed by a state's nisba lies in or
    /// belongs to that state.
    fn nisba_of_named(&mut self) {
        for k in 0..self.phrases.len().saturating_sub(1) {
            let (p, q) = (&self.phrases[k], &self.phrases[k + 1]);
            let named = p.first == p.last
                && matches!(&self.means[p.first], Mean::Actor(a, Via::Name) if matches!(a.kind, ActorType::Place | ActorType::Organization | ActorType::Group));
            let nisba = q.first == q.last
                && q.prep.is_none()
                && matches!(&self.means[q.first], Mean::Actor(a, Via::Nisba) if a.kind == ActorType::State);
            let gap_ok = q.first - p.last <= 3
                && (p.last + 1..q.first).all(|j| {
                    matches!(self.means[j], Mean::Word)
                        && self.word(j).starts_with(ARTICLE)
                        && self.cues[j].is_empty()
                });
            if named && nisba && gap_ok {
                let (a, b) = (p.actors[0].clone(), q.actors[0].clone());
                self.chain = vec![Rule::PlaceNisba.into()];
                self.tail.clear();
                if a.country.as_deref().is_none_or(|c| c == b.id) {
                    self.emit(
                        Some(a),
                        Relation::PartOf,
                        Some(b),
                        Modality::Asserted,
                        q.first,
                    );
                }
            }
        }
    }

    /// «مدينة شوشا الاستراتيجية في إقليم قره باغ»: a place in a place.
    fn places_within(&mut self) {
        self.nisba_of_named();
        for k in 0..self.phrases.len() {
            let p = &self.phrases[k];
            if p.actors.len() != 1 || p.actors[0].kind != ActorType::Place {
                continue;
            }
            let Some(q) = self.phrases.get(k + 1) else {
                continue;
            };
            let direction = (p.last + 1..q.first).any(|j| {
                matches!(self.means[j], Mean::Word) && self.is(self.word(j), Class::Direction)
            });
            if (!self.prep_in(q.prep, Class::InPrep) && !direction)
                || q.actors.len() != 1
                || !matches!(q.actors[0].kind, ActorType::Place | ActorType::State)
            {
                continue;
            }
            let gap_ok = (p.last + 1..q.first).all(|j| match &self.means[j] {
                Mean::Prep(p) if self.is(p, Class::InPrep) => true,
                Mean::Word => {
                    let w = self.word(j);
                    self.is(w, Class::Direction)
                        || self.place_noun(w)
                        || w.starts_with(ARTICLE)
                            && w.chars().count() > 4
                            && self.cues[j].is_empty()
                }
                _ => false,
            });
            if gap_ok && q.first - p.last <= 4 {
                let (a, b) = (p.actors[0].clone(), q.actors[0].clone());
                let c = q.first;
                self.chain = vec![Rule::PlaceWithin.into()];
                self.tail.clear();
                self.emit(Some(a), Relation::PartOf, Some(b), Modality::Asserted, c);
            }
        }
    }
}

/// Whether the actor types suit the relation: a place does not talk or
/// attack, a person is not occupied, a state is not part of a city.
fn fits(rel: Relation, s: Option<ActorType>, o: Option<ActorType>) -> bool {
    use ActorType::*;
    let is = |x: Option<ActorType>, ok: &[ActorType]| x.is_none_or(|t| ok.contains(&t));
    match rel {
        Relation::LeaderOf | Relation::OfficialOf => {
            is(s, &[Person]) && is(o, &[State, Organization, Group, Place])
        }
        Relation::Controls | Relation::DeployedIn => {
            is(s, &[State, Organization, Group, Person]) && is(o, &[Place, State])
        }
        Relation::PartOf => {
            is(s, &[Place, Organization, Group]) && is(o, &[Place, State, Organization, Group])
        }
        Relation::MemberOf => {
            is(s, &[State, Organization, Group, Person]) && is(o, &[Organization, Group])
        }
        Relation::AlliedWith
        | Relation::Agree
        | Relation::Consult
        | Relation::Cooperate
        | Relation::Mediate => {
            is(s, &[State, Organization, Group, Person])
                && is(o, &[State, Organization, Group, Person])
        }
        _ => is(s, &[State, Organization, Group, Person]),
    }
}

/// A non-state group of one country: «المعارضة السورية» is
/// `syria_opposition`, not Syria.
fn national_group(g: &ActorInfo, state: &ActorInfo) -> ActorInfo {
    ActorInfo {
        id: format!("{}_{}", state.id, g.id),
        label: format!("{} ({})", g.label, state.label),
        kind: ActorType::Group,
        country: Some(state.id.clone()),
    }
}

/// Whether a word can be part of a name the gazetteer lacks, by its shape:
/// not a verb («قدموا», «تلعبون»), not a word with a pronoun on it
/// («اهتمامهم»), not a pronoun, and a first word carries no conjunction
/// with the article («والوجبات»).
fn name_shaped(w: &str, first: bool, classes: &Classes) -> bool {
    let n = w.chars().count();
    let plural_verb = n >= 4
        && (classes.ends(w, Class::PluralVerbSuffix)
            || (w.starts_with(['ي', 'ت'])
                && classes.ends(w, Class::PresentPluralSuffix)
                && n >= 5));
    let possessed = n >= 5 && classes.ends(w, Class::PossessedNameSuffix)
        || (n >= 5 && w.starts_with(['ي', 'ت', 'ن']) && classes.ends(w, Class::FirstPersonSuffix));
    // «والوجبات», «ولطالما», «وابتسم»: a conjunction on a word after a
    // title begins a new clause; «وليد» and «وائل» keep their و.
    let conj_article = first && n >= 5 && classes.starts(w, Class::ConjunctStart);
    !(plural_verb || possessed || conj_article || classes.has(w, Class::Pronoun))
}

/// Two words in the accusative («ضابطا بارزا», «وعودا انتخابية»): a noun
/// and its adjective, not a name.
fn accusative_pair(words: &[&str]) -> bool {
    words.windows(2).any(|p| {
        p.iter().all(|w| w.ends_with('ا') && w.chars().count() >= 4)
            || (p[0].ends_with('ا') && p[0].chars().count() >= 4 && p[1].ends_with(NISBA_F))
    })
}

/// An ASCII id for a name the gazetteer lacks: a plain romanization, stable
/// across runs and shards.
pub fn transliterate(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        let s = match c {
            'ا' | 'أ' | 'إ' | 'آ' => "a",
            'ب' => "b",
            'ت' | 'ة' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            'ظ' => "z",
            'ع' => "a",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => "h",
            'و' => "o",
            'ي' | 'ى' => "i",
            'ء' | 'ئ' | 'ؤ' => "",
            ' ' | '-' | '_' => "_",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "",
        };
        out.push_str(s);
    }
    let mut id = String::new();
    for part in out.split('_').filter(|p| !p.is_empty()) {
        if !id.is_empty() {
            id.push('_');
        }
        id.push_str(part);
    }
    if id.is_empty() { "unknown".into() } else { id }
}

#[cfg(test)]
mod tests {
    use super::transliterate;

    #[test]
    fn transliteration_is_ascii_snake_case() {
        assert_eq!(transliterate("ستانيسلاف زاس"), "stanislaf_zas");
        assert!(
            transliterate("كرم  مصطفييف")
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_')
        );
    }
}
