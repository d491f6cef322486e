//! Cost of one key press in the calculator engine (the disguise must never lag).

// Test code unwraps freely: a panic here is a failure report (src denies unwrap).
#![allow(clippy::unwrap_used)]
#![allow(missing_docs)] // `criterion_group!` defines an undocumented `pub fn`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use haven::core::calculator::{Calculator, Key, Op};

fn keys() -> Vec<Key> {
    // A realistic mixed sequence: 1234.5 × 6 + 78 % = then a 8-digit PIN and =.
    let mut v = vec![
        Key::Digit(1),
        Key::Digit(2),
        Key::Digit(3),
        Key::Digit(4),
        Key::Point,
        Key::Digit(5),
        Key::Op(Op::Mul),
        Key::Digit(6),
        Key::Op(Op::Add),
        Key::Digit(7),
        Key::Digit(8),
        Key::Percent,
        Key::Equals,
    ];
    v.extend((0..8).map(Key::Digit));
    v.push(Key::Equals);
    v
}

fn per_key(c: &mut Criterion) {
    let seq = keys();
    c.bench_function("calculator/key_press+display", |b| {
        let mut calc = Calculator::new();
        let mut i = 0usize;
        b.iter(|| {
            let k = seq[i % seq.len()];
            i += 1;
            black_box(calc.press(black_box(k)));
            black_box(calc.display())
        })
    });
}

criterion_group!(benches, per_key);
criterion_main!(benches);
