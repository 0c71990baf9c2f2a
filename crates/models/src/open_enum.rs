//! Forward-compatible string enums.
//!
//! m3ter adds enum values over time. A value we do not know yet must never fail a decode: it is kept
//! verbatim in `Unknown(String)`, displayed as it came, and written back unchanged on the next PUT.

/// Declares an enum whose wire form is a string, with a label per known value and an `Unknown` catch-all.
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$attr:meta])*
        $name:ident, $title:literal {
            $($variant:ident = $wire:literal => $label:literal),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant,)+
            /// A value this version does not know; kept exactly as received.
            Unknown(String),
        }

        impl $name {
            /// Values and labels, in the order the UI offers them.
            pub const META: $crate::meta::EnumMeta = $crate::meta::EnumMeta {
                name: $title,
                values: &[$(($wire, $label)),+],
            };

            /// The value as it goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(raw) => raw,
                }
            }

            /// A readable label; unknown values are shown as they came.
            pub fn label(&self) -> &str {
                Self::META.label_of(self.as_str())
            }

            /// Whether this value is one this version knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                match raw {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::open_enum::deserialize_str(deserializer).map(|raw| Self::from(raw.as_ref()))
            }
        }
    };
}

/// Reads a string without borrowing when the input allows it; shared by every open enum so the decoding
/// code exists once in the binary rather than once per enum.
pub fn deserialize_str<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::borrow::Cow<'de, str>, D::Error> {
    struct StrVisitor;
    impl<'de> serde::de::Visitor<'de> for StrVisitor {
        type Value = std::borrow::Cow<'de, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Borrowed(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v))
        }
    }
    deserializer.deserialize_str(StrVisitor)
}
