//! Emitting terms as jaxr ops at an insertion point, with common
//! subexpressions shared as they are built (the e-graph pass that runs
//! afterwards shares the rest).

use std::collections::HashMap;

use jaxr_dialect::decode::tensor_type_of_raw;
use jaxr_dialect::{builder, BinaryOp, Primitive, TensorType};
use melior::ir::{Location, Value};
use melior::Context;
use mlir_sys::*;

use crate::term::Term;

/// The type of a value.
pub fn type_of(v: MlirValue) -> Result<TensorType, String> {
    // SAFETY: a live value.
    tensor_type_of_raw(unsafe { mlirValueGetType(v) })
}

/// Whether `v` has an inexact (floating-point or complex) element type: the values derivatives flow through.
pub fn is_inexact(v: MlirValue) -> bool {
    type_of(v).is_ok_and(|t| t.elem.is_inexact())
}

/// A value's identity as a map key.
pub fn key(v: MlirValue) -> usize {
    v.ptr as usize
}

/// Builds ops before an anchor op of a block.
pub struct Emitter<'c> {
    context: &'c Context,
    block: MlirBlock,
    anchor: MlirOperation,
    location: MlirLocation,
    memo: HashMap<(Primitive, Vec<usize>), MlirValue>,
    splats: HashMap<(TensorType, u64), MlirValue>,
}

impl<'c> Emitter<'c> {
    /// New ops go into `block` just before `anchor`.
    pub fn new(
        context: &'c Context,
        block: MlirBlock,
        anchor: MlirOperation,
        location: MlirLocation,
    ) -> Self {
        Emitter { context, block, anchor, location, memo: HashMap::new(), splats: HashMap::new() }
    }

    /// The MLIR context.
    pub fn context(&self) -> &'c Context {
        self.context
    }

    /// The location new ops get.
    pub fn set_location(&mut self, location: MlirLocation) {
        self.location = location;
    }

    /// The location new ops get.
    pub fn location(&self) -> MlirLocation {
        self.location
    }

    /// Moves the insertion point before `anchor` (in the same block).
    pub fn set_anchor(&mut self, anchor: MlirOperation) {
        self.anchor = anchor;
    }

    /// Inserts an op built elsewhere at the insertion point.
    pub fn insert(&mut self, op: MlirOperation) {
        // SAFETY: the block takes ownership of a detached op.
        unsafe { mlirBlockInsertOwnedOperationBefore(self.block, self.anchor, op) }
    }

    /// `prim(args...)`.
    pub fn op(&mut self, prim: &Primitive, args: &[MlirValue]) -> Result<MlirValue, String> {
        let memo_key = (prim.clone(), args.iter().map(|v| key(*v)).collect::<Vec<_>>());
        if let Some(v) = self.memo.get(&memo_key) {
            return Ok(*v);
        }
        // SAFETY: the values are live and belong to this context.
        let operands: Vec<Value> = args.iter().map(|v| unsafe { Value::from_raw(*v) }).collect();
        // SAFETY: `self.location` is a live location of `self.context`.
        let loc = unsafe { Location::from_raw(self.location) };
        let op = builder::build(self.context, loc, prim, &operands).map_err(|e| e.to_string())?;
        let raw = op.into_raw();
        self.insert(raw);
        // SAFETY: the op was just built with one result.
        let v = unsafe { mlirOperationGetResult(raw, 0) };
        self.memo.insert(memo_key, v);
        Ok(v)
    }

    /// `prim(args...)` for a primitive with several results (sort, top_k).
    pub fn op_multi(&mut self, prim: &Primitive, args: &[MlirValue]) -> Result<Vec<MlirValue>, String> {
        // SAFETY: the values are live and belong to this context.
        let operands: Vec<Value> = args.iter().map(|v| unsafe { Value::from_raw(*v) }).collect();
        // SAFETY: `self.location` is a live location of `self.context`.
        let loc = unsafe { Location::from_raw(self.location) };
        let op = builder::build(self.context, loc, prim, &operands).map_err(|e| e.to_string())?;
        let raw = op.into_raw();
        self.insert(raw);
        Ok(crate::ir::results(raw))
    }

    /// A constant of `ty` with every element `x`.
    pub fn splat(&mut self, ty: &TensorType, x: f64) -> Result<MlirValue, String> {
        let k = (ty.clone(), x.to_bits());
        if let Some(v) = self.splats.get(&k) {
            return Ok(*v);
        }
        // SAFETY: the location is live.
        let op = builder::splat(self.context, unsafe { Location::from_raw(self.location) }, ty, x)?;
        let raw = op.into_raw();
        self.insert(raw);
        // SAFETY: one result.
        let v = unsafe { mlirOperationGetResult(raw, 0) };
        self.splats.insert(k, v);
        Ok(v)
    }

    /// Zeros of `ty`.
    pub fn zeros(&mut self, ty: &TensorType) -> Result<MlirValue, String> {
        self.splat(ty, 0.0)
    }

    /// `a + b`.
    pub fn add(&mut self, a: MlirValue, b: MlirValue) -> Result<MlirValue, String> {
        self.op(&Primitive::Binary(BinaryOp::Add), &[a, b])
    }

    /// Emits a term.
    pub fn term(&mut self, t: &Term) -> Result<MlirValue, String> {
        self.term_typed(t, None)
    }

    /// Emits a term whose literals default to `expected` when no sibling fixes their type.
    pub fn term_typed(&mut self, t: &Term, expected: Option<&TensorType>) -> Result<MlirValue, String> {
        match t {
            Term::Val(v) => Ok(*v),
            Term::Splat(ty, x) => self.splat(ty, *x),
            Term::Lit(x) => {
                let ty =
                    expected.ok_or_else(|| format!("cannot type the literal {x} in a derivative rule"))?;
                self.splat(ty, *x)
            }
            Term::Op(prim, args) => {
                // Operands that decide the type of literal siblings: every
                // operand but select_n's selector.
                let typed_from = usize::from(matches!(prim, Primitive::SelectN));
                let result_typed = !matches!(prim, Primitive::Compare(_) | Primitive::IsFinite);
                let mut vals: Vec<Option<MlirValue>> = vec![None; args.len()];
                let mut sibling: Option<TensorType> = None;
                for (i, a) in args.iter().enumerate() {
                    if matches!(a, Term::Lit(_)) {
                        continue;
                    }
                    let child_expected = if i >= typed_from && result_typed { expected } else { None };
                    let v = self.term_typed(a, child_expected.or(sibling.as_ref()))?;
                    if i >= typed_from && sibling.is_none() {
                        sibling = Some(type_of(v)?);
                    }
                    vals[i] = Some(v);
                }
                let lit_ty = sibling.or_else(|| if result_typed { expected.cloned() } else { None });
                let mut out = Vec::with_capacity(args.len());
                for (i, a) in args.iter().enumerate() {
                    out.push(match vals[i] {
                        Some(v) => v,
                        None => self.term_typed(a, lit_ty.as_ref())?,
                    });
                }
                self.op(prim, &out)
            }
        }
    }
}
