//! Modality: how the text puts a cue (asserted, negated, hypothetical,
//! reported), from the markers before it and from what governs an event
//! noun.
//!
//! In: a cue item and its subject's phrase. Out: a [`Modality`] and the
//! rule (or `modality.tsv` row) that set it. What must hold: a marker
//! governs only the words right after it in its clause; the overrides
//! apply in the order [`super::frames`] asks them, the first deciding.

use super::{frames::Frames, scan::Kind, tokens::Mean};
use crate::{
    classes::{ARTICLE, Class},
    schema::{Modality, Relation},
    trace::{Rule, RuleRef},
};

impl<'a> Frames<'_, 'a, '_> {
    /// The modality of the cue at `c` from the markers before it in its
    /// clause, with the rule (or marker row) that set it, if not asserted.
    pub(super) fn modality(
        &self,
        c: usize,
        subject_at: Option<usize>,
    ) -> (Modality, Option<RuleRef>) {
        // A marker governs the words right after it: «لم تهاجم»، «لا يستبعد
        // إقامة»، «إسرائيل لن تهاجم». Looking further back, past an actor,
        // finds markers of other clauses («أخفقت أرمينيا ... خلال محادثاتهما»).
        let lo = subject_at
            .map(|s| self.ch.phrases[s].last + 1)
            .unwrap_or(0)
            .max(c.saturating_sub(3));
        let mut m = Modality::Asserted;
        let mut why = None;
        for k in (lo..c).rev() {
            if matches!(self.tok.means[k], Mean::Boundary) || self.ch.phrase_at[k].is_some() {
                break;
            }
            if let Some(x) = self.tok.modals[k] {
                // «قد هدد»: قد before a past verb asserts; before a present
                // verb («قد يهدد») it is «may».
                let past = !matches!(
                    self.tok.items[c].stem(self.tok.text).chars().next(),
                    Some('ي' | 'ت' | 'ن')
                );
                if matches!(self.tok.means[k], Mean::Word)
                    && self.tok.is(self.tok.word(k), Class::Qad)
                    && past
                {
                    why = Some(Rule::ModalQadPast.into());
                    break;
                }
                m = x;
                why = Some(RuleRef::Modal(self.tok.modal_lines[k]));
                break;
            }
        }
        if m == Modality::Asserted && self.tok.items[c].prefix.ends_with('س') {
            m = Modality::Hypothetical;
            why = Some(Rule::ModalFuture.into());
        }
        if m == Modality::Asserted && self.conditional_before(c) {
            m = Modality::Hypothetical;
            why = Some(Rule::ModalConditional.into());
        }
        if m == Modality::Asserted
            && self
                .tok
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
    pub(super) fn conditional_before(&self, c: usize) -> bool {
        for k in (c.saturating_sub(12)..c).rev() {
            if matches!(self.tok.means[k], Mean::Boundary) {
                return false;
            }
            if matches!(self.tok.means[k], Mean::Word)
                && self
                    .tok
                    .find(self.tok.word(k), Class::Conditional)
                    .is_some()
            {
                return true;
            }
        }
        false
    }

    /// How an event noun is framed: the object of a reaction, a report or
    /// a threat («استنكرت الهجوم»، «حذر من هجوم») is talk about an event,
    /// and an event dated to a past year is history, not news.
    pub(super) fn event_frame(&self, c: usize, rel: Relation) -> Option<(Modality, Rule)> {
        if rel.family() == crate::schema::Family::Standing {
            return None;
        }
        for k in (c.saturating_sub(8)..c).rev() {
            if matches!(self.tok.means[k], Mean::Boundary) {
                break;
            }
            match self.tok.modals[k] {
                Some(m @ (Modality::Reported | Modality::Hypothetical)) => {
                    return Some((m, Rule::ModalEventFrame));
                }
                // «نفى مقتل أي من الرهائن»: a denial verb, not a particle.
                Some(Modality::Negated) if !self.tok.cues[k].is_empty() => {
                    return Some((Modality::Negated, Rule::ModalEventFrame));
                }
                _ => {}
            }
        }
        self.historical(c)
            .then_some((Modality::Reported, Rule::ModalHistorical))
    }

    /// An event dated to an earlier year than the article's («في أغسطس
    /// 2006»، «عام 1988») is history, not the news being reported. Without
    /// the article's date any year counts.
    pub(super) fn historical(&self, c: usize) -> bool {
        let year = |k: usize| {
            let w = self.tok.word(k);
            let year = (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                .then(|| w.parse::<u32>().ok())
                .flatten();
            match (year, self.tok.year) {
                (Some(y), Some(now)) => (1900..now).contains(&y),
                (Some(y), None) => (1900..2100).contains(&y),
                _ => false,
            }
        };
        // Only in the event's own clause: «أعلنت الوزارة أمس أن … اختطاف»
        // dates the announcement.
        let apart = |k: usize| {
            (k.min(c) + 1..k.max(c)).any(|j| {
                matches!(self.tok.means[j], Mean::Boundary)
                    || self
                        .tok
                        .find(self.tok.word(j), Class::Complementizer)
                        .is_some()
            })
        };
        let now = |k: usize| {
            self.tok
                .find(self.tok.word(k), Class::PresentTime)
                .is_some()
                && !apart(k)
        };
        let nearest = |f: &dyn Fn(usize) -> bool| {
            (0..self.tok.items.len())
                .filter(|&k| f(k))
                .map(|k| k.abs_diff(c))
                .min()
        };
        // «تظاهر الآلاف أمس … منذ انقلاب عام 2006»: the word nearer the
        // event dates it.
        match (nearest(&year), nearest(&now)) {
            (Some(y), Some(n)) => y < n,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }

    /// An attack, arrest or protest in a sentence with no casualty, scene
    /// or source is a reference, an analysis or a general statement
    /// («اغتيال الحريري»، «تستهدف المدنيين»), not the report of an event:
    /// news reports an event with its toll, its scene or who tells of it.
    pub(super) fn unanchored_event(&self, c: usize, rel: Relation) -> bool {
        self.tok.has_anchors
            && matches!(
                rel,
                Relation::Assault | Relation::Coerce | Relation::Protest
            )
            && !self.tok.anchors.iter().any(|&a| a != c)
    }

    /// An attack in a relative clause describes a noun («الوزير الذي اغتيل
    /// في نوفمبر») and is background, not the news; one named as the time of
    /// another («بعد سلسلة ضربات جوية») is an earlier event; a verbal noun of
    /// purpose («بالتخطيط لضرب الوزارة») is a plan, not an act.
    pub(super) fn background_or_purpose(
        &self,
        c: usize,
        nominal: bool,
    ) -> Option<(Modality, Rule)> {
        let relative =
            (c.saturating_sub(3)..c).any(|k| matches!(self.tok.means[k], Mean::Relative));
        let dated_by = nominal
            && (c.saturating_sub(3)..c).any(|k| {
                matches!(self.tok.means[k], Mean::TopicPrep | Mean::Word)
                    && self.tok.find(self.tok.word(k), Class::DatedBy).is_some()
            });
        if relative || dated_by {
            return Some((Modality::Reported, Rule::ModalBackground));
        }
        (nominal
            && self.tok.items[c].prep() == Some('ل')
            && !self.tok.items[c].prefix.contains(ARTICLE))
        .then_some((Modality::Hypothetical, Rule::ModalPurpose))
    }

    /// A present verb after «أن» is a subjunctive (to do, not did): «أن
    /// يتم قصفها», «تخشى أن تهاجم»; and a noun that names a kind of act
    /// («قضية خطف», «جرائم قتل», «قائمة اغتيالات») is no event.
    pub(super) fn irrealis(&self, c: usize, nominal: bool) -> Option<(Modality, Rule)> {
        let plain = |k: usize| matches!(self.tok.means[k], Mean::Word);
        // «كان يستعد لشن هجوم على القنصلية»: the noun of a verb of purpose
        // is planned, not done.
        if nominal
            && c > 0
            && self.tok.items[c - 1].prep() == Some('ل')
            && !self.tok.items[c - 1].prefix.contains(ARTICLE)
            && !self.tok.cues[c - 1].is_empty()
        {
            return Some((Modality::Hypothetical, Rule::ModalPlanned));
        }
        if nominal {
            // «الهجوم», «المظاهرات», «احتجاجهم»: a definite event noun
            // points back to an event already known, it does not report one.
            let it = &self.tok.items[c];
            let tail = &self.tok.text[it.range.end - it.suffix_len..it.range.end];
            let possessed = self.tok.lex.classes.ends(tail, Class::PossessiveSuffix);
            let definite =
                (it.prefix.contains(ARTICLE) || possessed) && !it.stem(self.tok.text).contains(' ');
            let kind = c > 0
                && plain(c - 1)
                && self
                    .tok
                    .find(self.tok.word(c - 1), Class::KindOfAct)
                    .is_some();
            return match (kind, definite) {
                (true, _) => Some((Modality::Reported, Rule::ModalKindOfAct)),
                (false, true) => Some((Modality::Reported, Rule::ModalDefiniteEvent)),
                _ => None,
            };
        }
        let w = self.tok.items[c].stem(self.tok.text);
        let present = w.starts_with(['ي', 'ت', 'ن']) && self.tok.items[c].prefix.is_empty();
        let subjunctive = |k: usize| plain(k) && self.tok.is(self.tok.word(k), Class::Subjunctive);
        let after_an = c > 0 && present && subjunctive(c - 1);
        let after_an_yatim = c > 1
            && plain(c - 1)
            && self.tok.is(self.tok.word(c - 1), Class::PassiveAux)
            && subjunctive(c - 2);
        (after_an || after_an_yatim).then_some((Modality::Hypothetical, Rule::ModalSubjunctive))
    }
}
