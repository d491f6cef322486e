//! The `sms:` builder of the code-word message: a table of numbers and bodies (spaces,
//! `&`, `#`, `?`, accents, several numbers), and every output parses back with the `url`
//! crate to the same numbers and body.

use haven::core::sms::{clean_number, encode_body, numbers_in, sms_uri, SmsError, MAX_BODY};

/// (numbers, body, expected link)
const TABLE: &[(&[&str], &str, &str)] = &[
    (
        &["+1 (555) 123-4567"],
        "sunflower",
        "sms:+15551234567?body=sunflower",
    ),
    (&["555 0199"], "blue sky", "sms:5550199?body=blue%20sky"),
    (
        &["555.0199"],
        "Tom & Jerry",
        "sms:5550199?body=Tom%20%26%20Jerry",
    ),
    (&["5550199"], "room #4", "sms:5550199?body=room%20%234"),
    (&["5550199"], "ok? yes", "sms:5550199?body=ok%3F%20yes"),
    (&["5550199"], "café", "sms:5550199?body=caf%C3%A9"),
    (&["5550199"], "Ñandú", "sms:5550199?body=%C3%91and%C3%BA"),
    (&["5550199"], "a+b=c/d", "sms:5550199?body=a%2Bb%3Dc%2Fd"),
    (
        &["5550199"],
        "keep-this_one.~",
        "sms:5550199?body=keep-this_one.~",
    ),
    (&["5550199"], "line\nbreak", "sms:5550199?body=line%0Abreak"),
    (
        &["5550199"],
        "100% 🌻",
        "sms:5550199?body=100%25%20%F0%9F%8C%BB",
    ),
    (
        &["+1 555 123 4567", "+1 555 765 4321"],
        "sunflower",
        "sms:+15551234567,+15557654321?body=sunflower",
    ),
    (&["ext", "555 0100"], "x", "sms:5550100?body=x"),
    (&["555 0100"], "   ", "sms:5550100"),
    (&["55+5 0100"], "x", "sms:5550100?body=x"),
];

#[test]
fn table_of_numbers_and_code_words() {
    for (numbers, body, want) in TABLE {
        let got = sms_uri(numbers, body).unwrap();
        assert_eq!(&got, want, "{numbers:?} {body:?}");
    }
}

#[test]
fn outputs_parse_back_with_the_url_crate() {
    for (numbers, body, _) in TABLE {
        let uri = sms_uri(numbers, body).unwrap();
        let u = url::Url::parse(&uri).expect("parses");
        assert_eq!(u.scheme(), "sms");
        let want: Vec<String> = numbers.iter().filter_map(|n| clean_number(n)).collect();
        let got: Vec<&str> = u.path().split(',').collect();
        assert_eq!(got, want, "{uri}");
        let pairs: Vec<(String, String)> = u.query_pairs().into_owned().collect();
        let body = body.trim();
        if body.is_empty() {
            assert!(pairs.is_empty(), "{uri}");
        } else {
            assert_eq!(pairs, vec![("body".to_string(), body.to_string())], "{uri}");
        }
        assert!(!uri.contains(' ') && !uri.contains('&') && !uri.contains('#'));
    }
}

#[test]
fn no_number_or_too_long_is_an_error_never_a_panic() {
    assert_eq!(sms_uri::<&str>(&[], "x"), Err(SmsError::NoNumber));
    assert_eq!(sms_uri(&["call me", "+", ""], "x"), Err(SmsError::NoNumber));
    assert_eq!(
        sms_uri(&["5550100"], &"a".repeat(MAX_BODY + 1)),
        Err(SmsError::TooLong)
    );
    assert!(
        clean_number(&"9".repeat(21)).is_none(),
        "absurd lengths refused"
    );
    assert_eq!(encode_body(" "), "%20", "space is %20, never +");
}

#[test]
fn a_phone_field_with_several_numbers() {
    assert_eq!(
        numbers_in("555 0100, +1 555 0101; 555-0102 / none"),
        vec!["5550100", "+15550101", "5550102"]
    );
    assert!(numbers_in("ask Rosa").is_empty());
}
