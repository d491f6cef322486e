//! The Haven app binary: opens the calculator disguise.

fn main() {
    haven::ui::launch();
}
