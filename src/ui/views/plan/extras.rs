//! The plan's extra cards: "I am under 18", "What matters most to me now", the
//! tech-safety checkup (in the phone and accounts section), the mandated-reporter note (in
//! the children section) and "About this information" (in every section).

use super::Edit;
use crate::core::plan::{tech, Plan, Priority, TechItem};
use crate::core::sources::Topic;
use crate::ui::components::about::About;
use crate::ui::state::{t, ta};
use dioxus::prelude::*;

/// "I am under 18": changes wording and suggestions, and says up front what adults must
/// report.
#[component]
pub fn YouthCard(plan: Signal<Plan>, edit: Edit) -> Element {
    let youth = plan.read().youth;
    rsx! {
        section { class: "card", id: "plan-youth",
            div { class: "check",
                input {
                    id: "plan-youth-check",
                    r#type: "checkbox",
                    checked: youth,
                    onchange: move |e| {
                        let on = e.checked();
                        edit.call(Box::new(move |p: &mut Plan| p.youth = on));
                    },
                }
                label { r#for: "plan-youth-check", {t("plan-youth-label")} }
            }
            p { class: "note", {t("plan-youth-hint")} }
            if youth {
                p { id: "plan-youth-note", class: "lead", {t("plan-youth-note")} }
                p { id: "plan-youth-note-2", {t("plan-youth-note-2")} }
                About { id: "plan-about-youth", topics: vec![Topic::Youth] }
            }
        }
    }
}

/// "What matters most to me now" (optional): suggestions are ordered by it. Not a danger
/// assessment; says where she can do one.
#[component]
pub fn PrioritiesCard(plan: Signal<Plan>, edit: Edit) -> Element {
    let chosen = plan.read().priorities.clone();
    rsx! {
        section { class: "card", id: "plan-priorities",
            fieldset { class: "stage",
                legend { {t("plan-prio-title")} }
                for p in Priority::ALL {
                    div { key: "{p.code()}", class: "check",
                        input {
                            id: "plan-prio-{p.code()}",
                            r#type: "checkbox",
                            checked: chosen.contains(&p),
                            onchange: move |e| {
                                let on = e.checked();
                                edit.call(Box::new(move |x: &mut Plan| x.set_priority(p, on)));
                            },
                        }
                        label { r#for: "plan-prio-{p.code()}",
                            {t(p.label_id())}
                            if let Some(n) = chosen.iter().position(|x| *x == p) {
                                " "
                                span { class: "prio-rank", "({n + 1})" }
                            }
                        }
                    }
                }
            }
            p { class: "note", {t("plan-prio-note")} }
            p { id: "plan-prio-danger", class: "note", {t("plan-prio-danger")} }
            About { id: "plan-about-priorities", topics: vec![Topic::Danger] }
        }
    }
}

/// The guided, offline tech-safety checkup. It scans nothing: she looks, ticks, and may
/// add a line to her plan.
#[component]
pub fn TechCheckup(plan: Signal<Plan>, edit: Edit) -> Element {
    let p = plan.read().clone();
    rsx! {
        div { id: "plan-tech-checkup", class: "suggestions",
            h3 { {t("plan-tech-title")} }
            p { class: "note", {t("plan-tech-intro")} }
            ul { class: "plain-list",
                for item in TechItem::ALL {
                    {
                        let code = item.code();
                        let title = t(item.title_id());
                        let line = t(item.line_id());
                        let added = p.tech.lines().any(|l| l.trim_start_matches("- ").trim() == line);
                        let looked = p.tech_checked.contains(&item);
                        rsx! {
                            li { key: "{code}", class: "entry", id: "plan-tech-{code}",
                                h4 { "{title}" }
                                p { {t(item.body_id())} }
                                p { class: "note", {t(tech::CAUTION)} }
                                div { class: "check",
                                    input {
                                        id: "plan-tech-looked-{code}",
                                        r#type: "checkbox",
                                        checked: looked,
                                        aria_label: ta("plan-tech-looked-label", &[("item", &title)]),
                                        onchange: move |e| {
                                            let on = e.checked();
                                            edit.call(Box::new(move |x: &mut Plan| x.set_tech_checked(item, on)));
                                        },
                                    }
                                    label { r#for: "plan-tech-looked-{code}", {t("plan-tech-looked")} }
                                }
                                button {
                                    id: "plan-tech-add-{code}",
                                    class: "small-btn",
                                    r#type: "button",
                                    disabled: added,
                                    aria_label: ta("plan-add-label", &[("text", &line)]),
                                    onclick: {
                                        let line = line.clone();
                                        move |_| {
                                            let line = line.clone();
                                            edit.call(Box::new(move |x: &mut Plan| { x.accept_suggestion(crate::core::plan::SectionId::Tech, &line); }));
                                        }
                                    },
                                    if added { {t("plan-added")} } else { {t("plan-add")} }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Who is a mandated reporter, and what that means (children section).
#[component]
pub fn MandatedNote() -> Element {
    rsx! {
        div { id: "plan-mandated", class: "note-block",
            h3 { {t("plan-mandated-title")} }
            p { {t("plan-mandated-body")} }
            p { {t("plan-mandated-ask")} }
        }
    }
}
