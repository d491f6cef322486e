//! A plan section: its card (title, reorder, skip), its editor, its suggestions (by
//! stage, youth and priorities) and its "About this information" list.

use super::extras::{MandatedNote, TechCheckup};
use super::people::PeopleSection;
use super::Edit;
use crate::core::plan::{self, Plan, SectionId, SectionKind, ThingKind};
use crate::ui::components::about::About;
use crate::ui::state::{t, ta};
use dioxus::prelude::*;

/// One section of the plan.
#[component]
pub fn SectionCard(
    sec: SectionId,
    first: bool,
    last: bool,
    plan: Signal<Plan>,
    edit: Edit,
) -> Element {
    let code = sec.code();
    let youth = plan.read().youth;
    let title = t(sec.title_for(youth));
    rsx! {
        section { class: "card plan-section", id: "plan-sec-{code}",
            div { class: "section-head",
                h2 { class: "section-title", "{title}" }
                div { class: "reorder",
                    button {
                        id: "plan-up-{code}",
                        class: "small-btn",
                        r#type: "button",
                        disabled: first,
                        aria_label: ta("plan-up-label", &[("section", &title)]),
                        onclick: move |_| edit.call(Box::new(move |p: &mut Plan| { p.move_up(sec); })),
                        {t("plan-up")}
                    }
                    button {
                        id: "plan-down-{code}",
                        class: "small-btn",
                        r#type: "button",
                        disabled: last,
                        aria_label: ta("plan-down-label", &[("section", &title)]),
                        onclick: move |_| edit.call(Box::new(move |p: &mut Plan| { p.move_down(sec); })),
                        {t("plan-down")}
                    }
                    button {
                        id: "plan-skip-{code}",
                        class: "small-btn",
                        r#type: "button",
                        aria_label: ta("plan-skip-label", &[("section", &title)]),
                        onclick: move |_| edit.call(Box::new(move |p: &mut Plan| p.hide(sec))),
                        {t("plan-skip")}
                    }
                }
            }
            p { class: "note", {t(sec.hint_for(youth))} }
            if sec == SectionId::Children {
                MandatedNote {}
            }
            match sec.kind() {
                SectionKind::Text => rsx! { TextSection { sec, plan, edit } },
                SectionKind::Places => rsx! { PlacesSection { plan, edit } },
                SectionKind::People => rsx! { PeopleSection { plan, edit } },
                SectionKind::Checklist => rsx! { ThingsSection { plan, edit } },
            }
            Suggestions { sec, plan, edit }
            if sec == SectionId::Tech {
                TechCheckup { plan, edit }
            }
            About { id: "plan-about-{code}", topics: plan::suggestions::topics(sec, youth) }
        }
    }
}

#[component]
fn TextSection(sec: SectionId, plan: Signal<Plan>, edit: Edit) -> Element {
    let code = sec.code();
    let text = plan.read().text(sec).unwrap_or_default().to_string();
    rsx! {
        div { class: "field",
            label { r#for: "plan-text-{code}", {ta("plan-your-words", &[("section", &t(sec.title_for(plan.read().youth)))])} }
            textarea {
                id: "plan-text-{code}",
                rows: "4",
                value: "{text}",
                oninput: move |e| {
                    let v = e.value();
                    edit.call(Box::new(move |p: &mut Plan| { p.set_text(sec, &v); }));
                },
            }
        }
    }
}

#[component]
fn Suggestions(sec: SectionId, plan: Signal<Plan>, edit: Edit) -> Element {
    let ids = plan::suggestions::ordered(sec, &plan.read());
    if ids.is_empty() {
        return rsx! {};
    }
    let code = sec.code();
    let p = plan.read().clone();
    rsx! {
        div { class: "suggestions",
            h3 { {t("plan-suggestions")} }
            p { class: "note", {t("plan-suggestions-note")} }
            ul { class: "plain-list",
                for (i, id) in ids.iter().enumerate() {
                    {
                        let text = t(id);
                        let added = match sec {
                            SectionId::SafePlaces => p.safe_places.iter().any(|s| s.place == text),
                            _ => p.text(sec).is_some_and(|t| t.lines().any(|l| l.trim_start_matches("- ").trim() == text)),
                        };
                        let label = ta("plan-add-label", &[("text", &text)]);
                        let add_text = text.clone();
                        rsx! {
                            li { key: "{id}", class: "row suggestion",
                                span { class: "grow", "{text}" }
                                button {
                                    id: "plan-sug-{code}-{i}",
                                    class: "small-btn",
                                    r#type: "button",
                                    disabled: added,
                                    aria_label: "{label}",
                                    onclick: move |_| {
                                        let line = add_text.clone();
                                        edit.call(Box::new(move |p: &mut Plan| { p.accept_suggestion(sec, &line); }));
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

#[component]
fn PlacesSection(plan: Signal<Plan>, edit: Edit) -> Element {
    let places = plan.read().safe_places.clone();
    rsx! {
        for (i, place) in places.into_iter().enumerate() {
            div { key: "{i}", class: "entry",
                div { class: "field",
                    label { r#for: "plan-place-{i}", {t("plan-place")} }
                    input {
                        id: "plan-place-{i}",
                        r#type: "text",
                        autocomplete: "off",
                        value: "{place.place}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.safe_places.get_mut(i) { x.place = v; }
                            }));
                        },
                    }
                }
                div { class: "field",
                    label { r#for: "plan-place-how-{i}", {t("plan-place-how")} }
                    textarea {
                        id: "plan-place-how-{i}",
                        rows: "2",
                        value: "{place.how}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.safe_places.get_mut(i) { x.how = v; }
                            }));
                        },
                    }
                }
                button {
                    id: "plan-place-remove-{i}",
                    class: "small-btn",
                    r#type: "button",
                    aria_label: ta("plan-place-remove-label", &[("number", &(i + 1).to_string())]),
                    onclick: move |_| edit.call(Box::new(move |p: &mut Plan| {
                        if i < p.safe_places.len() { p.safe_places.remove(i); }
                    })),
                    {t("plan-remove")}
                }
            }
        }
        button {
            id: "plan-place-add",
            class: "secondary",
            r#type: "button",
            onclick: move |_| edit.call(Box::new(|p: &mut Plan| { p.add_place(); })),
            {t("plan-place-add")}
        }
    }
}

#[component]
fn ThingsSection(plan: Signal<Plan>, edit: Edit) -> Element {
    let things = plan.read().things.clone();
    rsx! {
        for (i, thing) in things.into_iter().enumerate() {
            {
                let own = thing.kind == ThingKind::Other;
                let name = match thing.kind.label_id() {
                    Some(id) => t(id),
                    None if thing.label.trim().is_empty() => t("plan-thing-other"),
                    None => thing.label.clone(),
                };
                rsx! {
                    div { key: "{i}", class: "entry thing",
                        if own {
                            div { class: "field",
                                label { r#for: "plan-thing-label-{i}", {t("plan-thing-what")} }
                                input {
                                    id: "plan-thing-label-{i}",
                                    r#type: "text",
                                    autocomplete: "off",
                                    value: "{thing.label}",
                                    oninput: move |e| {
                                        let v = e.value();
                                        edit.call(Box::new(move |p: &mut Plan| {
                                            if let Some(x) = p.things.get_mut(i) { x.label = v; }
                                        }));
                                    },
                                }
                            }
                        }
                        div { class: "check",
                            input {
                                id: "plan-thing-ready-{i}",
                                r#type: "checkbox",
                                aria_label: ta("plan-thing-ready-label", &[("thing", &name)]),
                                checked: thing.ready,
                                onchange: move |e| {
                                    let v = e.checked();
                                    edit.call(Box::new(move |p: &mut Plan| {
                                        if let Some(x) = p.things.get_mut(i) { x.ready = v; }
                                    }));
                                },
                            }
                            label { r#for: "plan-thing-ready-{i}", class: "thing-name", "{name}" }
                        }
                        div { class: "field",
                            label { r#for: "plan-thing-kept-{i}", class: "small-label", {t("plan-thing-kept")} }
                            input {
                                id: "plan-thing-kept-{i}",
                                aria_label: ta("plan-thing-kept-label", &[("thing", &name)]),
                                r#type: "text",
                                autocomplete: "off",
                                value: "{thing.kept_at}",
                                oninput: move |e| {
                                    let v = e.value();
                                    edit.call(Box::new(move |p: &mut Plan| {
                                        if let Some(x) = p.things.get_mut(i) { x.kept_at = v; }
                                    }));
                                },
                            }
                        }
                        if own {
                            button {
                                id: "plan-thing-remove-{i}",
                                class: "small-btn",
                                r#type: "button",
                                aria_label: ta("plan-thing-remove-label", &[("thing", &name)]),
                                onclick: move |_| edit.call(Box::new(move |p: &mut Plan| { p.remove_thing(i); })),
                                {t("plan-remove")}
                            }
                        }
                    }
                }
            }
        }
        button {
            id: "plan-thing-add",
            class: "secondary",
            r#type: "button",
            onclick: move |_| edit.call(Box::new(|p: &mut Plan| { p.add_thing(); })),
            {t("plan-thing-add")}
        }
    }
}
