//! Unit tests of the vault logic over in-memory stores.

use super::*;
use crate::core::clock::ManualClock;
use crate::core::vault::store::{MemMeta, MemSecrets, MemStore};

fn env_with(secrets: Arc<MemSecrets>) -> VaultEnv {
    VaultEnv::new(
        Arc::new(MemStore::new()),
        Arc::new(MemMeta::new()),
        secrets,
        Arc::new(ManualClock::new(1_000_000)),
    )
    .insecure_for_tests()
}

fn pin(s: &str) -> Pin {
    Pin::from_str_copy(s).unwrap()
}

fn kdf() -> KdfParams {
    KdfParams::insecure_for_tests(1000).unwrap()
}

#[test]
fn vault_is_send() {
    fn is_send<T: Send>() {}
    is_send::<Vault>();
    is_send::<UnlockOutcome>();
    is_send::<VaultError>();
}

#[test]
fn create_unlock_put_get() {
    let secrets = Arc::new(MemSecrets::new());
    let env = env_with(secrets.clone());
    let v = create(&env, kdf(), &pin("1234"), None).unwrap();
    v.put("a", &vec![1, 2, 3]).unwrap();
    v.lock();
    // Two secrets: the real slot's and the filler's.
    assert_eq!(secrets.count(), 2);
    assert_eq!(
        unlock(&env, &pin("9999")).unwrap_err(),
        VaultError::WrongPin
    );
    let v = unlock(&env, &pin("1234")).unwrap();
    assert_eq!(v.slot(), Slot::Real);
    let v = v.into_vault();
    assert_eq!(v.get::<Vec<i32>>("a").unwrap(), Some(vec![1, 2, 3]));
    assert_eq!(v.list().unwrap(), vec!["a".to_string()]);
    // Other secrets (another device): the right PIN no longer opens.
    let other = VaultEnv {
        secrets: Arc::new(MemSecrets::new()),
        ..env.clone()
    };
    assert_eq!(
        unlock(&other, &pin("1234")).unwrap_err(),
        VaultError::DeviceKeyUnavailable
    );
    // Only the real slot's secret destroyed: the right PIN opens nothing.
    let header = read_header(env.meta.as_ref()).unwrap();
    let SlotSecret::Id(real) = header.secrets[0] else {
        panic!("v2 header")
    };
    secrets.destroy(&real).unwrap();
    assert_eq!(
        unlock(&env, &pin("1234")).unwrap_err(),
        VaultError::WrongPin
    );
}

#[test]
fn production_bounds_refuse_test_headers() {
    let secrets = Arc::new(MemSecrets::new());
    let env = env_with(secrets);
    drop(create(&env, kdf(), &pin("1234"), None).unwrap());
    let strict = VaultEnv {
        kdf_bounds: KdfBounds::PRODUCTION,
        ..env.clone()
    };
    let before = crypto::kdf_runs_on_this_thread();
    assert_eq!(
        unlock(&strict, &pin("1234")).unwrap_err(),
        VaultError::KdfOutOfRange
    );
    assert_eq!(crypto::kdf_runs_on_this_thread(), before);
}
