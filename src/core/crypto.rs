//! Thin wrappers over `ring`: PBKDF2, HKDF, ChaCha20-Poly1305, HMAC, SHA-256, Ed25519
//! (verify, sign, key generation), system randomness, and the secret newtypes ([`Key32`], [`Pin`]) that hold key material.
//!
//! Every secret type here zeroizes on drop, has no `Clone`, and its `Debug` prints only the
//! type name — never the bytes. Nothing in this module does I/O.

use std::cell::Cell;
use std::fmt;
use std::num::NonZeroU32;
use std::time::Duration;

use crate::core::clock::Clock;

use ring::rand::SecureRandom;
use ring::{aead, digest, hkdf, hmac, pbkdf2, signature};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Length of every symmetric key in the vault (ChaCha20-Poly1305, HMAC and HKDF outputs).
pub const KEY_LEN: usize = 32;
/// ChaCha20-Poly1305 nonce length.
pub const NONCE_LEN: usize = 12;
/// ChaCha20-Poly1305 tag length.
pub const TAG_LEN: usize = 16;

/// Failures of the crypto wrappers. Carries no data: no key, nonce or plaintext bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    /// A key, nonce or output had the wrong length for the primitive.
    #[error("wrong key, nonce or output length")]
    BadLength,
    /// Authentication failed (AEAD open, signature verification).
    #[error("authentication failed")]
    Unauthentic,
    /// The operating system's random number generator failed.
    #[error("random number generator failed")]
    Rng,
    /// An iteration count of zero was asked for.
    #[error("invalid iteration count")]
    BadIterations,
    /// Bytes that are not a key of the expected kind (an Ed25519 PKCS#8 document).
    #[error("not a valid key")]
    BadKey,
}

/// A 256-bit secret key. Zeroized on drop; no `Clone`; `Debug` shows no bytes; equality
/// is constant-time.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Key32([u8; KEY_LEN]);

impl PartialEq for Key32 {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(&self.0, &other.0)
    }
}

impl Eq for Key32 {}

impl Key32 {
    /// Wraps 32 bytes. The caller should zeroize its own copy of `bytes`.
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(bytes)
    }

    /// Copies a 32-byte slice into a key; any other length is [`CryptoError::BadLength`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        let mut k = [0u8; KEY_LEN];
        if bytes.len() != KEY_LEN {
            return Err(CryptoError::BadLength);
        }
        k.copy_from_slice(bytes);
        Ok(Self(k))
    }

    /// A fresh key from the system random number generator.
    pub fn random() -> Result<Self, CryptoError> {
        let mut k = Self([0u8; KEY_LEN]);
        fill_random(&mut k.0)?;
        Ok(k)
    }

    /// The raw bytes. Named so every use is easy to find in review.
    pub fn expose_secret(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// An explicit copy. Deliberately not `Clone`, so copies are visible in review.
    pub fn duplicate(&self) -> Self {
        Self(self.0)
    }
}

impl fmt::Debug for Key32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key32(..)")
    }
}

/// Smallest PIN length accepted, in bytes.
pub const PIN_MIN_LEN: usize = 4;
/// Largest PIN length accepted, in bytes.
pub const PIN_MAX_LEN: usize = 64;

/// The PIN was empty, too short or too long. Says nothing about its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the PIN must be {PIN_MIN_LEN} to {PIN_MAX_LEN} characters")]
pub struct InvalidPin;

/// A PIN as typed by the user. Zeroized on drop; no `Clone`; `Debug` shows nothing.
pub struct Pin(Zeroizing<String>);

impl Pin {
    /// Takes ownership of the typed text (no copy is made). 4 to 64 bytes.
    pub fn new(text: String) -> Result<Self, InvalidPin> {
        let text = Zeroizing::new(text);
        if text.len() < PIN_MIN_LEN || text.len() > PIN_MAX_LEN {
            return Err(InvalidPin);
        }
        Ok(Self(text))
    }

    /// Copies `text` into a new PIN (convenient in tests; the UI should prefer [`Pin::new`]).
    pub fn from_str_copy(text: &str) -> Result<Self, InvalidPin> {
        Self::new(text.to_owned())
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(..)")
    }
}

/// Fills `out` from the operating system's CSPRNG.
pub fn fill_random(out: &mut [u8]) -> Result<(), CryptoError> {
    ring::rand::SystemRandom::new()
        .fill(out)
        .map_err(|_| CryptoError::Rng)
}

/// `N` random bytes (not secret: nonces, salts, filler).
pub fn random_array<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    fill_random(&mut out)?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// PBKDF2

thread_local! {
    static KDF_RUNS: Cell<u64> = const { Cell::new(0) };
}

/// How many PIN-stretching KDF runs ([`pbkdf2_pin`]) this thread has made so far.
///
/// A diagnostic counter, per thread so parallel tests do not disturb each other: tests take the
/// difference around an `unlock` to prove every PIN (real, decoy, wrong) costs exactly one run.
pub fn kdf_runs_on_this_thread() -> u64 {
    KDF_RUNS.with(|c| c.get())
}

/// PBKDF2-HMAC-SHA256 into `out` (any length ring accepts). Generic wrapper, used for test
/// vectors; the vault calls [`pbkdf2_pin`].
pub fn pbkdf2_sha256(
    iterations: u32,
    salt: &[u8],
    secret: &[u8],
    out: &mut [u8],
) -> Result<(), CryptoError> {
    let iterations = NonZeroU32::new(iterations).ok_or(CryptoError::BadIterations)?;
    if out.is_empty() {
        return Err(CryptoError::BadLength);
    }
    pbkdf2::derive(pbkdf2::PBKDF2_HMAC_SHA256, iterations, salt, secret, out);
    Ok(())
}

/// Stretches a PIN into a 32-byte PIN key. Counted by [`kdf_runs_on_this_thread`].
pub fn pbkdf2_pin(iterations: u32, salt: &[u8], pin: &Pin) -> Result<Key32, CryptoError> {
    let mut key = Key32([0u8; KEY_LEN]);
    pbkdf2_sha256(iterations, salt, pin.as_bytes(), &mut key.0)?;
    KDF_RUNS.with(|c| c.set(c.get().saturating_add(1)));
    Ok(key)
}

/// Measures how many PBKDF2-HMAC-SHA256 iterations this machine does in `budget`.
///
/// Probes with growing counts until one probe takes at least 1/8 of the budget (or 50 ms),
/// keeps the fastest rate seen, and extrapolates. Returns the raw, unclamped count.
pub fn measure_pbkdf2_iterations(budget: Duration, clock: &dyn Clock) -> u64 {
    let min_probe = (budget / 8).clamp(Duration::from_millis(2), Duration::from_millis(50));
    let mut probe: u32 = 1_000;
    let mut best_rate = 0.0f64; // iterations per second
    let mut out = [0u8; KEY_LEN];
    for _ in 0..24 {
        let start = clock.monotonic();
        // Salt and secret are fixed, non-secret probe values.
        if pbkdf2_sha256(probe, b"calibration-salt", b"calibration", &mut out).is_err() {
            break;
        }
        let elapsed = clock.monotonic().saturating_sub(start);
        let secs = elapsed.as_secs_f64().max(1e-9);
        let rate = f64::from(probe) / secs;
        if rate > best_rate {
            best_rate = rate;
        }
        if elapsed >= min_probe {
            // One more probe at the same size smooths out a slow first run.
            let start = clock.monotonic();
            if pbkdf2_sha256(probe, b"calibration-salt", b"calibration", &mut out).is_ok() {
                let took = clock.monotonic().saturating_sub(start);
                let rate = f64::from(probe) / took.as_secs_f64().max(1e-9);
                if rate > best_rate {
                    best_rate = rate;
                }
            }
            break;
        }
        probe = probe.saturating_mul(2);
    }
    out.zeroize();
    let n = best_rate * budget.as_secs_f64();
    if n.is_finite() && n > 0.0 {
        n.min(u64::MAX as f64) as u64
    } else {
        0
    }
}

// ---------------------------------------------------------------------------------------------
// HKDF, HMAC, SHA-256

struct OkmLen(usize);

impl hkdf::KeyType for OkmLen {
    fn len(&self) -> usize {
        self.0
    }
}

/// HKDF-SHA256 (RFC 5869) extract-and-expand into `out` (1 to 8160 bytes).
pub fn hkdf_sha256(
    salt: &[u8],
    ikm: &[u8],
    info: &[u8],
    out: &mut [u8],
) -> Result<(), CryptoError> {
    if out.is_empty() {
        return Err(CryptoError::BadLength);
    }
    let prk = hkdf::Salt::new(hkdf::HKDF_SHA256, salt).extract(ikm);
    let info = [info];
    let okm = prk
        .expand(&info, OkmLen(out.len()))
        .map_err(|_| CryptoError::BadLength)?;
    okm.fill(out).map_err(|_| CryptoError::BadLength)
}

/// HKDF-SHA256 to a 32-byte key.
pub fn hkdf_key(salt: &[u8], ikm: &[u8], info: &[u8]) -> Result<Key32, CryptoError> {
    let mut key = Key32([0u8; KEY_LEN]);
    hkdf_sha256(salt, ikm, info, &mut key.0)?;
    Ok(key)
}

/// HMAC-SHA256 of `msg` under `key` (full 32-byte tag).
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    let tag = hmac::sign(&key, msg);
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}

/// HMAC-SHA256 of several parts, as if concatenated.
pub fn hmac_sha256_parts(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let key = hmac::Key::new(hmac::HMAC_SHA256, key);
    let mut ctx = hmac::Context::with_key(&key);
    for p in parts {
        ctx.update(p);
    }
    let tag = ctx.sign();
    let mut out = [0u8; 32];
    out.copy_from_slice(tag.as_ref());
    out
}

/// Constant-time check of a (possibly truncated, at least 16 bytes) HMAC-SHA256 tag.
pub fn hmac_sha256_verify(key: &[u8], msg: &[u8], tag: &[u8]) -> Result<(), CryptoError> {
    if tag.len() < 16 || tag.len() > 32 {
        return Err(CryptoError::BadLength);
    }
    let full = hmac_sha256(key, msg);
    if constant_time_eq(full.get(..tag.len()).unwrap_or(&[]), tag) {
        Ok(())
    } else {
        Err(CryptoError::Unauthentic)
    }
}

/// Equality in time independent of where the inputs differ (length is not secret).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x ^ y;
    }
    // Keep the compiler from short-circuiting the loop on the accumulated value.
    std::hint::black_box(diff) == 0
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let d = digest::digest(&digest::SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

/// SHA-256 over data given in pieces (the same digest as [`sha256`] of their concatenation).
pub struct Sha256(digest::Context);

impl Sha256 {
    /// An empty hash state.
    pub fn new() -> Sha256 {
        Sha256(digest::Context::new(&digest::SHA256))
    }

    /// Hash `data` next.
    pub fn update(&mut self, data: &[u8]) {
        self.0.update(data);
    }

    /// The digest of everything hashed.
    pub fn finish(self) -> [u8; 32] {
        let mut out = [0u8; 32];
        out.copy_from_slice(self.0.finish().as_ref());
        out
    }
}

impl Default for Sha256 {
    fn default() -> Self {
        Sha256::new()
    }
}

// ---------------------------------------------------------------------------------------------
// ChaCha20-Poly1305

fn aead_key(key: &[u8]) -> Result<aead::LessSafeKey, CryptoError> {
    let unbound =
        aead::UnboundKey::new(&aead::CHACHA20_POLY1305, key).map_err(|_| CryptoError::BadLength)?;
    Ok(aead::LessSafeKey::new(unbound))
}

/// ChaCha20-Poly1305 seal with a caller-chosen nonce; returns `ciphertext || tag`.
///
/// The vault never calls this with anything but a fresh random nonce ([`seal`]); the explicit
/// form exists for known-answer vectors.
pub fn seal_with_nonce(
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let key = aead_key(key)?;
    let nonce =
        aead::Nonce::try_assume_unique_for_key(nonce).map_err(|_| CryptoError::BadLength)?;
    let mut buf = Vec::with_capacity(plaintext.len() + TAG_LEN);
    buf.extend_from_slice(plaintext);
    match key.seal_in_place_append_tag(nonce, aead::Aad::from(aad), &mut buf) {
        Ok(()) => Ok(buf),
        Err(_) => {
            buf.zeroize();
            Err(CryptoError::BadLength)
        }
    }
}

/// ChaCha20-Poly1305 seal with a fresh random nonce; returns `(nonce, ciphertext || tag)`.
pub fn seal(
    key: &Key32,
    aad: &[u8],
    plaintext: &[u8],
) -> Result<([u8; NONCE_LEN], Vec<u8>), CryptoError> {
    let nonce: [u8; NONCE_LEN] = random_array()?;
    let ct = seal_with_nonce(key.expose_secret(), &nonce, aad, plaintext)?;
    Ok((nonce, ct))
}

/// ChaCha20-Poly1305 open of `ciphertext || tag`; the plaintext zeroizes on drop.
pub fn open(
    key: &[u8],
    nonce: &[u8],
    aad: &[u8],
    ciphertext_and_tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let key = aead_key(key)?;
    let nonce =
        aead::Nonce::try_assume_unique_for_key(nonce).map_err(|_| CryptoError::BadLength)?;
    if ciphertext_and_tag.len() < TAG_LEN {
        return Err(CryptoError::Unauthentic);
    }
    let mut buf = Zeroizing::new(ciphertext_and_tag.to_vec());
    let len = key
        .open_in_place(nonce, aead::Aad::from(aad), &mut buf)
        .map_err(|_| CryptoError::Unauthentic)?
        .len();
    buf.truncate(len);
    Ok(buf)
}

// ---------------------------------------------------------------------------------------------
// Ed25519

/// Verifies an Ed25519 signature (RFC 8032, as ring implements it: strict about encodings).
pub fn ed25519_verify(public_key: &[u8], msg: &[u8], sig: &[u8]) -> Result<(), CryptoError> {
    if public_key.len() != 32 {
        return Err(CryptoError::BadLength);
    }
    signature::UnparsedPublicKey::new(&signature::ED25519, public_key)
        .verify(msg, sig)
        .map_err(|_| CryptoError::Unauthentic)
}

/// Length of an Ed25519 public key.
pub const ED25519_PUBLIC_KEY_LEN: usize = 32;
/// Length of an Ed25519 signature.
pub const ED25519_SIGNATURE_LEN: usize = 64;

/// An Ed25519 key pair for signing. No `Clone`, no `Debug` (ring keeps the secret scalar
/// inside; the PKCS#8 document it came from is the caller's to keep or zeroize).
pub struct Ed25519KeyPair(signature::Ed25519KeyPair);

impl Ed25519KeyPair {
    /// A fresh key from the system random source, as a PKCS#8 v2 document (zeroized on
    /// drop).
    pub fn generate_pkcs8() -> Result<Zeroizing<Vec<u8>>, CryptoError> {
        let rng = ring::rand::SystemRandom::new();
        let doc = signature::Ed25519KeyPair::generate_pkcs8(&rng).map_err(|_| CryptoError::Rng)?;
        Ok(Zeroizing::new(doc.as_ref().to_vec()))
    }

    /// A key from PKCS#8 DER: v2 (with the public key, checked against the private one,
    /// as ring writes it) or v1 (without it, as OpenSSL writes it).
    pub fn from_pkcs8(der: &[u8]) -> Result<Ed25519KeyPair, CryptoError> {
        signature::Ed25519KeyPair::from_pkcs8(der)
            .or_else(|_| signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(der))
            .map(Ed25519KeyPair)
            .map_err(|_| CryptoError::BadKey)
    }

    /// The public key.
    pub fn public_key(&self) -> [u8; ED25519_PUBLIC_KEY_LEN] {
        use signature::KeyPair as _;
        let mut out = [0u8; ED25519_PUBLIC_KEY_LEN];
        out.copy_from_slice(self.0.public_key().as_ref());
        out
    }

    /// The signature of `msg` (RFC 8032, deterministic).
    pub fn sign(&self, msg: &[u8]) -> [u8; ED25519_SIGNATURE_LEN] {
        let mut out = [0u8; ED25519_SIGNATURE_LEN];
        out.copy_from_slice(self.0.sign(msg).as_ref());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_in_pieces_is_sha256_of_the_whole() {
        let mut h = Sha256::new();
        h.update(b"haven ");
        h.update(b"");
        h.update(b"link");
        assert_eq!(h.finish(), sha256(b"haven link"));
        // FIPS 180-2 "abc".
        assert_eq!(
            sha256(b"abc")[..4],
            [0xba, 0x78, 0x16, 0xbf],
            "the known SHA-256 of abc"
        );
    }

    #[test]
    fn ed25519_sign_then_verify_and_tamper() {
        let doc = Ed25519KeyPair::generate_pkcs8().unwrap();
        let key = Ed25519KeyPair::from_pkcs8(&doc).unwrap();
        let sig = key.sign(b"message");
        let public = key.public_key();
        assert_eq!(ed25519_verify(&public, b"message", &sig), Ok(()));
        assert_eq!(
            ed25519_verify(&public, b"messagE", &sig),
            Err(CryptoError::Unauthentic)
        );
        assert_eq!(
            ed25519_verify(&public[..31], b"message", &sig),
            Err(CryptoError::BadLength)
        );
        assert!(matches!(
            Ed25519KeyPair::from_pkcs8(&doc[..doc.len() - 1]),
            Err(CryptoError::BadKey)
        ));
    }

    #[test]
    fn debug_shows_no_bytes() {
        let k = Key32::from_bytes([0xAB; 32]);
        let p = Pin::from_str_copy("123456").unwrap();
        assert_eq!(format!("{k:?}"), "Key32(..)");
        assert_eq!(format!("{p:?}"), "Pin(..)");
    }

    #[test]
    fn pin_length_limits() {
        assert!(Pin::from_str_copy("123").is_err());
        assert!(Pin::from_str_copy("1234").is_ok());
        assert!(Pin::from_str_copy(&"1".repeat(64)).is_ok());
        assert!(Pin::from_str_copy(&"1".repeat(65)).is_err());
    }

    #[test]
    fn kdf_counter_counts_pin_runs_only() {
        let before = kdf_runs_on_this_thread();
        let pin = Pin::from_str_copy("123456").unwrap();
        let _ = pbkdf2_pin(1000, b"salt", &pin).unwrap();
        let mut out = [0u8; 32];
        pbkdf2_sha256(1000, b"salt", b"x", &mut out).unwrap();
        assert_eq!(kdf_runs_on_this_thread() - before, 1);
    }

    #[test]
    fn seal_open_roundtrip_and_tamper() {
        let k = Key32::random().unwrap();
        let (n, ct) = seal(&k, b"aad", b"hello").unwrap();
        assert_eq!(
            &open(k.expose_secret(), &n, b"aad", &ct).unwrap()[..],
            b"hello"
        );
        assert_eq!(
            open(k.expose_secret(), &n, b"aad2", &ct),
            Err(CryptoError::Unauthentic)
        );
        let mut bad = ct.clone();
        bad[0] ^= 1;
        assert!(open(k.expose_secret(), &n, b"aad", &bad).is_err());
        assert!(open(k.expose_secret(), &n, b"aad", &ct[..10]).is_err());
        assert_eq!(
            open(&[0u8; 31], &n, b"aad", &ct),
            Err(CryptoError::BadLength)
        );
    }
}
