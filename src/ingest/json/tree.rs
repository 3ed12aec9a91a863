//! A JSON value as reading articles needs it, parsed by `serde_json` much
//! more cheaply than its `Value`: strings without escapes are borrowed from
//! the text, and of every object only the fields a reader looks at are
//! kept ([`super::field`] names them); the others are parsed and dropped
//! without being built.
//!
//! Everything goes through the same `deserialize_any` calls as `Value`
//! (numbers converted, strings decoded, nesting counted), so a file is
//! accepted or refused exactly as before, with the same message.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// A parsed value; objects hold only the known fields.
#[derive(Debug, PartialEq)]
pub(super) enum Json<'a> {
    Null,
    Bool,
    Number(Number),
    Str(Cow<'a, str>),
    List(Vec<Json<'a>>),
    Object(Fields<'a>),
}

/// A JSON number as `serde_json` reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Number {
    /// Zero or more.
    Pos(u64),
    /// Below zero.
    Neg(i64),
    Float(f64),
}

impl Number {
    /// As `serde_json::Number::as_i64`.
    pub(super) fn as_i64(self) -> Option<i64> {
        match self {
            Number::Pos(n) => i64::try_from(n).ok(),
            Number::Neg(n) => Some(n),
            Number::Float(_) => None,
        }
    }

    /// As `serde_json::Number::as_f64` (which never fails without
    /// arbitrary precision).
    pub(super) fn as_f64(self) -> f64 {
        match self {
            Number::Pos(n) => n as f64,
            Number::Neg(n) => n as f64,
            Number::Float(x) => x,
        }
    }
}

/// An object's known fields, each once: a repeated key keeps its last
/// value, as a map would.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Fields<'a>(Vec<(&'static str, Json<'a>)>);

impl<'a> Fields<'a> {
    pub(super) fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub(super) fn remove(&mut self, key: &str) -> Option<Json<'a>> {
        let at = self.0.iter().position(|(k, _)| *k == key)?;
        Some(self.0.swap_remove(at).1)
    }

    fn insert(&mut self, key: &'static str, value: Json<'a>) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = value,
            None => self.0.push((key, value)),
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Json::Bool)
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Json::Number(match u64::try_from(n) {
            Ok(n) => Number::Pos(n),
            Err(_) => Number::Neg(n),
        }))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Json::Number(Number::Pos(n)))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Self::Value, E> {
        // Parsed JSON is always finite (`Value` would make the rest null).
        Ok(if x.is_finite() {
            Json::Number(Number::Float(x))
        } else {
            Json::Null
        })
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(s.to_string())))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Json::Str(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Json::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // An article has about eight known fields: room for them at once
        // (grown from none, the list was reallocated twice an article).
        let mut fields = Fields(Vec::with_capacity(8));
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key {
                Some(key) => fields.insert(key, map.next_value()?),
                None => map.next_value::<Skip>().map(drop)?,
            }
        }
        Ok(Json::Object(fields))
    }
}

/// Reads an object's key: the field's name when it is a known one.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<&'static str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<&'static str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(super::field(s))
    }
}

/// Any value, parsed as `Value` would be and dropped.
pub(super) struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_none<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Skip, D::Error> {
        Skip::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Json<'_> {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn keeps_known_fields_only_and_the_last_of_a_repeated_one() {
        let j = parse(r#"{"title": "A", "zzz": [1, {"title": "x"}], "title": "B\n"}"#);
        let Json::Object(o) = j else { panic!("{j:?}") };
        assert_eq!(o.0.len(), 1);
        assert_eq!(o.get("title"), Some(&Json::Str("B\n".into())));
        assert_eq!(o.get("zzz"), None);
    }

    #[test]
    fn borrows_strings_without_escapes() {
        let Json::List(items) = parse(r#"["plain", "esc\"aped"]"#) else {
            panic!()
        };
        assert!(matches!(&items[0], Json::Str(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1], Json::Str(Cow::Owned(s)) if s == "esc\"aped"));
    }

    #[test]
    fn numbers_as_serde_json_reads_them() {
        let Json::List(items) = parse("[0, -5, 18446744073709551615, 1.5, null, true]") else {
            panic!()
        };
        let want = [
            Json::Number(Number::Pos(0)),
            Json::Number(Number::Neg(-5)),
            Json::Number(Number::Pos(u64::MAX)),
            Json::Number(Number::Float(1.5)),
            Json::Null,
            Json::Bool,
        ];
        assert_eq!(items, want);
        assert_eq!(Number::Pos(u64::MAX).as_i64(), None);
        assert_eq!(Number::Neg(-5).as_i64(), Some(-5));
        assert_eq!(Number::Float(1.5).as_i64(), None);
    }

    /// Whatever `Value` refuses, skipped fields refuse too, with the same
    /// message: bad escapes, numbers out of range, nesting too deep.
    #[test]
    fn refuses_what_value_refuses() {
        let deep = format!("{{\"zzz\": {}1{}}}", "[".repeat(200), "]".repeat(200));
        for text in [
            r#"{"zzz": "\ud800"}"#,
            r#"{"zzz": 1e999}"#,
            r#"{"zzz": [1, 2,]}"#,
            r#"{"zzz": {"a" 1}}"#,
            r#"{"zzz": {1: 2}}"#,
            r#"{"title": "a"} x"#,
            r#"{"zzz": tru}"#,
            deep.as_str(),
        ] {
            let want = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            let got = serde_json::from_str::<Json>(text).unwrap_err();
            assert_eq!(got.to_string(), want.to_string(), "{text}");
            let skipped = serde_json::from_str::<Skip>(text)
                .err()
                .map(|e| e.to_string());
            assert_eq!(skipped, Some(want.to_string()), "{text}");
        }
    }
}
