//! Safety plan model: the person's own plan, in sections they may fill, skip or reorder.
//!
//! Nothing here is pre-filled as fact. Templates only *suggest* lines ([`suggestions`]);
//! a suggestion becomes part of the plan only when the person accepts it
//! ([`Plan::accept_suggestion`]), which copies its text into theirs.
//!
//! Suggestions adapt to where the person is now ([`Stage`]). When they are staying, the
//! suggestions are about harm reduction and never push them to leave: survivors may not be
//! ready to leave, and help must not depend on it (NCAP brief, "Build trust and
//! self-efficacy with survivors").
//!
//! The serde form is stored in the vault as record [`RECORD`], format version
//! [`PLAN_FORMAT`], frozen by `tests/data/plan/plan-v1.json`. Data read back from storage
//! is bounded by [`Plan::sanitized`], which never panics.

use serde::{Deserialize, Serialize};

/// Vault record name of the plan.
pub const RECORD: &str = "plan";
/// Where a stored plan this version cannot parse is kept aside (raw bytes), before the
/// person starts a new one.
pub const UNREADABLE_RECORD: &str = "plan.unreadable";
/// Version of the serde form of [`Plan`].
pub const PLAN_FORMAT: u32 = 1;

/// Bounds for plan data (a plan read from storage is clamped to these).
pub mod limits {
    /// Longest free text of one section, in characters.
    pub const TEXT: usize = 20_000;
    /// Longest short field (a name, a phone number, a code word, a place), in characters.
    pub const SHORT: usize = 500;
    /// Most entries in a list (people, places, things to take).
    pub const LIST: usize = 50;
}

/// Where the person is now. Suggestions follow it; the person can change it at any time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Staying in the relationship or situation, for now or for good.
    Staying,
    /// Thinking about leaving.
    Thinking,
    /// Getting ready to leave, or leaving now.
    Leaving,
    /// Already left.
    Left,
}

impl Stage {
    /// Every stage, in display order.
    pub const ALL: [Stage; 4] = [Stage::Staying, Stage::Thinking, Stage::Leaving, Stage::Left];

    /// Stable code (serde name, HTML value).
    pub fn code(self) -> &'static str {
        match self {
            Stage::Staying => "staying",
            Stage::Thinking => "thinking",
            Stage::Leaving => "leaving",
            Stage::Left => "left",
        }
    }

    /// Parse a code.
    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Message id of the stage's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Stage::Staying => "plan-stage-staying",
            Stage::Thinking => "plan-stage-thinking",
            Stage::Leaving => "plan-stage-leaving",
            Stage::Left => "plan-stage-left",
        }
    }
}

/// The sections of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    /// Signs that things are getting worse.
    WarningSigns,
    /// Safe places and how to get there.
    SafePlaces,
    /// People I trust, each with a code word.
    People,
    /// Children.
    Children,
    /// Documents and things to take, and where each is kept.
    Documents,
    /// Money and work.
    Money,
    /// If someone controls my phone or accounts.
    Tech,
    /// My own notes.
    Notes,
}

/// What kind of editor a section has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Free text (suggestions are appended to it).
    Text,
    /// A list of safe places.
    Places,
    /// A list of trusted people.
    People,
    /// The checklist of things to take.
    Checklist,
}

impl SectionId {
    /// Every section, in the default order.
    pub const ALL: [SectionId; 8] = [
        SectionId::WarningSigns,
        SectionId::SafePlaces,
        SectionId::People,
        SectionId::Children,
        SectionId::Documents,
        SectionId::Money,
        SectionId::Tech,
        SectionId::Notes,
    ];

    /// Stable code (serde name, used in HTML ids).
    pub fn code(self) -> &'static str {
        match self {
            SectionId::WarningSigns => "warning_signs",
            SectionId::SafePlaces => "safe_places",
            SectionId::People => "people",
            SectionId::Children => "children",
            SectionId::Documents => "documents",
            SectionId::Money => "money",
            SectionId::Tech => "tech",
            SectionId::Notes => "notes",
        }
    }

    /// Parse a code.
    pub fn from_code(code: &str) -> Option<SectionId> {
        SectionId::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Message id of the section title.
    pub fn title_id(self) -> &'static str {
        match self {
            SectionId::WarningSigns => "plan-sec-warning-signs",
            SectionId::SafePlaces => "plan-sec-safe-places",
            SectionId::People => "plan-sec-people",
            SectionId::Children => "plan-sec-children",
            SectionId::Documents => "plan-sec-documents",
            SectionId::Money => "plan-sec-money",
            SectionId::Tech => "plan-sec-tech",
            SectionId::Notes => "plan-sec-notes",
        }
    }

    /// Message id of the one-line explanation under the title.
    pub fn hint_id(self) -> &'static str {
        match self {
            SectionId::WarningSigns => "plan-sec-warning-signs-hint",
            SectionId::SafePlaces => "plan-sec-safe-places-hint",
            SectionId::People => "plan-sec-people-hint",
            SectionId::Children => "plan-sec-children-hint",
            SectionId::Documents => "plan-sec-documents-hint",
            SectionId::Money => "plan-sec-money-hint",
            SectionId::Tech => "plan-sec-tech-hint",
            SectionId::Notes => "plan-sec-notes-hint",
        }
    }

    /// The editor this section uses.
    pub fn kind(self) -> SectionKind {
        match self {
            SectionId::SafePlaces => SectionKind::Places,
            SectionId::People => SectionKind::People,
            SectionId::Documents => SectionKind::Checklist,
            _ => SectionKind::Text,
        }
    }
}

/// A safe place and how to get there.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SafePlace {
    /// The place, in the person's words.
    #[serde(default)]
    pub place: String,
    /// How to get there (route, bus, who can drive).
    #[serde(default)]
    pub how: String,
}

/// A person the person trusts, typed by hand (never imported from contacts).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TrustedPerson {
    /// Name or nickname.
    #[serde(default)]
    pub name: String,
    /// Phone number, as typed.
    #[serde(default)]
    pub phone: String,
    /// A code word that means "I need help" to this person.
    #[serde(default)]
    pub code_word: String,
}

/// An item of the "documents and things to take" checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThingKind {
    /// ID card, driver's licence, passport.
    Id,
    /// Birth certificates (mine, my children's).
    BirthCertificates,
    /// Immigration papers.
    Immigration,
    /// Medication and prescriptions.
    Medication,
    /// Money, bank cards.
    Money,
    /// Keys.
    Keys,
    /// Phone charger.
    PhoneCharger,
    /// Something the person added (see [`Thing::label`]).
    Other,
}

impl ThingKind {
    /// The standard items, in display order (everything but [`ThingKind::Other`]).
    pub const STANDARD: [ThingKind; 7] = [
        ThingKind::Id,
        ThingKind::BirthCertificates,
        ThingKind::Immigration,
        ThingKind::Medication,
        ThingKind::Money,
        ThingKind::Keys,
        ThingKind::PhoneCharger,
    ];

    /// Stable code (serde name, used in HTML ids).
    pub fn code(self) -> &'static str {
        match self {
            ThingKind::Id => "id",
            ThingKind::BirthCertificates => "birth_certificates",
            ThingKind::Immigration => "immigration",
            ThingKind::Medication => "medication",
            ThingKind::Money => "money",
            ThingKind::Keys => "keys",
            ThingKind::PhoneCharger => "phone_charger",
            ThingKind::Other => "other",
        }
    }

    /// Message id of the item's name (`None` for [`ThingKind::Other`]: it has its own label).
    pub fn label_id(self) -> Option<&'static str> {
        Some(match self {
            ThingKind::Id => "plan-thing-id",
            ThingKind::BirthCertificates => "plan-thing-birth-certificates",
            ThingKind::Immigration => "plan-thing-immigration",
            ThingKind::Medication => "plan-thing-medication",
            ThingKind::Money => "plan-thing-money",
            ThingKind::Keys => "plan-thing-keys",
            ThingKind::PhoneCharger => "plan-thing-phone-charger",
            ThingKind::Other => return None,
        })
    }
}

/// One thing to take: what, where it is kept, and whether it is ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thing {
    /// Which item.
    pub kind: ThingKind,
    /// The person's own name for it (only for [`ThingKind::Other`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Where it is kept, in the person's words. Empty until they write it.
    #[serde(default)]
    pub kept_at: String,
    /// Ticked by the person ("I have it ready").
    #[serde(default)]
    pub ready: bool,
}

impl Thing {
    /// A blank entry of a standard item: nothing known about it yet.
    pub fn blank(kind: ThingKind) -> Thing {
        Thing {
            kind,
            label: String::new(),
            kept_at: String::new(),
            ready: false,
        }
    }
}

fn one() -> u32 {
    PLAN_FORMAT
}

/// The safety plan record, format version 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Format version of this record.
    #[serde(default = "one")]
    pub v: u32,
    /// Where the person is now (`None` until they choose).
    #[serde(default)]
    pub stage: Option<Stage>,
    /// The order in which sections show.
    #[serde(default)]
    pub order: Vec<SectionId>,
    /// Sections the person skipped (hidden until shown again; their content is kept).
    #[serde(default)]
    pub hidden: Vec<SectionId>,
    /// Warning signs, in the person's words.
    #[serde(default)]
    pub warning_signs: String,
    /// Safe places.
    #[serde(default)]
    pub safe_places: Vec<SafePlace>,
    /// People I trust.
    #[serde(default)]
    pub people: Vec<TrustedPerson>,
    /// Children.
    #[serde(default)]
    pub children: String,
    /// Documents and things to take.
    #[serde(default)]
    pub things: Vec<Thing>,
    /// Money and work.
    #[serde(default)]
    pub money: String,
    /// Phone and accounts.
    #[serde(default)]
    pub tech: String,
    /// My own notes.
    #[serde(default)]
    pub notes: String,
}

impl Default for Plan {
    /// An empty plan: every section in the default order, the standard checklist items
    /// blank, nothing written.
    fn default() -> Self {
        Plan {
            v: PLAN_FORMAT,
            stage: None,
            order: SectionId::ALL.to_vec(),
            hidden: Vec::new(),
            warning_signs: String::new(),
            safe_places: Vec::new(),
            people: Vec::new(),
            children: String::new(),
            things: ThingKind::STANDARD.into_iter().map(Thing::blank).collect(),
            money: String::new(),
            tech: String::new(),
            notes: String::new(),
        }
    }
}

fn clamp(s: &mut String, max: usize) {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
    }
}

impl Plan {
    /// Bring a plan read from storage into shape: every section exactly once in `order`
    /// (unknown duplicates dropped, missing ones appended), `hidden` deduplicated, the
    /// standard checklist items present once each, texts and lists within [`limits`].
    pub fn sanitized(mut self) -> Self {
        self.v = PLAN_FORMAT;
        let mut order = Vec::with_capacity(SectionId::ALL.len());
        for s in self.order.iter().copied().chain(SectionId::ALL) {
            if !order.contains(&s) {
                order.push(s);
            }
        }
        self.order = order;
        let mut hidden = Vec::new();
        for s in self.hidden.iter().copied() {
            if !hidden.contains(&s) {
                hidden.push(s);
            }
        }
        self.hidden = hidden;
        for text in [
            &mut self.warning_signs,
            &mut self.children,
            &mut self.money,
            &mut self.tech,
            &mut self.notes,
        ] {
            clamp(text, limits::TEXT);
        }
        self.safe_places.truncate(limits::LIST);
        for p in &mut self.safe_places {
            clamp(&mut p.place, limits::SHORT);
            clamp(&mut p.how, limits::TEXT);
        }
        self.people.truncate(limits::LIST);
        for p in &mut self.people {
            clamp(&mut p.name, limits::SHORT);
            clamp(&mut p.phone, limits::SHORT);
            clamp(&mut p.code_word, limits::SHORT);
        }
        // Standard items once each, in order, then the person's own items.
        let mut things: Vec<Thing> = Vec::new();
        for kind in ThingKind::STANDARD {
            let found = self.things.iter().find(|t| t.kind == kind).cloned();
            let mut t = found.unwrap_or_else(|| Thing::blank(kind));
            t.label.clear();
            things.push(t);
        }
        things.extend(
            self.things
                .iter()
                .filter(|t| t.kind == ThingKind::Other)
                .take(limits::LIST)
                .cloned(),
        );
        for t in &mut things {
            clamp(&mut t.label, limits::SHORT);
            clamp(&mut t.kept_at, limits::SHORT);
        }
        self.things = things;
        self
    }

    /// Sections to show, in order (hidden ones left out).
    pub fn visible(&self) -> Vec<SectionId> {
        self.order
            .iter()
            .copied()
            .filter(|s| !self.hidden.contains(s))
            .collect()
    }

    /// Sections the person skipped, in order.
    pub fn skipped(&self) -> Vec<SectionId> {
        self.order
            .iter()
            .copied()
            .filter(|s| self.hidden.contains(s))
            .collect()
    }

    /// Move a section one place up among the visible sections. `false` if it already is
    /// first (or not visible).
    pub fn move_up(&mut self, id: SectionId) -> bool {
        self.shift(id, true)
    }

    /// Move a section one place down among the visible sections.
    pub fn move_down(&mut self, id: SectionId) -> bool {
        self.shift(id, false)
    }

    fn shift(&mut self, id: SectionId, up: bool) -> bool {
        let visible = self.visible();
        let Some(pos) = visible.iter().position(|s| *s == id) else {
            return false;
        };
        let other = if up {
            match pos.checked_sub(1) {
                Some(p) => visible.get(p).copied(),
                None => None,
            }
        } else {
            visible.get(pos + 1).copied()
        };
        let Some(other) = other else {
            return false;
        };
        let a = self.order.iter().position(|s| *s == id);
        let b = self.order.iter().position(|s| *s == other);
        match (a, b) {
            (Some(a), Some(b)) => {
                self.order.swap(a, b);
                true
            }
            _ => false,
        }
    }

    /// Skip (hide) a section. Its content is kept.
    pub fn hide(&mut self, id: SectionId) {
        if !self.hidden.contains(&id) {
            self.hidden.push(id);
        }
    }

    /// Show a skipped section again.
    pub fn show(&mut self, id: SectionId) {
        self.hidden.retain(|s| *s != id);
    }

    /// The free text of a text section (`None` for list sections).
    pub fn text(&self, id: SectionId) -> Option<&str> {
        match id {
            SectionId::WarningSigns => Some(&self.warning_signs),
            SectionId::Children => Some(&self.children),
            SectionId::Money => Some(&self.money),
            SectionId::Tech => Some(&self.tech),
            SectionId::Notes => Some(&self.notes),
            SectionId::SafePlaces | SectionId::People | SectionId::Documents => None,
        }
    }

    fn text_mut(&mut self, id: SectionId) -> Option<&mut String> {
        match id {
            SectionId::WarningSigns => Some(&mut self.warning_signs),
            SectionId::Children => Some(&mut self.children),
            SectionId::Money => Some(&mut self.money),
            SectionId::Tech => Some(&mut self.tech),
            SectionId::Notes => Some(&mut self.notes),
            SectionId::SafePlaces | SectionId::People | SectionId::Documents => None,
        }
    }

    /// Replace the free text of a text section (clamped to [`limits::TEXT`]). `false` for
    /// list sections.
    pub fn set_text(&mut self, id: SectionId, text: &str) -> bool {
        match self.text_mut(id) {
            Some(t) => {
                *t = text.to_string();
                clamp(t, limits::TEXT);
                true
            }
            None => false,
        }
    }

    /// Accept a suggestion: copy its (translated) text into the section as a new line.
    /// For the safe-places section a new place is added with the text as its name. Does
    /// nothing if the same line is already there. `false` if nothing changed.
    pub fn accept_suggestion(&mut self, id: SectionId, text: &str) -> bool {
        let line = text.trim();
        if line.is_empty() {
            return false;
        }
        if id == SectionId::SafePlaces {
            if self.safe_places.iter().any(|p| p.place == line)
                || self.safe_places.len() >= limits::LIST
            {
                return false;
            }
            let mut place = line.to_string();
            clamp(&mut place, limits::SHORT);
            self.safe_places.push(SafePlace {
                place,
                how: String::new(),
            });
            return true;
        }
        let Some(t) = self.text_mut(id) else {
            return false;
        };
        if t.lines().any(|l| l.trim_start_matches("- ").trim() == line) {
            return false;
        }
        if !t.is_empty() && !t.ends_with('\n') {
            t.push('\n');
        }
        t.push_str("- ");
        t.push_str(line);
        clamp(t, limits::TEXT);
        true
    }

    /// Add a trusted person (blank, to be typed). `false` at the list limit.
    pub fn add_person(&mut self) -> bool {
        if self.people.len() >= limits::LIST {
            return false;
        }
        self.people.push(TrustedPerson::default());
        true
    }

    /// Add a safe place (blank). `false` at the list limit.
    pub fn add_place(&mut self) -> bool {
        if self.safe_places.len() >= limits::LIST {
            return false;
        }
        self.safe_places.push(SafePlace::default());
        true
    }

    /// Add an item of the person's own to the checklist. `false` at the list limit.
    pub fn add_thing(&mut self) -> bool {
        let own = self
            .things
            .iter()
            .filter(|t| t.kind == ThingKind::Other)
            .count();
        if own >= limits::LIST {
            return false;
        }
        self.things.push(Thing::blank(ThingKind::Other));
        true
    }

    /// Remove the item at `index` if it is one of the person's own (standard items stay;
    /// the person can leave them blank).
    pub fn remove_thing(&mut self, index: usize) -> bool {
        if self
            .things
            .get(index)
            .is_some_and(|t| t.kind == ThingKind::Other)
        {
            self.things.remove(index);
            true
        } else {
            false
        }
    }

    /// True when nothing has been written, chosen or ticked.
    pub fn is_blank(&self) -> bool {
        let fresh = Plan::default();
        self.stage.is_none()
            && self.warning_signs.is_empty()
            && self.children.is_empty()
            && self.money.is_empty()
            && self.tech.is_empty()
            && self.notes.is_empty()
            && self.safe_places.is_empty()
            && self.people.is_empty()
            && self.things == fresh.things
    }
}

/// Message ids of the suggestions for a section at a stage (`None`: the person has not
/// said where they are; general suggestions only). The UI translates them; accepting one
/// copies the translated text into the plan.
///
/// When staying, suggestions are about staying safer (harm reduction); nothing asks the
/// person to leave.
pub fn suggestions(section: SectionId, stage: Option<Stage>) -> &'static [&'static str] {
    use SectionId as S;
    use Stage as St;
    match (section, stage) {
        (S::WarningSigns, _) => &["plan-sug-signs-1", "plan-sug-signs-2", "plan-sug-signs-3"],
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
            "plan-sug-children-call",
        ],
        (S::Children, Some(St::Left)) => &["plan-sug-children-school", "plan-sug-children-code"],
        (S::Children, _) => &[
            "plan-sug-children-code",
            "plan-sug-children-bag",
            "plan-sug-children-school",
        ],
        (S::Documents, _) => &[],
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
            "plan-sug-tech-location",
            "plan-sug-tech-safer-phone",
            "plan-sug-tech-careful",
            "plan-sug-tech-limits",
        ],
        (S::Notes, Some(St::Staying)) => &["plan-sug-notes-staying"],
        (S::Notes, Some(St::Thinking)) => &["plan-sug-notes-thinking"],
        (S::Notes, Some(St::Leaving)) => &["plan-sug-notes-leaving"],
        (S::Notes, Some(St::Left)) => &["plan-sug-notes-left"],
        (S::Notes, None) => &["plan-sug-notes-thinking"],
    }
}

/// Every suggestion id the app can show (for translation checks).
pub fn all_suggestion_ids() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in SectionId::ALL {
        for st in Stage::ALL.into_iter().map(Some).chain([None]) {
            for id in suggestions(s, st) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_plan_has_nothing_written() {
        let p = Plan::default();
        assert!(p.is_blank());
        assert_eq!(p.order, SectionId::ALL.to_vec());
        assert!(p.things.iter().all(|t| t.kept_at.is_empty() && !t.ready));
        assert_eq!(p.things.len(), ThingKind::STANDARD.len());
        assert_eq!(p.visible().len(), SectionId::ALL.len());
    }

    #[test]
    fn reorder_moves_among_visible_sections() {
        let mut p = Plan::default();
        assert!(!p.move_up(SectionId::WarningSigns), "first cannot go up");
        assert!(p.move_down(SectionId::WarningSigns));
        assert_eq!(p.order.first(), Some(&SectionId::SafePlaces));
        assert_eq!(p.order.get(1), Some(&SectionId::WarningSigns));
        // Hidden sections are jumped over.
        p.hide(SectionId::People);
        assert!(p.move_down(SectionId::WarningSigns));
        assert_eq!(
            p.visible().get(..3),
            Some(
                &[
                    SectionId::SafePlaces,
                    SectionId::Children,
                    SectionId::WarningSigns
                ][..]
            )
        );
        assert!(
            !p.move_down(SectionId::People),
            "a hidden section does not move"
        );
        assert!(!p.move_down(SectionId::Notes), "last cannot go down");
    }

    #[test]
    fn hide_and_show_keep_content() {
        let mut p = Plan::default();
        assert!(p.set_text(SectionId::Money, "my own words"));
        p.hide(SectionId::Money);
        p.hide(SectionId::Money);
        assert_eq!(p.hidden, vec![SectionId::Money]);
        assert!(!p.visible().contains(&SectionId::Money));
        assert_eq!(p.skipped(), vec![SectionId::Money]);
        p.show(SectionId::Money);
        assert!(p.visible().contains(&SectionId::Money));
        assert_eq!(p.money, "my own words");
    }

    #[test]
    fn suggestions_are_copied_only_when_accepted() {
        let mut p = Plan::default();
        assert!(p.warning_signs.is_empty());
        assert!(p.accept_suggestion(SectionId::WarningSigns, "Drinking more"));
        assert!(
            !p.accept_suggestion(SectionId::WarningSigns, "Drinking more"),
            "no duplicate"
        );
        assert!(p.accept_suggestion(SectionId::WarningSigns, "Money fights"));
        assert_eq!(p.warning_signs, "- Drinking more\n- Money fights");
        assert!(p.accept_suggestion(SectionId::SafePlaces, "A neighbour"));
        assert_eq!(
            p.safe_places.first().map(|s| s.place.as_str()),
            Some("A neighbour")
        );
        assert!(
            !p.accept_suggestion(SectionId::People, "x"),
            "people are typed by hand"
        );
        assert!(!p.accept_suggestion(SectionId::Notes, "   "));
    }

    #[test]
    fn staying_suggestions_never_push_to_leave() {
        for s in SectionId::ALL {
            for id in suggestions(s, Some(Stage::Staying)) {
                assert!(!id.contains("leaving") && !id.contains("shelter"), "{id}");
            }
        }
        assert!(!all_suggestion_ids().is_empty());
    }

    #[test]
    fn sanitized_repairs_order_and_checklist() {
        let mut p = Plan {
            order: vec![SectionId::Notes, SectionId::Notes, SectionId::Tech],
            hidden: vec![SectionId::Tech, SectionId::Tech],
            things: vec![
                Thing {
                    kind: ThingKind::Keys,
                    label: "ignored".into(),
                    kept_at: "hook".into(),
                    ready: true,
                },
                Thing {
                    kind: ThingKind::Keys,
                    label: String::new(),
                    kept_at: "second".into(),
                    ready: false,
                },
                Thing {
                    kind: ThingKind::Other,
                    label: "photos".into(),
                    kept_at: String::new(),
                    ready: false,
                },
            ],
            ..Plan::default()
        };
        p.notes = "x".repeat(limits::TEXT + 10);
        let p = p.sanitized();
        assert_eq!(p.order.len(), SectionId::ALL.len());
        assert_eq!(p.order.first(), Some(&SectionId::Notes));
        assert_eq!(p.order.get(1), Some(&SectionId::Tech));
        assert_eq!(p.hidden, vec![SectionId::Tech]);
        assert_eq!(p.things.len(), ThingKind::STANDARD.len() + 1);
        let keys = p.things.iter().find(|t| t.kind == ThingKind::Keys).unwrap();
        assert_eq!(keys.kept_at, "hook");
        assert!(keys.label.is_empty());
        assert_eq!(p.notes.chars().count(), limits::TEXT);
    }

    #[test]
    fn own_things_can_be_removed_standard_ones_cannot() {
        let mut p = Plan::default();
        assert!(!p.remove_thing(0));
        assert!(p.add_thing());
        let last = p.things.len() - 1;
        assert!(p.remove_thing(last));
        assert_eq!(p.things.len(), ThingKind::STANDARD.len());
        assert!(!p.remove_thing(999));
    }

    #[test]
    fn reads_an_old_minimal_record() {
        // The decoy used to write only `v` and `notes`.
        let p: Plan = serde_json::from_str(r#"{"v":1,"notes":"milk"}"#).unwrap();
        let p = p.sanitized();
        assert_eq!(p.notes, "milk");
        assert_eq!(p.order, SectionId::ALL.to_vec());
        assert_eq!(p.things.len(), ThingKind::STANDARD.len());
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "null",
            "[]",
            "{\"order\":[\"nope\"]}",
            "{\"stage\":7}",
            "\u{0}",
        ] {
            let _ = serde_json::from_str::<Plan>(s).map(Plan::sanitized);
        }
    }

    fn arb_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("(?s).{0,40}").unwrap()
    }

    fn arb_plan() -> impl Strategy<Value = Plan> {
        (
            proptest::option::of(proptest::sample::select(Stage::ALL.to_vec())),
            Just(SectionId::ALL.to_vec()).prop_shuffle(),
            proptest::sample::subsequence(SectionId::ALL.to_vec(), 0..=8),
            (arb_text(), arb_text(), arb_text(), arb_text(), arb_text()),
            proptest::collection::vec((arb_text(), arb_text()), 0..4),
            proptest::collection::vec((arb_text(), arb_text(), arb_text()), 0..4),
            proptest::collection::vec((arb_text(), any::<bool>()), 7..=7),
        )
            .prop_map(|(stage, order, hidden, texts, places, people, things)| {
                let mut p = Plan {
                    stage,
                    order,
                    hidden,
                    warning_signs: texts.0,
                    children: texts.1,
                    money: texts.2,
                    tech: texts.3,
                    notes: texts.4,
                    safe_places: places
                        .into_iter()
                        .map(|(place, how)| SafePlace { place, how })
                        .collect(),
                    people: people
                        .into_iter()
                        .map(|(name, phone, code_word)| TrustedPerson {
                            name,
                            phone,
                            code_word,
                        })
                        .collect(),
                    ..Plan::default()
                };
                for (t, (kept_at, ready)) in p.things.iter_mut().zip(things) {
                    t.kept_at = kept_at;
                    t.ready = ready;
                }
                p
            })
    }

    proptest! {
        #[test]
        fn serde_round_trip(plan in arb_plan()) {
            let json = serde_json::to_vec(&plan).unwrap();
            let back: Plan = serde_json::from_slice(&json).unwrap();
            prop_assert_eq!(&back, &plan);
            // A valid plan is already sanitized.
            prop_assert_eq!(back.sanitized(), plan);
        }

        #[test]
        fn moves_keep_every_section(plan in arb_plan(), moves in proptest::collection::vec((0usize..8, any::<bool>()), 0..20)) {
            let mut p = plan;
            for (i, up) in moves {
                let id = SectionId::ALL[i];
                if up { p.move_up(id); } else { p.move_down(id); }
            }
            let mut sorted = p.order.clone();
            sorted.sort();
            prop_assert_eq!(sorted, SectionId::ALL.to_vec());
        }
    }
}
