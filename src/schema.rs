//! The names of the schema (`shared/spec/schema.md`): actor types, relation
//! types with their families, and modalities.
//!
//! These are closed sets: lexicons and gold files name them as strings, and
//! `FromStr` rejects anything else with the list of what is allowed.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $name {
            /// Every value, in schema order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The schema's name for it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.trim() {
                    $($s => Ok($name::$var),)+
                    other => Err(format!(
                        "expected one of {}, found {:?}",
                        [$($s),+].join(", "),
                        other
                    )),
                }
            }
        }
    };
}

string_enum! {
    /// What kind of thing an actor is.
    ActorType {
        /// A sovereign or de facto state.
        State => "state",
        /// A person.
        Person => "person",
        /// An international, national or private organization.
        Organization => "organization",
        /// A region, city or other place.
        Place => "place",
        /// An armed group, party, movement or generic group.
        Group => "group",
    }
}

string_enum! {
    /// An edge type.
    Relation {
        /// Person heads a state, government or organization.
        LeaderOf => "leader_of",
        /// Person holds another office in an actor.
        OfficialOf => "official_of",
        /// State or organization is a member of an organization.
        MemberOf => "member_of",
        /// Place lies within a place; body belongs to a larger body.
        PartOf => "part_of",
        /// Standing alliance (symmetric).
        AlliedWith => "allied_with",
        /// Actor holds or occupies territory.
        Controls => "controls",
        /// Actor keeps forces or a base in a place.
        DeployedIn => "deployed_in",
        /// Agree, sign, promise (symmetric).
        Agree => "agree",
        /// Talks, meetings, visits, calls (symmetric).
        Consult => "consult",
        /// Verbal support, praise, congratulation.
        Support => "support",
        /// Verbal concession, regret.
        Concede => "concede",
        /// Working together (symmetric).
        Cooperate => "cooperate",
        /// Material help, arms supply.
        Aid => "aid",
        /// Material retreat, release.
        Retreat => "retreat",
        /// Ask, appeal, demand.
        Request => "request",
        /// Accuse, blame, condemn.
        Accuse => "accuse",
        /// Reject, refuse, deny.
        Reject => "reject",
        /// Threaten, warn.
        Threaten => "threaten",
        /// Demonstrations, strikes.
        Protest => "protest",
        /// Cut relations, sanctions, expulsions.
        Sanction => "sanction",
        /// Military posturing, exercises, deployments.
        Mobilize => "mobilize",
        /// Arrest, seize, repress.
        Coerce => "coerce",
        /// Armed attack, shelling, combat.
        Assault => "assault",
        /// Third party mediates between parties.
        Mediate => "mediate",
    }
}

/// The three families a relation belongs to, for colouring and filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Facts that hold over time.
    Standing,
    /// Verbal and material cooperation.
    Cooperation,
    /// Verbal and material conflict.
    Conflict,
}

impl Family {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Standing => "standing",
            Family::Cooperation => "cooperation",
            Family::Conflict => "conflict",
        }
    }
}

impl Relation {
    /// Whether the relation connects the same pair whichever way round.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            Relation::Agree | Relation::Consult | Relation::Cooperate | Relation::AlliedWith
        )
    }

    /// The relation's family.
    pub fn family(self) -> Family {
        use Relation::*;
        match self {
            LeaderOf | OfficialOf | MemberOf | PartOf | AlliedWith | Controls | DeployedIn => {
                Family::Standing
            }
            Agree | Consult | Support | Concede | Cooperate | Aid | Retreat | Request | Mediate => {
                Family::Cooperation
            }
            Accuse | Reject | Threaten | Protest | Sanction | Mobilize | Coerce | Assault => {
                Family::Conflict
            }
        }
    }
}

string_enum! {
    /// How the text puts a triple.
    Modality {
        /// Stated as fact.
        Asserted => "asserted",
        /// Possible, intended, conditional, future.
        Hypothetical => "hypothetical",
        /// Denied or said not to happen.
        Negated => "negated",
        /// The claim of a party, inside an accusation or allegation.
        Reported => "reported",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Relation::ALL {
            assert_eq!(r.as_str().parse::<Relation>().unwrap(), *r);
        }
        assert_eq!(Relation::ALL.len(), 24);
        assert!(
            "attack"
                .parse::<Relation>()
                .unwrap_err()
                .contains("assault")
        );
    }
}
