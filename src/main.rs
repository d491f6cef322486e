//! The Haven app binary: opens the calculator disguise over the vault in the platform's
//! data directory (`HAVEN_DATA_DIR` overrides it, for development and tests).

fn main() {
    let dir = std::env::var_os("HAVEN_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(haven::platform::data_dir);
    haven::ui::link_from_args(std::env::args());
    haven::ui::launch(dir);
}
