//! `jaxr-expand-random`: JAX's threefry2x32 PRNG as jaxr primitives.
//!
//! The random ops (`random_seed`, `random_split`, `random_fold_in`,
//! `random_bits`, `random_uniform`, `random_normal`) become the computation
//! jax.random performs with its default (partitionable) threefry
//! implementation, and `threefry2x32` becomes its 20 rounds of ui32 adds,
//! rotations and xors. Integer arithmetic is exact on every backend, so the
//! bits are JAX's; the float steps of uniform and normal are the same ops in
//! the same order as JAX's. Run it before convert-jaxr-to-stablehlo (jaxr-run
//! does), which refuses random ops; jaxr-autodiff and jaxr-vmap expand the
//! random ops of the functions they transform themselves.

use jaxr_dialect::decode::{decode_raw, op_name_raw};
use jaxr_dialect::raw::string_ref;
use jaxr_dialect::{builder, BinaryOp, ElemType, Primitive, TensorType, UnaryOp};
use jaxr_passes::{Diag, PassDef, PassOptions};
use melior::ir::operation::{OperationLike, OperationRefMut};
use melior::ir::{Location, TypeLike, Value};
use melior::Context;
use mlir_sys::*;

/// The pass definition, registered by [`crate::register_passes`].
pub const PASS: PassDef = PassDef {
    name: "jaxr-expand-random",
    summary: "Expand jaxr's random ops (threefry2x32, as jax.random) into jaxr primitives",
    options: &[],
    run: run_pass,
};

fn run_pass(module: &mut OperationRefMut, _: &PassOptions) -> Result<(), Diag> {
    let context_ref = module.context();
    // SAFETY: the context outlives the pass run.
    let context: &Context = unsafe { context_ref.to_ref() };
    expand_random(context, module.to_raw())
}

/// Whether `name` is one of the random ops.
pub fn is_random_op(name: &str) -> bool {
    name.strip_prefix("jaxr.").is_some_and(|m| jaxr_dialect::primitive::random_mnemonics().contains(&m))
}

fn collect(op: MlirOperation, out: &mut Vec<MlirOperation>) {
    // SAFETY: walking live IR.
    unsafe {
        for r in 0..mlirOperationGetNumRegions(op) {
            let mut b = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
            while !b.ptr.is_null() {
                let mut inner = mlirBlockGetFirstOperation(b);
                while !inner.ptr.is_null() {
                    if is_random_op(&op_name_raw(inner)) {
                        out.push(inner);
                    }
                    collect(inner, out);
                    inner = mlirOperationGetNextInBlock(inner);
                }
                b = mlirBlockGetNextInRegion(b);
            }
        }
    }
}

/// Expands every random op nested in `root` (randint's expansion holds
/// random ops of its own, expanded in the next round).
pub fn expand_random(context: &Context, root: MlirOperation) -> Result<(), Diag> {
    loop {
        let mut ops = Vec::new();
        collect(root, &mut ops);
        if ops.is_empty() {
            return Ok(());
        }
        expand_ops(context, ops)?;
    }
}

fn expand_ops(context: &Context, ops: Vec<MlirOperation>) -> Result<(), Diag> {
    for op in ops {
        // SAFETY: a live op collected above.
        let location = unsafe { mlirOperationGetLocation(op) };
        let fail = |m: String| Diag::at_raw(location, format!("jaxr-expand-random: {m}"));
        // SAFETY: `op` is a live op collected above.
        let at = At { context, block: unsafe { mlirOperationGetBlock(op) }, anchor: op, location };
        let decoded = decode_raw(op).map_err(fail)?;
        let operands: Vec<MlirValue> =
            // SAFETY: indices in range.
            unsafe { (0..mlirOperationGetNumOperands(op)).map(|i| mlirOperationGetOperand(op, i)).collect() };
        let results = expand(&at, &decoded.primitive, &operands, &decoded.operands).map_err(fail)?;
        // SAFETY: replacing the uses of a live op's results, then erasing it.
        unsafe {
            for (i, v) in results.iter().enumerate() {
                mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, i as isize), *v);
            }
            mlirOperationDestroy(op);
        }
    }
    Ok(())
}

/// Builds jaxr ops before an anchor.
struct At<'c> {
    context: &'c Context,
    block: MlirBlock,
    anchor: MlirOperation,
    location: MlirLocation,
}

const U32: ElemType = ElemType::UI32;

fn type_of(v: MlirValue) -> Result<TensorType, String> {
    // SAFETY: a live value.
    jaxr_dialect::decode::tensor_type_of_raw(unsafe { mlirValueGetType(v) })
}

impl At<'_> {
    fn ops(&self, prim: &Primitive, args: &[MlirValue]) -> Result<Vec<MlirValue>, String> {
        // SAFETY: live values of this context; the block takes the new op.
        unsafe {
            let values: Vec<Value> = args.iter().map(|v| Value::from_raw(*v)).collect();
            let op = builder::build(self.context, Location::from_raw(self.location), prim, &values)
                .map_err(|e| e.to_string())?
                .into_raw();
            mlirBlockInsertOwnedOperationBefore(self.block, self.anchor, op);
            Ok((0..mlirOperationGetNumResults(op)).map(|i| mlirOperationGetResult(op, i)).collect())
        }
    }

    fn op(&self, prim: &Primitive, args: &[MlirValue]) -> Result<MlirValue, String> {
        Ok(self.ops(prim, args)?[0])
    }

    fn bin(&self, b: BinaryOp, x: MlirValue, y: MlirValue) -> Result<MlirValue, String> {
        self.op(&Primitive::Binary(b), &[x, y])
    }

    fn splat(&self, ty: &TensorType, x: f64) -> Result<MlirValue, String> {
        // SAFETY: the block takes the new op.
        unsafe {
            let op = builder::splat(self.context, Location::from_raw(self.location), ty, x)?.into_raw();
            mlirBlockInsertOwnedOperationBefore(self.block, self.anchor, op);
            Ok(mlirOperationGetResult(op, 0))
        }
    }

    fn broadcast(&self, x: MlirValue, shape: &[i64]) -> Result<MlirValue, String> {
        self.op(&Primitive::BroadcastInDim { shape: shape.to_vec(), dims: vec![] }, &[x])
    }

    /// Element `i` of a key (a ui32 scalar).
    fn key_word(&self, key: MlirValue, i: i64) -> Result<MlirValue, String> {
        let s =
            self.op(&Primitive::Slice { start: vec![i], limit: vec![i + 1], strides: vec![1] }, &[key])?;
        self.op(&Primitive::Reshape { shape: vec![] }, &[s])
    }

    /// Threefry-2x32 (Random123), 20 rounds, as jax's threefry2x32_p: keys
    /// are ui32 scalars or of the counters' shape. Built as JAX builds it —
    /// a loop of 5 steps of 4 rounds and a key injection, carrying the
    /// rotated keys and rotation tables — so that XLA compiles the float
    /// code that consumes the bits (uniform, normal's erf_inv) in the same
    /// context as JAX's, to the same bits.
    fn threefry(
        &self,
        k0: MlirValue,
        k1: MlirValue,
        x0: MlirValue,
        x1: MlirValue,
    ) -> Result<[MlirValue; 2], String> {
        let shape = type_of(x0)?.shape;
        let words = TensorType::new(shape.clone(), U32);
        let scalar = TensorType::scalar(U32);
        // Keys stay scalars unless one has the counters' shape.
        let per_element = type_of(k0)?.rank() != 0 || type_of(k1)?.rank() != 0;
        let full = |k: MlirValue| -> Result<MlirValue, String> {
            if type_of(k)?.shape == shape {
                Ok(k)
            } else {
                self.broadcast(k, &shape)
            }
        };
        let (k0, k1, key_ty) =
            if per_element { (full(k0)?, full(k1)?, words.clone()) } else { (k0, k1, scalar.clone()) };
        let parity = self.splat(&key_ty, f64::from(0x1BD1_1BDAu32))?;
        let k2 = self.bin(BinaryOp::Xor, self.bin(BinaryOp::Xor, k0, k1)?, parity)?;
        let x0 = self.bin(BinaryOp::Add, x0, full(k0)?)?;
        let x1 = self.bin(BinaryOp::Add, x1, full(k1)?)?;
        let table = |r: [u32; 4]| -> Result<MlirValue, String> {
            let text = format!("dense<[{}, {}, {}, {}]> : tensor<4xui32>", r[0], r[1], r[2], r[3]);
            let attr = melior::ir::Attribute::parse(self.context, &text).ok_or("bad rotation table")?;
            // SAFETY: the block takes the new op.
            unsafe {
                let op = builder::constant(self.context, Location::from_raw(self.location), attr)?.into_raw();
                mlirBlockInsertOwnedOperationBefore(self.block, self.anchor, op);
                Ok(mlirOperationGetResult(op, 0))
            }
        };
        let rot_a = table([13, 15, 26, 6])?;
        let rot_b = table([17, 29, 16, 24])?;
        let i32s = TensorType::scalar(ElemType::I32);
        let zero = self.splat(&i32s, 0.0)?;
        let rot_ty = TensorType::new([4], U32);
        let carried_types = vec![
            i32s.clone(),
            words.clone(),
            words.clone(),
            key_ty.clone(),
            key_ty.clone(),
            key_ty,
            rot_ty.clone(),
            rot_ty,
        ];
        let (k0s, k1s) = (k0, k1);
        let init = [zero, x0, x1, k1s, k2, k0s, rot_a, rot_b];
        let results = self.while_loop(&init, &carried_types, 5, |at, c| {
            let (i, mut x0, mut x1) = (c[0], c[1], c[2]);
            for j in 0..4 {
                let r = at.op(
                    &Primitive::Slice { start: vec![j], limit: vec![j + 1], strides: vec![1] },
                    &[c[6]],
                )?;
                let r = at.op(&Primitive::Reshape { shape: vec![] }, &[r])?;
                x0 = at.bin(BinaryOp::Add, x0, x1)?;
                let left = at.bin(BinaryOp::ShiftLeft, x1, at.broadcast(r, &shape)?)?;
                let rest = at.bin(BinaryOp::Sub, at.splat(&scalar, 32.0)?, r)?;
                let right = at.bin(BinaryOp::ShiftRightLogical, x1, at.broadcast(rest, &shape)?)?;
                x1 = at.bin(BinaryOp::Xor, x0, at.bin(BinaryOp::Or, left, right)?)?;
            }
            let spread = |k: MlirValue| if per_element { Ok(k) } else { at.broadcast(k, &shape) };
            let x0 = at.bin(BinaryOp::Add, x0, spread(c[3])?)?;
            let x1 = at.bin(BinaryOp::Add, x1, spread(c[4])?)?;
            let next = at.bin(BinaryOp::Add, i, at.splat(&i32s, 1.0)?)?;
            let step = at.op(&Primitive::ConvertElementType { to: U32 }, &[next])?;
            let x1 = at.bin(BinaryOp::Add, x1, at.broadcast(step, &shape)?)?;
            Ok(vec![next, x0, x1, c[4], c[5], c[3], c[7], c[6]])
        })?;
        Ok([results[1], results[2]])
    }

    /// `for i in 0..trips`: a jaxr.while over `init` whose first carry is an
    /// i32 counter the body advances itself; `body` maps the carries to
    /// their next values.
    fn while_loop(
        &self,
        init: &[MlirValue],
        types: &[TensorType],
        trips: i64,
        body: impl Fn(&At, &[MlirValue]) -> Result<Vec<MlirValue>, String>,
    ) -> Result<Vec<MlirValue>, String> {
        let mlir_types: Vec<MlirType> =
            types.iter().map(|t| jaxr_dialect::decode::mlir_type(self.context, t).to_raw()).collect();
        // SAFETY: building a new op with two regions of one block each; the
        // blocks take the ops built in them, the outer block the loop.
        unsafe {
            let mut state = mlirOperationStateGet(string_ref("jaxr.while"), self.location);
            mlirOperationStateAddOperands(&mut state, init.len() as isize, init.as_ptr());
            mlirOperationStateAddResults(&mut state, mlir_types.len() as isize, mlir_types.as_ptr());
            let regions = [mlirRegionCreate(), mlirRegionCreate()];
            let locations = vec![self.location; mlir_types.len()];
            let mut blocks = Vec::new();
            for r in regions {
                let b = mlirBlockCreate(mlir_types.len() as isize, mlir_types.as_ptr(), locations.as_ptr());
                mlirRegionAppendOwnedBlock(r, b);
                blocks.push(b);
            }
            mlirOperationStateAddOwnedRegions(&mut state, 2, regions.as_ptr());
            let op = mlirOperationCreate(&mut state);
            mlirBlockInsertOwnedOperationBefore(self.block, self.anchor, op);
            let args = |b: MlirBlock| -> Vec<MlirValue> {
                (0..mlirBlockGetNumArguments(b)).map(|i| mlirBlockGetArgument(b, i)).collect()
            };
            for (k, b) in blocks.iter().enumerate() {
                let mut y = mlirOperationStateGet(string_ref("jaxr.yield"), self.location);
                let yield_op = mlirOperationCreate(&mut y);
                mlirBlockAppendOwnedOperation(*b, yield_op);
                let at = At { context: self.context, block: *b, anchor: yield_op, location: self.location };
                let a = args(*b);
                let outs = if k == 0 {
                    let n = at.splat(&TensorType::scalar(ElemType::I32), trips as f64)?;
                    vec![at.op(&Primitive::Compare(jaxr_dialect::ComparisonDirection::Lt), &[a[0], n])?]
                } else {
                    body(&at, &a)?
                };
                mlirOperationSetOperands(yield_op, outs.len() as isize, outs.as_ptr());
            }
            Ok((0..mlirOperationGetNumResults(op)).map(|i| mlirOperationGetResult(op, i)).collect())
        }
    }

    /// The (hi, lo) words of each element's row-major index in `shape`
    /// (jax's iota_2x32_shape), for fewer than 2^32 elements.
    fn counters(&self, shape: &[i64]) -> Result<(MlirValue, MlirValue), String> {
        // Counted without overflow: a shape may hold more elements than an i64 counts.
        let n = match jaxr_dialect::types::element_count(shape) {
            Some(n) if n < 1 << 32 => n,
            Some(n) => {
                return Err(format!("{n} random values are more than this implementation counts (2^32)"))
            }
            None => return Err(format!("shape {shape:?} holds more random values than an i64 counts")),
        };
        let flat = self.op(&Primitive::Iota { dimension: 0, ty: TensorType::new([n], U32) }, &[])?;
        let lo = self.op(&Primitive::Reshape { shape: shape.to_vec() }, &[flat])?;
        let hi = self.splat(&TensorType::new(shape.to_vec(), U32), 0.0)?;
        Ok((hi, lo))
    }

    /// The cipher of the counters of `shape` under `key`.
    fn hashed_counters(&self, key: MlirValue, shape: &[i64]) -> Result<[MlirValue; 2], String> {
        let (hi, lo) = self.counters(shape)?;
        self.threefry(self.key_word(key, 0)?, self.key_word(key, 1)?, hi, lo)
    }

    /// jax.random.bits of `width` bits (ui8 to ui64).
    fn bits(&self, key: MlirValue, shape: &[i64], width: u32) -> Result<MlirValue, String> {
        let [y0, y1] = self.hashed_counters(key, shape)?;
        if width <= 32 {
            let x = self.bin(BinaryOp::Xor, y0, y1)?;
            return if width == 32 {
                Ok(x)
            } else {
                self.op(&Primitive::ConvertElementType { to: unsigned(width)? }, &[x])
            };
        }
        let to64 = Primitive::ConvertElementType { to: ElemType::UI64 };
        let hi = self.op(&to64, &[y0])?;
        let lo = self.op(&to64, &[y1])?;
        let hi = self.bin(
            BinaryOp::ShiftLeft,
            hi,
            self.splat(&TensorType::new(shape.to_vec(), ElemType::UI64), 32.0)?,
        )?;
        self.bin(BinaryOp::Or, hi, lo)
    }

    /// jax.random.uniform: mantissa bits under an exponent of 1.0, minus 1,
    /// scaled to [minval, maxval), at least minval.
    fn uniform(
        &self,
        key: MlirValue,
        lo: MlirValue,
        hi: MlirValue,
        ty: &TensorType,
    ) -> Result<MlirValue, String> {
        let (width, mantissa, one_bits, word) = match ty.elem {
            ElemType::F32 => (32, 23, f64::from(0x3F80_0000u32), U32),
            ElemType::F64 => (64, 52, 4_607_182_418_800_017_408.0, ElemType::UI64),
            other => return Err(format!("uniform samples of {other} are not supported")),
        };
        let shape = &ty.shape;
        let words = TensorType::new(shape.clone(), word);
        let bits = self.bits(key, shape, width)?;
        let shifted =
            self.bin(BinaryOp::ShiftRightLogical, bits, self.splat(&words, f64::from(width - mantissa))?)?;
        let with_one = self.bin(BinaryOp::Or, shifted, self.splat(&words, one_bits)?)?;
        let floats = self.op(&Primitive::BitcastConvertType { to: ty.elem }, &[with_one])?;
        let floats = self.bin(BinaryOp::Sub, floats, self.splat(ty, 1.0)?)?;
        let range = self.bin(BinaryOp::Sub, hi, lo)?;
        let scaled = self.bin(BinaryOp::Mul, floats, self.broadcast(range, shape)?)?;
        let lo_full = self.broadcast(lo, shape)?;
        let shifted = self.bin(BinaryOp::Add, scaled, lo_full)?;
        self.bin(BinaryOp::Max, lo_full, shifted)
    }
}

/// The unsigned type of `width` bits.
fn unsigned(width: u32) -> Result<ElemType, String> {
    Ok(match width {
        8 => ElemType::UI8,
        16 => ElemType::UI16,
        32 => ElemType::UI32,
        64 => ElemType::UI64,
        _ => return Err(format!("no unsigned type of {width} bits")),
    })
}

/// jax.random.randint for minval and maxval of the result's type: two
/// words per element, reduced modulo the span (JAX's algorithm, step for
/// step; randint's expansion holds a split and two random_bits, expanded
/// in the next round).
fn randint(
    at: &At,
    key: MlirValue,
    lo: MlirValue,
    hi: MlirValue,
    ty: &TensorType,
) -> Result<MlirValue, String> {
    let width = ty.elem.bit_width();
    if width > 32 {
        return Err("randint of 64-bit integers is not supported".into());
    }
    let word = unsigned(width)?;
    let scalar = TensorType::scalar(word);
    let keys = at.op(&Primitive::RandomSplit { count: 2 }, &[key])?;
    let row = |i: i64| -> Result<MlirValue, String> {
        let s = at.op(
            &Primitive::Slice { start: vec![i, 0], limit: vec![i + 1, 2], strides: vec![1, 1] },
            &[keys],
        )?;
        at.op(&Primitive::Reshape { shape: vec![2] }, &[s])
    };
    let words = |k| -> Result<MlirValue, String> {
        let b = at.op(&Primitive::RandomBits { shape: ty.shape.clone() }, &[k])?;
        if width == 32 {
            Ok(b)
        } else {
            at.op(&Primitive::ConvertElementType { to: word }, &[b])
        }
    };
    let (higher, lower) = (words(row(0)?)?, words(row(1)?)?);
    let diff = at.bin(BinaryOp::Sub, hi, lo)?;
    let span = at.op(&Primitive::ConvertElementType { to: word }, &[diff])?;
    let empty = at.op(&Primitive::Compare(jaxr_dialect::ComparisonDirection::Le), &[hi, lo])?;
    let span = at.op(&Primitive::SelectN, &[empty, span, at.splat(&scalar, 1.0)?])?;
    let half = at.splat(&scalar, (1u64 << (width / 2)) as f64)?;
    let m = at.bin(BinaryOp::Rem, half, span)?;
    let m = at.bin(BinaryOp::Mul, m, m)?;
    let multiplier = at.bin(BinaryOp::Rem, m, span)?;
    let span_full = at.broadcast(span, &ty.shape)?;
    let h = at.bin(BinaryOp::Rem, higher, span_full)?;
    let h = at.bin(BinaryOp::Mul, h, at.broadcast(multiplier, &ty.shape)?)?;
    let l = at.bin(BinaryOp::Rem, lower, span_full)?;
    let offset = at.bin(BinaryOp::Add, h, l)?;
    let offset = at.bin(BinaryOp::Rem, offset, span_full)?;
    let offset = at.op(&Primitive::ConvertElementType { to: ty.elem }, &[offset])?;
    at.bin(BinaryOp::Add, at.broadcast(lo, &ty.shape)?, offset)
}

fn expand(
    at: &At,
    prim: &Primitive,
    x: &[MlirValue],
    types: &[TensorType],
) -> Result<Vec<MlirValue>, String> {
    let scalar = TensorType::scalar(U32);
    match prim {
        Primitive::Threefry2x32 => Ok(at.threefry(x[0], x[1], x[2], x[3])?.to_vec()),
        Primitive::RandomSeed => {
            // [seed >> 32, seed & 0xFFFFFFFF] as ui32: the high word is 0 for
            // seeds of 32 bits or fewer.
            let seed_ty = &types[0];
            let hi = if seed_ty.elem.bit_width() == 64 {
                let s = at.splat(seed_ty, 32.0)?;
                let shifted = at.bin(BinaryOp::ShiftRightLogical, x[0], s)?;
                at.op(&Primitive::ConvertElementType { to: U32 }, &[shifted])?
            } else {
                at.splat(&scalar, 0.0)?
            };
            let lo = at.op(&Primitive::ConvertElementType { to: U32 }, &[x[0]])?;
            let one = |v| at.op(&Primitive::Reshape { shape: vec![1] }, &[v]);
            Ok(vec![at.op(&Primitive::Concatenate { dimension: 0 }, &[one(hi)?, one(lo)?])?])
        }
        Primitive::RandomSplit { count } => {
            let [y0, y1] = at.hashed_counters(x[0], &[*count])?;
            let column = |v| at.op(&Primitive::Reshape { shape: vec![*count, 1] }, &[v]);
            Ok(vec![at.op(&Primitive::Concatenate { dimension: 1 }, &[column(y0)?, column(y1)?])?])
        }
        Primitive::RandomFoldIn => {
            // jax.random.fold_in: threefry of the counter pair (0, uint32(data)).
            let lo = at.op(&Primitive::ConvertElementType { to: U32 }, &[x[1]])?;
            let lo = at.op(&Primitive::Reshape { shape: vec![1] }, &[lo])?;
            let hi = at.splat(&TensorType::new([1], U32), 0.0)?;
            let [y0, y1] = at.threefry(at.key_word(x[0], 0)?, at.key_word(x[0], 1)?, hi, lo)?;
            Ok(vec![at.op(&Primitive::Concatenate { dimension: 0 }, &[y0, y1])?])
        }
        Primitive::RandomBits { shape } => Ok(vec![at.bits(x[0], shape, 32)?]),
        Primitive::RandomUniform { ty } => Ok(vec![at.uniform(x[0], x[1], x[2], ty)?]),
        Primitive::RandomNormal { ty } => {
            // jax.random.normal: sqrt(2) * erf_inv(uniform(nextafter(-1, 0), 1)).
            let scalar_ty = TensorType::scalar(ty.elem);
            let lo = match ty.elem {
                ElemType::F32 => f64::from(-(1.0f32 - f32::EPSILON / 2.0)),
                _ => -(1.0 - f64::EPSILON / 2.0),
            };
            let u = at.uniform(x[0], at.splat(&scalar_ty, lo)?, at.splat(&scalar_ty, 1.0)?, ty)?;
            let e = at.op(&Primitive::Unary(UnaryOp::ErfInv), &[u])?;
            Ok(vec![at.bin(BinaryOp::Mul, at.splat(ty, std::f64::consts::SQRT_2)?, e)?])
        }
        Primitive::RandomRandint { ty } => Ok(vec![randint(at, x[0], x[1], x[2], ty)?]),
        other => Err(format!("'{}' is not a random op", other.mnemonic())),
    }
}
