//! Emits generic-form StableHLO operations in front of an anchor operation.
//!
//! StableHLO is not a registered dialect here: its ops are built by name with
//! attributes written in StableHLO's own attribute syntax, which MLIR parses
//! into builtin or opaque attributes and prints back unchanged.

use melior::ir::block::BlockLike;
use melior::ir::operation::{OperationBuilder, OperationLike};
use melior::ir::{
    Attribute, Block, BlockRef, Identifier, Location, OperationRef, Region, RegionLike, Type, Value,
};
use melior::Context;

use jaxr_dialect::decode::mlir_type;
pub use jaxr_dialect::types::literal;
use jaxr_dialect::{ElemType, TensorType};

/// Emits operations before `anchor`, at `location`.
pub struct Emitter<'c, 'a> {
    pub context: &'c Context,
    pub location: Location<'c>,
    block: BlockRef<'c, 'a>,
    anchor: OperationRef<'c, 'a>,
    /// Every op emitted before the anchor, in order (not those in regions).
    emitted: std::cell::RefCell<Vec<mlir_sys::MlirOperation>>,
}

/// One emitted operation's results.
pub type Results<'c, 'a> = Vec<Value<'c, 'a>>;

impl<'c, 'a> Emitter<'c, 'a> {
    /// An emitter inserting before `anchor`, which must sit in a block.
    pub fn before(context: &'c Context, anchor: OperationRef<'c, 'a>) -> Result<Self, String> {
        let block = anchor.block().ok_or("the operation is not in a block")?;
        Ok(Emitter { context, location: anchor.location(), block, anchor, emitted: Default::default() })
    }

    /// The ops emitted so far before the anchor, in order: what a raising
    /// that decomposes into StableHLO hands back to be raised in turn.
    pub fn emitted(&self) -> Vec<mlir_sys::MlirOperation> {
        self.emitted.borrow().clone()
    }

    /// Parses an attribute written in MLIR/StableHLO syntax.
    pub fn attr(&self, text: &str) -> Result<Attribute<'c>, String> {
        Attribute::parse(self.context, text)
            .ok_or_else(|| format!("internal error: cannot parse attribute {text}"))
    }

    pub fn ty(&self, t: &TensorType) -> Type<'c> {
        mlir_type(self.context, t)
    }

    /// Emits `name` with operands, result types, attributes and regions.
    pub fn emit(
        &self,
        name: &str,
        operands: &[Value<'c, 'a>],
        results: &[TensorType],
        attributes: &[(&str, String)],
        regions: Vec<Region<'c>>,
    ) -> Result<Results<'c, 'a>, String> {
        let op = self.emit_op(name, operands, results, attributes, regions)?;
        Ok(op.results().map(Value::from).collect())
    }

    /// As [`Emitter::emit`], returning the emitted operation.
    fn emit_op(
        &self,
        name: &str,
        operands: &[Value<'c, 'a>],
        results: &[TensorType],
        attributes: &[(&str, String)],
        regions: Vec<Region<'c>>,
    ) -> Result<OperationRef<'c, 'a>, String> {
        let op = build_op(self.context, self.location, name, operands, results, attributes, regions)?;
        let op = self.block.insert_operation_before(self.anchor, op);
        self.emitted.borrow_mut().push(op.to_raw());
        Ok(op)
    }

    /// Emits `name` with one region per entry of `take`, each taking the body
    /// (blocks and all) of region `take[i]` of `source`, which is left with
    /// empty regions.
    pub fn emit_moving_regions(
        &self,
        name: &str,
        operands: &[Value<'c, 'a>],
        results: &[TensorType],
        attributes: &[(&str, String)],
        source: mlir_sys::MlirOperation,
        take: &[isize],
    ) -> Result<Results<'c, 'a>, String> {
        let regions = take.iter().map(|_| Region::new()).collect();
        let target = self.emit_op(name, operands, results, attributes, regions)?;
        move_regions(target.to_raw(), source, take)?;
        Ok(target.results().map(Value::from).collect())
    }

    /// Emits a one-result op and returns that result.
    pub fn emit1(
        &self,
        name: &str,
        operands: &[Value<'c, 'a>],
        result: &TensorType,
        attributes: &[(&str, String)],
    ) -> Result<Value<'c, 'a>, String> {
        let mut values = self.emit(name, operands, std::slice::from_ref(result), attributes, Vec::new())?;
        values.pop().ok_or_else(|| format!("internal error: {name} has no result"))
    }

    /// A `stablehlo.constant` of type `ty` with every element `literal`
    /// (an MLIR literal for the element type, e.g. `0x7F800000`, `true`, `-3`).
    pub fn splat(&self, ty: &TensorType, literal: &str) -> Result<Value<'c, 'a>, String> {
        self.emit1("stablehlo.constant", &[], ty, &[("value", format!("dense<{literal}> : {ty}"))])
    }

    /// A constant of type `ty` with every element equal to `x` (which must be
    /// representable in the element type).
    pub fn splat_f64(&self, ty: &TensorType, x: f64) -> Result<Value<'c, 'a>, String> {
        self.splat(ty, &literal(ty.elem, x))
    }

    /// A single-block region whose block takes `args` and is filled by `body`,
    /// which returns the values for the block's `stablehlo.return`.
    pub fn region(
        &self,
        args: &[TensorType],
        body: impl for<'b> FnOnce(&BodyBuilder<'c, 'b>, &[Value<'c, 'b>]) -> Result<Vec<Value<'c, 'b>>, String>,
    ) -> Result<Region<'c>, String> {
        let arg_types: Vec<(Type, Location)> = args.iter().map(|t| (self.ty(t), self.location)).collect();
        let region = Region::new();
        let block = region.append_block(Block::new(&arg_types));
        let values: Vec<Value> = (0..args.len())
            .map(|i| block.argument(i).map(Value::from).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        let builder = BodyBuilder { context: self.context, location: self.location, block };
        let returned = body(&builder, &values)?;
        let ret = OperationBuilder::new("stablehlo.return", self.location)
            .add_operands(&returned)
            .build()
            .map_err(|e| e.to_string())?;
        block.append_operation(ret);
        Ok(region)
    }
}

/// Moves the body of region `take[i]` of `source` into region `i` of
/// `target` (whose regions must be empty).
pub fn move_regions(
    target: mlir_sys::MlirOperation,
    source: mlir_sys::MlirOperation,
    take: &[isize],
) -> Result<(), String> {
    // SAFETY: both ops are live; region indices are checked against the counts.
    unsafe {
        let (have, want) =
            (mlir_sys::mlirOperationGetNumRegions(source), mlir_sys::mlirOperationGetNumRegions(target));
        if want != take.len() as isize || take.iter().any(|&i| i < 0 || i >= have) {
            return Err("internal error: region counts do not match".into());
        }
        for (i, &j) in take.iter().enumerate() {
            mlir_sys::mlirRegionTakeBody(
                mlir_sys::mlirOperationGetRegion(target, i as isize),
                mlir_sys::mlirOperationGetRegion(source, j),
            );
        }
    }
    Ok(())
}

/// Builds (without inserting) `name` with operands, result types, attributes
/// written in MLIR/StableHLO syntax, and regions.
fn build_op<'c>(
    context: &'c Context,
    location: Location<'c>,
    name: &str,
    operands: &[Value<'c, '_>],
    results: &[TensorType],
    attributes: &[(&str, String)],
    regions: Vec<Region<'c>>,
) -> Result<melior::ir::Operation<'c>, String> {
    let mut attrs = Vec::with_capacity(attributes.len());
    for (key, text) in attributes {
        let attr = Attribute::parse(context, text)
            .ok_or_else(|| format!("internal error: cannot parse attribute {text}"))?;
        attrs.push((Identifier::new(context, key), attr));
    }
    let types: Vec<Type> = results.iter().map(|t| mlir_type(context, t)).collect();
    OperationBuilder::new(name, location)
        .add_operands(operands)
        .add_results(&types)
        .add_attributes(&attrs)
        .add_regions_vec(regions)
        .build()
        .map_err(|e| format!("internal error building {name}: {e}"))
}

/// Appends operations to the block of a region under construction.
pub struct BodyBuilder<'c, 'b> {
    context: &'c Context,
    location: Location<'c>,
    block: BlockRef<'c, 'b>,
}

impl<'c, 'b> BodyBuilder<'c, 'b> {
    pub fn emit1(
        &self,
        name: &str,
        operands: &[Value<'c, 'b>],
        result: &TensorType,
        attributes: &[(&str, String)],
    ) -> Result<Value<'c, 'b>, String> {
        let op = build_op(
            self.context,
            self.location,
            name,
            operands,
            std::slice::from_ref(result),
            attributes,
            Vec::new(),
        )?;
        let op = self.block.append_operation(op);
        op.result(0).map(Value::from).map_err(|e| e.to_string())
    }
}

/// The smallest and largest value of an element type, as MLIR literals.
pub fn extremes(elem: ElemType) -> (String, String) {
    match elem {
        ElemType::I1 => ("false".into(), "true".into()),
        ElemType::I8 => (i8::MIN.to_string(), i8::MAX.to_string()),
        ElemType::I16 => (i16::MIN.to_string(), i16::MAX.to_string()),
        ElemType::I32 => (i32::MIN.to_string(), i32::MAX.to_string()),
        ElemType::I64 => (i64::MIN.to_string(), i64::MAX.to_string()),
        ElemType::UI8 => ("0".into(), u8::MAX.to_string()),
        ElemType::UI16 => ("0".into(), u16::MAX.to_string()),
        ElemType::UI32 => ("0".into(), u32::MAX.to_string()),
        ElemType::UI64 => ("0".into(), u64::MAX.to_string()),
        float => (literal(float, f64::NEG_INFINITY), literal(float, f64::INFINITY)),
    }
}

/// `array<i64: 1, 2>` (or `array<i64>` when empty).
pub fn i64_array(values: &[i64]) -> String {
    if values.is_empty() {
        "array<i64>".into()
    } else {
        let body: Vec<String> = values.iter().map(i64::to_string).collect();
        format!("array<i64: {}>", body.join(", "))
    }
}
