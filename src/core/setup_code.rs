//! The setup code: a fixed key sequence typed on the calculator that opens first-run setup
//! when no space exists yet (a fresh install, after an erase, after setup was left).
//!
//! The code is `0000 ÷ 0 =`, typed from a fresh calculator (after opening, `AC` or `=`):
//! a division by zero written with four leading zeros is not arithmetic anyone does, it
//! has an operator so it is never a PIN candidate, and it is easy to say aloud.
//!
//! [`SetupCode`] keeps only how far into the code the person is (an index), never the keys
//! typed, so a PIN typed on the calculator leaves no copy here.

use crate::core::calculator::{Key, Op};

/// The keys of the code, before `=`.
pub const KEYS: [Key; 5] = [
    Key::Digit(0),
    Key::Digit(0),
    Key::Digit(0),
    Key::Digit(0),
    Key::Op(Op::Div),
];
const LAST: Key = Key::Digit(0);

/// The code as the welcome screen and the README write it.
pub const TEXT: &str = "0000 ÷ 0 =";

/// Watches calculator keys for the setup code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SetupCode {
    /// Keys of the code matched so far, or `None` once the sequence broke (until the
    /// calculator is fresh again).
    pos: Option<usize>,
}

impl Default for SetupCode {
    fn default() -> Self {
        SetupCode { pos: Some(0) }
    }
}

impl SetupCode {
    /// A watcher for a freshly opened calculator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Start over (the calculator was reset).
    pub fn reset(&mut self) {
        self.pos = Some(0);
    }

    /// Feed one key; true when this key completed the code.
    pub fn press(&mut self, key: Key) -> bool {
        match key {
            Key::Equals => {
                let done = self.pos == Some(KEYS.len() + 1);
                self.pos = Some(0);
                done
            }
            Key::Clear => {
                self.pos = Some(0);
                false
            }
            k => {
                self.pos = match self.pos {
                    Some(i) if i < KEYS.len() && KEYS[i] == k => Some(i + 1),
                    Some(i) if i == KEYS.len() && k == LAST => Some(i + 1),
                    _ => None,
                };
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<Key> {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '÷' => Key::Op(Op::Div),
                'C' => Key::Clear,
                '<' => Key::Backspace,
                c => Key::from_keyboard(&c.to_string()).unwrap(),
            })
            .collect()
    }

    fn fires(s: &str) -> bool {
        let mut code = SetupCode::new();
        let mut hit = false;
        for k in keys(s) {
            hit = code.press(k);
        }
        hit
    }

    #[test]
    fn the_code_fires_from_a_fresh_calculator() {
        assert!(fires("0000÷0="));
        assert!(fires("12+7=0000÷0="), "after a result");
        assert!(fires("123C0000÷0="), "after clear");
        assert_eq!(TEXT.replace(' ', ""), "0000÷0=");
    }

    #[test]
    fn near_misses_and_real_arithmetic_do_not() {
        for s in [
            "000÷0=",
            "00000÷0=",
            "10000÷0=",
            "0000÷00=",
            "0000÷0+1=",
            "0000*0=",
            "0÷0=",
            "0000÷0<0=",
            "00000000=",
            "1000÷10=",
            "0000÷0",
        ] {
            assert!(!fires(s), "{s}");
        }
    }
}
