//! Filter sets: a [`Bitset`] per population, language, state and flag, ANDed together at
//! query time.

use std::collections::BTreeMap;

use crate::core::resource::Population;

/// A set of resource numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Bitset(pub(super) Vec<u64>);

impl Bitset {
    pub(super) fn new(n: usize) -> Bitset {
        Bitset(vec![0; n.div_ceil(64)])
    }
    /// Set bit `i`, growing the set when needed (builder only).
    pub(super) fn set(&mut self, i: usize) {
        let w = i / 64;
        if w >= self.0.len() {
            self.0.resize(w + 1, 0);
        }
        if let Some(x) = self.0.get_mut(w) {
            *x |= 1 << (i % 64);
        }
    }
    pub(super) fn insert(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    pub(super) fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    pub(super) fn and(&mut self, other: &Bitset) {
        for (i, a) in self.0.iter_mut().enumerate() {
            *a &= other.0.get(i).copied().unwrap_or(0);
        }
    }
    pub(super) fn or(&mut self, other: &Bitset) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= *b;
        }
    }
    /// Exactly enough words for `n` resources.
    pub(super) fn fit(&mut self, n: usize) {
        self.0.resize(n.div_ceil(64), 0);
        self.0.shrink_to_fit();
    }
    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let bit = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + bit)
            })
        })
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct Filters {
    pub(super) populations: Vec<Bitset>,
    pub(super) text: Bitset,
    pub(super) chat: Bitset,
    pub(super) always: Bitset,
    pub(super) no_police: Bitset,
    pub(super) national: Bitset,
    pub(super) states: BTreeMap<String, Bitset>,
    pub(super) languages: BTreeMap<String, Bitset>,
}

impl Filters {
    pub(super) fn fit(&mut self, n: usize) {
        if self.populations.len() != Population::ALL.len() {
            self.populations = vec![Bitset::default(); Population::ALL.len()];
        }
        let sets = self
            .populations
            .iter_mut()
            .chain([
                &mut self.text,
                &mut self.chat,
                &mut self.always,
                &mut self.no_police,
                &mut self.national,
            ])
            .chain(self.states.values_mut())
            .chain(self.languages.values_mut());
        for b in sets {
            b.fit(n);
        }
    }
}
