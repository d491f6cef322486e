//! The calculator screen: the disguise. Looks and behaves like any phone calculator.

use crate::core::calculator::{Calculator, Key, Op, Outcome};
use dioxus::prelude::*;
use zeroize::Zeroizing;

/// One key on the keypad: its DOM id, label, accessible name, style and meaning.
struct KeyDef {
    id: &'static str,
    label: &'static str,
    name: &'static str,
    class: &'static str,
    key: Key,
}

const fn k(
    id: &'static str,
    label: &'static str,
    name: &'static str,
    class: &'static str,
    key: Key,
) -> KeyDef {
    KeyDef {
        id,
        label,
        name,
        class,
        key,
    }
}

const KEYPAD: [KeyDef; 20] = [
    k("key-clear", "AC", "clear", "fn", Key::Clear),
    k("key-sign", "±", "plus minus", "fn", Key::Sign),
    k("key-percent", "%", "percent", "fn", Key::Percent),
    k("key-div", "÷", "divide", "op", Key::Op(Op::Div)),
    k("key-7", "7", "7", "num", Key::Digit(7)),
    k("key-8", "8", "8", "num", Key::Digit(8)),
    k("key-9", "9", "9", "num", Key::Digit(9)),
    k("key-mul", "×", "multiply", "op", Key::Op(Op::Mul)),
    k("key-4", "4", "4", "num", Key::Digit(4)),
    k("key-5", "5", "5", "num", Key::Digit(5)),
    k("key-6", "6", "6", "num", Key::Digit(6)),
    k("key-sub", "−", "minus", "op", Key::Op(Op::Sub)),
    k("key-1", "1", "1", "num", Key::Digit(1)),
    k("key-2", "2", "2", "num", Key::Digit(2)),
    k("key-3", "3", "3", "num", Key::Digit(3)),
    k("key-add", "+", "plus", "op", Key::Op(Op::Add)),
    k("key-back", "⌫", "backspace", "num", Key::Backspace),
    k("key-0", "0", "0", "num", Key::Digit(0)),
    k("key-point", ".", "decimal point", "num", Key::Point),
    k("key-eq", "=", "equals", "op eq", Key::Equals),
];

/// Font size class so long numbers shrink instead of overflowing the display.
fn size_class(text: &str) -> &'static str {
    match text.chars().count() {
        0..=7 => "d-xl",
        8..=9 => "d-l",
        10..=12 => "d-m",
        13..=16 => "d-s",
        _ => "d-xs",
    }
}

/// The calculator. `on_candidate` receives the digits typed before `=` when they were a
/// plain run of digits (the app tries them as a PIN). `calc` is owned by the caller so it
/// can reset the display on lock. `on_key` sees every key pressed (the setup code).
#[component]
pub fn CalculatorView(
    calc: Signal<Calculator>,
    on_candidate: EventHandler<Zeroizing<String>>,
    #[props(default)] on_key: EventHandler<Key>,
) -> Element {
    let mut press = move |key: Key| {
        on_key.call(key);
        let outcome = calc.write().press(key);
        if let Outcome::Candidate(digits) = outcome {
            on_candidate.call(digits);
        }
    };
    let state = calc.read();
    let display = state.display();
    let clear_label = state.clear_label();
    let active = state.active_op();
    drop(state);
    let size = size_class(&display);

    rsx! {
        div {
            id: "calculator",
            class: "calculator",
            tabindex: "0",
            onmounted: move |e| async move {
                let _ = e.set_focus(true).await;
            },
            onkeydown: move |e: KeyboardEvent| {
                if let Some(key) = Key::from_keyboard(&e.key().to_string()) {
                    e.prevent_default();
                    press(key);
                }
            },
            div { class: "display-wrap",
                div {
                    id: "display",
                    class: "display {size}",
                    role: "status",
                    aria_live: "polite",
                    "{display}"
                }
            }
            div { class: "keypad",
                for def in KEYPAD.iter() {
                    button {
                        key: "{def.id}",
                        id: def.id,
                        r#type: "button",
                        class: {
                            let on = matches!(def.key, Key::Op(op) if active == Some(op));
                            format!("key {}{}", def.class, if on { " active" } else { "" })
                        },
                        aria_label: def.name,
                        onclick: move |_| press(def.key),
                        if def.key == Key::Clear { "{clear_label}" } else { "{def.label}" }
                    }
                }
            }
        }
    }
}
