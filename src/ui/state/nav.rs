//! Navigation: which screen shows and the private screens to go back to. The signals are
//! private, so every change goes through [`Nav::go`], [`Nav::back`], [`Nav::reset`] and
//! friends; the app never uses browser history.

use super::Screen;
use dioxus::prelude::*;

/// The screen shown and the way back. `Copy`: two signals.
#[derive(Clone, Copy)]
pub struct Nav {
    screen: Signal<Screen>,
    history: Signal<Vec<Screen>>,
}

/// What [`Nav::back`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Back {
    /// Nothing: not on a private screen.
    Stay,
    /// Went to the previous private screen (or Home).
    Moved,
    /// Back from Home: the caller locks (quick exit).
    Exit,
}

/// What navigation holds, for comparing against a fresh [`Nav`] (tests, debug checks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavSnapshot {
    /// The screen shown.
    pub screen: Screen,
    /// The private screens behind it.
    pub history: Vec<Screen>,
}

impl Nav {
    /// The calculator, with no history (call inside a component or runtime).
    pub fn new() -> Self {
        Nav {
            screen: Signal::new(Screen::Calculator),
            history: Signal::new(Vec::new()),
        }
    }

    /// The screen shown; subscribes the calling component.
    pub fn current(&self) -> Screen {
        *self.screen.read()
    }

    /// The screen shown, without subscribing.
    pub fn peek(&self) -> Screen {
        *self.screen.peek()
    }

    /// Open a screen, remembering a private one we came from.
    pub fn go(mut self, to: Screen) {
        let from = *self.screen.peek();
        if from != to {
            if from.is_private() {
                self.history.write().push(from);
            }
            self.screen.set(to);
        }
    }

    /// The previous private screen; from a space's home (Home, Notes), [`Back::Exit`].
    pub fn back(mut self) -> Back {
        let screen = *self.screen.peek();
        if !screen.is_private() {
            return Back::Stay;
        }
        if screen.is_home() {
            return Back::Exit;
        }
        let prev = self.history.write().pop();
        self.screen.set(prev.unwrap_or(screen.home()));
        Back::Moved
    }

    /// Enter the private space on `to` with no history behind it (after unlock).
    pub fn enter(mut self, to: Screen) {
        self.history.write().clear();
        self.screen.set(to);
    }

    /// First run: show setup, unless the person already moved on from the calculator.
    pub fn show_setup(mut self) {
        if *self.screen.peek() == Screen::Calculator {
            self.screen.set(Screen::Setup);
        }
    }

    /// The calculator, with no history: the first step of every lock.
    pub fn reset(mut self) {
        self.screen.set(Screen::Calculator);
        self.history.write().clear();
    }

    /// What this holds now.
    pub fn snapshot(&self) -> NavSnapshot {
        let Nav { screen, history } = self;
        NavSnapshot {
            screen: *screen.peek(),
            history: history.peek().clone(),
        }
    }
}

impl Default for Nav {
    fn default() -> Self {
        Self::new()
    }
}
