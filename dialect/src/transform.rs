//! The function transformations `jaxr.jvp`, `jaxr.vjp`, `jaxr.grad` and
//! `jaxr.value_and_grad`: the signature each one gives a callee, checked by
//! the ops' verifier and used by the pass that expands them.

use mlir_sys::*;

use crate::decode::{op_name_raw, tensor_type_of_raw};
use crate::raw::{self, attribute};
use crate::types::TensorType;

/// A JAX transformation of a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Transform {
    /// Forward mode: (primals..., tangents of argnums...) -> (results..., result tangents...).
    Jvp,
    /// Reverse mode: (primals..., one cotangent per result...) -> cotangents of argnums.
    Vjp,
    /// (args...) -> gradients of argnums (then the aux results with has_aux).
    Grad,
    /// (args...) -> (results..., gradients of argnums...).
    ValueAndGrad,
}

impl Transform {
    /// Every transformation, in the dialect's order.
    pub const ALL: [Transform; 4] =
        [Transform::Jvp, Transform::Vjp, Transform::Grad, Transform::ValueAndGrad];

    /// The op's mnemonic.
    pub fn mnemonic(self) -> &'static str {
        match self {
            Transform::Jvp => "jvp",
            Transform::Vjp => "vjp",
            Transform::Grad => "grad",
            Transform::ValueAndGrad => "value_and_grad",
        }
    }

    /// The transformation named `mnemonic`.
    pub fn from_mnemonic(mnemonic: &str) -> Option<Transform> {
        Self::ALL.into_iter().find(|t| t.mnemonic() == mnemonic)
    }
}

/// The mnemonics of the transformation ops (the four of [`Transform`] and `vmap`).
pub fn transform_mnemonics() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Transform::ALL.iter().map(|t| t.mnemonic()).collect();
    v.push("vmap");
    v
}

/// The batched signature `vmap` gives a callee `inputs -> results`: each
/// argument with `in_axes[i] >= 0` gets a dimension of size `size` there;
/// each result gets one at `out_axes[k]` (-1: the result is not batched).
pub fn vmap_signature(
    inputs: &[TensorType],
    results: &[TensorType],
    in_axes: &[i64],
    out_axes: &[i64],
    size: i64,
) -> Result<(Vec<TensorType>, Vec<TensorType>), String> {
    if in_axes.len() != inputs.len() {
        return Err(format!("in_axes has {} entries, the callee {} arguments", in_axes.len(), inputs.len()));
    }
    if out_axes.len() != results.len() {
        return Err(format!("out_axes has {} entries, the callee {} results", out_axes.len(), results.len()));
    }
    if !in_axes.iter().any(|a| *a >= 0) {
        return Err("vmap needs at least one batched argument (an in_axes entry >= 0)".into());
    }
    let insert = |t: &TensorType, axis: i64, what: &str| -> Result<TensorType, String> {
        if axis == -1 {
            return Ok(t.clone());
        }
        if axis < -1 || axis as usize > t.rank() {
            return Err(format!("{what} axis {axis} is out of range for {t} (-1 or 0..={})", t.rank()));
        }
        let mut shape = t.shape.clone();
        shape.insert(axis as usize, size);
        Ok(TensorType::new(shape, t.elem))
    };
    let ins = inputs.iter().zip(in_axes).map(|(t, a)| insert(t, *a, "in")).collect::<Result<_, _>>()?;
    let outs = results.iter().zip(out_axes).map(|(t, a)| insert(t, *a, "out")).collect::<Result<_, _>>()?;
    Ok((ins, outs))
}

fn i64_array_attr(op: MlirOperation, name: &str) -> Result<Vec<i64>, String> {
    // SAFETY: kind checked before reading.
    unsafe {
        let Some(a) = attribute(op, name).filter(|&a| mlirAttributeIsADenseI64Array(a)) else {
            return Err(format!("expected '{name}' = array<i64: ...>"));
        };
        Ok((0..mlirDenseArrayGetNumElements(a)).map(|i| mlirDenseI64ArrayGetElement(a, i)).collect())
    }
}

/// The callee, in_axes and out_axes of a `jaxr.vmap`.
pub fn vmap_attrs(op: MlirOperation) -> Result<(String, Vec<i64>, Vec<i64>), String> {
    // SAFETY: kind checked before reading.
    let name = unsafe {
        let Some(callee) = attribute(op, "callee").filter(|&a| mlirAttributeIsAFlatSymbolRef(a)) else {
            return Err("expected a flat symbol reference 'callee'".into());
        };
        raw::to_string(mlirFlatSymbolRefAttrGetValue(callee))
    };
    Ok((name, i64_array_attr(op, "in_axes")?, i64_array_attr(op, "out_axes")?))
}

/// Verifies a `jaxr.vmap` against its callee.
pub fn verify_vmap(op: MlirOperation) -> Result<(), String> {
    let (callee, in_axes, out_axes) = vmap_attrs(op)?;
    let func = lookup_function(op, &callee)
        .ok_or_else(|| format!("'@{callee}' does not name a func.func in this module"))?;
    let (inputs, results) = function_signature(func).map_err(|e| format!("callee '@{callee}': {e}"))?;
    // SAFETY: counts come from the op itself.
    let (got_in, got_out) = unsafe {
        (
            value_types(op, mlirOperationGetNumOperands(op), mlirOperationGetOperand)?,
            value_types(op, mlirOperationGetNumResults(op), mlirOperationGetResult)?,
        )
    };
    let mut size = None;
    for (k, (&a, t)) in in_axes.iter().zip(&got_in).enumerate() {
        if a >= 0 {
            let n = *t
                .shape
                .get(a as usize)
                .ok_or_else(|| format!("in_axes[{k}] = {a} is out of range for {t}"))?;
            if size.is_some_and(|s| s != n) {
                return Err(format!(
                    "batched operands disagree on the batch size: {} and {n}",
                    size.unwrap_or(0)
                ));
            }
            size = Some(n);
        }
    }
    let (want_in, want_out) = vmap_signature(&inputs, &results, &in_axes, &out_axes, size.unwrap_or(0))
        .map_err(|e| format!("callee '@{callee}': {e}"))?;
    let show = |v: &[TensorType]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
    if got_in != want_in || got_out != want_out {
        return Err(format!(
            "vmap of '@{callee}' with in_axes {in_axes:?} and out_axes {out_axes:?} has type ({}) -> ({}), but this op has ({}) -> ({})",
            show(&want_in),
            show(&want_out),
            show(&got_in),
            show(&got_out)
        ));
    }
    Ok(())
}

/// The element types that carry derivatives: floats and complex values
/// (JAX's inexact types).
fn differentiable(t: &TensorType) -> bool {
    t.elem.is_inexact()
}

/// Checks `argnums` against a callee with `inputs`: sorted, distinct, in range,
/// each naming a floating-point argument.
pub fn check_argnums(inputs: &[TensorType], argnums: &[i64]) -> Result<(), String> {
    if argnums.is_empty() {
        return Err("argnums must name at least one argument".into());
    }
    for (k, &a) in argnums.iter().enumerate() {
        if a < 0 || a as usize >= inputs.len() {
            return Err(format!(
                "argnums entry {a} is out of range: the callee has {} arguments",
                inputs.len()
            ));
        }
        if k > 0 && argnums[k - 1] >= a {
            return Err(format!("argnums must be sorted and distinct, got {argnums:?}"));
        }
        if !differentiable(&inputs[a as usize]) {
            return Err(format!(
                "argument {a} has type {}: only floating-point and complex arguments can be differentiated",
                inputs[a as usize]
            ));
        }
    }
    Ok(())
}

/// The options of grad and value_and_grad (JAX's keyword arguments).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GradOptions {
    /// Results after the first are auxiliary: returned, not differentiated.
    pub has_aux: bool,
    /// The callee is holomorphic: complex arguments and a complex scalar
    /// result, whose gradient is its complex derivative.
    pub holomorphic: bool,
}

/// The (operand types, result types) that `transform` of a callee with
/// `inputs -> results` has.
pub fn signature(
    transform: Transform,
    inputs: &[TensorType],
    results: &[TensorType],
    argnums: &[i64],
    grad: GradOptions,
) -> Result<(Vec<TensorType>, Vec<TensorType>), String> {
    check_argnums(inputs, argnums)?;
    let chosen: Vec<TensorType> = argnums.iter().map(|&a| inputs[a as usize].clone()).collect();
    let GradOptions { has_aux, holomorphic } = grad;
    if has_aux && matches!(transform, Transform::Jvp | Transform::Vjp) {
        return Err(format!("has_aux applies to grad and value_and_grad, not {}", transform.mnemonic()));
    }
    if holomorphic && matches!(transform, Transform::Jvp | Transform::Vjp) {
        return Err(format!("holomorphic applies to grad and value_and_grad, not {}", transform.mnemonic()));
    }
    if holomorphic {
        if let Some(t) = chosen.iter().find(|t| !t.elem.is_complex()) {
            return Err(format!("grad with holomorphic needs complex arguments, found {t}"));
        }
    }
    match transform {
        Transform::Jvp => {
            let operands = inputs.iter().cloned().chain(chosen).collect();
            let out = results.iter().chain(results).cloned().collect();
            Ok((operands, out))
        }
        Transform::Vjp => Ok((inputs.iter().chain(results).cloned().collect(), chosen)),
        Transform::Grad | Transform::ValueAndGrad => {
            let first = results.first().ok_or("the callee returns nothing; grad needs a scalar result")?;
            // As JAX's grad: a real scalar, or with holomorphic a complex one.
            if holomorphic && (!first.shape.is_empty() || !first.elem.is_complex()) {
                return Err(format!(
                    "grad with holomorphic needs the callee's first result to be a complex scalar, found {first}"
                ));
            }
            if !holomorphic && (!first.shape.is_empty() || !first.elem.is_float()) {
                let hint = if first.elem.is_complex() {
                    " (holomorphic differentiates complex results)"
                } else {
                    ""
                };
                return Err(format!(
                    "grad needs the callee's first result to be a floating-point scalar, found {first}{hint}"
                ));
            }
            if results.len() > 1 && !has_aux {
                return Err(format!(
                    "the callee returns {} results: grad needs exactly one (or has_aux for the others)",
                    results.len()
                ));
            }
            let aux = results[1..].iter().cloned();
            let out = if transform == Transform::Grad {
                chosen.into_iter().chain(aux).collect()
            } else {
                results.iter().cloned().chain(chosen).collect()
            };
            Ok((inputs.to_vec(), out))
        }
    }
}

/// The callee symbol, argnums and grad options of a transformation op.
pub fn transform_attrs(op: MlirOperation) -> Result<(String, Vec<i64>, GradOptions), String> {
    // SAFETY: attribute kinds are checked before reading.
    unsafe {
        let Some(callee) = attribute(op, "callee").filter(|&a| mlirAttributeIsAFlatSymbolRef(a)) else {
            return Err("expected a flat symbol reference 'callee'".into());
        };
        let Some(argnums) = attribute(op, "argnums").filter(|&a| mlirAttributeIsADenseI64Array(a)) else {
            return Err("expected 'argnums' = array<i64: ...>".into());
        };
        let name = raw::to_string(mlirFlatSymbolRefAttrGetValue(callee));
        let n = mlirDenseArrayGetNumElements(argnums);
        let nums = (0..n).map(|i| mlirDenseI64ArrayGetElement(argnums, i)).collect();
        let grad = GradOptions {
            has_aux: attribute(op, "has_aux").is_some(),
            holomorphic: attribute(op, "holomorphic").is_some(),
        };
        Ok((name, nums, grad))
    }
}

/// The `func.func` named `name` in the module enclosing `op`.
pub fn lookup_function(op: MlirOperation, name: &str) -> Option<MlirOperation> {
    // SAFETY: walking parents and the module's top-level ops.
    unsafe {
        let mut module = mlirOperationGetParentOperation(op);
        while !module.ptr.is_null() && op_name_raw(module) != "builtin.module" {
            module = mlirOperationGetParentOperation(module);
        }
        if module.ptr.is_null() {
            return None;
        }
        let body = mlirRegionGetFirstBlock(mlirOperationGetRegion(module, 0));
        let mut f = mlirBlockGetFirstOperation(body);
        while !f.ptr.is_null() {
            let sym = attribute(f, "sym_name").filter(|&a| mlirAttributeIsAString(a));
            if op_name_raw(f) == "func.func"
                && sym.is_some_and(|sym| raw::to_string(mlirStringAttrGetValue(sym)) == name)
            {
                return Some(f);
            }
            f = mlirOperationGetNextInBlock(f);
        }
        None
    }
}

/// The argument and result types of a `func.func`.
pub fn function_signature(func: MlirOperation) -> Result<(Vec<TensorType>, Vec<TensorType>), String> {
    // SAFETY: type queries on a live attribute.
    unsafe {
        let Some(ty) = attribute(func, "function_type").filter(|&a| mlirAttributeIsAType(a)) else {
            return Err("the function has no function_type".into());
        };
        let ft = mlirTypeAttrGetValue(ty);
        let inputs = (0..mlirFunctionTypeGetNumInputs(ft))
            .map(|i| tensor_type_of_raw(mlirFunctionTypeGetInput(ft, i)))
            .collect::<Result<Vec<_>, _>>()?;
        let results = (0..mlirFunctionTypeGetNumResults(ft))
            .map(|i| tensor_type_of_raw(mlirFunctionTypeGetResult(ft, i)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((inputs, results))
    }
}

fn value_types(
    op: MlirOperation,
    count: isize,
    get: unsafe extern "C" fn(MlirOperation, isize) -> MlirValue,
) -> Result<Vec<TensorType>, String> {
    // SAFETY: indices are in range.
    (0..count).map(|i| tensor_type_of_raw(unsafe { mlirValueGetType(get(op, i)) })).collect()
}

/// Verifies a transformation op against its callee's signature.
pub fn verify_transform(op: MlirOperation, transform: Transform) -> Result<(), String> {
    let (callee, argnums, grad) = transform_attrs(op)?;
    let func = lookup_function(op, &callee)
        .ok_or_else(|| format!("'@{callee}' does not name a func.func in this module"))?;
    let (inputs, results) = function_signature(func).map_err(|e| format!("callee '@{callee}': {e}"))?;
    let (want_in, want_out) = signature(transform, &inputs, &results, &argnums, grad)
        .map_err(|e| format!("callee '@{callee}': {e}"))?;
    // SAFETY: counts come from the op itself.
    let (got_in, got_out) = unsafe {
        (
            value_types(op, mlirOperationGetNumOperands(op), mlirOperationGetOperand)?,
            value_types(op, mlirOperationGetNumResults(op), mlirOperationGetResult)?,
        )
    };
    let show = |v: &[TensorType]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
    if got_in != want_in || got_out != want_out {
        return Err(format!(
            "{} of '@{callee}' with argnums {argnums:?} has type ({}) -> ({}), but this op has ({}) -> ({})",
            transform.mnemonic(),
            show(&want_in),
            show(&want_out),
            show(&got_in),
            show(&got_out)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ElemType;

    fn f32s(shape: &[i64]) -> TensorType {
        TensorType::new(shape.to_vec(), ElemType::F32)
    }

    #[test]
    fn signatures_follow_jax() {
        let x = f32s(&[3]);
        let s = f32s(&[]);
        let i = TensorType::new([3], ElemType::I32);
        let ins = [x.clone(), i.clone(), s.clone()];
        let (a, r) =
            signature(Transform::Grad, &ins, std::slice::from_ref(&s), &[0, 2], GradOptions::default())
                .unwrap();
        assert_eq!(a, ins.to_vec());
        assert_eq!(r, vec![x.clone(), s.clone()]);
        let (a, r) =
            signature(Transform::Vjp, &ins, &[x.clone(), s.clone()], &[2], GradOptions::default()).unwrap();
        assert_eq!(a.len(), 5);
        assert_eq!(r, vec![s.clone()]);
        let (a, r) =
            signature(Transform::Jvp, &ins, std::slice::from_ref(&x), &[0], GradOptions::default()).unwrap();
        assert_eq!(a, vec![x.clone(), i.clone(), s.clone(), x.clone()]);
        assert_eq!(r, vec![x.clone(), x.clone()]);
        let (_, r) = signature(
            Transform::ValueAndGrad,
            &ins,
            &[s.clone(), i.clone()],
            &[0],
            GradOptions { has_aux: true, ..Default::default() },
        )
        .unwrap();
        assert_eq!(r, vec![s.clone(), i.clone(), x.clone()]);
    }

    #[test]
    fn bad_requests_are_named() {
        let x = vec![f32s(&[3])];
        let i = vec![TensorType::new([3], ElemType::I32)];
        let two = vec![f32s(&[3]), f32s(&[3])];
        let err = |t, ins: &[TensorType], outs: &[TensorType], nums: &[i64]| {
            signature(t, ins, outs, nums, GradOptions::default()).unwrap_err()
        };
        assert!(err(Transform::Grad, &x, &x, &[0]).contains("floating-point scalar"));
        assert!(err(Transform::Vjp, &i, &x, &[0]).contains("only floating-point"));
        assert!(err(Transform::Vjp, &x, &x, &[1]).contains("out of range"));
        assert!(err(Transform::Vjp, &two, &x, &[1, 0]).contains("sorted"));
    }

    #[test]
    fn holomorphic_grads_take_complex_arguments_and_results() {
        let z = TensorType::new([3], ElemType::C64);
        let w = TensorType::scalar(ElemType::C64);
        let holomorphic = GradOptions { holomorphic: true, ..Default::default() };
        let (_, r) =
            signature(Transform::Grad, std::slice::from_ref(&z), std::slice::from_ref(&w), &[0], holomorphic)
                .unwrap();
        assert_eq!(r, vec![z.clone()]);
        let plain = signature(
            Transform::Grad,
            std::slice::from_ref(&z),
            std::slice::from_ref(&w),
            &[0],
            GradOptions::default(),
        );
        assert!(plain.unwrap_err().contains("holomorphic differentiates complex results"));
        let real = f32s(&[3]);
        let err = signature(Transform::Grad, std::slice::from_ref(&real), &[f32s(&[])], &[0], holomorphic)
            .unwrap_err();
        assert!(err.contains("needs complex arguments"), "{err}");
        let err = signature(Transform::Grad, std::slice::from_ref(&z), &[f32s(&[])], &[0], holomorphic)
            .unwrap_err();
        assert!(err.contains("complex scalar"), "{err}");
    }
}
