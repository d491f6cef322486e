//! Calculator engine: known-answer tables, phone-calculator behaviour, and no panics.

use haven::core::calculator::{Calculator, Key, Op, Outcome};
use proptest::prelude::*;

/// Type a compact key string: digits, `.`, `+ - * /`, `=`, `%`, `n` (±), `c` (clear), `<` (⌫).
fn keys(s: &str) -> Vec<Key> {
    s.chars()
        .filter(|c| *c != ' ')
        .map(|ch| match ch {
            '0'..='9' => Key::Digit(ch as u8 - b'0'),
            '.' => Key::Point,
            '+' => Key::Op(Op::Add),
            '-' => Key::Op(Op::Sub),
            '*' => Key::Op(Op::Mul),
            '/' => Key::Op(Op::Div),
            '=' => Key::Equals,
            '%' => Key::Percent,
            'n' => Key::Sign,
            'c' => Key::Clear,
            '<' => Key::Backspace,
            _ => panic!("unknown key {ch}"),
        })
        .collect()
}

fn run(s: &str) -> String {
    let mut c = Calculator::new();
    for k in keys(s) {
        c.press(k);
    }
    c.display()
}

#[test]
fn known_answers() {
    let table: &[(&str, &str)] = &[
        ("", "0"),
        ("12+7=", "19"),
        ("0.1+0.2=", "0.3"),
        ("1/3=", "0.333333333333"),
        ("2/3=", "0.666666666667"),
        ("2+3*4=", "14"),
        ("2*3+4=", "10"),
        ("10-2*3-1=", "3"),
        ("8/2/2=", "2"),
        ("2+3*4-6/2=", "11"),
        ("9-10=", "-1"),
        ("5n+3=", "-2"),
        ("1.5*4=", "6"),
        ("1234567*1000=", "1,234,567,000"),
        ("1000000*1000000=", "1e12"),
        ("99999999*99999999=", "9.999999e15"),
        ("0.0000001/1000=", "1e-10"),
        ("200+10%=", "220"),
        ("200-10%=", "180"),
        ("50%", "0.5"),
        ("200*10%=", "20"),
        ("2+3==", "8"),
        ("2*3===", "54"),
        ("10-1===", "7"),
        ("5*=", "25"),
        ("2+*3=", "6"),
        ("2*+3=", "5"),
        ("2+3=*2=", "10"),
        ("2+3=7", "7"),
        ("2+3=7+1=", "8"),
        ("123<", "12"),
        ("123<<<", "0"),
        ("1.2.3", "1.23"),
        (".5+.5=", "1"),
        ("0007", "7"),
        ("7c", "0"),
        ("7+8c9=", "16"),
        ("1/0=", "Error"),
        ("1/0=5+5=", "10"),
        ("1/0=c", "0"),
        ("0/0=", "Error"),
        ("1234567890123456789", "1,234,567,890,123,456"),
        ("2n", "-2"),
        ("2nn", "2"),
        ("1+2=n", "-3"),
        ("0.1*3=", "0.3"),
        ("1.1*1.1=", "1.21"),
        ("100/7*7=", "100"),
    ];
    let mut failures = Vec::new();
    for (input, want) in table {
        let got = run(input);
        if &got != want {
            failures.push(format!("{input:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "wrong answers:\n{}",
        failures.join("\n")
    );
}

#[test]
fn clear_label_toggles() {
    let mut c = Calculator::new();
    assert_eq!(c.clear_label(), "AC");
    c.press(Key::Digit(5));
    assert_eq!(c.clear_label(), "C");
    c.press(Key::Clear);
    assert_eq!(c.clear_label(), "AC");
}

#[test]
fn operator_highlight() {
    let mut c = Calculator::new();
    c.press(Key::Digit(5));
    c.press(Key::Op(Op::Mul));
    assert_eq!(c.active_op(), Some(Op::Mul));
    c.press(Key::Digit(2));
    assert_eq!(c.active_op(), None);
}

fn candidate(s: &str) -> Option<String> {
    let mut c = Calculator::new();
    let mut last = None;
    for k in keys(s) {
        if let Outcome::Candidate(d) = c.press(k) {
            last = Some(d.to_string());
        }
    }
    last
}

#[test]
fn pin_candidate_hook() {
    assert_eq!(candidate("482916=").as_deref(), Some("482916"));
    assert_eq!(candidate("12+7=").as_deref(), None);
    assert_eq!(candidate("48.2916=").as_deref(), None);
    assert_eq!(candidate("4829n16=").as_deref(), None);
    assert_eq!(candidate("3*3=482916=").as_deref(), Some("482916"));
    assert_eq!(candidate("4829166<=").as_deref(), Some("482916"));
    assert_eq!(candidate("1c482916=").as_deref(), Some("482916"));
    // A result on screen followed by `=` is not a new candidate.
    assert_eq!(candidate("482916==").as_deref(), Some("482916"));
    let mut c = Calculator::new();
    for k in keys("482916=") {
        c.press(k);
    }
    assert!(matches!(c.press(Key::Equals), Outcome::Calculated));
}

#[test]
fn reset_is_harmless() {
    let mut c = Calculator::new();
    for k in keys("482916") {
        c.press(k);
    }
    c.reset();
    assert_eq!(c.display(), "0");
    assert!(matches!(c.press(Key::Equals), Outcome::Calculated));
    assert!(!format!("{c:?}").contains("482916"));
}

#[test]
fn keyboard_mapping() {
    assert_eq!(Key::from_keyboard("7"), Some(Key::Digit(7)));
    assert_eq!(Key::from_keyboard("*"), Some(Key::Op(Op::Mul)));
    assert_eq!(Key::from_keyboard("Enter"), Some(Key::Equals));
    assert_eq!(Key::from_keyboard("Backspace"), Some(Key::Backspace));
    assert_eq!(Key::from_keyboard("Escape"), Some(Key::Clear));
    assert_eq!(Key::from_keyboard("F5"), None);
}

fn any_key() -> impl Strategy<Value = Key> {
    prop_oneof![
        (0u8..10).prop_map(Key::Digit),
        Just(Key::Point),
        Just(Key::Op(Op::Add)),
        Just(Key::Op(Op::Sub)),
        Just(Key::Op(Op::Mul)),
        Just(Key::Op(Op::Div)),
        Just(Key::Equals),
        Just(Key::Percent),
        Just(Key::Sign),
        Just(Key::Clear),
        Just(Key::Backspace),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_and_display_fits(seq in proptest::collection::vec(any_key(), 0..120)) {
        let mut c = Calculator::new();
        for k in seq {
            c.press(k);
            let d = c.display();
            prop_assert!(!d.is_empty());
            // 16 digits + separators + sign + point at most.
            prop_assert!(d.chars().count() <= 24, "display too long: {}", d);
        }
    }

    #[test]
    fn addition_matches_integers(a in 0u64..100_000_000, b in 0u64..100_000_000) {
        let s = format!("{a}+{b}=");
        let want = (a + b).to_string();
        prop_assert_eq!(run(&s).replace(',', ""), want);
    }

    #[test]
    fn multiplication_matches_integers(a in 0u64..1_000_000, b in 0u64..1_000_000) {
        let s = format!("{a}*{b}=");
        let p = a * b;
        let got = run(&s);
        if p < 1_000_000_000_000 {
            prop_assert_eq!(got.replace(',', ""), p.to_string());
        } else {
            prop_assert!(got.contains('e'));
        }
    }
}
