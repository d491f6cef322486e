//! Blocking vault flows behind the setup and settings screens. Each runs on a blocking
//! thread (`spawn_blocking`): the KDF costs about a second by design.

use crate::core::clock::Clock;
use crate::core::crypto::Pin;
use crate::core::settings::{self, Settings};
use crate::core::vault::decoy::SeedError;
use crate::core::vault::{DecoySpec, Slot, Vault, VaultError};
use crate::io::clock::SystemClock;
use crate::io::vault_files::VaultService;
use crate::ui::state::KdfChoice;
use zeroize::Zeroizing;

/// First-run setup: create the vault, store the chosen language, and optionally set up a
/// decoy (a Notes space seeded with everyday notes) that may also act as a duress PIN.
/// Starter notes are dated by the system clock; see [`create_vault_with`].
pub fn create_vault(
    svc: &VaultService,
    kdf: KdfChoice,
    lang: &str,
    pin: Zeroizing<String>,
    decoy: Option<(Zeroizing<String>, bool)>,
) -> Result<(), VaultError> {
    create_vault_with(svc, kdf, lang, pin, decoy, &SystemClock)
}

/// [`create_vault`] with the clock that dates the decoy's starter notes.
pub fn create_vault_with(
    svc: &VaultService,
    kdf: KdfChoice,
    lang: &str,
    pin: Zeroizing<String>,
    decoy: Option<(Zeroizing<String>, bool)>,
    clock: &dyn Clock,
) -> Result<(), VaultError> {
    let params = kdf.params();
    let real_pin = Pin::new(pin.to_string())?;
    let spec = match &decoy {
        Some((d, _)) => Some(DecoySpec {
            pin: Pin::new(d.to_string())?,
            duress: false,
        }),
        None => None,
    };
    let mut real = svc.create(&real_pin, spec.as_ref(), params)?;
    let prefs = Settings {
        lang: lang.to_string(),
        ..Settings::default()
    };
    real.put(settings::RECORD, &prefs)?;
    if let Some((d, duress)) = decoy {
        seed_decoy(svc, &d, &prefs, clock)?;
        if duress {
            real.set_duress(&Pin::new(d.to_string())?, true)?;
        }
    }
    Ok(())
}

/// Set or replace the decoy from an unlocked real vault, seed it, then arm duress if asked.
/// Seeding opens the decoy first, *before* duress is armed, so it never destroys anything.
pub fn set_decoy(
    svc: &VaultService,
    real: &mut Vault,
    decoy_pin: Zeroizing<String>,
    duress: bool,
    clock: &dyn Clock,
) -> Result<(), VaultError> {
    if real.slot() != Slot::Real {
        return Err(VaultError::NotAvailable);
    }
    let prefs = real
        .get::<Settings>(settings::RECORD)?
        .unwrap_or_default()
        .sanitized();
    real.set_decoy(&Pin::new(decoy_pin.to_string())?, false)?;
    seed_decoy(svc, &decoy_pin, &prefs, clock)?;
    if duress {
        real.set_duress(&Pin::new(decoy_pin.to_string())?, true)?;
    }
    Ok(())
}

/// Fill the decoy with a few everyday starter notes in the person's language, picked and
/// dated at random (the OS random source), so no two installs look alike.
fn seed_decoy(
    svc: &VaultService,
    decoy_pin: &str,
    prefs: &Settings,
    clock: &dyn Clock,
) -> Result<(), VaultError> {
    let outcome = svc.unlock(&Pin::new(decoy_pin.to_string())?)?;
    if outcome.slot() != Slot::Decoy {
        return Err(VaultError::NotAvailable);
    }
    let decoy = outcome.into_vault();
    decoy.put(settings::RECORD, prefs)?;
    let now = clock.now_unix_secs();
    let mut rng = |out: &mut [u8]| crate::core::crypto::fill_random(out);
    crate::core::vault::decoy::seed(&prefs.lang, now, &mut rng, &mut |name, bytes| {
        decoy.put_bytes(name, bytes)
    })
    .map_err(|e| match e {
        SeedError::Random(_) => VaultError::Crypto,
        SeedError::Write(e) => e,
    })
}
