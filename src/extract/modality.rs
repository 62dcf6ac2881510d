//! Modality: how the text puts a cue (asserted, negated, hypothetical,
//! reported), from the markers before it and from what governs an event
//! noun.
//!
//! In: a cue item and its subject's phrase. Out: a [`Modality`] and the
//! rule (or `modality.tsv` row) that set it. What must hold: a marker
//! governs only the words right after it in its clause; the overrides
//! apply in the order [`super::frames`] asks them, the first deciding.

use super::{
    scan::Kind,
    sentence::{Mean, Sentence},
};
use crate::{
    classes::{ARTICLE, Class},
    schema::{Modality, Relation},
    trace::{Rule, RuleRef},
};

impl<'a> Sentence<'a, '_> {
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
    pub(super) fn conditional_before(&self, c: usize) -> bool {
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
    pub(super) fn event_frame(&self, c: usize, rel: Relation) -> Option<(Modality, Rule)> {
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
    pub(super) fn historical(&self) -> bool {
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
    pub(super) fn unanchored_event(&self, c: usize, rel: Relation) -> bool {
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
    pub(super) fn background_or_purpose(
        &self,
        c: usize,
        nominal: bool,
    ) -> Option<(Modality, Rule)> {
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

    /// A present verb after «أن» is a subjunctive (to do, not did): «أن
    /// يتم قصفها», «تخشى أن تهاجم»; and a noun that names a kind of act
    /// («قضية خطف», «جرائم قتل», «قائمة اغتيالات») is no event.
    pub(super) fn irrealis(&self, c: usize, nominal: bool) -> Option<(Modality, Rule)> {
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
}
