//! Small helpers for code that talks to MLIR's C API directly: Rust strings
//! to and from `MlirStringRef`, and an operation's attribute by name.
//!
//! Every crate that walks raw `MlirOperation` handles needs these; they live
//! here, once, so the conversions (and their `unsafe`) are written and
//! checked in one place. Names are passed as `MlirStringRef`s that borrow the
//! Rust string, so no NUL-terminated copy is made.

use mlir_sys::{mlirOperationGetAttributeByName, MlirAttribute, MlirOperation, MlirStringRef};

/// Borrows `s` as an `MlirStringRef`, valid while `s` lives (not NUL-terminated).
pub fn string_ref(s: &str) -> MlirStringRef {
    MlirStringRef { data: s.as_ptr().cast(), length: s.len() }
}

/// Copies an `MlirStringRef` into a `String` (invalid UTF-8 replaced; a null ref is empty).
pub fn to_string(s: MlirStringRef) -> String {
    if s.data.is_null() {
        return String::new();
    }
    // SAFETY: a non-null MLIR string ref points at `length` valid bytes.
    let bytes = unsafe { std::slice::from_raw_parts(s.data.cast::<u8>(), s.length) };
    String::from_utf8_lossy(bytes).into_owned()
}

/// The attribute `name` of a live operation, if it has one.
pub fn attribute(op: MlirOperation, name: &str) -> Option<MlirAttribute> {
    // SAFETY: a live op handle; the name is borrowed for the call only.
    let attr = unsafe { mlirOperationGetAttributeByName(op, string_ref(name)) };
    (!attr.ptr.is_null()).then_some(attr)
}

#[cfg(test)]
mod tests {
    use melior::ir::BlockLike;
    use melior::ir::Module;
    use mlir_sys::{mlirStringAttrGet, mlirStringAttrGetValue};

    use super::*;
    use crate::create_context;

    #[test]
    fn round_trips_through_a_string_ref() {
        for s in ["", "jaxr.add", "sym_name", "héllo, wörld ∑"] {
            let r = string_ref(s);
            assert_eq!(r.length, s.len());
            assert_eq!(to_string(r), s);
        }
    }

    #[test]
    fn round_trips_through_mlir() {
        let context = create_context();
        for s in ["", "main", "ünïcode"] {
            // SAFETY: a live context; MLIR copies the string into the attribute.
            let value = unsafe { mlirStringAttrGetValue(mlirStringAttrGet(context.to_raw(), string_ref(s))) };
            assert_eq!(to_string(value), s);
        }
    }

    #[test]
    fn empty_and_null_refs_are_empty_strings() {
        assert_eq!(to_string(string_ref("")), "");
        assert_eq!(to_string(MlirStringRef { data: std::ptr::null(), length: 0 }), "");
        assert_eq!(to_string(MlirStringRef { data: std::ptr::null(), length: 3 }), "");
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let bytes = [b'a', 0xff, b'b'];
        let r = MlirStringRef { data: bytes.as_ptr().cast(), length: bytes.len() };
        assert_eq!(to_string(r), "a\u{fffd}b");
    }

    #[test]
    fn reads_attributes_by_name() {
        let context = create_context();
        let module =
            Module::parse(&context, r#"func.func private @f() attributes {note = "x"}"#).expect("parses");
        let func = module.body().first_operation().expect("one op").to_raw();
        let name = attribute(func, "sym_name").expect("a function has a sym_name");
        // SAFETY: a string attribute of the live module.
        assert_eq!(to_string(unsafe { mlirStringAttrGetValue(name) }), "f");
        assert!(attribute(func, "note").is_some());
        assert!(attribute(func, "missing").is_none());
        assert!(attribute(func, "").is_none());
    }
}
