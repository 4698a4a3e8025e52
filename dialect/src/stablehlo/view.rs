//! Reading a stablehlo or chlo op off MLIR for its verifier: operand and
//! result types (dynamic dimensions and every element type included),
//! attributes, and the blocks of its regions.

use mlir_sys::{
    mlirArrayAttrGetElement, mlirArrayAttrGetNumElements, mlirAttributeIsAArray, mlirBlockGetArgument,
    mlirBlockGetNumArguments, mlirBlockGetTerminator, mlirComplexTypeGetElementType, mlirFloatTypeGetWidth,
    mlirIntegerTypeGetWidth, mlirIntegerTypeIsUnsigned, mlirOperationGetNumOperands,
    mlirOperationGetNumRegions, mlirOperationGetNumResults, mlirOperationGetOperand, mlirOperationGetRegion,
    mlirOperationGetResult, mlirRegionGetFirstBlock, mlirShapedTypeGetDimSize, mlirShapedTypeGetElementType,
    mlirShapedTypeGetRank, mlirShapedTypeIsDynamicDim, mlirTypeIsAComplex, mlirTypeIsAFloat,
    mlirTypeIsAInteger, mlirTypeIsARankedTensor, mlirValueGetType, MlirAttribute, MlirBlock, MlirOperation,
    MlirType, MlirValue,
};

use melior::ir::{Attribute, Type};

/// The element type of a tensor, by the classes the specification's
/// constraints name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elem {
    /// `i1`.
    Bool,
    /// A signless (`i32`, treated as signed) or signed integer of this width.
    Signed(u32),
    Unsigned(u32),
    /// A floating-point type of this width (f4 to f64).
    Float(u32),
    /// `complex<fN>`, with the width of each part.
    Complex(u32),
    /// Quantized and other element types: the verifier leaves them to the
    /// backend.
    Other,
}

impl Elem {
    pub fn is_int(self) -> bool {
        matches!(self, Elem::Signed(_) | Elem::Unsigned(_))
    }
    pub fn is_float(self) -> bool {
        matches!(self, Elem::Float(_))
    }
    pub fn is_complex(self) -> bool {
        matches!(self, Elem::Complex(_))
    }
}

/// A value's type: a ranked tensor (dimensions `None` where dynamic), or
/// something else (token, tuple).
#[derive(Clone, Debug)]
pub struct HloType {
    pub tensor: Option<Tensor>,
    raw: MlirType,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub dims: Vec<Option<i64>>,
    pub elem: Elem,
    pub elem_raw: MlirTypeKey,
}

/// An element type's identity (MLIR types are uniqued: equal pointers are
/// equal types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MlirTypeKey(usize);

impl Tensor {
    pub fn rank(&self) -> usize {
        self.dims.len()
    }
}

impl HloType {
    pub fn of(raw: MlirType) -> HloType {
        // SAFETY: type queries on a valid type handle.
        let tensor = unsafe {
            mlirTypeIsARankedTensor(raw).then(|| {
                let rank = mlirShapedTypeGetRank(raw);
                let dims = (0..rank as isize)
                    .map(|i| (!mlirShapedTypeIsDynamicDim(raw, i)).then(|| mlirShapedTypeGetDimSize(raw, i)))
                    .collect();
                let elem_type = mlirShapedTypeGetElementType(raw);
                Tensor { dims, elem: elem_of(elem_type), elem_raw: MlirTypeKey(elem_type.ptr as usize) }
            })
        };
        HloType { tensor, raw }
    }

    /// The type as MLIR prints it, for messages (printed only when a rule
    /// fails: verification runs on every op after every pass).
    pub fn text(&self) -> String {
        // SAFETY: `raw` is a valid type owned by a live context.
        unsafe { Type::from_raw(self.raw) }.to_string()
    }

    /// The jaxr tensor type, when jaxr can represent this type (a static
    /// shape and one of jaxr's element types).
    pub fn jaxr_type(&self) -> Option<crate::TensorType> {
        crate::decode::tensor_type_of_raw(self.raw).ok()
    }

    /// Whether both are the same MLIR type.
    pub fn same_as(&self, other: &HloType) -> bool {
        self.raw.ptr == other.raw.ptr
    }

    /// Whether the types agree where both are known: equal element types,
    /// equal ranks and equal static sizes (a dynamic size matches any).
    pub fn compatible(&self, other: &HloType) -> bool {
        match (&self.tensor, &other.tensor) {
            (Some(a), Some(b)) => a.elem_raw == b.elem_raw && dims_compatible(&a.dims, &b.dims),
            _ => self.same_as(other),
        }
    }
}

/// Whether two shapes agree where both sizes are known.
pub fn dims_compatible(a: &[Option<i64>], b: &[Option<i64>]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.is_none() || y.is_none() || x == y)
}

fn elem_of(t: MlirType) -> Elem {
    // SAFETY: type queries on a valid type handle.
    unsafe {
        if mlirTypeIsAInteger(t) {
            let width = mlirIntegerTypeGetWidth(t);
            return if width == 1 {
                Elem::Bool
            } else if mlirIntegerTypeIsUnsigned(t) {
                Elem::Unsigned(width)
            } else {
                Elem::Signed(width)
            };
        }
        if mlirTypeIsAFloat(t) {
            return Elem::Float(mlirFloatTypeGetWidth(t));
        }
        if mlirTypeIsAComplex(t) {
            let part = mlirComplexTypeGetElementType(t);
            if mlirTypeIsAFloat(part) {
                return Elem::Complex(mlirFloatTypeGetWidth(part));
            }
        }
    }
    Elem::Other
}

/// An op being verified.
pub struct OpView {
    pub op: MlirOperation,
    pub operands: Vec<HloType>,
    pub results: Vec<HloType>,
}

impl OpView {
    pub fn new(op: MlirOperation) -> OpView {
        // SAFETY: indices are in range; valid op handle.
        let (operands, results) = unsafe {
            (
                (0..mlirOperationGetNumOperands(op))
                    .map(|i| HloType::of(mlirValueGetType(mlirOperationGetOperand(op, i))))
                    .collect(),
                (0..mlirOperationGetNumResults(op))
                    .map(|i| HloType::of(mlirValueGetType(mlirOperationGetResult(op, i))))
                    .collect(),
            )
        };
        OpView { op, operands, results }
    }

    /// The attribute, if the op has it.
    pub fn attr(&self, name: &str) -> Option<MlirAttribute> {
        crate::raw::attribute(self.op, name)
    }

    /// The attribute as MLIR prints it (`#stablehlo<comparison_direction LT>`).
    pub fn attr_text(&self, name: &str) -> Option<String> {
        crate::raw::attribute_text(self.op, name)
    }

    /// An `array<i64: ...>` attribute (ODS has checked its kind).
    pub fn i64_array(&self, name: &str) -> Option<Vec<i64>> {
        crate::raw::i64_array(self.attr(name)?)
    }

    /// An integer attribute.
    pub fn int(&self, name: &str) -> Option<i64> {
        crate::raw::integer(self.attr(name)?)
    }

    /// How many values a `dense<...>` attribute holds.
    pub fn dense_len(&self, name: &str) -> Option<i64> {
        crate::raw::element_count(self.attr(name)?)
    }

    /// A `dense<...> : tensor<...xi64>` attribute's values, row-major, when it
    /// holds at most `max` of them.
    pub fn dense_i64(&self, name: &str, max: usize) -> Option<Vec<i64>> {
        crate::raw::dense_i64(self.attr(name)?, max)
    }

    /// The texts of an array attribute's elements.
    pub fn array_texts(&self, name: &str) -> Option<Vec<String>> {
        let attr = self.attr(name)?;
        // SAFETY: valid attribute handle; kind checked before reading.
        unsafe {
            if !mlirAttributeIsAArray(attr) {
                return None;
            }
            Some(
                (0..mlirArrayAttrGetNumElements(attr))
                    .map(|i| Attribute::from_raw(mlirArrayAttrGetElement(attr, i)).to_string())
                    .collect(),
            )
        }
    }

    /// The blocks of the op's regions (the first block of each; regions
    /// hold one block, as ODS checks).
    pub fn region_blocks(&self) -> Vec<Option<BlockView>> {
        // SAFETY: indices are in range; valid op handle.
        unsafe {
            (0..mlirOperationGetNumRegions(self.op))
                .map(|i| {
                    let block = mlirRegionGetFirstBlock(mlirOperationGetRegion(self.op, i));
                    (!block.ptr.is_null()).then(|| BlockView::new(block))
                })
                .collect()
        }
    }
}

/// A region's block: its argument types and the types its terminator returns.
pub struct BlockView {
    pub arguments: Vec<HloType>,
    /// The operand types of the terminator, when there is one.
    pub returned: Option<Vec<HloType>>,
}

impl BlockView {
    fn new(block: MlirBlock) -> BlockView {
        // SAFETY: only called on values of the live block `block`.
        let type_of = |v: MlirValue| HloType::of(unsafe { mlirValueGetType(v) });
        // SAFETY: valid block handle; indices in range.
        unsafe {
            let arguments = (0..mlirBlockGetNumArguments(block))
                .map(|i| type_of(mlirBlockGetArgument(block, i)))
                .collect();
            let terminator = mlirBlockGetTerminator(block);
            let returned = (!terminator.ptr.is_null()).then(|| {
                (0..mlirOperationGetNumOperands(terminator))
                    .map(|i| type_of(mlirOperationGetOperand(terminator, i)))
                    .collect()
            });
            BlockView { arguments, returned }
        }
    }
}
