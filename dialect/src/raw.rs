//! Small helpers for code that talks to MLIR's C API directly: Rust strings
//! to and from `MlirStringRef`, an operation's name test, an operation's
//! attribute by name, whether two constants hold the same value, and the
//! values of the builtin attribute kinds ops carry (integers, booleans,
//! strings, symbol references, `array<i64: ...>`, dense i64 elements).
//!
//! Every crate that walks raw `MlirOperation` handles needs these; they live
//! here, once, so the conversions (and their `unsafe`) are written and
//! checked in one place. Names are passed as `MlirStringRef`s that borrow the
//! Rust string, so no NUL-terminated copy is made.

use mlir_sys::{
    mlirAttributeGetType, mlirIntegerTypeGetWidth, mlirShapedTypeGetElementType, mlirTypeIsAInteger,
};
use mlir_sys::{
    mlirAttributeIsABool, mlirAttributeIsADenseElements, mlirAttributeIsADenseI64Array,
    mlirAttributeIsAInteger, mlirBoolAttrGetValue, mlirDenseArrayGetNumElements,
    mlirDenseElementsAttrGetInt64Value, mlirDenseI64ArrayGetElement, mlirElementsAttrGetNumElements,
    mlirIntegerAttrGetValueInt, mlirOperationGetAttributeByName, MlirAttribute, MlirOperation, MlirStringRef,
};
use mlir_sys::{
    mlirAttributeIsAFlatSymbolRef, mlirAttributeIsAString, mlirFlatSymbolRefAttrGetValue,
    mlirStringAttrGetValue,
};

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

/// Whether a live operation is named `name` (`func.call`), without copying
/// its name.
pub fn op_name_is(op: MlirOperation, name: &str) -> bool {
    // SAFETY: a live op handle; its name's bytes live in the op's context.
    unsafe {
        let id = mlir_sys::mlirIdentifierStr(mlir_sys::mlirOperationGetName(op));
        std::slice::from_raw_parts(id.data.cast::<u8>(), id.length) == name.as_bytes()
    }
}

/// Whether two live constant ops (of any dialect) have equal `value`
/// attributes and equal result types.
pub fn same_constant_value(a: MlirOperation, b: MlirOperation) -> bool {
    let (Some(va), Some(vb)) = (attribute(a, "value"), attribute(b, "value")) else {
        return false;
    };
    // SAFETY: comparing live attributes, and the types of each op's first
    // result (a constant has exactly one).
    unsafe {
        mlir_sys::mlirAttributeEqual(va, vb)
            && mlir_sys::mlirTypeEqual(
                mlir_sys::mlirValueGetType(mlir_sys::mlirOperationGetResult(a, 0)),
                mlir_sys::mlirValueGetType(mlir_sys::mlirOperationGetResult(b, 0)),
            )
    }
}

/// The attribute `name` of a live operation, if it has one.
pub fn attribute(op: MlirOperation, name: &str) -> Option<MlirAttribute> {
    // SAFETY: a live op handle; the name is borrowed for the call only.
    let attr = unsafe { mlirOperationGetAttributeByName(op, string_ref(name)) };
    (!attr.ptr.is_null()).then_some(attr)
}

/// The attribute `name` of a live operation as MLIR prints it
/// (`#sdy.sharding<@mesh, [{}]>`), if it has one.
pub fn attribute_text(op: MlirOperation, name: &str) -> Option<String> {
    // SAFETY: an attribute of the live op.
    attribute(op, name).map(|a| unsafe { melior::ir::Attribute::from_raw(a) }.to_string())
}

/// The value of a string attribute, or `None` for another kind.
pub fn string(attr: MlirAttribute) -> Option<String> {
    // SAFETY: a valid attribute handle; the kind is checked before reading.
    unsafe { mlirAttributeIsAString(attr).then(|| to_string(mlirStringAttrGetValue(attr))) }
}

/// The symbol a flat symbol reference names (`@f` gives `f`), or `None` for
/// another kind.
pub fn flat_symbol(attr: MlirAttribute) -> Option<String> {
    // SAFETY: a valid attribute handle; the kind is checked before reading.
    unsafe { mlirAttributeIsAFlatSymbolRef(attr).then(|| to_string(mlirFlatSymbolRefAttrGetValue(attr))) }
}

/// Per argument (`attrs` = `arg_attrs`) or result (`res_attrs`) of a
/// function, the attribute `name` of its dictionary, for the first `count`.
pub fn value_attributes(
    func: MlirOperation,
    attrs: &str,
    count: usize,
    name: &str,
) -> Vec<Option<MlirAttribute>> {
    // SAFETY: attribute kinds are checked before they are read; indices are
    // below the array's length.
    unsafe {
        let array = attribute(func, attrs).filter(|a| mlir_sys::mlirAttributeIsAArray(*a));
        (0..count)
            .map(|i| {
                let array = array.filter(|a| (i as isize) < mlir_sys::mlirArrayAttrGetNumElements(*a))?;
                let dict = mlir_sys::mlirArrayAttrGetElement(array, i as isize);
                if !mlir_sys::mlirAttributeIsADictionary(dict) {
                    return None;
                }
                let value = mlir_sys::mlirDictionaryAttrGetElementByName(dict, string_ref(name));
                (!value.ptr.is_null()).then_some(value)
            })
            .collect()
    }
}

/// Per argument or result of a function (as [`value_attributes`]), its
/// sharding attribute in either of JAX's forms: its name (`mhlo.sharding`,
/// GSPMD's, or `sdy.sharding`, Shardy's) and value.
pub fn value_shardings(
    func: MlirOperation,
    attrs: &str,
    count: usize,
) -> Vec<Option<(&'static str, MlirAttribute)>> {
    let gspmd = value_attributes(func, attrs, count, "mhlo.sharding");
    let sdy = value_attributes(func, attrs, count, "sdy.sharding");
    gspmd
        .into_iter()
        .zip(sdy)
        .map(|(g, s)| g.map(|a| ("mhlo.sharding", a)).or(s.map(|a| ("sdy.sharding", a))))
        .collect()
}

/// An op's symbol name (`sym_name` of a `func.func`).
pub fn symbol_name(op: MlirOperation) -> Option<String> {
    string(attribute(op, "sym_name")?)
}

/// The function an op calls or transforms (`callee` of `func.call`,
/// `jaxr.grad`, ...).
pub fn callee(op: MlirOperation) -> Option<String> {
    flat_symbol(attribute(op, "callee")?)
}

/// The value of an integer attribute (`3 : i64`), or `None` for another kind.
pub fn integer(attr: MlirAttribute) -> Option<i64> {
    // SAFETY: a valid attribute handle; the kind is checked before reading.
    unsafe { mlirAttributeIsAInteger(attr).then(|| mlirIntegerAttrGetValueInt(attr)) }
}

/// The value of a boolean attribute, or `None` for another kind.
pub fn boolean(attr: MlirAttribute) -> Option<bool> {
    // SAFETY: a valid attribute handle; the kind is checked before reading.
    unsafe { mlirAttributeIsABool(attr).then(|| mlirBoolAttrGetValue(attr)) }
}

/// The values of an `array<i64: ...>` attribute, or `None` for another kind.
pub fn i64_array(attr: MlirAttribute) -> Option<Vec<i64>> {
    // SAFETY: a valid attribute handle; the kind is checked before reading.
    unsafe {
        mlirAttributeIsADenseI64Array(attr).then(|| {
            (0..mlirDenseArrayGetNumElements(attr)).map(|i| mlirDenseI64ArrayGetElement(attr, i)).collect()
        })
    }
}

/// How many elements a dense elements attribute holds (a splat counts its
/// type's elements); `None` for another kind.
pub fn element_count(attr: MlirAttribute) -> Option<i64> {
    // SAFETY: a valid attribute handle; the kind is checked before reading.
    unsafe { mlirAttributeIsADenseElements(attr).then(|| mlirElementsAttrGetNumElements(attr)) }
}

/// The values of dense 64-bit integer elements (`dense<[[0, 1]]> :
/// tensor<1x2xi64>`), row-major, a splat repeated; `None` for another kind,
/// another element type (MLIR reads elements at the width asked for, so an
/// i32 tensor read as i64 would read past its data) or more than `max`
/// elements (a splat of a huge type would otherwise be expanded in memory).
pub fn dense_i64(attr: MlirAttribute, max: usize) -> Option<Vec<i64>> {
    // SAFETY: a valid attribute handle; type queries on its type.
    let is_i64 = unsafe {
        let elem = mlirShapedTypeGetElementType(mlirAttributeGetType(attr));
        mlirAttributeIsADenseElements(attr) && mlirTypeIsAInteger(elem) && mlirIntegerTypeGetWidth(elem) == 64
    };
    if !is_i64 {
        return None;
    }
    let count = usize::try_from(element_count(attr)?).ok().filter(|&n| n <= max)?;
    // SAFETY: a dense elements attribute (checked above) with `count` elements.
    Some((0..count).map(|i| unsafe { mlirDenseElementsAttrGetInt64Value(attr, i as isize) }).collect())
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

    #[test]
    fn reads_the_builtin_attribute_kinds() {
        let context = create_context();
        let module = Module::parse(
            &context,
            r#"func.func private @f() attributes {i = 7 : i64, b = true, a = array<i64: 1, -2>,
                 d = dense<[[0, 1], [2, 3]]> : tensor<2x2xi64>, splat = dense<5> : tensor<1000000x2xi64>,
                 narrow = dense<[1, 2]> : tensor<2xi32>, callee = @g}"#,
        )
        .expect("parses");
        let func = module.body().first_operation().expect("one op").to_raw();
        let get = |name: &str| attribute(func, name).expect("present");
        assert_eq!(integer(get("i")), Some(7));
        assert_eq!(boolean(get("b")), Some(true));
        assert_eq!(i64_array(get("a")), Some(vec![1, -2]));
        assert_eq!(dense_i64(get("d"), 4), Some(vec![0, 1, 2, 3]));
        assert_eq!(dense_i64(get("d"), 3), None, "more than max values");
        assert_eq!(element_count(get("splat")), Some(2_000_000));
        assert_eq!(dense_i64(get("splat"), 1 << 20), None, "a huge splat is not expanded");
        assert_eq!(dense_i64(get("narrow"), 4), None, "i32 elements are not read as i64");
        assert_eq!(symbol_name(func).as_deref(), Some("f"));
        assert_eq!(callee(func).as_deref(), Some("g"));
        // The wrong kind is None, not a misread.
        assert_eq!(integer(get("a")), None);
        assert_eq!(i64_array(get("d")), None);
        assert_eq!(string(get("i")), None);
        assert_eq!(flat_symbol(get("sym_name")), None);
    }
}
