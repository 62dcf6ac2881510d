//! A mention bound to the `mentions` insert by serde, field by field.
//!
//! In: a [`TripleMention`] and the prepared insert of [`super::MENTION_COLUMNS`].
//! Out: each field bound to the parameter of its column, by name, as
//! [`super::mention_values`] would convert it, without building a JSON map
//! and copying every string first (that cost a tenth of a build's store
//! time).
//!
//! What must hold: a field is bound to the column of its name, a field
//! without a column is an error, and a column no field names is NULL; the
//! values are those of [`super::mention_values`] (a test compares them).

use std::fmt;

use rusqlite::{Statement, types::Null};
use serde::{
    Serialize, Serializer,
    ser::{self, Impossible, SerializeStruct},
};

use super::MENTION_COLUMNS;
use crate::mention::TripleMention;

/// Why a mention could not be bound.
#[derive(Debug)]
pub(super) enum BindError {
    /// SQLite refused a value.
    Sql(rusqlite::Error),
    /// The mention has a field without a column, or is not a struct.
    Field(String),
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BindError::Sql(e) => e.fmt(f),
            BindError::Field(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for BindError {}

impl ser::Error for BindError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        BindError::Field(msg.to_string())
    }
}

impl From<rusqlite::Error> for BindError {
    fn from(e: rusqlite::Error) -> Self {
        BindError::Sql(e)
    }
}

/// Binds every column of `ins` (the `mentions` insert, parameters in
/// [`MENTION_COLUMNS`] order) from `m`; the caller executes it.
pub(super) fn bind_mention(ins: &mut Statement<'_>, m: &TripleMention) -> Result<(), BindError> {
    let mut seen = [false; MENTION_COLUMNS.len()];
    m.serialize(RowSer {
        ins: &mut *ins,
        seen: &mut seen,
    })?;
    for (i, s) in seen.iter().enumerate() {
        if !s {
            ins.raw_bind_parameter(i + 1, Null)?;
        }
    }
    Ok(())
}

/// The row: a struct whose fields go to their columns.
struct RowSer<'a, 's> {
    ins: &'a mut Statement<'s>,
    seen: &'a mut [bool; MENTION_COLUMNS.len()],
}

fn not_a_struct() -> BindError {
    BindError::Field("a mention serializes as a struct".into())
}

macro_rules! refuse {
    ($($f:ident($($t:ty),*) -> $r:ty;)*) => {
        $(fn $f(self, $(_: $t),*) -> Result<$r, BindError> {
            Err(not_a_struct())
        })*
    };
}

impl<'a, 's> Serializer for RowSer<'a, 's> {
    type Ok = ();
    type Error = BindError;
    type SerializeSeq = Impossible<(), BindError>;
    type SerializeTuple = Impossible<(), BindError>;
    type SerializeTupleStruct = Impossible<(), BindError>;
    type SerializeTupleVariant = Impossible<(), BindError>;
    type SerializeMap = Impossible<(), BindError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), BindError>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, BindError> {
        Ok(self)
    }

    refuse! {
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_char(char) -> ();
        serialize_str(&str) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), BindError> {
        Err(not_a_struct())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), BindError> {
        Err(not_a_struct())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), BindError> {
        Err(not_a_struct())
    }
}

impl SerializeStruct for RowSer<'_, '_> {
    type Ok = ();
    type Error = BindError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), BindError> {
        let Some(i) = MENTION_COLUMNS.iter().position(|(n, _)| *n == key) else {
            return Err(BindError::Field(format!(
                "the mention field `{key}` has no column in the store: add it to \
                 MENTION_COLUMNS in src/store/mod.rs and raise SCHEMA_VERSION"
            )));
        };
        self.seen[i] = true;
        let param = i + 1;
        match value.serialize(ValueSer {
            ins: &mut *self.ins,
            param,
        }) {
            Err(BindError::Field(_)) => {
                // Lists and maps: their JSON text, as `mention_values` has
                // them.
                let v = serde_json::to_value(value).map_err(|e| BindError::Field(e.to_string()))?;
                self.ins.raw_bind_parameter(param, v.to_string())?;
                Ok(())
            }
            r => r,
        }
    }

    fn end(self) -> Result<(), BindError> {
        Ok(())
    }
}

/// One field's value, bound to parameter `param`.
struct ValueSer<'a, 's> {
    ins: &'a mut Statement<'s>,
    param: usize,
}

impl ValueSer<'_, '_> {
    fn int(self, n: i64) -> Result<(), BindError> {
        Ok(self.ins.raw_bind_parameter(self.param, n)?)
    }

    fn real(self, x: f64) -> Result<(), BindError> {
        // JSON has no NaN nor infinity: `mention_values` saw NULL.
        if x.is_finite() {
            Ok(self.ins.raw_bind_parameter(self.param, x)?)
        } else {
            self.null()
        }
    }

    fn null(self) -> Result<(), BindError> {
        Ok(self.ins.raw_bind_parameter(self.param, Null)?)
    }

    fn text(self, s: &str) -> Result<(), BindError> {
        Ok(self.ins.raw_bind_parameter(self.param, s)?)
    }
}

fn compound() -> BindError {
    // Not an error to report: the caller binds the value's JSON text.
    BindError::Field("compound".into())
}

impl<'a, 's> Serializer for ValueSer<'a, 's> {
    type Ok = ();
    type Error = BindError;
    type SerializeSeq = Impossible<(), BindError>;
    type SerializeTuple = Impossible<(), BindError>;
    type SerializeTupleStruct = Impossible<(), BindError>;
    type SerializeTupleVariant = Impossible<(), BindError>;
    type SerializeMap = Impossible<(), BindError>;
    type SerializeStruct = Impossible<(), BindError>;
    type SerializeStructVariant = Impossible<(), BindError>;

    fn serialize_bool(self, v: bool) -> Result<(), BindError> {
        self.int(i64::from(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), BindError> {
        self.int(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), BindError> {
        self.int(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), BindError> {
        self.int(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), BindError> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), BindError> {
        self.int(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), BindError> {
        self.int(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), BindError> {
        self.int(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), BindError> {
        match i64::try_from(v) {
            Ok(n) => self.int(n),
            // Past i64, JSON's number became a REAL.
            Err(_) => self.real(v as f64),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), BindError> {
        self.real(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), BindError> {
        self.real(v)
    }
    fn serialize_char(self, v: char) -> Result<(), BindError> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), BindError> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), BindError> {
        Err(compound())
    }
    fn serialize_none(self) -> Result<(), BindError> {
        self.null()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> Result<(), BindError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), BindError> {
        self.null()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), BindError> {
        self.null()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), BindError> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), BindError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), BindError> {
        Err(compound())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, BindError> {
        Err(compound())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, BindError> {
        Err(compound())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, BindError> {
        Err(compound())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, BindError> {
        Err(compound())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, BindError> {
        Err(compound())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, BindError> {
        Err(compound())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, BindError> {
        Err(compound())
    }
}
