//! Platform seam: the same functions on every OS (desktop now; Android and iOS later).

/// Title of the desktop window. The app must look like an ordinary calculator.
pub const WINDOW_TITLE: &str = "Calculator";
/// Size of the desktop window: a 360×800 phone screen.
pub const WINDOW_SIZE: (f64, f64) = (360.0, 800.0);
