//! Mutual frames and the emitters: pairs joined by «بين», «مع» or a list,
//! a directed relation both ways between forces; the last passes over a
//! sentence (places within places).
//!
//! In: a mutual cue and the phrases around it. Out: mentions through
//! `emit`. What must hold: a symmetric relation among several parties
//! gives every pair (schema, "Several parties"); a directed act on a list
//! gives one mention per listed actor.

use super::{ActorInfo, Raw, frames::Frames, frames::fits, tokens::Mean};
use crate::{
    classes::{ARTICLE, Class},
    lexicon::Via,
    schema::{ActorType, Modality, Relation},
    trace::Rule,
};

impl<'a> Frames<'_, 'a, '_> {
    /// A mutual cue of a directed relation («اشتباكات بين X وY», «تبادل
    /// إطلاق النار») holds both ways.
    pub(super) fn mutual(
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

    pub(super) fn mutual_one_way(
        &mut self,
        c: usize,
        rel: Relation,
        before: Option<usize>,
        m: Modality,
        nominal: bool,
    ) {
        // «روسيا على اتصال مع تركيا»: a noun after على is predicated of the
        // subject before it; other nouns take no distant subject.
        let predicative = (c > 0 && self.tok.mean_prep(c - 1, Class::PredicativePrep))
            || self.tok.items[c]
                .stem(self.tok.text)
                .split_once(' ')
                .is_some_and(|(w, _)| self.tok.is(w, Class::PredicativePrep));
        let before = before.or_else(|| {
            if !nominal || predicative {
                self.phrase_before(c)
            } else {
                None
            }
        });
        let after = self.phrases_after(c + 1, rel);
        // «بين X وY»
        let between = (c + 1..(c + 7).min(self.tok.items.len()))
            .find(|&k| self.tok.mean_prep(k, Class::BetweenPrep));
        if let Some(b) = between {
            if let Some(&p) = after.iter().find(|&&p| self.ch.phrases[p].first > b) {
                let g = self.ch.group_actors(p);
                // «بين طهران من جهة وبريطانيا والصين … من جهة أخرى»: two
                // sides, each paired with every member of the other.
                let last = self
                    .ch
                    .phrases
                    .iter()
                    .filter(|q| q.group == self.ch.phrases[p].group)
                    .map(|q| q.last)
                    .max()
                    .unwrap_or(self.ch.phrases[p].last);
                let one_side = last + 1 < self.tok.items.len()
                    && self.tok.mean_prep(last + 1, Class::FromPrep)
                    && self
                        .tok
                        .items
                        .get(last + 2)
                        .is_some_and(|_| self.tok.is(self.tok.word(last + 2), Class::SideNoun));
                let other = after
                    .iter()
                    .find(|&&q| self.ch.phrases[q].first > last + 2)
                    .map(|&q| self.ch.group_actors(q));
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
        let partner = after.iter().copied().find(|&p| {
            self.tok
                .prep_in(self.ch.phrases[p].prep, Class::PartnerPrep)
        });
        if let Some(p) = partner {
            let partners = self.ch.group_actors(p);
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
                    && self.ch.phrases[q].prep.is_none()
                    && self.ch.phrases[q].first < self.ch.phrases[p].first
            });
            let selves = before
                .filter(|_| !nominal || self.tok.items[c].prefix.is_empty())
                .or(between_subject)
                .or(clause_subject)
                .map(|b| self.ch.group_actors(b))
                .or_else(|| self.sentence_topic(c).map(|t| vec![t]))
                .unwrap_or_default();
            self.by(Rule::MutualPartner);
            self.emit_all(&selves, rel, &partners, m, c);
            return;
        }
        if let Some(b) = before {
            let g = self.ch.group_actors(b);
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
                let o = self.ch.group_actors(p);
                self.by(Rule::MutualSubjectObject);
                self.emit_all(&g, rel, &o, m, c);
                return;
            }
        }
        if let Some(&p) = after.first() {
            let g = self.ch.group_actors(p);
            if g.len() >= 2 {
                self.by(Rule::MutualList);
                self.emit_pairs(&g, rel, m, c);
                return;
            }
            if let Some(&q) = after.get(1).filter(|_| !nominal) {
                let o = self.ch.group_actors(q);
                self.by(Rule::MutualSubjectObject);
                self.emit_all(&g, rel, &o, m, c);
                return;
            }
        }
        // A dual verb or pronoun with no names: the pair in play in this
        // sentence («لكنهما اتفقتا»).
        let pair = self
            .ch
            .phrases
            .iter()
            .rev()
            .filter(|p| p.last < c && p.prep.is_none())
            .find_map(|p| {
                let g = self.ch.group_actors(
                    self.ch
                        .phrases
                        .iter()
                        .position(|q| q.group == p.group)
                        .unwrap_or(0),
                );
                (g.len() >= 2).then_some(g)
            });
        // «محادثاتهما»: a dual or plural pronoun on a noun is the pair.
        let owned_by_pair = self
            .tok
            .lex
            .classes
            .ends(self.tok.word(c), Class::PairSuffix)
            && self.tok.items[c].suffix_len > 0;
        // «أجرت روسيا وأوكرانيا محادثات»: the pair just before a noun.
        let near_pair = self
            .ch
            .phrases
            .iter()
            .rev()
            .find(|p| p.last < c)
            .filter(|p| {
                c - p.last <= 3 && p.prep.is_none_or(|x| self.tok.is(x, Class::BetweenPrep))
            })
            .map(|p| {
                let first = self
                    .ch
                    .phrases
                    .iter()
                    .position(|q| q.group == p.group)
                    .unwrap_or(0);
                self.ch.group_actors(first)
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

    pub(super) fn emit_all(
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
        // «احتشد الآلاف من المتظاهرين»: the crowd a demonstration counts
        // after من demonstrates; it is not what they protest against.
        let counted: Vec<ActorInfo>;
        let (subj, obj) = if rel == Relation::Protest
            && subj.is_empty()
            && !obj.is_empty()
            && obj.iter().all(|a| self.is_crowd(a))
        {
            self.by(Rule::CrowdCounted);
            counted = obj.to_vec();
            (counted.as_slice(), &[][..])
        } else {
            (subj, obj)
        };
        let crowd;
        let subj = if subj.is_empty()
            && rel == Relation::Protest
            && (!self.tok.items[c].has_prep() || self.marched_for(c))
            && !self.tok.items[c].prefix.contains(ARTICLE)
        {
            // «تظاهر الآلاف»: a demonstration named by its verb has
            // demonstrators even when the text counts rather than names them.
            crowd = self
                .tok
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
        // «قتله بالرصاص في باكستان»: a verb whose object is its pronoun
        // has no scene for an object.
        let pronoun_object = self.tok.pronoun_suffixed(c);
        let scene;
        let obj = if obj.is_empty() && rel == Relation::Assault && !pronoun_object {
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

    /// «مليون متظاهر خرجوا تحت حماية البوليس للاحتجاج على قرار»: a noun
    /// of purpose after a verb of going out in its clause names what the
    /// crowd went out and did.
    fn marched_for(&self, c: usize) -> bool {
        self.tok.items[c].prep().is_some()
            && (c.saturating_sub(12)..c)
                .rev()
                .take_while(|&k| !self.stop_at(k))
                .any(|k| {
                    matches!(self.tok.means[k], Mean::Word)
                        && self.tok.find(self.tok.word(k), Class::MarchVerb).is_some()
                })
    }

    fn stop_at(&self, k: usize) -> bool {
        matches!(
            self.tok.means[k],
            Mean::Boundary | Mean::Punct('.' | ':' | '?' | '!' | ';')
        )
    }

    /// Whether `a` is the crowd node (`organs.tsv` props `crowd`).
    fn is_crowd(&self, a: &ActorInfo) -> bool {
        self.tok
            .lex
            .actors
            .iter()
            .any(|x| x.props.crowd && x.id == a.id)
    }

    pub(super) fn emit_pairs(&mut self, g: &[ActorInfo], rel: Relation, m: Modality, c: usize) {
        for (x, a) in g.iter().enumerate() {
            for b in &g[x + 1..] {
                self.emit(Some(a.clone()), rel, Some(b.clone()), m, c);
            }
        }
    }

    /// «مدينة الصخيرات الساحلية المغربية», «قوات الباسيج الإيرانية»: a named
    /// place, organization or group followed by a state's nisba lies in or
    /// belongs to that state.
    pub(super) fn nisba_of_named(&mut self) {
        for k in 0..self.ch.phrases.len().saturating_sub(1) {
            let (p, q) = (&self.ch.phrases[k], &self.ch.phrases[k + 1]);
            let named = p.first == p.last
                && matches!(&self.tok.means[p.first], Mean::Actor(a, Via::Name) if matches!(a.kind, ActorType::Place | ActorType::Organization | ActorType::Group));
            // «مدينة ليون الفرنسية»: a town the gazetteer lacks, named after
            // its town noun.
            let town = p.actors.len() == 1
                && p.actors[0].kind == ActorType::Place
                && p.first < p.last
                && matches!(self.tok.means[p.last], Mean::Word);
            let named = named || town;
            let nisba = q.first == q.last
                && q.prep.is_none()
                && matches!(&self.tok.means[q.first], Mean::Actor(a, Via::Nisba) if a.kind == ActorType::State);
            let gap_ok = q.first - p.last <= 3
                && (p.last + 1..q.first).all(|j| {
                    matches!(self.tok.means[j], Mean::Word)
                        && self.tok.word(j).starts_with(ARTICLE)
                        && self.tok.cues[j].is_empty()
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
    pub(super) fn places_within(&mut self) {
        self.nisba_of_named();
        for k in 0..self.ch.phrases.len() {
            let p = &self.ch.phrases[k];
            if p.actors.len() != 1 || p.actors[0].kind != ActorType::Place {
                continue;
            }
            let Some(q) = self.ch.phrases.get(k + 1) else {
                continue;
            };
            let direction = (p.last + 1..q.first).any(|j| {
                matches!(self.tok.means[j], Mean::Word)
                    && self.tok.is(self.tok.word(j), Class::Direction)
            });
            // «براس لانوف وسرت»: a conjunct shares the preposition of the
            // list; it is beside the first place, not around it.
            if (!self.tok.prep_in(q.prep, Class::WithinPrep) && !direction)
                || q.group == p.group
                || q.actors.len() != 1
                || !matches!(q.actors[0].kind, ActorType::Place | ActorType::State)
            {
                continue;
            }
            let gap_ok = (p.last + 1..q.first).all(|j| match &self.tok.means[j] {
                Mean::Prep(p) if self.tok.is(p, Class::InPrep) => true,
                Mean::Word => {
                    let w = self.tok.word(j);
                    self.tok.is(w, Class::Direction)
                        || self.tok.place_noun(w)
                        || w.starts_with(ARTICLE)
                            && w.chars().count() > 4
                            && self.tok.cues[j].is_empty()
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
