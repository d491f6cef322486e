//! WCAG AA contrast of the private screens' colour pairs, computed from `assets/app.css`.

use std::collections::HashMap;

fn vars(css: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in css.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("--") {
            if let Some((name, value)) = rest.split_once(':') {
                let v = value.trim().trim_end_matches(';').trim();
                if v.starts_with('#') {
                    out.insert(name.trim().to_string(), v.to_string());
                }
            }
        }
    }
    out
}

fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    assert_eq!(h.len(), 6, "colour {hex}");
    let ch = |i: usize| {
        let c = u8::from_str_radix(&h[i..i + 2], 16).unwrap() as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[test]
fn contrast_formula_is_right() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
    assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.02);
}

#[test]
fn private_screen_colours_meet_wcag_aa() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/app.css"))
        .expect("app.css");
    let v = vars(&css);
    let c = |name: &str| {
        v.get(name)
            .unwrap_or_else(|| panic!("--{name} not defined"))
            .clone()
    };
    let white = "#ffffff".to_string();
    // (foreground, background, what, minimum ratio): 4.5 for body text.
    let pairs = [
        (c("ink"), c("bg"), "text on the page", 4.5),
        (c("ink"), c("card"), "text on cards", 4.5),
        (c("muted"), c("bg"), "secondary text on the page", 4.5),
        (c("muted"), c("card"), "secondary text on cards", 4.5),
        (c("accent"), c("card"), "links and outline buttons", 4.5),
        (c("accent"), c("bg"), "links on the page", 4.5),
        (white.clone(), c("accent"), "primary buttons", 4.5),
        (c("warn"), c("bg"), "warnings", 4.5),
        (c("warn"), c("card"), "warnings on cards", 4.5),
        (c("ok"), c("bg"), "confirmations", 4.5),
        (c("ok"), c("card"), "confirmations on cards", 4.5),
        (white.clone(), c("danger"), "erase button", 4.5),
        (white.clone(), "#1d2327".to_string(), "Exit button", 4.5),
        ("#134f4c".to_string(), "#e6efee".to_string(), "tags", 4.5),
        (c("warn"), "#fff1e5".to_string(), "unverified badges", 4.5),
    ];
    let mut bad = Vec::new();
    for (fg, bg, what, min) in pairs {
        let r = contrast(&fg, &bg);
        if r < min {
            bad.push(format!("{what}: {fg} on {bg} = {r:.2} < {min}"));
        }
    }
    assert!(
        bad.is_empty(),
        "contrast below WCAG AA:\n{}",
        bad.join("\n")
    );
}
