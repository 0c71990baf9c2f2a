//! Unions keyed on a discriminator field (`sourceType`, `destinationType`, `groupType`).
//!
//! serde's internally-tagged enums reject unknown tags; a console must display them instead. These
//! unions decode the variant they know and, where declared, keep anything else whole in an `Unknown`
//! variant so it displays and round-trips.

/// Declares a union over `$tag`. `default "X"` assumes a tag when it is missing; `unknown Name` keeps
/// unrecognised tags (and missing ones without a default) as the raw object.
#[macro_export]
macro_rules! tagged_union {
    (
        $(#[$attr:meta])*
        $name:ident by $tag:literal $(, default $default:literal)? {
            $($(#[$vattr:meta])* $variant:ident = $wire:literal ($inner:ty)),+ $(,)?
        }
        $(unknown $unknown:ident)?
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name {
            $($(#[$vattr])* $variant($inner),)+
            $(
                /// A variant this version does not know, kept whole (discriminator included).
                $unknown($crate::Extra),
            )?
        }

        impl $name {
            /// The discriminator as it goes on the wire.
            pub fn tag(&self) -> &str {
                match self {
                    $(Self::$variant(_) => $wire,)+
                    $(Self::$unknown(map) => map.get($tag).and_then(|v| v.as_str()).unwrap_or(""),)?
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(inner) => $crate::common::with_tag(serializer, $tag, $wire, inner),)+
                    $(Self::$unknown(map) => map.serialize(serializer),)?
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                use ::serde::de::Error as _;
                let mut value = ::serde_json::Value::deserialize(deserializer)?;
                if !value.is_object() {
                    return Err(D::Error::custom("expected a JSON object"));
                }
                let found = $crate::common::take_tag(&mut value, $tag);
                let tag: Option<&str> = found.as_deref() $(.or(Some($default)))?;
                match tag {
                    $(Some($wire) => $crate::tagged::decode_variant::<$inner, D::Error>(value).map(Self::$variant),)+
                    _ => {
                        $(
                            if let ::serde_json::Value::Object(mut map) = value {
                                if let Some(found) = found {
                                    map.insert($tag.to_owned(), ::serde_json::Value::String(found));
                                }
                                return Ok(Self::$unknown(map));
                            }
                        )?
                        let known: &[&str] = &[$($wire),+];
                        Err(D::Error::custom($crate::tagged::unknown_tag_message($tag, found.as_deref(), known)))
                    }
                }
            }
        }
    };
}

/// Decodes a variant's body, keeping the inner field path in the message (`"a[0].b: …"`), so a
/// decode error names the field even inside a union.
pub fn decode_variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner().to_string();
        if path == "." {
            E::custom(inner)
        } else {
            E::custom(format!("{path}: {inner}"))
        }
    })
}

pub fn unknown_tag_message(tag: &str, found: Option<&str>, known: &[&str]) -> String {
    let known = known.join(" or ");
    match found {
        None => format!("{tag}: is required ({known})"),
        Some(found) => format!("{tag}: must be {known} (got {found})"),
    }
}
