//! Mutual frames and the emitters: pairs joined by «بين», «مع» or a list,
//! a directed relation both ways between forces; the last passes over a
//! sentence (places within places, commentators).
//!
//! In: a mutual cue and the phrases around it. Out: mentions through
//! `emit`. What must hold: a symmetric relation among several parties
//! gives every pair (schema, "Several parties"); a directed act on a list
//! gives one mention per listed actor.

use super::{
    ActorInfo, Raw,
    frames::fits,
    sentence::{Mean, Sentence},
};
use crate::{
    classes::{ARTICLE, Class},
    lexicon::Via,
    schema::{ActorType, Modality, Relation},
    trace::Rule,
};

impl<'a> Sentence<'a, '_> {
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

    pub(super) fn emit_pairs(&mut self, g: &[ActorInfo], rel: Relation, m: Modality, c: usize) {
        for (x, a) in g.iter().enumerate() {
            for b in &g[x + 1..] {
                self.emit(Some(a.clone()), rel, Some(b.clone()), m, c);
            }
        }
    }

    /// «قال محللون إن …», «يرى خبراء أن …»: what commentators say is their
    /// reading of events, not an event: their sentence's interactions are
    /// `reported`.
    pub(super) fn analysts_speak(&mut self) {
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
    pub(super) fn nisba_of_named(&mut self) {
        for k in 0..self.phrases.len().saturating_sub(1) {
            let (p, q) = (&self.phrases[k], &self.phrases[k + 1]);
            let named = p.first == p.last
                && matches!(&self.means[p.first], Mean::Actor(a, Via::Name) if matches!(a.kind, ActorType::Place | ActorType::Organization | ActorType::Group));
            // «مدينة ليون الفرنسية»: a town the gazetteer lacks, named after
            // its town noun.
            let town = p.actors.len() == 1
                && p.actors[0].kind == ActorType::Place
                && p.first < p.last
                && matches!(self.means[p.last], Mean::Word);
            let named = named || town;
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
    pub(super) fn places_within(&mut self) {
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
