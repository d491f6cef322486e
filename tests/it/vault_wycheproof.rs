//! Wycheproof test vectors run through `core::crypto`'s own wrappers: ChaCha20-Poly1305,
//! Ed25519, HKDF-SHA256, HMAC-SHA256 and PBKDF2-HMAC-SHA256.

use haven::core::crypto;
use wycheproof::TestResult;

/// Counts of (valid vectors checked, invalid vectors checked).
fn expect_counts(name: &str, valid: usize, invalid: usize) {
    assert!(
        valid > 0 && invalid > 0,
        "{name}: {valid} valid, {invalid} invalid"
    );
}

#[test]
fn chacha20_poly1305() {
    let set = wycheproof::aead::TestSet::load(wycheproof::aead::TestName::ChaCha20Poly1305)
        .expect("vectors load");
    let (mut valid, mut invalid) = (0, 0);
    for group in &set.test_groups {
        for t in &group.tests {
            let mut ct_tag = t.ct.to_vec();
            ct_tag.extend_from_slice(&t.tag);
            let sealed = crypto::seal_with_nonce(&t.key, &t.nonce, &t.aad, &t.pt);
            let opened = crypto::open(&t.key, &t.nonce, &t.aad, &ct_tag);
            match t.result {
                TestResult::Valid => {
                    valid += 1;
                    assert_eq!(sealed.as_deref(), Ok(&ct_tag[..]), "tc {}", t.tc_id);
                    assert_eq!(
                        opened.as_ref().map(|p| &p[..]),
                        Ok(&t.pt[..]),
                        "tc {}",
                        t.tc_id
                    );
                }
                TestResult::Invalid => {
                    invalid += 1;
                    assert!(opened.is_err(), "tc {} must be rejected", t.tc_id);
                    // Either the parameters are refused, or sealing gives something else.
                    if let Ok(s) = sealed {
                        assert_ne!(s, ct_tag, "tc {}", t.tc_id);
                    }
                }
                TestResult::Acceptable => {
                    panic!(
                        "tc {}: no acceptable vectors expected for this AEAD",
                        t.tc_id
                    )
                }
            }
        }
    }
    expect_counts("chacha20-poly1305", valid, invalid);
}

#[test]
fn ed25519_verify() {
    let set = wycheproof::eddsa::TestSet::load(wycheproof::eddsa::TestName::Ed25519)
        .expect("vectors load");
    let (mut valid, mut invalid) = (0, 0);
    for group in &set.test_groups {
        for t in &group.tests {
            let r = crypto::ed25519_verify(&group.key.pk, &t.msg, &t.sig);
            match t.result {
                TestResult::Valid => {
                    valid += 1;
                    assert_eq!(r, Ok(()), "tc {}", t.tc_id);
                }
                TestResult::Invalid => {
                    invalid += 1;
                    assert!(r.is_err(), "tc {} must be rejected", t.tc_id);
                }
                TestResult::Acceptable => {}
            }
        }
    }
    expect_counts("ed25519", valid, invalid);
}

#[test]
fn hkdf_sha256() {
    let set = wycheproof::hkdf::TestSet::load(wycheproof::hkdf::TestName::HkdfSha256)
        .expect("vectors load");
    let (mut valid, mut invalid) = (0, 0);
    for group in &set.test_groups {
        for t in &group.tests {
            let mut out = vec![0u8; t.size];
            let r = crypto::hkdf_sha256(&t.salt, &t.ikm, &t.info, &mut out);
            match t.result {
                TestResult::Valid | TestResult::Acceptable => {
                    valid += 1;
                    assert_eq!(r, Ok(()), "tc {}", t.tc_id);
                    assert_eq!(&out[..], &t.okm[..], "tc {}", t.tc_id);
                }
                TestResult::Invalid => {
                    invalid += 1;
                    assert!(r.is_err(), "tc {} must be rejected", t.tc_id);
                }
            }
        }
    }
    expect_counts("hkdf-sha256", valid, invalid);
}

#[test]
fn hmac_sha256() {
    let set = wycheproof::mac::TestSet::load(wycheproof::mac::TestName::HmacSha256)
        .expect("vectors load");
    let (mut valid, mut invalid) = (0, 0);
    for group in &set.test_groups {
        let tag_len = group.tag_size / 8;
        for t in &group.tests {
            let full = crypto::hmac_sha256(&t.key, &t.msg);
            let computed = &full[..tag_len.min(32)];
            let verified = crypto::hmac_sha256_verify(&t.key, &t.msg, &t.tag);
            match t.result {
                TestResult::Valid => {
                    valid += 1;
                    assert_eq!(computed, &t.tag[..], "tc {}", t.tc_id);
                    if tag_len >= 16 {
                        assert_eq!(verified, Ok(()), "tc {}", t.tc_id);
                    }
                }
                TestResult::Invalid => {
                    invalid += 1;
                    assert!(verified.is_err(), "tc {} must be rejected", t.tc_id);
                }
                TestResult::Acceptable => {}
            }
        }
    }
    expect_counts("hmac-sha256", valid, invalid);
}

#[test]
fn pbkdf2_hmac_sha256() {
    let set = wycheproof::pbkdf2::TestSet::load(wycheproof::pbkdf2::TestName::Pbkdf2HmacSha256)
        .expect("vectors load");
    let mut checked = 0;
    for group in &set.test_groups {
        for t in &group.tests {
            // Keep the suite fast: the few multi-million-iteration vectors are skipped by
            // count, and the number actually checked is asserted below.
            if t.iteration_count > 100_000 {
                continue;
            }
            let mut out = vec![0u8; t.dk_len];
            let r = crypto::pbkdf2_sha256(
                u32::try_from(t.iteration_count).expect("count fits"),
                &t.salt,
                &t.password,
                &mut out,
            );
            assert_eq!(t.result, TestResult::Valid, "tc {}", t.tc_id);
            assert_eq!(r, Ok(()), "tc {}", t.tc_id);
            assert_eq!(&out[..], &t.dk[..], "tc {}", t.tc_id);
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} PBKDF2 vectors checked");
}
