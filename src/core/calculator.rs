//! The disguise: an ordinary phone calculator engine, plus the PIN candidate hook.
//!
//! Plain Rust, no UI. Arithmetic uses [`rust_decimal::Decimal`] so `0.1 + 0.2` is `0.3`.
//! Precedence follows a phone calculator: `×` and `÷` bind tighter than `+` and `−`
//! (`2 + 3 × 4 =` gives `14`). Repeated `=` repeats the last operation.
//!
//! The engine remembers the digits typed since the last fresh start, **only** while the
//! input is a plain run of digits. When `=` is pressed on such a run, [`Calculator::press`]
//! returns [`Outcome::Candidate`] with those digits, so the app can try them as a PIN.
//! The candidate lives in a zeroizing buffer and is wiped on every reset.
//!
//! When a PIN-shaped candidate did not open anything, the app calls
//! [`Calculator::pin_refused`]: the digits leave the display (`0`), or, while the app is
//! waiting after too many wrong PINs, the display shows `Error` — the owner's cue, which
//! says nothing about whether the PIN was right (no PIN is checked during a delay).

use rust_decimal::prelude::*;
use rust_decimal::Decimal;
use zeroize::Zeroizing;

/// Longest entry a person can type (digits only, sign and point not counted).
pub const MAX_ENTRY_DIGITS: usize = 16;
/// Significant digits shown for a computed result before it is rounded.
pub const MAX_RESULT_DIGITS: u32 = 12;

/// The four arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `+`
    Add,
    /// `−`
    Sub,
    /// `×`
    Mul,
    /// `÷`
    Div,
}

impl Op {
    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }

    /// The symbol shown on the key.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "−",
            Op::Mul => "×",
            Op::Div => "÷",
        }
    }
}

/// One key on the keypad.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A digit key, `0`–`9` (anything larger is ignored).
    Digit(u8),
    /// The decimal point.
    Point,
    /// An operator key.
    Op(Op),
    /// `=`: computes; a plain run of digits typed before it comes back as a PIN candidate.
    Equals,
    /// `%`
    Percent,
    /// `±`: changes the sign of the entry.
    Sign,
    /// `C` when there is an entry to clear, `AC` otherwise (see [`Calculator::clear_label`]).
    Clear,
    /// Removes the last typed character of the entry.
    Backspace,
}

impl Key {
    /// Map a desktop keyboard key (DOM `KeyboardEvent.key`) to a calculator key.
    pub fn from_keyboard(key: &str) -> Option<Key> {
        Some(match key {
            "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" => {
                Key::Digit(key.as_bytes()[0] - b'0')
            }
            "." | "," => Key::Point,
            "+" => Key::Op(Op::Add),
            "-" => Key::Op(Op::Sub),
            "*" | "x" | "X" => Key::Op(Op::Mul),
            "/" => Key::Op(Op::Div),
            "=" | "Enter" => Key::Equals,
            "%" => Key::Percent,
            "Escape" | "Delete" | "c" | "C" => Key::Clear,
            "Backspace" => Key::Backspace,
            _ => return None,
        })
    }
}

/// What a key press produced besides the new display.
#[derive(PartialEq, Eq)]
pub enum Outcome {
    /// Nothing beyond the calculation.
    Calculated,
    /// `=` was pressed on a plain run of digits: the app may try them as a PIN.
    Candidate(Zeroizing<String>),
}

impl std::fmt::Debug for Outcome {
    // Never print the candidate: it may be a PIN.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Calculated => f.write_str("Calculated"),
            Outcome::Candidate(_) => f.write_str("Candidate(..)"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Entry {
    /// The person is typing a number: sign, digits, optional point and fraction.
    Typing { negative: bool, text: String },
    /// A computed or recalled value is shown; the next digit starts a new entry.
    Value(Decimal),
}

/// The calculator state. `Default` is a freshly opened calculator showing `0`.
pub struct Calculator {
    entry: Entry,
    /// Left operands waiting for their right operand, lowest precedence first.
    stack: Vec<(Decimal, Op)>,
    /// The operator just pressed (highlighted); replaced if another operator follows.
    pending_op: Option<Op>,
    /// Last operation, for repeated `=`.
    last: Option<(Op, Decimal)>,
    /// Set after `=`; the next digit starts fresh.
    just_evaluated: bool,
    error: bool,
    candidate: Zeroizing<String>,
    candidate_valid: bool,
    /// A candidate was handed out by the last key press (`=`) and no key was pressed since.
    pin_pending: bool,
}

impl Default for Calculator {
    fn default() -> Self {
        Calculator {
            entry: Entry::Value(Decimal::ZERO),
            stack: Vec::new(),
            pending_op: None,
            last: None,
            just_evaluated: false,
            error: false,
            candidate: Zeroizing::new(String::new()),
            candidate_valid: true,
            pin_pending: false,
        }
    }
}

impl std::fmt::Debug for Calculator {
    // The state can hold PIN digits; show only what the screen shows.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calculator").finish_non_exhaustive()
    }
}

impl Calculator {
    /// A calculator showing `0` (the same as `Calculator::default()`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Back to a freshly opened calculator showing `0`, wiping the PIN candidate.
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// The app tried the last candidate as a PIN and it could not be checked. If no key was
    /// pressed since that `=`, the digits leave the display: `waiting == false` (storage or
    /// keystore failure: the PIN may have been right) shows `0`; `waiting == true` (a wrong-PIN
    /// delay is running, nothing was checked) shows `Error`, the cue the owner is told about at
    /// setup. A plain wrong PIN never calls this: its number stays, as on any calculator. A calculation started since is left
    /// alone (it no longer shows the digits).
    pub fn pin_refused(&mut self, waiting: bool) {
        if !self.pin_pending {
            return;
        }
        if waiting {
            self.fail();
        } else {
            self.reset();
        }
    }

    /// True while the display shows an error (division by zero, overflow).
    pub fn is_error(&self) -> bool {
        self.error
    }

    /// The operator key that should look pressed, if any.
    pub fn active_op(&self) -> Option<Op> {
        self.pending_op
    }

    /// `"C"` when pressing clear would clear only the current entry, else `"AC"`.
    pub fn clear_label(&self) -> &'static str {
        match &self.entry {
            Entry::Typing { .. } if !self.error => "C",
            _ => "AC",
        }
    }

    /// Text for the display.
    pub fn display(&self) -> String {
        if self.error {
            return "Error".to_string();
        }
        match &self.entry {
            Entry::Typing { negative, text } => {
                let (int, frac) = match text.split_once('.') {
                    Some((i, f)) => (i, Some(f)),
                    None => (text.as_str(), None),
                };
                let mut out = String::new();
                if *negative {
                    out.push('-');
                }
                out.push_str(&group(if int.is_empty() { "0" } else { int }));
                if let Some(f) = frac {
                    out.push('.');
                    out.push_str(f);
                }
                out
            }
            Entry::Value(v) => format_value(*v),
        }
    }

    /// Press one key.
    pub fn press(&mut self, key: Key) -> Outcome {
        self.pin_pending = false;
        if self.error {
            match key {
                Key::Digit(_) | Key::Point | Key::Clear => self.reset(),
                _ => return Outcome::Calculated,
            }
        }
        match key {
            Key::Digit(d) => self.digit(d),
            Key::Point => self.point(),
            Key::Op(op) => self.operator(op),
            Key::Equals => return self.equals(),
            Key::Percent => self.percent(),
            Key::Sign => self.sign(),
            Key::Clear => self.clear(),
            Key::Backspace => self.backspace(),
        }
        Outcome::Calculated
    }

    fn invalidate_candidate(&mut self) {
        self.candidate_valid = false;
        self.candidate.clear();
    }

    fn start_fresh_entry_if_needed(&mut self) {
        if !matches!(self.entry, Entry::Typing { .. }) {
            if self.just_evaluated {
                // A new calculation starts: forget the finished one.
                self.stack.clear();
                self.last = None;
                self.just_evaluated = false;
            }
            // A new number begins: it may be a PIN only if nothing is pending.
            self.candidate.clear();
            self.candidate_valid = self.stack.is_empty();
            self.entry = Entry::Typing {
                negative: false,
                text: String::new(),
            };
            self.pending_op = None;
        }
    }

    fn digit(&mut self, d: u8) {
        if d > 9 {
            return;
        }
        self.start_fresh_entry_if_needed();
        if let Entry::Typing { text, .. } = &mut self.entry {
            let digits = text.chars().filter(char::is_ascii_digit).count();
            if digits >= MAX_ENTRY_DIGITS {
                return;
            }
            if text == "0" {
                text.clear();
            }
            text.push(char::from(b'0' + d));
        }
        if self.candidate_valid {
            self.candidate.push(char::from(b'0' + d));
        }
    }

    fn point(&mut self) {
        self.start_fresh_entry_if_needed();
        self.invalidate_candidate();
        if let Entry::Typing { text, .. } = &mut self.entry {
            if !text.contains('.') {
                if text.is_empty() {
                    text.push('0');
                }
                text.push('.');
            }
        }
    }

    fn current_value(&self) -> Decimal {
        match &self.entry {
            Entry::Value(v) => *v,
            Entry::Typing { negative, text } => {
                let t = text.trim_end_matches('.');
                let v = if t.is_empty() {
                    Decimal::ZERO
                } else {
                    Decimal::from_str(t).unwrap_or(Decimal::ZERO)
                };
                if *negative {
                    -v
                } else {
                    v
                }
            }
        }
    }

    fn operator(&mut self, op: Op) {
        self.invalidate_candidate();
        if self.pending_op.is_some() && !matches!(self.entry, Entry::Typing { .. }) {
            // Operator pressed twice in a row: the second one replaces the first.
            if let Some(top) = self.stack.pop() {
                // Re-collapse with the new precedence in mind.
                let v = top.0;
                self.entry = Entry::Value(v);
            }
        }
        self.just_evaluated = false;
        let mut v = self.current_value();
        while let Some(&(a, o)) = self.stack.last() {
            if o.precedence() >= op.precedence() {
                self.stack.pop();
                match apply(a, o, v) {
                    Some(r) => v = r,
                    None => return self.fail(),
                }
            } else {
                break;
            }
        }
        self.stack.push((v, op));
        self.entry = Entry::Value(v);
        self.pending_op = Some(op);
    }

    fn equals(&mut self) -> Outcome {
        let plain_digits = self.candidate_valid
            && self.stack.is_empty()
            && !self.candidate.is_empty()
            && matches!(self.entry, Entry::Typing { .. });
        let outcome = if plain_digits {
            self.pin_pending = true;
            Outcome::Candidate(Zeroizing::new(std::mem::take(&mut *self.candidate)))
        } else {
            Outcome::Calculated
        };
        self.invalidate_candidate();

        if self.stack.is_empty() {
            // Repeated `=`: apply the last operation again.
            if self.just_evaluated || !matches!(self.entry, Entry::Typing { .. }) {
                if let Some((op, operand)) = self.last {
                    match apply(self.current_value(), op, operand) {
                        Some(r) => self.entry = Entry::Value(r),
                        None => {
                            self.fail();
                            return outcome;
                        }
                    }
                }
            } else {
                self.entry = Entry::Value(self.current_value());
            }
            self.just_evaluated = true;
            self.pending_op = None;
            return outcome;
        }

        // `5 × =` uses the shown value as the right operand, like a phone does.
        let operand = self.current_value();
        let last_op = self.stack.last().map(|&(_, o)| o);
        let mut v = operand;
        while let Some((a, o)) = self.stack.pop() {
            match apply(a, o, v) {
                Some(r) => v = r,
                None => {
                    self.fail();
                    return outcome;
                }
            }
        }
        if let Some(op) = last_op {
            self.last = Some((op, operand));
        }
        self.entry = Entry::Value(v);
        self.just_evaluated = true;
        self.pending_op = None;
        outcome
    }

    fn percent(&mut self) {
        self.invalidate_candidate();
        let v = self.current_value();
        let hundred = Decimal::ONE_HUNDRED;
        // `a + b %` means b percent of a (as on a phone); otherwise b / 100.
        let r = match self.stack.last() {
            Some(&(a, Op::Add | Op::Sub)) => a.checked_mul(v).and_then(|x| x.checked_div(hundred)),
            _ => v.checked_div(hundred),
        };
        match r {
            Some(r) => {
                self.entry = Entry::Value(r);
                self.pending_op = None;
            }
            None => self.fail(),
        }
    }

    fn sign(&mut self) {
        self.invalidate_candidate();
        match &mut self.entry {
            Entry::Typing { negative, .. } => *negative = !*negative,
            Entry::Value(v) => {
                if self.pending_op.is_some() {
                    // Sign after an operator starts typing a negative number.
                    self.entry = Entry::Typing {
                        negative: true,
                        text: String::new(),
                    };
                    self.pending_op = None;
                } else {
                    *v = -*v;
                }
            }
        }
    }

    fn clear(&mut self) {
        if matches!(self.entry, Entry::Typing { .. }) {
            // `C`: clear only the entry, keep the pending calculation.
            self.entry = Entry::Value(Decimal::ZERO);
            self.invalidate_candidate();
            self.candidate_valid = self.stack.is_empty();
            self.pending_op = self.stack.last().map(|&(_, op)| op);
        } else {
            self.reset();
        }
    }

    fn backspace(&mut self) {
        if let Entry::Typing { text, negative } = &mut self.entry {
            text.pop();
            if text.is_empty() {
                *negative = false;
            }
            if self.candidate_valid {
                self.candidate.pop();
            }
        }
    }

    fn fail(&mut self) {
        self.reset();
        self.error = true;
        self.candidate_valid = false;
    }
}

fn apply(a: Decimal, op: Op, b: Decimal) -> Option<Decimal> {
    let r = match op {
        Op::Add => a.checked_add(b),
        Op::Sub => a.checked_sub(b),
        Op::Mul => a.checked_mul(b),
        Op::Div => {
            if b.is_zero() {
                None
            } else {
                a.checked_div(b)
            }
        }
    }?;
    // Full precision inside; rounding happens only for the display, like a phone.
    Some(r)
}

/// Round to [`MAX_RESULT_DIGITS`] significant digits and drop trailing zeros.
fn round_result(v: Decimal) -> Decimal {
    if v.is_zero() {
        return Decimal::ZERO;
    }
    let magnitude = magnitude(v);
    let dp = (MAX_RESULT_DIGITS as i32 - 1 - magnitude).clamp(0, 28) as u32;
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Position of the leading digit: 0 for 1..10, 2 for 100..1000, −1 for 0.1..1.
fn magnitude(v: Decimal) -> i32 {
    let s = v.abs().normalize().to_string();
    match s.split_once('.') {
        Some(("0", frac)) => -(frac.bytes().take_while(|&b| b == b'0').count() as i32) - 1,
        Some((int, _)) => int.len() as i32 - 1,
        None => s.len() as i32 - 1,
    }
}

/// Format a value for a phone-sized display: grouped digits, or scientific notation when
/// it would not fit.
pub fn format_value(v: Decimal) -> String {
    let v = round_result(v);
    if v.is_zero() {
        return "0".to_string();
    }
    let mag = magnitude(v);
    if mag >= MAX_RESULT_DIGITS as i32 || mag < -8 {
        return scientific(v, mag);
    }
    let s = v.normalize().to_string();
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&group(&int));
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

fn scientific(v: Decimal, mag: i32) -> String {
    let neg = v.is_sign_negative();
    let digits: String = v
        .abs()
        .normalize()
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let digits = digits.trim_start_matches('0');
    let mut mantissa: String = digits.chars().take(7).collect();
    if mantissa.is_empty() {
        mantissa.push('0');
    }
    let mut m = String::new();
    m.push_str(&mantissa[..1]);
    let rest = mantissa[1..].trim_end_matches('0');
    if !rest.is_empty() {
        m.push('.');
        m.push_str(rest);
    }
    format!("{}{}e{}", if neg { "-" } else { "" }, m, mag)
}

fn group(int: &str) -> String {
    let bytes = int.as_bytes();
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(*b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(keys: &str) -> (String, Option<String>) {
        let mut c = Calculator::new();
        let mut cand = None;
        for ch in keys.chars() {
            let k = match ch {
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
                ' ' => continue,
                _ => panic!("bad key {ch}"),
            };
            if let Outcome::Candidate(p) = c.press(k) {
                cand = Some(p.to_string());
            }
        }
        (c.display(), cand)
    }

    #[test]
    fn candidate_only_for_plain_digits() {
        assert_eq!(run("123456=").1.as_deref(), Some("123456"));
        assert_eq!(run("12+7=").1, None);
        assert_eq!(run("1.5=").1, None);
        assert_eq!(run("12+7=123456=").1.as_deref(), Some("123456"));
        assert_eq!(run("1234567<8=").1.as_deref(), Some("1234568"));
        assert_eq!(run("12+3456=").1, None);
    }

    #[test]
    fn refused_pin_leaves_the_display() {
        let press_all = |c: &mut Calculator, s: &str| {
            for ch in s.chars() {
                let k = match ch {
                    '=' => Key::Equals,
                    '+' => Key::Op(Op::Add),
                    d => Key::Digit(d.to_digit(10).unwrap() as u8),
                };
                c.press(k);
            }
        };
        let mut c = Calculator::new();
        press_all(&mut c, "48151623=");
        assert_eq!(c.display(), "48,151,623");
        c.pin_refused(false);
        assert_eq!(c.display(), "0");
        press_all(&mut c, "48151623=");
        c.pin_refused(true);
        assert_eq!(c.display(), "Error");
        assert!(c.is_error());
        // A digit clears the cue like any calculator error.
        press_all(&mut c, "7");
        assert_eq!(c.display(), "7");
        // A calculation started before the answer came back is left alone.
        press_all(&mut c, "=48151623=2+");
        c.pin_refused(false);
        assert_eq!(c.display(), "2");
        // Not after a plain calculation either.
        let mut c = Calculator::new();
        press_all(&mut c, "2+3=");
        c.pin_refused(true);
        assert_eq!(c.display(), "5");
    }
}
