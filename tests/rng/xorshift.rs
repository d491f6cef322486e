//! Xorshift64, the fixed-seed generator the tests and the benches share (included by path
//! into each crate: `tests/it/crash_support.rs`, `benches/common/mod.rs`). Fast and
//! reproducible from its seed; not for anything secret.

/// Xorshift64 state (must not be zero).
pub struct Rng(pub u64);

impl Rng {
    /// The next value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
