//! Safety plan model: the person's own plan, in sections they may fill, skip or reorder.
//!
//! Nothing here is pre-filled as fact. Templates only *suggest* lines ([`suggestions()`]);
//! a suggestion becomes part of the plan only when the person accepts it
//! ([`Plan::accept_suggestion`]), which copies its text into theirs.
//!
//! Suggestions adapt to where the person is now ([`Stage`]). When they are staying, the
//! suggestions are about harm reduction and never push them to leave: survivors may not be
//! ready to leave, and help must not depend on it (NCAP brief, "Build trust and
//! self-efficacy with survivors").
//!
//! The plan serves every survivor the brief names: partner abuse, trafficking (papers,
//! debt, immigration, work, family and networks: section [`SectionId::Control`]), children
//! and child welfare, and young people ([`Plan::youth`] changes wording and suggestions).
//! She may say what matters most to her now ([`Plan::priorities`]); suggestions are then
//! ordered by it ([`suggestions::ordered`]). That is not a danger assessment.
//!
//! The serde form is stored in the vault as record [`RECORD`], format version
//! [`PLAN_FORMAT`] (2), frozen by `tests/data/plan/plan-v2.json`; version 1 records
//! (`plan-v1.json`) still read: every field added in v2 has a default. Data read back from
//! storage is bounded by [`Plan::sanitized`], which never panics.

pub mod suggestions;
pub mod tech;

pub use suggestions::{all_suggestion_ids, stage_intro_id, suggestions};
pub use tech::TechItem;

use serde::{Deserialize, Serialize};

/// Vault record name of the plan.
pub const RECORD: &str = "plan";
/// Where a stored plan this version cannot parse is kept aside (raw bytes), before the
/// person starts a new one.
pub const UNREADABLE_RECORD: &str = "plan.unreadable";
/// Version of the serde form of [`Plan`].
pub const PLAN_FORMAT: u32 = 2;

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
    /// Papers, debts, work and who is in control (trafficking).
    Control,
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
    pub const ALL: [SectionId; 9] = [
        SectionId::WarningSigns,
        SectionId::SafePlaces,
        SectionId::People,
        SectionId::Children,
        SectionId::Documents,
        SectionId::Control,
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
            SectionId::Control => "control",
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
            SectionId::Control => "plan-sec-control",
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
            SectionId::Control => "plan-sec-control-hint",
            SectionId::Money => "plan-sec-money-hint",
            SectionId::Tech => "plan-sec-tech-hint",
            SectionId::Notes => "plan-sec-notes-hint",
        }
    }

    /// Title for a young person (some sections are worded for them), else [`Self::title_id`].
    pub fn title_for(self, youth: bool) -> &'static str {
        match (self, youth) {
            (SectionId::Money, true) => "plan-sec-money-youth",
            _ => self.title_id(),
        }
    }

    /// Hint for a young person, else [`Self::hint_id`].
    pub fn hint_for(self, youth: bool) -> &'static str {
        match (self, youth) {
            (SectionId::Money, true) => "plan-sec-money-hint-youth",
            (SectionId::People, true) => "plan-sec-people-hint-youth",
            (SectionId::Children, true) => "plan-sec-children-hint-youth",
            _ => self.hint_id(),
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

/// What matters most to the person now (optional; suggestions are ordered by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// My children.
    Children,
    /// A place to stay.
    Housing,
    /// Money.
    Money,
    /// Immigration.
    Immigration,
    /// The relationship.
    Relationship,
    /// My health.
    Health,
}

impl Priority {
    /// Every priority, in display order.
    pub const ALL: [Priority; 6] = [
        Priority::Children,
        Priority::Housing,
        Priority::Money,
        Priority::Immigration,
        Priority::Relationship,
        Priority::Health,
    ];

    /// Stable code (serde name, HTML id).
    pub fn code(self) -> &'static str {
        match self {
            Priority::Children => "children",
            Priority::Housing => "housing",
            Priority::Money => "money",
            Priority::Immigration => "immigration",
            Priority::Relationship => "relationship",
            Priority::Health => "health",
        }
    }

    /// Message id of its name.
    pub fn label_id(self) -> &'static str {
        match self {
            Priority::Children => "plan-prio-children",
            Priority::Housing => "plan-prio-housing",
            Priority::Money => "plan-prio-money",
            Priority::Immigration => "plan-prio-immigration",
            Priority::Relationship => "plan-prio-relationship",
            Priority::Health => "plan-prio-health",
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

/// The safety plan record, format version 2 (v1 records read with the new fields empty).
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
    /// Papers, debts, work and who is in control (v2).
    #[serde(default)]
    pub control: String,
    /// Money and work.
    #[serde(default)]
    pub money: String,
    /// Phone and accounts.
    #[serde(default)]
    pub tech: String,
    /// My own notes.
    #[serde(default)]
    pub notes: String,
    /// "I am under 18" (v2): wording and suggestions for a young person.
    #[serde(default)]
    pub youth: bool,
    /// What matters most to me now, most important first (v2; optional).
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// Tech-safety checkup items the person has looked at (v2).
    #[serde(default)]
    pub tech_checked: Vec<TechItem>,
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
            control: String::new(),
            money: String::new(),
            tech: String::new(),
            notes: String::new(),
            youth: false,
            priorities: Vec::new(),
            tech_checked: Vec::new(),
        }
    }
}

fn dedup<T: PartialEq + Copy>(v: &mut Vec<T>) {
    let mut out: Vec<T> = Vec::with_capacity(v.len());
    for x in v.iter().copied() {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    *v = out;
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
        dedup(&mut self.priorities);
        dedup(&mut self.tech_checked);
        for text in [
            &mut self.warning_signs,
            &mut self.children,
            &mut self.control,
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
            SectionId::Control => Some(&self.control),
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
            SectionId::Control => Some(&mut self.control),
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
            && self.control.is_empty()
            && self.money.is_empty()
            && self.tech.is_empty()
            && self.notes.is_empty()
            && self.safe_places.is_empty()
            && self.people.is_empty()
            && self.things == fresh.things
            && !self.youth
            && self.priorities.is_empty()
            && self.tech_checked.is_empty()
    }

    /// Tick or untick a priority. A newly ticked one goes last (the first ticked counts
    /// most).
    pub fn set_priority(&mut self, p: Priority, on: bool) {
        self.priorities.retain(|x| *x != p);
        if on {
            self.priorities.push(p);
        }
    }

    /// Mark a checkup item as looked at (or not).
    pub fn set_tech_checked(&mut self, item: TechItem, on: bool) {
        self.tech_checked.retain(|x| *x != item);
        if on {
            self.tech_checked.push(item);
        }
    }
}

#[cfg(test)]
mod tests;
