//! "Know the signs / you are not alone": short, calm facts drawn from the NCAP brief "The
//! Intersections of Human Trafficking, Intimate Partner Violence, and Child Welfare"
//! (`/work/shared/seed`), each cited to the brief's own numbered references.

use crate::core::sources::Topic;
use crate::ui::components::about::About;
use crate::ui::state::{t, AppState, Screen};
use dioxus::prelude::*;

/// The brief's references cited on this screen, by the brief's own numbers. Bibliographic
/// entries stay in their original language.
pub const REFERENCES: [(u8, &str); 12] = [
    (1, "Frundt T, Longhitano L, Johnson J (2017). Explore the Intersection between Domestic Violence and Human Trafficking. Office on Violence against Women, Department of Justice, Washington, DC."),
    (2, "US Department of State (2021). Trafficking in Persons Report."),
    (4, "US Department of State (2009). Trafficking in Persons Report."),
    (5, "Postmus JL, Plummer SB, McMahon S, Murshid NS, Kim MS (2012). Understanding economic abuse in the lives of survivors. Journal of Interpersonal Violence, 27(3): 411-30."),
    (6, "Roe-Sepowitz DE, Hickie KE, Dahlstedt J & Gallagher J (2014). Victim or Whore: The Similarities and Differences between Victims' Experiences of Domestic Violence and Sex Trafficking. Journal of Human Behavior in the Social Environment, 24:8, 883-898."),
    (7, "Lloyd R (2015). Commentary on \"Human Trafficking and Domestic Violence: Etiology, Intervention, and Overlap with Child Maltreatment.\" Journal of Applied Research on Children, 6(1): 1-4."),
    (9, "Polaris Project (2022). What Are Child-related Challenges for Survivors of Human Trafficking? National Survivor Study."),
    (15, "National Center for Missing and Exploited Children (NCMEC) (2022). Our 2021 Impact. NCMEC: Alexandria, VA."),
    (16, "Polaris Project (2021). Polaris Analysis of 2020 Data from the National Human Trafficking Hotline."),
    (17, "Asian Pacific Institute on Gender-Based Violence (2016). Intersections of Human Trafficking, Domestic Violence, and Sexual Assault. Oakland, CA."),
    (18, "Rozas LW, Ostrander J, Feely M (2018). Inequalities in US Child Protection: The Case of Sex Trafficked Youth. Social Sciences, 7(135): 1-14."),
    (19, "Asian-Pacific Institute on Gender-Based Violence (2017). Considerations and Recommendations on Trauma-Informed Advocacy for Survivors of Human Trafficking."),
];

/// Each paragraph: message id and the brief's reference numbers it rests on.
const OVERLAP: [(&str, &str); 4] = [
    ("signs-overlap-1", "7"),
    ("signs-overlap-2", "4"),
    ("signs-overlap-3", "5"),
    ("signs-overlap-4", "15"),
];
const SIGNS: [(&str, &str); 6] = [
    ("signs-sign-1", "1, 6, 7"),
    ("signs-sign-2", "1"),
    // From the brief's definition of trafficking ("debt bondage"), which cites no source.
    ("signs-sign-3", ""),
    ("signs-sign-4", "1, 6, 7, 9"),
    ("signs-sign-5", "1, 6, 7"),
    ("signs-sign-6", "1"),
];
const HELP: [(&str, &str); 3] = [
    ("signs-help-1", "17"),
    ("signs-help-2", "17"),
    ("signs-help-3", "7, 17, 18, 19"),
];

/// The sections added for trafficking, immigration, children and youth: id, heading,
/// paragraphs, and the topics whose sources ("About this information") back them.
const MORE: [(&str, &str, &[&str], &[Topic]); 4] = [
    (
        "control",
        "signs-h-control",
        &[
            "signs-control-1",
            "signs-control-2",
            "signs-control-3",
            "signs-control-4",
        ],
        &[Topic::Trafficking, Topic::Documents],
    ),
    (
        "immigration",
        "signs-h-immigration",
        &[
            "signs-imm-t",
            "signs-imm-u",
            "signs-imm-vawa",
            "signs-imm-advocate",
        ],
        &[Topic::Immigration],
    ),
    (
        "children",
        "signs-h-children",
        &[
            "signs-child-1",
            "signs-child-2",
            "signs-child-3",
            "signs-child-4",
        ],
        &[Topic::Children, Topic::MandatedReporting],
    ),
    (
        "youth",
        "signs-h-youth",
        &["signs-youth-1", "signs-youth-2", "signs-youth-3"],
        &[Topic::Youth],
    ),
];

/// Message ids of the added sections (for translation checks).
pub fn more_message_ids() -> Vec<&'static str> {
    MORE.iter()
        .flat_map(|(_, h, ps, _)| std::iter::once(*h).chain(ps.iter().copied()))
        .chain(["signs-about", "plan-about-note"])
        .collect()
}

/// One added section with its "About this information" list.
#[component]
fn MoreSection(
    code: &'static str,
    heading: &'static str,
    paras: &'static [&'static str],
    topics: &'static [Topic],
) -> Element {
    rsx! {
        section { class: "card", id: "signs-{code}",
            h2 { {t(heading)} }
            for id in paras.iter().copied() {
                p { key: "{id}", id: "{id}", {t(id)} }
            }
            About { id: "signs-about-{code}", topics: topics.to_vec(), summary_id: "signs-about" }
        }
    }
}

#[component]
fn Cited(id: &'static str, refs: &'static str) -> Element {
    rsx! {
        {t(id)}
        if !refs.is_empty() {
            " "
            sup { class: "cite", "[{refs}]" }
        }
    }
}

/// The warning-signs screen.
#[component]
pub fn SignsView() -> Element {
    let state = use_context::<AppState>();
    rsx! {
        div { id: "signs", class: "signs",
            p { class: "lead", {t("signs-intro")} }
            section { class: "card",
                h2 { {t("signs-h-overlap")} }
                for (id, refs) in OVERLAP {
                    p { key: "{id}", id: "{id}", Cited { id, refs } }
                }
            }
            section { class: "card",
                h2 { {t("signs-h-known")} }
                p { id: "signs-known-1", Cited { id: "signs-known-1", refs: "2, 16" } }
            }
            section { class: "card",
                h2 { {t("signs-h-signs")} }
                ul {
                    for (id, refs) in SIGNS {
                        li { key: "{id}", id: "{id}", Cited { id, refs } }
                    }
                }
            }
            for (code, heading, paras, topics) in MORE {
                MoreSection { key: "{code}", code, heading, paras, topics }
            }
            section { class: "card",
                h2 { {t("signs-h-blame")} }
                p { id: "signs-blame-1", Cited { id: "signs-blame-1", refs: "17, 18" } }
            }
            section { class: "card",
                h2 { {t("signs-h-help")} }
                for (id, refs) in HELP {
                    p { key: "{id}", id: "{id}", Cited { id, refs } }
                }
                button {
                    id: "signs-find-help",
                    class: "primary",
                    r#type: "button",
                    onclick: move |_| state.go(Screen::Directory),
                    {t("signs-find-help")}
                }
            }
            section { class: "card sources", id: "signs-sources",
                h2 { {t("signs-sources")} }
                p { class: "note", {t("signs-sources-note")} }
                ul { class: "refs plain-list",
                    for (n, text) in REFERENCES {
                        li { key: "{n}", id: "ref-{n}", lang: "en", "[{n}] {text}" }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cited_number_is_listed() {
        let cited = OVERLAP
            .iter()
            .chain(SIGNS.iter())
            .chain(HELP.iter())
            .map(|(_, r)| *r)
            .chain(["2, 16", "17, 18"]);
        for refs in cited {
            for n in refs.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                let n: u8 = n.parse().unwrap();
                assert!(
                    REFERENCES.iter().any(|(m, _)| *m == n),
                    "reference {n} missing"
                );
            }
        }
    }
}
