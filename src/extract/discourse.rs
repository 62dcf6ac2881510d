//! Discourse: what an article has named, for what refers back.
//!
//! In: the whole article's lexicon items first (the survey: head nouns of
//! named bodies, organs tied to a state, the home state), then each
//! sentence's phrases as the rules find them. Out: the memory the chunk and
//! frame stages consult: short names and one-letter typos of persons named
//! before, posts and their holders ([`Post`]), the recent actors, the
//! sentence topic, the last pair named together.
//!
//! What must hold: the memory only grows in text order (a later sentence
//! never changes what an earlier one read), and lookups never depend on
//! hash order, so extraction stays a pure function of the article.

use std::collections::BTreeMap;

use super::{ActorInfo, scan};
use crate::{
    classes::{ARTICLE, Class},
    lexicon::{Lexicon, Payload, Via},
    schema::{ActorType, Relation},
};

/// A post as the article names it: the kind of post, the title as written
/// (normalized, «وزير الخارجية»), and the state or body it is held in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Post {
    pub(super) relation: Relation,
    pub(super) title: String,
    pub(super) of: String,
}

/// What an article has named so far: the memory behind short names, typos,
/// «بلاده» and «البلدين».
#[derive(Clone)]
pub struct Cast<'l> {
    pub(super) lex: &'l Lexicon,
    /// Persons named in the article: normalized name words → actor.
    pub(super) persons: Vec<(Vec<String>, ActorInfo)>,
    /// The same names, for exact lookup.
    /// (Only looked up, never iterated, so hashing keeps runs identical.)
    pub(super) aliases: rustc_hash::FxHashMap<String, ActorInfo>,
    /// The posts the article named → the person who holds each.
    pub(super) roles: BTreeMap<Post, ActorInfo>,
    /// Recent actors, most recent last.
    pub(super) recent: Vec<ActorInfo>,
    /// The subject of the last sentence that had one.
    pub(super) topic: Option<ActorInfo>,
    /// The article's year, from its date.
    pub(super) year: Option<u32>,
    /// Organs the article tied to a state («النظام السوري»), by generic id.
    pub(super) organs: BTreeMap<u32, ActorInfo>,
    /// Head nouns of the bodies the article names («المقاومة» of
    /// «المقاومة الشعبية», «تنظيم» of «تنظيم داعش»), without the article,
    /// with the one body each stands for; `None` when it names two.
    pub(super) heads: BTreeMap<String, Option<ActorInfo>>,
    /// The last two parties named together («روسيا وفرنسا»), for
    /// «الطرفان» and «الجانبين» in a later sentence.
    pub(super) pair: Option<Vec<ActorInfo>>,
    /// Sentences since `pair` was set.
    pub(super) pair_age: usize,
    /// The state the article is about, if one stands out.
    pub(super) home: Option<ActorInfo>,
}

impl<'l> Cast<'l> {
    pub(super) fn new(lex: &'l Lexicon) -> Cast<'l> {
        Cast {
            lex,
            persons: Vec::new(),
            aliases: Default::default(),
            roles: BTreeMap::new(),
            recent: Vec::new(),
            topic: None,
            year: None,
            organs: BTreeMap::new(),
            heads: BTreeMap::new(),
            pair: None,
            pair_age: 0,
            home: None,
        }
    }

    /// Reads the whole article before its rules run, for what a short form
    /// may refer to before or after the full one: the body each head noun
    /// stands for, the state each organ is tied to («قوات النظام» before
    /// «نظام الأسد»), and the state «النظام» alone means when the article
    /// never ties it (the state it names most).
    pub(super) fn survey(&mut self, text: &str, sents: &[(scan::Range, Vec<scan::Item>)]) {
        let mut states: BTreeMap<u32, usize> = BTreeMap::new();
        for (_, items) in sents {
            for (k, it) in items.iter().enumerate() {
                let Some(a) = self.actor_at(it) else {
                    if let Some(g) = self.organ_at(it) {
                        if let Some(st) = items.get(k + 1).and_then(|n| self.tie_of(n)) {
                            self.organs.entry(g).or_insert(st);
                        }
                    }
                    continue;
                };
                let actor = self.known(a.0);
                // Where the events happen counts with who is named.
                let home = match actor.kind {
                    ActorType::State => Some(a.0),
                    ActorType::Place => actor
                        .country
                        .as_deref()
                        .and_then(|c| self.lex.actor_index(c)),
                    _ => None,
                };
                if let Some(h) = home {
                    *states.entry(h).or_default() += 1;
                }
                if a.1 != Via::Name
                    || !matches!(
                        actor.kind,
                        ActorType::Group | ActorType::Organization | ActorType::Place
                    )
                {
                    continue;
                }
                let Some((first, _)) = it.stem(text).split_once(' ') else {
                    continue;
                };
                let head = first.strip_prefix(ARTICLE).unwrap_or(first);
                // «القطاع» after «قطاع غزة», «الإقليم» after «إقليم كردستان».
                let place_head =
                    actor.kind == ActorType::Place && self.lex.classes.has(head, Class::PlaceHead);
                if !(place_head || actor.kind != ActorType::Place && self.is_head(head)) {
                    continue;
                }
                match self.heads.get(head) {
                    None => {
                        self.heads.insert(head.to_string(), Some(actor));
                    }
                    Some(Some(b)) if b.id != actor.id => {
                        self.heads.insert(head.to_string(), None);
                    }
                    _ => {}
                }
            }
        }
        // «النظام», «الجيش», «الشرطة» alone, in an article about one
        // state, are that state's; with no clear home state they stay
        // generic.
        let mut counts: Vec<(usize, u32)> = states.into_iter().map(|(s, c)| (c, s)).collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        // A clear home: named at least three times, half again as often as
        // any other state.
        self.home = match counts.as_slice() {
            [(c, s), rest @ ..] if *c >= 3 && rest.first().is_none_or(|n| 2 * n.0 < 3 * *c) => {
                Some(self.known(*s))
            }
            _ => None,
        };
    }

    /// The article's home state for a bare organ that has one («الجيش»,
    /// «النظام»), when the article tied it to no state.
    pub(super) fn home_of(&self, organ: u32) -> Option<ActorInfo> {
        self.lex.actors[organ as usize]
            .props
            .home
            .then(|| self.home.clone())
            .flatten()
    }

    /// The first payload of an item's lexicon form that `pick` accepts.
    pub(super) fn payload_at<T>(
        &self,
        it: &scan::Item,
        pick: impl Fn(&Payload) -> Option<T>,
    ) -> Option<T> {
        let scan::Kind::Hit(f) = it.kind else {
            return None;
        };
        self.lex.gazetteer.payloads(f).iter().find_map(pick)
    }

    /// The gazetteer actor an item names, and how.
    pub(super) fn actor_at(&self, it: &scan::Item) -> Option<(u32, Via)> {
        self.payload_at(it, |p| match *p {
            Payload::Actor { actor, via } => Some((actor, via)),
            _ => None,
        })
    }

    /// The generic node of a state organ (not a group) an item names.
    pub(super) fn organ_at(&self, it: &scan::Item) -> Option<u32> {
        self.payload_at(it, |p| match *p {
            Payload::Organ {
                actor,
                group: false,
            } => Some(actor),
            _ => None,
        })
    }

    /// The state an item right after an organ makes it: a state's name or
    /// nisba, or a person of that state («نظام الأسد»).
    pub(super) fn tie_of(&self, it: &scan::Item) -> Option<ActorInfo> {
        let (a, _) = self.actor_at(it)?;
        let a = self.known(a);
        match a.kind {
            ActorType::State | ActorType::Person => self.state_of(&a),
            _ => None,
        }
    }

    /// Whether a word (without the article) heads the names of bodies and
    /// stands for one of them alone: an organ or group noun of the lexicon
    /// («مقاومة»، «جيش») or a noun that names kinds of bodies.
    pub(super) fn is_head(&self, w: &str) -> bool {
        self.lex.classes.has(w, Class::BodyHead)
            || self.lex.gazetteer.longest_at(w, 0).is_some_and(|h| {
                h.end == w.len()
                    && self
                        .lex
                        .gazetteer
                        .payloads(h.form)
                        .iter()
                        .any(|p| matches!(p, Payload::Organ { .. }))
            })
    }

    pub(super) fn known(&self, i: u32) -> ActorInfo {
        let a = &self.lex.actors[i as usize];
        ActorInfo {
            id: a.id.clone(),
            label: a.label_ar.clone(),
            kind: a.kind,
            country: a.country.clone(),
        }
    }

    pub(super) fn by_id(&self, id: &str) -> Option<ActorInfo> {
        self.lex.actor_index(id).map(|i| self.known(i))
    }

    /// The state an actor belongs to (itself for a state).
    pub(super) fn state_of(&self, a: &ActorInfo) -> Option<ActorInfo> {
        match a.kind {
            ActorType::State => Some(a.clone()),
            _ => a
                .country
                .as_deref()
                .and_then(|c| self.by_id(c))
                .filter(|s| s.kind == ActorType::State),
        }
    }

    /// Remembers a person by the last word of the name used, the one
    /// news repeats («لافروف»): first names and titles are shared by many.
    pub(super) fn remember_person(&mut self, a: &ActorInfo, words: &[String]) {
        let Some(last) = words.last().filter(|w| w.chars().count() >= 4) else {
            return;
        };
        let words = vec![last.clone()];
        if !self
            .persons
            .iter()
            .any(|(w, p)| p.id == a.id && *w == words)
        {
            self.aliases
                .entry(words[0].clone())
                .or_insert_with(|| a.clone());
            self.persons.push((words, a.clone()));
        }
    }

    pub(super) fn saw(&mut self, a: &ActorInfo) {
        self.recent.retain(|r| r.id != a.id);
        self.recent.push(a.clone());
        if self.recent.len() > 16 {
            self.recent.remove(0);
        }
    }

    /// The item of the sentence that names `actor`, nearest the cue (before
    /// it for a subject, after it for an object, on a tie): where a viewer
    /// marks the side. `None` when the sentence names it by no item (a
    /// pronoun, a title, an actor of an earlier sentence).
    pub(super) fn named_at(
        &self,
        text: &str,
        items: &[scan::Item],
        actor: &Option<ActorInfo>,
        cue: usize,
        subject: bool,
    ) -> Option<usize> {
        let id = &actor.as_ref()?.id;
        let names = |it: &scan::Item| {
            self.actor_at(it)
                .is_some_and(|(a, _)| self.lex.actors[a as usize].id == *id)
                || self.aliases.get(it.stem(text)).is_some_and(|a| a.id == *id)
        };
        items
            .iter()
            .enumerate()
            .filter(|&(k, it)| k != cue && names(it))
            .min_by_key(|&(k, _)| (k.abs_diff(cue), (k < cue) != subject))
            .map(|(k, _)| k)
    }
}
