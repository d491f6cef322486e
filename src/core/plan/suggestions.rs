//! Suggested lines for each section: by stage, for a young person, and ordered by what
//! matters most to the person now. Suggestions are message ids; the UI translates them,
//! and accepting one copies the translated text into the plan (see [`super::Plan::accept_suggestion`]).
//!
//! When staying, suggestions are about staying safer (harm reduction); nothing asks the
//! person to leave (NCAP brief, "Build trust and self-efficacy with survivors"). Nothing
//! here reports anything to anyone: every line is something she may choose to do.

use super::{Plan, Priority, SectionId, Stage};
use crate::core::sources::Topic;

/// Message ids of the suggestions for a section at a stage, for an adult (`None`: the
/// person has not said where they are; general suggestions only).
pub fn suggestions(section: SectionId, stage: Option<Stage>) -> &'static [&'static str] {
    use SectionId as S;
    use Stage as St;
    match (section, stage) {
        // Control-based signs first: drinking is a sign, not a cause (content review §1.3).
        (S::WarningSigns, _) => &[
            "plan-sug-signs-3",
            "plan-sug-signs-2",
            "plan-sug-signs-owe",
            "plan-sug-signs-move",
            "plan-sug-signs-report",
            "plan-sug-signs-family",
            "plan-sug-signs-1",
        ],
        (S::SafePlaces, Some(St::Staying)) => &[
            "plan-sug-places-room",
            "plan-sug-places-neighbour",
            "plan-sug-places-open-late",
        ],
        (S::SafePlaces, Some(St::Left)) => &["plan-sug-places-friend", "plan-sug-places-shelter"],
        (S::SafePlaces, _) => &[
            "plan-sug-places-friend",
            "plan-sug-places-open-late",
            "plan-sug-places-shelter",
        ],
        (S::People, _) => &[],
        (S::Children, Some(St::Staying)) => &[
            "plan-sug-children-room",
            "plan-sug-children-code",
            "plan-sug-children-safe-adults",
            "plan-sug-children-what-say",
            "plan-sug-children-call-other",
            "plan-sug-children-call",
            "plan-sug-children-cps",
            "plan-sug-children-used",
        ],
        (S::Children, Some(St::Left)) => &[
            "plan-sug-children-school",
            "plan-sug-children-code",
            "plan-sug-children-safe-adults",
            "plan-sug-children-custody",
            "plan-sug-children-cps",
            "plan-sug-children-used",
        ],
        (S::Children, _) => &[
            "plan-sug-children-code",
            "plan-sug-children-safe-adults",
            "plan-sug-children-what-say",
            "plan-sug-children-bag",
            "plan-sug-children-school",
            "plan-sug-children-custody",
            "plan-sug-children-cps",
            "plan-sug-children-used",
        ],
        (S::Documents, _) => &[],
        (S::Control, _) => &[
            "plan-sug-control-papers",
            "plan-sug-control-replace",
            "plan-sug-control-immigration",
            "plan-sug-control-debt",
            "plan-sug-control-work",
            "plan-sug-control-network",
            "plan-sug-people-network",
            "plan-sug-control-police",
        ],
        (S::Money, Some(St::Staying)) => &["plan-sug-money-cash", "plan-sug-money-own-account"],
        (S::Money, Some(St::Left)) => &["plan-sug-money-accounts", "plan-sug-money-work"],
        (S::Money, _) => &[
            "plan-sug-money-cash",
            "plan-sug-money-own-account",
            "plan-sug-money-work",
        ],
        (S::Tech, Some(St::Left)) => &[
            "plan-sug-tech-location",
            "plan-sug-tech-passwords",
            "plan-sug-tech-new-phone",
            "plan-sug-tech-limits",
        ],
        (S::Tech, _) => &[
            "plan-sug-tech-careful",
            "plan-sug-tech-location",
            "plan-sug-tech-safer-phone",
            "plan-sug-tech-limits",
        ],
        (S::Notes, Some(St::Staying)) => &["plan-sug-notes-staying", "plan-sug-notes-danger"],
        (S::Notes, Some(St::Thinking)) => &["plan-sug-notes-thinking", "plan-sug-notes-danger"],
        (S::Notes, Some(St::Leaving)) => &["plan-sug-notes-leaving", "plan-sug-notes-danger"],
        (S::Notes, Some(St::Left)) => &["plan-sug-notes-left"],
        (S::Notes, None) => &["plan-sug-notes-thinking", "plan-sug-notes-danger"],
    }
}

/// Suggestions for a young person (under 18), where they differ from an adult's. `None`:
/// the adult list fits.
pub fn youth_suggestions(section: SectionId) -> Option<&'static [&'static str]> {
    use SectionId as S;
    Some(match section {
        S::WarningSigns => &[
            "plan-sug-youth-signs-older",
            "plan-sug-signs-3",
            "plan-sug-signs-2",
            "plan-sug-signs-owe",
            "plan-sug-signs-move",
            "plan-sug-signs-family",
        ],
        S::SafePlaces => &[
            "plan-sug-youth-places-drop-in",
            "plan-sug-youth-places-friend",
            "plan-sug-places-open-late",
        ],
        S::Money => &[
            "plan-sug-youth-money-basics",
            "plan-sug-youth-money-trade",
            "plan-sug-money-cash",
        ],
        S::Notes => &[
            "plan-sug-youth-notes-not-fault",
            "plan-sug-youth-notes-foster",
            "plan-sug-youth-people-ask",
        ],
        _ => return None,
    })
}

/// What a suggestion is about, for ordering by the person's priorities.
pub fn priorities_of(id: &str) -> &'static [Priority] {
    use Priority as P;
    match id {
        s if s.starts_with("plan-sug-children-") => &[P::Children],
        "plan-sug-signs-family" => &[P::Children, P::Relationship],
        "plan-sug-places-shelter"
        | "plan-sug-places-friend"
        | "plan-sug-youth-places-drop-in"
        | "plan-sug-youth-places-friend" => &[P::Housing],
        "plan-sug-youth-money-basics" => &[P::Housing, P::Money],
        s if s.starts_with("plan-sug-money-") => &[P::Money],
        "plan-sug-control-debt" | "plan-sug-signs-owe" | "plan-sug-youth-money-trade" => {
            &[P::Money]
        }
        "plan-sug-control-work" => &[P::Money],
        "plan-sug-control-immigration"
        | "plan-sug-control-papers"
        | "plan-sug-control-replace"
        | "plan-sug-signs-report" => &[P::Immigration],
        "plan-sug-signs-1" | "plan-sug-signs-2" | "plan-sug-signs-3" => &[P::Relationship],
        "plan-sug-notes-staying" | "plan-sug-notes-thinking" | "plan-sug-notes-leaving" => {
            &[P::Relationship]
        }
        "plan-sug-notes-danger" => &[P::Relationship, P::Health],
        "plan-sug-youth-notes-not-fault" => &[P::Health],
        _ => &[],
    }
}

/// The suggestions the plan shows for a section: the youth list when the person said they
/// are under 18, then ordered by their priorities (a suggestion about the first priority
/// comes first; the order within each group is kept; suggestions about none come last).
pub fn ordered(section: SectionId, plan: &Plan) -> Vec<&'static str> {
    let base = if plan.youth {
        youth_suggestions(section).unwrap_or_else(|| suggestions(section, plan.stage))
    } else {
        suggestions(section, plan.stage)
    };
    let rank = |id: &&str| {
        priorities_of(id)
            .iter()
            .filter_map(|p| plan.priorities.iter().position(|x| x == p))
            .min()
            .unwrap_or(plan.priorities.len())
    };
    let mut out = base.to_vec();
    out.sort_by_key(rank); // stable
    out
}

/// The topics whose sources back what a section says ("About this information").
pub fn topics(section: SectionId, youth: bool) -> Vec<Topic> {
    use SectionId as S;
    let mut t = match section {
        S::WarningSigns => vec![Topic::Brief, Topic::Trafficking],
        S::SafePlaces | S::People | S::Notes => vec![Topic::Brief, Topic::Danger],
        S::Children => vec![Topic::Children, Topic::MandatedReporting],
        S::Documents => vec![Topic::Documents, Topic::Immigration],
        S::Control => vec![Topic::Trafficking, Topic::Documents, Topic::Immigration],
        S::Money => vec![Topic::Trafficking],
        S::Tech => vec![Topic::Tech],
    };
    if youth {
        t.push(Topic::Youth);
    }
    t
}

/// Every suggestion id the app can show (for translation checks).
pub fn all_suggestion_ids() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in SectionId::ALL {
        let youth = youth_suggestions(s).unwrap_or(&[]);
        for st in Stage::ALL.into_iter().map(Some).chain([None]) {
            for id in suggestions(s, st).iter().chain(youth) {
                if !out.contains(id) {
                    out.push(id);
                }
            }
        }
    }
    out
}

/// Message ids of the stage-specific introduction shown at the top of the plan.
pub fn stage_intro_id(stage: Option<Stage>) -> &'static str {
    match stage {
        None => "plan-intro-none",
        Some(Stage::Staying) => "plan-intro-staying",
        Some(Stage::Thinking) => "plan-intro-thinking",
        Some(Stage::Leaving) => "plan-intro-leaving",
        Some(Stage::Left) => "plan-intro-left",
    }
}
