//! Lenient field deserialisers for the HSDS model: a value of the wrong type reads as
//! absent, never as an error, so one odd field never costs a whole record. Strings are
//! borrowed from the input when it holds no escapes ([`Text`]).

use std::borrow::Cow;

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::Deserialize;

use super::Text;

/// The visitor behind [`lenient_text`].
struct LenientText<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for LenientText<'a> {
    type Value = Option<Text<'a>>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// A string (numbers read as their text); any other JSON value reads as absent. Borrowed
/// from the input when it holds no escapes.
pub(crate) fn lenient_text<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Text<'a>>, D::Error> {
    d.deserialize_any(LenientText(std::marker::PhantomData))
}

/// [`lenient_text`], owned.
pub(crate) fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(lenient_text(d)?.map(Cow::into_owned))
}

/// A boolean; `"true"`, `"yes"`, `"y"`, `"1"` and the number 1 read as true, anything
/// else as false.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            Ok(matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "true" | "yes" | "1" | "y"
            ))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
            Ok(v == 1)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
            Ok(v == 1)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(false)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(false)
        }
    }
    d.deserialize_any(V)
}

/// A number, or a string holding one; anything else reads as absent.
pub(crate) fn lenient_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(lenient_text(d)?.and_then(|s| s.trim().parse::<f64>().ok()))
}

/// Skips whatever a lenient field does not use.
fn drain_map<'de, A: de::MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The scalar `visit_*` methods of a lenient visitor that reads every scalar as `$v`.
macro_rules! scalars_read_as {
    ($t:ty, $v:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_none<E: de::Error>(self) -> Result<$t, E> {
            Ok($v)
        }
        fn visit_unit<E: de::Error>(self) -> Result<$t, E> {
            Ok($v)
        }
    };
}

/// One nested HSDS object read leniently: an object decodes as `T` (every field of
/// these types is itself lenient, so only a repeated key can fail it, and that fails its
/// record); any other JSON value reads as absent. Single pass: nothing is scanned twice.
struct Lenient<T>(Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lenient<T>, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Lenient<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Lenient<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| Lenient(Some(t)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Lenient<T>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lenient<T>, D::Error> {
                d.deserialize_any(self)
            }
            scalars_read_as!(Lenient<T>, Lenient(None));
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A list whose elements that are not objects are dropped; a non-list reads as empty.
pub(crate) fn lenient_vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(Lenient(item)) = seq.next_element::<Lenient<T>>()? {
                if out.len() < crate::core::resource::limits::LIST {
                    out.extend(item);
                }
            }
            Ok(out)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
            drain_map(map)?;
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
            d.deserialize_any(self)
        }
        scalars_read_as!(Vec<T>, Vec::new());
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

/// A nested object; anything else reads as absent.
pub(crate) fn lenient_one<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Lenient::<T>::deserialize(d).map(|l| l.0)
}

/// A `lenient_strings` item: trimmed (borrowed still when it was), `None` when empty.
pub(super) fn clean_text(s: Option<Text<'_>>) -> Option<Text<'_>> {
    let s = s?;
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(match s {
            Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
            Cow::Owned(o) => Cow::Owned(o.trim().to_owned()),
        })
    }
}

/// A list of strings (numbers accepted); a single string reads as a one-element list.
/// Each is trimmed; empty ones are dropped.
pub(crate) fn lenient_strings<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<Text<'a>>, D::Error> {
    struct One<'a>(Option<Text<'a>>);
    impl<'de: 'a, 'a> Deserialize<'de> for One<'a> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<One<'a>, D::Error> {
            lenient_text(d).map(One)
        }
    }
    struct V<'a>(std::marker::PhantomData<&'a ()>);
    impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
        type Value = Vec<Text<'a>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(One(s)) = seq.next_element::<One<'a>>()? {
                if out.len() < crate::core::resource::limits::LIST {
                    out.extend(clean_text(s));
                }
            }
            Ok(out)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            drain_map(map)?;
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(vec![Cow::Owned(v.to_string())])
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(clean_text(Some(Cow::Borrowed(v))).into_iter().collect())
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(clean_text(Some(Cow::Owned(v.to_owned())))
                .into_iter()
                .collect())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(clean_text(Some(Cow::Owned(v))).into_iter().collect())
        }
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use crate::core::directory::payload::decode_payload;
    use crate::core::resource::Population;

    #[test]
    fn lenient_types_never_fail_a_record() {
        let json = br#"{"haven_directory":1,"services":[
            {"id": 7, "name": "A", "phones": {"x":1}, "languages": [1, {"name":"Spanish","code":"es"}],
             "haven_populations": "youth", "haven_open_24_7": "yes", "status": null},
            {"id": "b", "name": ["not", "a", "string"]},
            {"id": "c", "name": "C", "status": "inactive"},
            "garbage"
        ]}"#;
        let d = decode_payload(json).unwrap();
        assert_eq!(d.payload.resources.len(), 1);
        assert_eq!(d.skipped, 2);
        assert_eq!(d.inactive, 1);
        let r = &d.payload.resources[0];
        assert_eq!(r.id, "7");
        assert_eq!(r.languages.len(), 1);
        assert_eq!(r.populations, vec![Population::Youth]);
        assert!(r.hours.always_open);
    }
}
