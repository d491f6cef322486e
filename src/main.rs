//! The Haven app binary: opens the calculator disguise over the vault in the platform's
//! data directory (`HAVEN_DATA_DIR` overrides it, for development and tests).

fn main() {
    let dir = std::env::var_os("HAVEN_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(haven::platform::data_dir);
    // Desktop: a resource link given on the command line waits for the unlock like any
    // link the OS hands over (anything else is ignored).
    if let Some(arg) = std::env::args().nth(1) {
        let _ = haven::platform::deliver_link(&arg);
    }
    haven::ui::launch(dir);
}
