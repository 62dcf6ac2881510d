//! Rewrites: the last stage over a sentence's mentions, rules that read
//! the mentions the frames made and change them.
//!
//! In: the sentence's tokens and chunks and its [`Raw`] mentions. Out: the
//! same mentions, some rewritten, each rewrite adding its rule id to the
//! mention's chain (`link.condemned`, `link.threatened`,
//! `modality.analysts`). What must hold: a rewrite never adds or drops a
//! mention, and never changes one without recording why.

use super::{
    Raw,
    chunk::Chunks,
    tokens::{Mean, Tokens},
};
use crate::{
    schema::{Modality, Relation},
    trace::Rule,
};

/// Applies every rewrite to one sentence's mentions.
pub(super) fn rewrite(tok: &Tokens<'_, '_>, ch: &Chunks<'_>, mut out: Vec<Raw>) -> Vec<Raw> {
    condemned_events(&mut out);
    analysts_speak(tok, ch, &mut out);
    out
}

/// «أدان أردوغان هجمات شنتها أرمينيا على أذربيجان»: condemning an
/// attack accuses its agent; threatening an attack threatens its target.
fn condemned_events(out: &mut [Raw]) {
    let mut fills = Vec::new();
    for (k, r) in out.iter().enumerate() {
        if !matches!(r.relation, Relation::Accuse | Relation::Threaten)
            || r.object.is_some()
            || r.subject.is_none()
        {
            continue;
        }
        let event = out
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
        if out[k].subject.as_ref().is_some_and(|s| s.id != agent.id) {
            out[k].object = Some(agent);
            out[k].rules.push(why.into());
        }
    }
}

/// «قال محللون إن …», «يرى خبراء أن …»: what commentators say is their
/// reading of events, not an event: their sentence's interactions are
/// `reported`.
fn analysts_speak(tok: &Tokens<'_, '_>, ch: &Chunks<'_>, out: &mut [Raw]) {
    let speaker = ch
        .phrases
        .iter()
        .find(|p| p.prep.is_none() && !p.adjectival);
    let commentators = speaker.is_some_and(|p| {
        matches!(tok.means[p.first], Mean::Organ(g, _)
            if tok.lex.actors[g as usize].props.commentator)
    });
    if commentators {
        for r in out.iter_mut() {
            if r.relation.family() != crate::schema::Family::Standing
                && r.modality == Modality::Asserted
            {
                r.modality = Modality::Reported;
                r.rules.push(Rule::ModalAnalysts.into());
            }
        }
    }
}
