//! Chunks: actor phrases from a sentence's tokens, the second stage.
//!
//! In: a sentence's [`Tokens`] and the article's memory ([`Cast`]). Out:
//! [`Chunked`]: the sentence's [`Phrase`]s (an organ with its state, an
//! anaphor resolved, a plain actor, a title with its holder in
//! [`super::title`]), each with the preposition that governs it, grouped
//! into coordinated lists; and the standing triples that titles state
//! («وزير الخارجية الروسي سيرغي لافروف»: `official_of`), with the
//! candidates a rule blocked.
//!
//! What must hold: phrases do not overlap and are in text order; every
//! item maps to at most one phrase (`phrase_at`); the tokens are only read.

use super::{
    ActorInfo, Cast, Raw,
    scan::{Kind, prep_of},
    sentence::{Blocked, Seen},
    tokens::{Mean, TOPIC, Tokens, is_conj},
};
use crate::{
    classes::{ARTICLE, Class, LL, NISBA_F},
    lexicon::Via,
    schema::{ActorType, Relation},
    trace::{Rule, RuleRef},
};

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

/// A sentence's actor phrases, in text order.
pub(super) struct Chunks<'a> {
    pub(super) phrases: Vec<Phrase<'a>>,
    /// For each item, the phrase covering it.
    pub(super) phrase_at: Vec<Option<usize>>,
}

/// What the chunk stage hands on.
pub(super) struct Chunked<'a> {
    pub(super) chunks: Chunks<'a>,
    /// The standing triples of titles, each with its rule chain.
    pub(super) posts: Vec<Raw>,
    /// Posts a rule stopped (recorded only when tracing).
    pub(super) blocked: Vec<Blocked>,
}

/// Chunks one sentence's tokens.
pub(super) fn chunks<'a>(tok: &Tokens<'a, '_>, cast: &mut Cast<'_>, trace: bool) -> Chunked<'a> {
    let mut c = Chunker {
        tok,
        phrases: Vec::new(),
        phrase_at: vec![None; tok.items.len()],
        posts: Vec::new(),
        blocked: Vec::new(),
        trace,
    };
    c.build_phrases(cast);
    c.group();
    c.dateline();
    Chunked {
        chunks: Chunks {
            phrases: c.phrases,
            phrase_at: c.phrase_at,
        },
        posts: c.posts,
        blocked: c.blocked,
    }
}

/// The chunk stage at work: the tokens it reads, what it has built.
pub(super) struct Chunker<'t, 'a, 'l> {
    pub(super) tok: &'t Tokens<'a, 'l>,
    pub(super) phrases: Vec<Phrase<'a>>,
    pub(super) phrase_at: Vec<Option<usize>>,
    pub(super) posts: Vec<Raw>,
    pub(super) blocked: Vec<Blocked>,
    trace: bool,
}

impl<'a> Chunker<'_, 'a, '_> {
    /// What the pattern language sees so far.
    pub(super) fn seen(&self) -> Seen<'_, 'a, '_> {
        Seen {
            tok: self.tok,
            phrases: &self.phrases,
            phrase_at: &self.phrase_at,
        }
    }

    /// Records a post that rule chain `rules` stopped.
    pub(super) fn block(
        &mut self,
        cue: usize,
        relation: Relation,
        subject: Option<ActorInfo>,
        object: Option<ActorInfo>,
        rules: Vec<RuleRef>,
    ) {
        if self.trace {
            self.blocked.push(Blocked {
                cue,
                relation,
                subject,
                object,
                rules,
            });
        }
    }
}

impl<'a> Chunker<'_, 'a, '_> {
    pub(super) fn prep_before(&self, first: usize) -> Option<&'a str> {
        // A short name the article's memory resolved carries its clitic in
        // the word: «لصالح» is ل + Saleh.
        if let (Kind::Word, Mean::Actor(a, _)) =
            (&self.tok.items[first].kind, &self.tok.means[first])
        {
            let w = self.tok.word(first);
            if !a.label.contains(w) && w.starts_with(['ل', 'ب']) {
                return w.get(..2);
            }
        }
        // A clitic preposition, as it stands in the word.
        let it = &self.tok.items[first];
        if let Some(c) = it.prep() {
            let prefix = &self.tok.text[it.range.start..it.form_start];
            let at = it.range.start + prefix.find(c).unwrap_or(0);
            return Some(&self.tok.text[at..at + c.len_utf8()]);
        }
        // «خلال قمة طهران»: an actor in the genitive of a topic or time
        // phrase is part of it.
        if (first.saturating_sub(2)..first).any(|k| matches!(self.tok.means[k], Mean::TopicPrep))
            && (first.saturating_sub(2)..first)
                .all(|k| matches!(self.tok.means[k], Mean::TopicPrep | Mean::Word))
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
            match &self.tok.means[j] {
                // «مع كل من أذربيجان»: the preposition before «كل من».
                Mean::Prep(p)
                    if self.tok.is(p, Class::FromPrep)
                        && j > 0
                        && self.tok.find(self.tok.word(j - 1), Class::Each).is_some() =>
                {
                    j -= 1;
                    continue;
                }
                Mean::Prep(p) => return Some(p),
                Mean::TopicPrep => return Some(TOPIC),
                Mean::Word if j + 1 == first && self.tok.place_noun(self.tok.word(j)) => {
                    // «بمحافظة مأرب»: the place noun carries the preposition.
                    let w = self.tok.word(j);
                    match self
                        .tok
                        .find(w, Class::PlaceNoun)
                        .and_then(|(p, _)| prep_of(p))
                    {
                        Some(c) => {
                            let at = self.tok.items[j].range.start + w.find(c).unwrap_or(0);
                            return Some(&self.tok.text[at..at + c.len_utf8()]);
                        }
                        None => continue,
                    }
                }
                // «على مواقع المقاومة»: the positions of an actor stand for it.
                Mean::Word
                    if j + 1 == first
                        && self.tok.find(self.tok.word(j), Class::Holding).is_some() =>
                {
                    continue;
                }
                // «في شمال غرب سوريا»
                Mean::Word if self.tok.is(self.tok.word(j), Class::Direction) => continue,
                Mean::Word if self.tok.find(self.tok.word(j), Class::Each).is_some() => continue,
                _ => return None,
            }
        }
        None
    }

    pub(super) fn push_phrase(
        &mut self,
        actors: Vec<ActorInfo>,
        first: usize,
        last: usize,
        adjectival: bool,
    ) {
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

    pub(super) fn build_phrases(&mut self, cast: &mut Cast<'_>) {
        let n = self.tok.items.len();
        let mut i = 0;
        while i < n {
            if let Some((a, end)) = self.unit_name(i) {
                self.push_phrase(vec![a], i, end - 1, false);
                i = end;
                continue;
            }
            match self.tok.means[i].clone() {
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
                            .map(|(post, _)| post.relation)
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
                        && matches!(self.tok.means[i - 1], Mean::Word)
                        && self.tok.items[i].prefix.is_empty()
                        && !self.tok.cues[i - 1].is_empty()
                        || (via == Via::Nisba
                            && i > 1
                            && matches!(self.tok.means[i - 1], Mean::Word)
                            && !self.tok.cues[i - 2].is_empty());
                    if a.kind == ActorType::Person {
                        let words: Vec<String> = self.tok.text
                            [self.tok.items[i].form_start..self.tok.items[i].range.end]
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
                    let parties = self
                        .tok
                        .lex
                        .classes
                        .within(self.tok.word(i), Class::PartyNoun);
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
                        && matches!(self.tok.means[i - 1], Mean::Word)
                        && self
                            .tok
                            .find(self.tok.word(i - 1), Class::SayingVerb)
                            .is_some();
                    if two.len() == 2 && after_speech {
                        self.push_phrase(vec![two[1].clone()], i, i, false);
                    }
                }
                Mean::TheOrg | Mean::ThePlace => {
                    // «المنظمة», «الإقليم»: the organization or place named last.
                    let kind = if matches!(self.tok.means[i], Mean::TheOrg) {
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
    pub(super) fn their_state(&self, cast: &Cast<'_>) -> Option<ActorInfo> {
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
    pub(super) fn organ_phrase(
        &mut self,
        i: usize,
        g: u32,
        group: bool,
        cast: &mut Cast<'_>,
    ) -> usize {
        let n = self.tok.items.len();
        let mut j = i + 1;
        let mut words = 0;
        while j < n && words <= 2 {
            match &self.tok.means[j] {
                Mean::Actor(a, via)
                    if a.kind != ActorType::Person
                        && (*via != Via::Name
                            || self.tok.items[j].prefix.is_empty()
                            || self.tok.is(self.tok.items[j].prefix, Class::DativePrep)
                            || self.tok.items[j].prefix == LL) =>
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
                        && (i + 1..j).all(|k| matches!(self.tok.means[k], Mean::Organ(..))) =>
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
                _ if self.tok.items[j].prefix.starts_with('و')
                    || self.tok.cues[j].iter().any(|&(_, _, nominal, _)| {
                        self.tok.items[j].has_prep()
                            || !(nominal || self.tok.items[j].prefix.ends_with(ARTICLE))
                    }) =>
                {
                    break;
                }
                Mean::Organ(..) => {}
                Mean::Word if !self.tok.is(self.tok.word(j), Class::Stopword) => words += 1,
                // «القوات المسلحة في شرقي ليبيا»: a state organ placed in a
                // state is that state's.
                Mean::Prep(p) if self.tok.is(p, Class::InPrep) && !group && words == 0 => {
                    let mut k = j + 1;
                    while k < n
                        && matches!(self.tok.means[k], Mean::Word)
                        && self.tok.is(self.tok.word(k), Class::Direction)
                    {
                        k += 1;
                    }
                    match self.tok.means.get(k) {
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
        if self.tok.items[i].suffix_len > 0 {
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
            .take_while(|&k| matches!(self.tok.means[k], Mean::Organ(..)))
            .last()
            .unwrap_or(i);
        let tied = (i..=last).rev().find_map(|k| match self.tok.means[k] {
            Mean::Organ(gk, false) if !group || k > i => cast.organs.get(&gk).cloned(),
            _ => None,
        });
        if let Some(st) = tied {
            self.push_phrase(vec![st], i, last, false);
            return last + 1;
        }
        // «الجيش» alone in an article about one state is its army; not
        // «قوات الاحتلال», «طائرات التحالف», where a genitive names whose.
        let genitive = matches!(self.tok.means.get(last + 1), Some(Mean::TheOrg))
            || matches!(self.tok.means.get(last + 1), Some(Mean::Word))
                && self.tok.word(last + 1).starts_with(ARTICLE)
                && !self.tok.word(last + 1).ends_with(NISBA_F);
        let home = (i..=last).rev().find_map(|k| match self.tok.means[k] {
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
            .get(self.tok.items[i].stem(self.tok.text))
            .cloned()
            .flatten()
        {
            self.push_phrase(vec![a], i, i, false);
            return i + 1;
        }
        let generic = cast.known(g);
        if group || !self.tok.lex.actors[g as usize].props.state_bound {
            self.push_phrase(vec![generic], i, i, false);
        }
        i + 1
    }

    /// «دبي، الإمارات العربية المتحدة (CNN)-- حذر …»: a dateline at the
    /// start of a sentence (places, a comma, the agency in brackets, a dash)
    /// says where the dispatch was filed; its places are no argument of
    /// what the sentence reports.
    pub(super) fn dateline(&mut self) {
        let n = self.tok.items.len().min(12);
        let Some(open) = (0..n).find(|&k| matches!(self.tok.means[k], Mean::Punct('('))) else {
            return;
        };
        let close =
            (open + 1..n.min(open + 5)).find(|&k| matches!(self.tok.means[k], Mean::Punct(')')));
        let Some(close) = close else { return };
        let dash = matches!(self.tok.means.get(close + 1), Some(Mean::Punct('-')));
        // Before the bracket: only places, states, commas and plain words.
        let place_like = (0..open).all(|k| match &self.tok.means[k] {
            Mean::Punct(',') | Mean::Word => true,
            Mean::Actor(a, _) => matches!(a.kind, ActorType::Place | ActorType::State),
            _ => false,
        });
        if !dash || !place_like || open == 0 {
            return;
        }
        for p in &mut self.phrases {
            if p.last < open {
                p.prep = Some(TOPIC);
            }
        }
    }

    /// Joins phrases coordinated by و or a comma into groups.
    pub(super) fn group(&mut self) {
        for k in 1..self.phrases.len() {
            let (a, b) = (&self.phrases[k - 1], &self.phrases[k]);
            let gap = a.last + 1..b.first;
            let conj_word = self.tok.items[b.first].prefix.starts_with('و')
                || (!matches!(self.tok.means[b.first], Mean::Actor(..))
                    && self.tok.word(b.first).starts_with('و'));
            let conj = conj_word && gap.is_empty();
            let comma_conj = gap.len() == 1
                && matches!(self.tok.means[a.last + 1], Mean::Punct(','))
                && self
                    .phrases
                    .get(k + 1)
                    .is_some_and(|c| self.tok.items[c.first].prefix.starts_with('و'));
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
                b.prep.is_none() || b.prep == a.prep || is_conj(self.tok.items[b.first].prefix);
            if (conj || comma_conj) && same_kind && same_prep && !a.adjectival && !b.adjectival {
                let g = self.phrases[k - 1].group;
                self.phrases[k].group = g;
                if self.phrases[k].prep.is_none() {
                    self.phrases[k].prep = self.phrases[k - 1].prep;
                }
            }
        }
    }
}

impl Chunks<'_> {
    /// The actors of phrase `p`'s coordinated group, each once.
    pub(super) fn group_actors(&self, p: usize) -> Vec<ActorInfo> {
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
}

/// A non-state group of one country: «المعارضة السورية» is
/// `syria_opposition`, not Syria.
pub(super) fn national_group(g: &ActorInfo, state: &ActorInfo) -> ActorInfo {
    ActorInfo {
        id: format!("{}_{}", state.id, g.id),
        label: format!("{} ({})", g.label, state.label),
        kind: ActorType::Group,
        country: Some(state.id.clone()),
    }
}
