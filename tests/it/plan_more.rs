//! Headless tests of the plan for every survivor (issue 16): the papers/debts/control
//! section, children and mandated reporters, "I am under 18", the tech-safety checkup, the
//! code-word message, priorities ordering suggestions, "About this information" in every
//! section, "You are not alone" additions, "Is it safe to send this?" on Share, what the
//! decoy session shows, and the accessibility check of the new screens.

use crate::flows::{app, app_state, unlock, Fixture, DECOY, PIN};
use crate::plan::{status_is, unnamed_controls};
use haven::core::i18n;
use haven::core::plan::{self, suggestions, Plan, Priority, SectionId, TechItem};
use haven::core::sources::{self, Topic};
use haven::core::vault::Slot;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn en(id: &str) -> String {
    i18n::tr("en", id)
}

async fn open_plan(f: &mut Fixture) {
    f.t.open("home-plan").await;
    assert!(f.t.exists("plan"), "the plan screen shows");
}

async fn relock_and_open(f: &mut Fixture) {
    f.t.click("quick-exit");
    assert!(!f.t.exists("private"));
    assert!(unlock(f, PIN).await, "unlocks again");
    open_plan(f).await;
}

/// The HTML of one section card.
fn section_html(html: &str, sec: SectionId) -> String {
    let start = html
        .find(&format!("id=\"plan-sec-{}\"", sec.code()))
        .expect("section shown");
    let rest = &html[start..];
    let end = rest[1..]
        .find("id=\"plan-sec-")
        .map(|i| i + 1)
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// Index of the Add button of a suggestion in a section, as rendered.
fn sug_index(f: &Fixture, sec: SectionId, id: &str) -> usize {
    let p = plan_of(f);
    suggestions::ordered(sec, &p)
        .iter()
        .position(|x| *x == id)
        .unwrap_or_else(|| panic!("{id} not offered"))
}

/// The plan as the vault holds it now.
fn plan_of(f: &Fixture) -> Plan {
    let session = app_state(f).session().expect("open session");
    let rt = tokio::runtime::Handle::current();
    tokio::task::block_in_place(|| {
        rt.block_on(session.run(|v| Ok(v.get::<Plan>(plan::RECORD)?.unwrap_or_default())))
    })
    .expect("plan read")
}

#[tokio::test(flavor = "multi_thread")]
async fn control_section_offers_papers_debt_and_immigration_and_keeps_what_is_added() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    let html = section_html(&f.t.html(), SectionId::Control);
    assert!(html.contains(&en("plan-sec-control")));
    for id in [
        "plan-sug-control-papers",
        "plan-sug-control-replace",
        "plan-sug-control-immigration",
        "plan-sug-control-debt",
        "plan-sug-control-work",
        "plan-sug-control-network",
        "plan-sug-control-police",
    ] {
        assert!(html.contains(&en(id)), "{id} offered");
    }
    // Its "About this information" list names the official sources.
    assert!(html.contains("id=\"plan-about-control\""));
    for s in sources::for_topics(&[Topic::Documents, Topic::Immigration]) {
        assert!(html.contains(s.title), "{} listed", s.id);
    }
    let i = sug_index(&f, SectionId::Control, "plan-sug-control-papers");
    f.t.click(&format!("plan-sug-control-{i}"));
    f.t.input(
        "plan-text-control",
        &format!(
            "- {}\nHe keeps my passport in the van",
            en("plan-sug-control-papers")
        ),
    );
    assert!(status_is(&mut f, "plan-status", "Saved").await);
    relock_and_open(&mut f).await;
    let html = f.t.html();
    assert!(html.contains("He keeps my passport in the van"));
    assert_eq!(plan_of(&f).v, plan::PLAN_FORMAT);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_section_has_an_about_list_with_title_publisher_year() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    let html = f.t.html();
    for sec in SectionId::ALL {
        let card = section_html(&html, sec);
        assert!(
            card.contains(&format!("id=\"plan-about-{}\"", sec.code())),
            "{sec:?} has About"
        );
        let list = sources::for_topics(&suggestions::topics(sec, false));
        assert!(!list.is_empty(), "{sec:?} cites something");
        for s in list {
            // Up to the first character HTML escapes.
            let publisher: String = s
                .publisher
                .chars()
                .take_while(|c| !matches!(c, '\'' | ';' | '&' | '"'))
                .collect();
            assert!(card.contains(&s.year.to_string()), "{}", s.id);
            assert!(card.contains(&publisher), "{}: {publisher}", s.id);
        }
    }
    assert!(html.contains("id=\"plan-about-priorities\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn children_section_names_mandated_reporters_and_child_welfare_fears() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    let card = section_html(&f.t.html(), SectionId::Children);
    assert!(card.contains("id=\"plan-mandated\""));
    assert!(card.contains(&en("plan-mandated-body")));
    for id in [
        "plan-sug-children-cps",
        "plan-sug-children-custody",
        "plan-sug-children-used",
        "plan-sug-children-safe-adults",
        "plan-sug-children-what-say",
        "plan-sug-children-school",
    ] {
        assert!(card.contains(&en(id)), "{id}");
    }
    assert!(card.contains("Mandatory Reporters of Child Abuse and Neglect"));
    // While staying: a non-police alternative sits next to 911.
    f.t.change("plan-stage-staying", "on");
    let card = section_html(&f.t.html(), SectionId::Children);
    assert!(card.contains(&en("plan-sug-children-call-other")));
}

#[tokio::test(flavor = "multi_thread")]
async fn under_18_changes_wording_and_says_what_adults_must_report() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    assert!(!f.t.exists("plan-youth-note"));
    assert!(f.t.html().contains(&en("plan-sug-money-own-account")));
    f.t.change("plan-youth-check", "true");
    let html = f.t.html();
    assert_eq!(f.t.text_of("plan-youth-note"), Some(en("plan-youth-note")));
    assert!(html.contains(&en("plan-youth-note-2")));
    let money = section_html(&html, SectionId::Money);
    assert!(money.contains(&en("plan-sec-money-youth")));
    assert!(money.contains(&en("plan-sug-youth-money-trade")));
    assert!(
        !money.contains(&en("plan-sug-money-own-account")),
        "no bank account for a child"
    );
    assert!(
        section_html(&html, SectionId::WarningSigns).contains(&en("plan-sug-youth-signs-older"))
    );
    assert!(html.contains("id=\"plan-about-youth\""));
    assert!(status_is(&mut f, "plan-status", "Saved").await);
    relock_and_open(&mut f).await;
    assert!(f.t.exists("plan-youth-note"), "kept across quick exit");
    f.t.change("plan-youth-check", "false");
    assert!(!f.t.exists("plan-youth-note"));
    assert!(f.t.html().contains(&en("plan-sug-money-own-account")));
}

fn positions(html: &str, ids: &[&str]) -> Vec<usize> {
    ids.iter()
        .map(|id| html.find(&en(id)).unwrap_or_else(|| panic!("{id} shown")))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn priorities_order_the_suggestions() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    let ids = [
        "plan-sug-signs-3",
        "plan-sug-signs-owe",
        "plan-sug-signs-report",
    ];
    let p = positions(&section_html(&f.t.html(), SectionId::WarningSigns), &ids);
    assert!(p[0] < p[1] && p[1] < p[2], "default order");
    f.t.change("plan-prio-immigration", "true");
    f.t.change("plan-prio-money", "true");
    let html = f.t.html();
    assert!(html.contains("(1)") && html.contains("(2)"), "ranks shown");
    let p = positions(&section_html(&html, SectionId::WarningSigns), &ids);
    assert!(
        p[2] < p[1] && p[1] < p[0],
        "immigration, then money, then the rest: {p:?}"
    );
    assert!(
        html.contains(&en("plan-prio-danger")),
        "where to do a danger assessment"
    );
    assert!(status_is(&mut f, "plan-status", "Saved").await);
    assert_eq!(
        plan_of(&f).priorities,
        vec![Priority::Immigration, Priority::Money]
    );
    f.t.change("plan-prio-immigration", "false");
    let p = positions(&section_html(&f.t.html(), SectionId::WarningSigns), &ids);
    assert!(p[1] < p[0] && p[0] < p[2], "money first now: {p:?}");
}

#[test]
fn ordering_is_stable_and_only_moves_what_matches() {
    let mut p = Plan::default();
    for sec in SectionId::ALL {
        assert_eq!(
            suggestions::ordered(sec, &p),
            plan::suggestions(sec, None).to_vec()
        );
    }
    p.priorities = vec![Priority::Children];
    let signs = suggestions::ordered(SectionId::WarningSigns, &p);
    assert_eq!(signs.first(), Some(&"plan-sug-signs-family"));
    let mut rest = plan::suggestions(SectionId::WarningSigns, None).to_vec();
    rest.retain(|x| *x != "plan-sug-signs-family");
    assert_eq!(
        signs.get(1..),
        Some(&rest[..]),
        "the others keep their order"
    );
    p.priorities = vec![Priority::Health, Priority::Housing];
    let places = suggestions::ordered(SectionId::SafePlaces, &p);
    assert_eq!(places.last(), Some(&"plan-sug-places-open-late"));
}

#[tokio::test(flavor = "multi_thread")]
async fn tech_checkup_fills_the_phone_section_and_claims_no_scan() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    let card = section_html(&f.t.html(), SectionId::Tech);
    assert!(card.contains(&en("plan-tech-intro")));
    assert!(en("plan-tech-intro").contains("does not scan"));
    let caution = en("plan-tech-caution");
    assert!(
        card.matches(&caution).count() == TechItem::ALL.len(),
        "every item carries the caution"
    );
    for item in TechItem::ALL {
        assert!(card.contains(&en(item.title_id())));
    }
    f.t.change("plan-tech-looked-apps", "true");
    f.t.click("plan-tech-add-bill");
    let line = en("plan-tech-bill-line");
    assert!(
        f.t.html().contains(&format!("- {line}")),
        "the line is in the section"
    );
    assert_eq!(f.t.text_of("plan-tech-add-bill"), Some(en("plan-added")));
    assert!(status_is(&mut f, "plan-status", "Saved").await);
    relock_and_open(&mut f).await;
    let p = plan_of(&f);
    assert_eq!(p.tech_checked, vec![TechItem::Apps]);
    assert!(p.tech.contains(&line));
}

#[tokio::test(flavor = "multi_thread")]
async fn code_word_message_opens_the_composer_only_after_the_trace_note() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    f.t.click("plan-person-add");
    assert!(f.t.exists("plan-person-sms-none-0"), "no number yet");
    f.t.input("plan-person-name-0", "Rosa");
    f.t.input("plan-person-phone-0", "+1 555 0199, 555 0100");
    f.t.input("plan-person-code-0", "blue & #1 café");
    assert!(f.t.exists("plan-person-message-0"));
    assert!(!f.t.exists("plan-person-sms-0"), "no link before the note");
    f.t.click("plan-person-message-0");
    assert_eq!(
        f.t.text_of("plan-person-trace-0"),
        Some(en("plan-person-trace"))
    );
    let html = f.t.html();
    assert!(
        html.contains("href=\"sms:+15550199,5550100?body=blue%20%26%20%231%20caf%C3%A9\""),
        "the composer link"
    );
    f.t.click("plan-person-sms-cancel-0");
    assert!(!f.t.exists("plan-person-sms-0"));
}

#[tokio::test(flavor = "multi_thread")]
async fn signs_cover_papers_immigration_children_and_youth_with_sources() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-signs");
    let html = f.t.html();
    for id in haven::ui::views::signs::more_message_ids() {
        assert!(html.contains(&en(id)), "{id}");
    }
    for code in ["control", "immigration", "children", "youth"] {
        assert!(
            html.contains(&format!("id=\"signs-about-{code}\"")),
            "{code}"
        );
    }
    for title in [
        "Victims of Human Trafficking: T Nonimmigrant Status",
        "Victims of Criminal Activity: U Nonimmigrant Status",
        "Abused Spouses, Children and Parents",
    ] {
        assert!(html.contains(title), "{title}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn share_asks_if_it_is_safe_and_offers_only_the_number() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    f.t.click("home-directory");
    assert!(
        f.t.wait_until(WAIT, |h| h
            .contains("id=\"dir-pick-us-domestic-violence-hotline\""))
            .await
    );
    f.t.change("dir-pick-us-domestic-violence-hotline", "true");
    f.t.click("dir-share");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"share-link\""))
            .await
    );
    let html = f.t.html();
    let ask = html.find("id=\"share-safe\"").expect("the question");
    assert!(
        ask < html.find("id=\"share-link\"").unwrap(),
        "asked before the link"
    );
    assert!(
        ask < html.find("id=\"share-qr\"").unwrap(),
        "asked before the QR code"
    );
    assert_eq!(
        f.t.text_of("share-safe-short"),
        Some(en("share-safe-short"))
    );
    f.t.click("share-safe-short");
    let short = f.t.text_of("share-short").expect("short form");
    assert!(short.contains("1-800-799-7233"), "{short}");
    assert!(
        short.chars().all(|c| !c.is_alphabetic()),
        "numbers only: {short}"
    );
    assert!(!f.t.exists("share-link") && !f.t.exists("share-qr"));
    f.t.click("share-safe-full");
    assert!(f.t.exists("share-link"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_decoy_session_shows_none_of_the_real_plan() {
    // The second PIN opens Notes, which has no way to the plan: nothing the person marked or
    // wrote in her plan, and none of the plan's new texts, shows there.
    let mut f = app(Some(Some(false))).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    f.t.change("plan-youth-check", "true");
    f.t.change("plan-prio-immigration", "true");
    f.t.input("plan-text-control", "DECOYCANARY he holds my papers");
    f.t.click("plan-person-add");
    f.t.input("plan-person-phone-0", "555 0199");
    f.t.input("plan-person-code-0", "sunflowercanary");
    assert!(status_is(&mut f, "plan-status", "Saved").await);
    f.t.click("quick-exit");
    assert!(unlock(&mut f, DECOY).await);
    let session = app_state(&f).session().expect("decoy session");
    let slot = session.run(|v| Ok(v.slot())).await.unwrap();
    assert_eq!(slot, Slot::Decoy, "the second PIN routes to the decoy slot");
    let home = f.t.html();
    for id in [
        "plan-youth-note",
        "plan-prio-danger",
        "plan-tech-intro",
        "share-safe-title",
    ] {
        assert!(!home.contains(&en(id)), "{id} on decoy home");
    }
    assert!(f.t.exists("notes-list") || f.t.exists("notes-none"));
    assert!(
        !f.t.exists("home-plan"),
        "no way to the plan from the decoy"
    );
    for needle in ["DECOYCANARY", "sunflowercanary", "555 0199", "plan-"] {
        assert!(!home.contains(needle), "{needle} in the decoy");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn new_controls_all_have_names() {
    let mut f = app(Some(None)).await;
    assert!(unlock(&mut f, PIN).await);
    open_plan(&mut f).await;
    f.t.change("plan-youth-check", "true");
    f.t.change("plan-prio-children", "true");
    f.t.click("plan-person-add");
    f.t.input("plan-person-phone-0", "555 0199");
    f.t.click("plan-person-message-0");
    f.t.change("plan-tech-looked-location", "true");
    assert!(status_is(&mut f, "plan-status", "Saved").await);
    let mut pages = vec![("plan", f.t.html())];
    f.t.click("nav-back");
    f.t.click("home-signs");
    pages.push(("signs", f.t.html()));
    f.t.click("nav-back");
    f.t.click("home-directory");
    assert!(
        f.t.wait_until(WAIT, |h| h
            .contains("id=\"dir-pick-us-domestic-violence-hotline\""))
            .await
    );
    f.t.change("dir-pick-us-domestic-violence-hotline", "true");
    f.t.click("dir-share");
    assert!(
        f.t.wait_until(WAIT, |h| h.contains("id=\"share-link\""))
            .await
    );
    pages.push(("share", f.t.html()));
    f.t.click("share-safe-short");
    f.t.click("share-short-send");
    pages.push(("share-short", f.t.html()));
    let mut problems = Vec::new();
    for (name, html) in &pages {
        for b in unnamed_controls(html) {
            problems.push(format!("{name}: {b}"));
        }
    }
    assert!(
        problems.is_empty(),
        "unnamed controls:\n{}",
        problems.join("\n")
    );
    for id in [
        "plan-youth-check",
        "plan-prio-children",
        "plan-person-sms-0",
        "plan-tech-looked-location",
        "plan-tech-add-bill",
        "share-safe-full",
        "share-short-copy",
    ] {
        assert!(
            pages
                .iter()
                .any(|(_, h)| h.contains(&format!("id=\"{id}\""))),
            "{id} checked"
        );
    }
}
