//! Unit tests of the plan model.

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
        proptest::sample::subsequence(SectionId::ALL.to_vec(), 0..=9),
        (
            arb_text(),
            arb_text(),
            arb_text(),
            arb_text(),
            arb_text(),
            arb_text(),
        ),
        (
            any::<bool>(),
            proptest::sample::subsequence(Priority::ALL.to_vec(), 0..=6).prop_shuffle(),
            proptest::sample::subsequence(TechItem::ALL.to_vec(), 0..=6),
        ),
        proptest::collection::vec((arb_text(), arb_text()), 0..4),
        proptest::collection::vec((arb_text(), arb_text(), arb_text()), 0..4),
        proptest::collection::vec((arb_text(), any::<bool>()), 7..=7),
    )
        .prop_map(
            |(stage, order, hidden, texts, v2, places, people, things)| {
                let mut p = Plan {
                    stage,
                    order,
                    hidden,
                    warning_signs: texts.0,
                    children: texts.1,
                    money: texts.2,
                    tech: texts.3,
                    notes: texts.4,
                    control: texts.5,
                    youth: v2.0,
                    priorities: v2.1,
                    tech_checked: v2.2,
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
            },
        )
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
    fn moves_keep_every_section(plan in arb_plan(), moves in proptest::collection::vec((0usize..9, any::<bool>()), 0..20)) {
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

#[test]
fn priorities_and_checkup_ticks_keep_order_without_duplicates() {
    let mut p = Plan::default();
    p.set_priority(Priority::Money, true);
    p.set_priority(Priority::Children, true);
    p.set_priority(Priority::Money, true);
    assert_eq!(p.priorities, vec![Priority::Children, Priority::Money]);
    p.set_priority(Priority::Children, false);
    assert_eq!(p.priorities, vec![Priority::Money]);
    p.set_tech_checked(TechItem::Bill, true);
    p.set_tech_checked(TechItem::Bill, true);
    assert_eq!(p.tech_checked, vec![TechItem::Bill]);
    assert!(!p.is_blank());
    let dup = Plan {
        priorities: vec![Priority::Health, Priority::Health],
        tech_checked: vec![TechItem::Apps, TechItem::Apps],
        ..Plan::default()
    }
    .sanitized();
    assert_eq!(dup.priorities, vec![Priority::Health]);
    assert_eq!(dup.tech_checked, vec![TechItem::Apps]);
}

#[test]
fn youth_flag_alone_makes_a_plan_not_blank_and_control_is_a_text_section() {
    let p = Plan {
        youth: true,
        ..Plan::default()
    };
    assert!(!p.is_blank());
    let mut p = Plan::default();
    assert!(p.accept_suggestion(SectionId::Control, "Passport with M."));
    assert_eq!(p.text(SectionId::Control), Some("- Passport with M."));
    assert_eq!(SectionId::from_code("control"), Some(SectionId::Control));
}

#[test]
fn every_section_suggestion_list_is_offered_for_youth_too() {
    let p = Plan {
        youth: true,
        ..Plan::default()
    };
    for s in SectionId::ALL {
        let ids = suggestions::ordered(s, &p);
        for id in &ids {
            assert!(all_suggestion_ids().contains(id), "{id}");
        }
    }
    assert!(suggestions::ordered(SectionId::Money, &p).contains(&"plan-sug-youth-money-trade"));
}
