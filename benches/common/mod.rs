//! What the directory and search benches share: a fixed-seed xorshift generator (so every
//! run and every machine sees the same data) and a word-list sampler.

// Each bench includes this module on its own and uses only some of it.
#![allow(dead_code)]

#[path = "../../tests/rng/xorshift.rs"]
mod xorshift;
pub use xorshift::Rng;

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &'a [&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

/// `lo` to `hi` words drawn from `from`, joined by spaces.
pub fn words(rng: &mut Rng, from: &[&str], lo: usize, hi: usize) -> String {
    let n = lo + rng.below(hi - lo + 1);
    (0..n).map(|_| rng.pick(from)).collect::<Vec<_>>().join(" ")
}
