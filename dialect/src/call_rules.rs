//! Calls that carry a differentiation rule: `jaxr.checkpoint` (what reverse
//! mode keeps and what it recomputes), `jaxr.custom_jvp` and
//! `jaxr.custom_vjp` (functions that give the derivative). Each one's value
//! is its callee's; the signatures of the callee and of the rule functions
//! are checked here, by the ops' verifier, once symbols resolve.

use mlir_sys::*;

use crate::decode::{op_name_raw, tensor_type_of_raw};
use crate::raw::{self, attribute};
use crate::transform::{function_signature, lookup_function};
use crate::types::TensorType;

/// What `jaxr.checkpoint` lets reverse mode keep from the forward pass
/// (JAX's `jax.checkpoint_policies` of the same names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Policy {
    /// Only the arguments: the derivative recomputes the callee.
    NothingSaveable,
    /// The results of dot_general and convolution ops too.
    DotsSaveable,
    /// The results of dot_generals without batch dimensions too.
    DotsWithNoBatchDims,
    /// Everything: a plain call.
    EverythingSaveable,
}

impl Policy {
    /// Accepted spellings, for messages.
    pub const NAMES: &'static str = "nothing_saveable, dots_saveable (checkpoint_dots), \
         dots_with_no_batch_dims_saveable (checkpoint_dots_with_no_batch_dims), everything_saveable";

    /// The policy spelled `name` (JAX's names and aliases).
    pub fn parse(name: &str) -> Option<Policy> {
        Some(match name {
            "nothing_saveable" => Policy::NothingSaveable,
            "dots_saveable" | "checkpoint_dots" => Policy::DotsSaveable,
            "dots_with_no_batch_dims_saveable" | "checkpoint_dots_with_no_batch_dims" => {
                Policy::DotsWithNoBatchDims
            }
            "everything_saveable" => Policy::EverythingSaveable,
            _ => return None,
        })
    }

    /// The canonical name.
    pub fn name(self) -> &'static str {
        match self {
            Policy::NothingSaveable => "nothing_saveable",
            Policy::DotsSaveable => "dots_saveable",
            Policy::DotsWithNoBatchDims => "dots_with_no_batch_dims_saveable",
            Policy::EverythingSaveable => "everything_saveable",
        }
    }
}

/// The rule a call carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallRule {
    /// `jaxr.checkpoint`.
    Checkpoint(Policy),
    /// `jaxr.custom_jvp`: `jvp(args..., tangents...) -> (results..., tangents...)`.
    CustomJvp {
        /// The rule function.
        jvp: String,
    },
    /// `jaxr.custom_vjp`: `fwd(args...) -> (results..., residuals...)`,
    /// `bwd(residuals..., cotangents...) -> (a cotangent per argument...)`.
    CustomVjp {
        /// The forward function.
        fwd: String,
        /// The backward function.
        bwd: String,
    },
}

/// The mnemonics of the calls with rules.
pub fn rule_call_mnemonics() -> [&'static str; 3] {
    ["checkpoint", "custom_jvp", "custom_vjp"]
}

/// Whether `op` is one of them.
pub fn is_rule_call(op: MlirOperation) -> bool {
    op_name_raw(op).strip_prefix("jaxr.").is_some_and(|m| rule_call_mnemonics().contains(&m))
}

fn symbol_attr(op: MlirOperation, name: &str) -> Result<String, String> {
    attribute(op, name)
        .and_then(raw::flat_symbol)
        .ok_or_else(|| format!("expected a flat symbol reference '{name}'"))
}

/// The callee and the rule of a call with a rule.
pub fn rule_call_of(op: MlirOperation) -> Result<(String, CallRule), String> {
    let callee = symbol_attr(op, "callee")?;
    let name = op_name_raw(op);
    let rule = match name.as_str() {
        "jaxr.checkpoint" => {
            let policy = match attribute(op, "policy") {
                None => "nothing_saveable".to_string(),
                Some(a) => raw::string(a).ok_or("expected a string 'policy'")?,
            };
            let policy = Policy::parse(&policy).ok_or_else(|| {
                format!("unknown checkpoint policy \"{policy}\"; expected one of {}", Policy::NAMES)
            })?;
            CallRule::Checkpoint(policy)
        }
        "jaxr.custom_jvp" => CallRule::CustomJvp { jvp: symbol_attr(op, "jvp")? },
        "jaxr.custom_vjp" => {
            CallRule::CustomVjp { fwd: symbol_attr(op, "fwd")?, bwd: symbol_attr(op, "bwd")? }
        }
        other => return Err(format!("'{other}' is not a call with a differentiation rule")),
    };
    Ok((callee, rule))
}

fn show(types: &[TensorType]) -> String {
    format!("({})", types.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", "))
}

fn signature_of(
    op: MlirOperation,
    role: &str,
    name: &str,
) -> Result<(Vec<TensorType>, Vec<TensorType>), String> {
    let func = lookup_function(op, name)
        .ok_or_else(|| format!("{role} '@{name}' does not name a func.func in this module"))?;
    function_signature(func).map_err(|e| format!("{role} '@{name}': {e}"))
}

fn expect(
    role: &str,
    name: &str,
    got: (&[TensorType], &[TensorType]),
    want: (&[TensorType], &[TensorType]),
    what: &str,
) -> Result<(), String> {
    if got == want {
        return Ok(());
    }
    Err(format!(
        "{role} '@{name}' has type {} -> {}, but {what} needs {} -> {}",
        show(got.0),
        show(got.1),
        show(want.0),
        show(want.1)
    ))
}

/// Verifies a call with a rule: the op's type is the callee's, and the rule
/// functions have the signatures their roles need.
pub fn verify_rule_call(op: MlirOperation) -> Result<(), String> {
    let (callee, rule) = rule_call_of(op)?;
    // SAFETY: indices below the op's own operand and result counts.
    let (ins, outs) = unsafe {
        let ins = (0..mlirOperationGetNumOperands(op))
            .map(|i| tensor_type_of_raw(mlirValueGetType(mlirOperationGetOperand(op, i))))
            .collect::<Result<Vec<_>, _>>()?;
        let outs = (0..mlirOperationGetNumResults(op))
            .map(|i| tensor_type_of_raw(mlirValueGetType(mlirOperationGetResult(op, i))))
            .collect::<Result<Vec<_>, _>>()?;
        (ins, outs)
    };
    let (f_in, f_out) = signature_of(op, "callee", &callee)?;
    expect("callee", &callee, (&f_in, &f_out), (&ins, &outs), "this op")?;
    match rule {
        CallRule::Checkpoint(_) => Ok(()),
        CallRule::CustomJvp { jvp } => {
            let (j_in, j_out) = signature_of(op, "jvp rule", &jvp)?;
            let want_in = [ins.clone(), ins.clone()].concat();
            let want_out = [outs.clone(), outs.clone()].concat();
            expect(
                "jvp rule",
                &jvp,
                (&j_in, &j_out),
                (&want_in, &want_out),
                "a rule (arguments, tangents) -> (results, tangents)",
            )
        }
        CallRule::CustomVjp { fwd, bwd } => {
            let (fw_in, fw_out) = signature_of(op, "fwd", &fwd)?;
            if fw_in != ins || fw_out.len() < outs.len() || fw_out[..outs.len()] != outs[..] {
                let mut want_out = outs.clone();
                want_out.extend(fw_out.iter().skip(outs.len()).cloned());
                return expect(
                    "fwd",
                    &fwd,
                    (&fw_in, &fw_out),
                    (&ins, &want_out),
                    "a rule arguments -> (results, residuals)",
                );
            }
            let residuals = &fw_out[outs.len()..];
            let (bw_in, bw_out) = signature_of(op, "bwd", &bwd)?;
            let want_in = [residuals.to_vec(), outs.clone()].concat();
            expect(
                "bwd",
                &bwd,
                (&bw_in, &bw_out),
                (&want_in, &ins),
                "a rule (residuals, cotangents) -> a cotangent per argument",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_take_jax_names_and_aliases() {
        assert_eq!(Policy::parse("checkpoint_dots"), Some(Policy::DotsSaveable));
        assert_eq!(Policy::parse("checkpoint_dots_with_no_batch_dims"), Some(Policy::DotsWithNoBatchDims));
        for p in [
            Policy::NothingSaveable,
            Policy::DotsSaveable,
            Policy::DotsWithNoBatchDims,
            Policy::EverythingSaveable,
        ] {
            assert_eq!(Policy::parse(p.name()), Some(p));
            assert!(Policy::NAMES.contains(p.name()));
        }
        assert_eq!(Policy::parse("save_only_these_names"), None);
    }
}
