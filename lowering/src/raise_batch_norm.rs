//! Raising StableHLO's batch norm ops (PyTorch/XLA and TensorFlow emit them),
//! which have no jaxr primitive: each is decomposed into jaxr primitives as
//! JAX's own batch norm (flax's `nn.BatchNorm`) writes it, after the
//! formulas of the StableHLO specification.
//!
//! With `b(v)` the broadcast of a feature vector along `feature_index`, `N`
//! the number of elements per feature and every reduction a `reduce_sum`
//! over all dimensions but `feature_index`:
//!
//! - `batch_norm_inference(x, scale, offset, mean, var)`:
//!   `(x - b(mean)) * b(rsqrt(var + eps) * scale) + b(offset)`.
//! - `batch_norm_training(x, scale, offset)`: `mean = sum(x) / N`,
//!   `var = sum(square(x - b(mean))) / N` (the biased variance), and the
//!   output as inference computes it from these.
//! - `batch_norm_grad(x, scale, mean, var, g)`, the specification's (and
//!   XLA's batchnorm expander's) formulas: with `xc = x - b(mean)`,
//!   `ve = var + eps` and `sd = sqrt(ve)`:
//!   `grad_operand = b(scale / sd / N) * ((g * N - b(sum(g))) - b(sum(g * xc)) * xc / b(ve))`,
//!   `grad_scale = sum(g * xc / b(sd))`, `grad_offset = sum(g)`.
//!
//! Everything is computed in the operand's element type, as the
//! specification does.

use melior::ir::operation::OperationRef;
use melior::ir::{Value, ValueLike};
use melior::Context;
use mlir_sys::MlirValue;

use jaxr_dialect::{BinaryOp, ReduceOp, TensorType, UnaryOp};

use crate::from_stablehlo::i64_attr;
use crate::raise_util::{float_attr, JaxrBuilder};

/// The batch norm ops this module raises.
pub(crate) const NAMES: &[&str] =
    &["stablehlo.batch_norm_inference", "stablehlo.batch_norm_training", "stablehlo.batch_norm_grad"];

/// Raises one batch norm op: the values replacing its results, in order.
pub(crate) fn raise<'c, 'a>(
    context: &'c Context,
    op: OperationRef<'c, 'a>,
    name: &str,
    operands: &[Value<'c, 'a>],
    types: &[TensorType],
    results: &[TensorType],
) -> Result<Vec<MlirValue>, String> {
    let x = types.first().ok_or("a batch norm without an operand")?;
    if !x.elem.is_standard_float() {
        return Err(format!("a batch norm of {} has no jaxr counterpart", x.elem));
    }
    let fi = i64_attr(&op, "feature_index")?;
    if fi < 0 || fi as usize >= x.rank() {
        return Err(format!("feature_index {fi} is out of range for rank {}", x.rank()));
    }
    let epsilon = float_attr(&op, "epsilon")?;
    let feature = TensorType::new(vec![x.shape[fi as usize]], x.elem);
    // The operands after the first: feature vectors, but batch_norm_grad's
    // last (the output's gradient), of the operand's type.
    let (arity, result_types) = match name {
        "stablehlo.batch_norm_inference" => (5, vec![x.clone()]),
        "stablehlo.batch_norm_training" => (3, vec![x.clone(), feature.clone(), feature.clone()]),
        _ => (5, vec![x.clone(), feature.clone(), feature.clone()]),
    };
    let grad = name == "stablehlo.batch_norm_grad";
    let expected: Vec<&TensorType> =
        (0..arity).map(|i| if i == 0 || (grad && i == 4) { x } else { &feature }).collect();
    if types.len() != arity || types.iter().zip(&expected).any(|(t, e)| t != *e) || results != result_types {
        return Err(format!("'{name}' with types the specification does not allow"));
    }

    let b = Builder { j: JaxrBuilder::before(context, op)?, x: x.clone(), fi, feature };
    let eps = b.j.splat(&b.feature, epsilon)?;
    let values: Vec<Value> = match name {
        "stablehlo.batch_norm_inference" => {
            let [x, scale, offset, mean, var] = operands else { unreachable!("arity checked") };
            vec![b.normalize(*x, *scale, *offset, *mean, *var, eps)?]
        }
        "stablehlo.batch_norm_training" => {
            let [x, scale, offset] = operands else { unreachable!("arity checked") };
            let n = b.j.splat(&b.feature, b.per_feature())?;
            let mean = b.j.binary(BinaryOp::Div, b.sum(*x)?, n)?;
            let centered = b.j.binary(BinaryOp::Sub, *x, b.bcast(mean)?)?;
            let squares = b.j.unary(UnaryOp::Square, centered)?;
            let var = b.j.binary(BinaryOp::Div, b.sum(squares)?, n)?;
            let out = b.scale_and_shift(centered, *scale, *offset, var, eps)?;
            vec![out, mean, var]
        }
        _ => {
            let [x, scale, mean, var, g] = operands else { unreachable!("arity checked") };
            b.grad(*x, *scale, *mean, *var, *g, eps)?
        }
    };
    Ok(values.iter().map(|v| v.to_raw()).collect())
}

/// A [`JaxrBuilder`] with the operand's type and feature dimension.
struct Builder<'c, 'a> {
    j: JaxrBuilder<'c, 'a>,
    x: TensorType,
    fi: i64,
    feature: TensorType,
}

impl<'c, 'a> Builder<'c, 'a> {
    /// The elements of the operand per feature (N).
    fn per_feature(&self) -> f64 {
        let f = self.fi as usize;
        self.x.shape.iter().enumerate().filter(|&(i, _)| i != f).map(|(_, &d)| d as f64).product()
    }

    /// A feature vector broadcast along the feature dimension.
    fn bcast(&self, v: Value<'c, 'a>) -> Result<Value<'c, 'a>, String> {
        self.j.broadcast(v, &self.x.shape, &[self.fi])
    }

    /// The sum over every dimension but the feature dimension.
    fn sum(&self, v: Value<'c, 'a>) -> Result<Value<'c, 'a>, String> {
        let axes: Vec<i64> = (0..self.x.rank() as i64).filter(|&i| i != self.fi).collect();
        self.j.reduce(ReduceOp::Sum, v, &axes)
    }

    /// `(x - b(mean)) * b(rsqrt(var + eps) * scale) + b(offset)`.
    fn normalize(
        &self,
        x: Value<'c, 'a>,
        scale: Value<'c, 'a>,
        offset: Value<'c, 'a>,
        mean: Value<'c, 'a>,
        var: Value<'c, 'a>,
        eps: Value<'c, 'a>,
    ) -> Result<Value<'c, 'a>, String> {
        let centered = self.j.binary(BinaryOp::Sub, x, self.bcast(mean)?)?;
        self.scale_and_shift(centered, scale, offset, var, eps)
    }

    /// `centered * b(rsqrt(var + eps) * scale) + b(offset)`.
    fn scale_and_shift(
        &self,
        centered: Value<'c, 'a>,
        scale: Value<'c, 'a>,
        offset: Value<'c, 'a>,
        var: Value<'c, 'a>,
        eps: Value<'c, 'a>,
    ) -> Result<Value<'c, 'a>, String> {
        let inv = self.j.unary(UnaryOp::Rsqrt, self.j.binary(BinaryOp::Add, var, eps)?)?;
        let mul = self.j.binary(BinaryOp::Mul, inv, scale)?;
        let scaled = self.j.binary(BinaryOp::Mul, centered, self.bcast(mul)?)?;
        self.j.binary(BinaryOp::Add, scaled, self.bcast(offset)?)
    }

    /// batch_norm_grad's three results, by the specification's formulas.
    fn grad(
        &self,
        x: Value<'c, 'a>,
        scale: Value<'c, 'a>,
        mean: Value<'c, 'a>,
        var: Value<'c, 'a>,
        g: Value<'c, 'a>,
        eps: Value<'c, 'a>,
    ) -> Result<Vec<Value<'c, 'a>>, String> {
        use BinaryOp::{Div, Mul, Sub};
        let j = &self.j;
        let n = self.per_feature();
        let var_eps = j.binary(BinaryOp::Add, var, eps)?;
        let stddev = j.unary(UnaryOp::Sqrt, var_eps)?;
        let centered = j.binary(Sub, x, self.bcast(mean)?)?;
        let normalized = j.binary(Div, centered, self.bcast(stddev)?)?;
        // i1 .. i6 as the specification (and XLA's batchnorm expander) name them.
        let i1 = j.binary(Mul, g, j.splat(&self.x, n)?)?;
        let grad_offset = self.sum(g)?;
        let i2 = self.bcast(grad_offset)?;
        let i3 = self.bcast(self.sum(j.binary(Mul, g, centered)?)?)?;
        let i4 = j.binary(Mul, i3, centered)?;
        let i5 = j.binary(Div, i4, self.bcast(var_eps)?)?;
        let i6 = j.binary(Sub, j.binary(Sub, i1, i2)?, i5)?;
        let factor = j.binary(Div, j.binary(Div, scale, stddev)?, j.splat(&self.feature, n)?)?;
        let grad_operand = j.binary(Mul, self.bcast(factor)?, i6)?;
        let grad_scale = self.sum(j.binary(Mul, g, normalized)?)?;
        Ok(vec![grad_operand, grad_scale, grad_offset])
    }
}
