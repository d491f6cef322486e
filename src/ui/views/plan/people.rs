//! Trusted people, typed by hand, each with a code word; one tap prepares a text message
//! with the code word in the phone's own messaging app (after the trace note). Nothing is
//! sent by this app.

use super::Edit;
use crate::core::plan::{Plan, TrustedPerson};
use crate::core::sms;
use crate::ui::state::{t, ta};
use dioxus::prelude::*;

/// The trusted people of the plan.
#[component]
pub fn PeopleSection(plan: Signal<Plan>, edit: Edit) -> Element {
    let people = plan.read().people.clone();
    rsx! {
        for (i, person) in people.into_iter().enumerate() {
            div { key: "{i}", class: "entry",
                div { class: "field",
                    label { r#for: "plan-person-name-{i}", {t("plan-person-name")} }
                    input {
                        id: "plan-person-name-{i}",
                        r#type: "text",
                        autocomplete: "off",
                        value: "{person.name}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.people.get_mut(i) { x.name = v; }
                            }));
                        },
                    }
                }
                div { class: "field",
                    label { r#for: "plan-person-phone-{i}", {t("plan-person-phone")} }
                    input {
                        id: "plan-person-phone-{i}",
                        r#type: "tel",
                        autocomplete: "off",
                        value: "{person.phone}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.people.get_mut(i) { x.phone = v; }
                            }));
                        },
                    }
                }
                div { class: "field",
                    label { r#for: "plan-person-code-{i}", {t("plan-person-code")} }
                    input {
                        id: "plan-person-code-{i}",
                        r#type: "text",
                        autocomplete: "off",
                        value: "{person.code_word}",
                        oninput: move |e| {
                            let v = e.value();
                            edit.call(Box::new(move |p: &mut Plan| {
                                if let Some(x) = p.people.get_mut(i) { x.code_word = v; }
                            }));
                        },
                    }
                }
                CodeWordMessage { i, person: person.clone() }
                button {
                    id: "plan-person-remove-{i}",
                    class: "small-btn",
                    r#type: "button",
                    aria_label: ta("plan-person-remove-label", &[("number", &(i + 1).to_string())]),
                    onclick: move |_| edit.call(Box::new(move |p: &mut Plan| {
                        if i < p.people.len() { p.people.remove(i); }
                    })),
                    {t("plan-remove")}
                }
            }
        }
        button {
            id: "plan-person-add",
            class: "secondary",
            r#type: "button",
            onclick: move |_| edit.call(Box::new(|p: &mut Plan| { p.add_person(); })),
            {t("plan-person-add")}
        }
    }
}

/// "Text the code word": first the trace note, then a link that opens the phone's own
/// messaging app with the number(s) and the code word typed in. Nothing is sent here.
#[component]
fn CodeWordMessage(i: usize, person: TrustedPerson) -> Element {
    let mut open = use_signal(|| false);
    let name = if person.name.trim().is_empty() {
        (i + 1).to_string()
    } else {
        person.name.clone()
    };
    let numbers = sms::numbers_in(&person.phone);
    if numbers.is_empty() {
        return rsx! {
            p { id: "plan-person-sms-none-{i}", class: "note", {t("plan-person-no-number")} }
        };
    }
    if !*open.read() {
        return rsx! {
            button {
                id: "plan-person-message-{i}",
                class: "secondary",
                r#type: "button",
                aria_label: ta("plan-person-message-label", &[("name", &name)]),
                onclick: move |_| open.set(true),
                {t("plan-person-message")}
            }
        };
    }
    let uri = sms::sms_uri(&numbers, &person.code_word).unwrap_or_default();
    rsx! {
        div { class: "entry", id: "plan-person-sms-box-{i}",
            p { id: "plan-person-trace-{i}", class: "note", {t("plan-person-trace")} }
            div { class: "actions",
                a {
                    id: "plan-person-sms-{i}",
                    class: "action-link",
                    href: "{uri}",
                    aria_label: ta("plan-person-open-label", &[("name", &name)]),
                    {t("plan-person-open")}
                }
                button {
                    id: "plan-person-sms-cancel-{i}",
                    class: "small-btn",
                    r#type: "button",
                    onclick: move |_| open.set(false),
                    {t("plan-person-cancel")}
                }
            }
        }
    }
}
