//! Whole functions: the derived function for a request (`@main_grad`, ...)
//! or for a call inside a function being differentiated. A derived function
//! is a clone of the original with the new arguments appended, the sweep's
//! ops added before its return, and the return rewritten.

use std::collections::{HashMap, HashSet};

use jaxr_dialect::raw::{self, string_ref};
use jaxr_dialect::transform::{function_signature, signature, GradOptions};
use jaxr_dialect::{TensorType, Transform};
use jaxr_passes::IrLocation;
use melior::Context;
use mlir_sys::*;

use crate::emit::{key, Emitter};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, activity_except, derivative_or_zeros, forward, reverse, Derivs};

/// Builds derived functions in one module and remembers them.
pub struct Deriver<'c> {
    /// The MLIR context.
    pub context: &'c Context,
    /// The module.
    pub module: MlirOperation,
    /// (function, transform, argnums, grad options) -> derived function name.
    done: HashMap<(String, Transform, Vec<i64>, GradOptions), String>,
    /// Functions being derived (recursion is not supported).
    in_progress: HashSet<String>,
    /// Every function this deriver created, in creation order.
    pub created: Vec<MlirOperation>,
    /// The names of the created functions that are private.
    private: HashSet<String>,
    /// For each function, the last function derived from it (new ones go after).
    placed_after: HashMap<String, MlirOperation>,
    /// (function, in_axes, out_axes, size) -> its vmap's name.
    done_vmap: HashMap<(String, Vec<i64>, Vec<i64>, i64), String>,
    /// Values of the function being derived that the sweeps treat as
    /// constants (crate::shift: stability shifts).
    pub stopped: HashSet<usize>,
    /// What forward loops keep for their reverse loops.
    pub loop_residuals: crate::loop_reverse::LoopResiduals,
    /// The functions built for jaxr.checkpoint.
    pub checkpoints: crate::rule_calls::CheckpointFunctions,
    /// While the reverse sweep runs through a shard_map body: what its
    /// values vary over (crate::collectives).
    pub manual: Option<crate::collectives::ManualScope>,
    /// Channel handles for the collectives derivatives create.
    pub channels: crate::collectives::Channels,
    /// Functions called as GSPMD shard_map bodies, and their typing.
    pub manual_functions: HashMap<String, crate::gspmd_manual::ManualCall>,
}

pub(crate) fn set_attr(op: MlirOperation, name: &str, attr: MlirAttribute) {
    // SAFETY: a live op and attribute of the same context; MLIR copies the name.
    unsafe { mlirOperationSetAttributeByName(op, string_ref(name), attr) }
}

fn remove_attr(op: MlirOperation, name: &str) {
    // SAFETY: a live op; the name is borrowed for the call only.
    unsafe {
        mlirOperationRemoveAttributeByName(op, string_ref(name));
    }
}

/// A string attribute.
pub(crate) fn string_attr(context: &Context, s: &str) -> MlirAttribute {
    // SAFETY: the context is live; MLIR copies the string.
    unsafe { mlirStringAttrGet(context.to_raw(), string_ref(s)) }
}

pub(crate) fn function_type_attr(
    context: &Context,
    inputs: &[TensorType],
    results: &[TensorType],
) -> MlirAttribute {
    let ins: Vec<MlirType> = inputs.iter().map(|t| ir::mlir_type(context, t)).collect();
    let outs: Vec<MlirType> = results.iter().map(|t| ir::mlir_type(context, t)).collect();
    // SAFETY: types of the live context.
    unsafe {
        let ft = mlirFunctionTypeGet(
            context.to_raw(),
            ins.len() as isize,
            ins.as_ptr(),
            outs.len() as isize,
            outs.as_ptr(),
        );
        mlirTypeAttrGet(ft)
    }
}

/// The symbol name of a function.
pub fn symbol_name(func: MlirOperation) -> String {
    raw::symbol_name(func).unwrap_or_default()
}

/// A value's sharding attribute: its name (`mhlo.sharding`, GSPMD's, or
/// `sdy.sharding`, Shardy's) and its value.
pub(crate) type ShardingAttr = (&'static str, MlirAttribute);

/// The sharding of each of a function's arguments or results (`attrs`:
/// `arg_attrs` or `res_attrs`), in either form.
pub(crate) fn shardings_of(func: MlirOperation, attrs: &str, count: usize) -> Vec<Option<ShardingAttr>> {
    raw::value_shardings(func, attrs, count)
}

/// Sets `attrs` (`arg_attrs` or `res_attrs`) of `func` to dictionaries
/// holding only these shardings; none at all when no value has one.
pub(crate) fn set_shardings(
    context: &Context,
    func: MlirOperation,
    attrs: &str,
    shardings: &[Option<ShardingAttr>],
) {
    if shardings.iter().all(Option::is_none) {
        return;
    }
    // SAFETY: building attributes in the live context; MLIR copies them.
    unsafe {
        let dicts: Vec<MlirAttribute> = shardings
            .iter()
            .map(|s| match s {
                Some((name, a)) => {
                    let id = mlirIdentifierGet(context.to_raw(), string_ref(name));
                    let entry = mlirNamedAttributeGet(id, *a);
                    mlirDictionaryAttrGet(context.to_raw(), 1, &entry)
                }
                None => mlirDictionaryAttrGet(context.to_raw(), 0, std::ptr::null()),
            })
            .collect();
        set_attr(func, attrs, mlirArrayAttrGet(context.to_raw(), dicts.len() as isize, dicts.as_ptr()));
    }
}

/// Gives a derived function the shardings of what it computes: an
/// argument's tangent or cotangent is laid out as the argument, a result's
/// as the result (what JAX's partitioner gives them too).
fn derived_shardings(
    context: &Context,
    func: MlirOperation,
    new: MlirOperation,
    transform: Transform,
    argnums: &[i64],
) {
    let Ok((inputs, results)) = function_signature(func) else { return };
    let args = shardings_of(func, "arg_attrs", inputs.len());
    let outs = shardings_of(func, "res_attrs", results.len());
    let of_args = |nums: &[i64]| nums.iter().map(|&a| args[a as usize]).collect::<Vec<_>>();
    let (new_args, new_outs) = match transform {
        Transform::Jvp => ([args.clone(), of_args(argnums)].concat(), [outs.clone(), outs.clone()].concat()),
        Transform::Vjp => ([args.clone(), outs.clone()].concat(), of_args(argnums)),
        Transform::Grad => {
            (args.clone(), [of_args(argnums), outs.get(1..).unwrap_or_default().to_vec()].concat())
        }
        Transform::ValueAndGrad => (args.clone(), [outs.clone(), of_args(argnums)].concat()),
    };
    set_shardings(context, new, "arg_attrs", &new_args);
    set_shardings(context, new, "res_attrs", &new_outs);
}

impl<'c> Deriver<'c> {
    /// A deriver for `module`.
    pub fn new(context: &'c Context, module: MlirOperation) -> Self {
        Deriver {
            context,
            module,
            done: HashMap::new(),
            in_progress: HashSet::new(),
            created: Vec::new(),
            private: HashSet::new(),
            placed_after: HashMap::new(),
            done_vmap: HashMap::new(),
            stopped: HashSet::new(),
            loop_residuals: Default::default(),
            checkpoints: Default::default(),
            manual: None,
            channels: crate::collectives::Channels::new(module),
            manual_functions: HashMap::new(),
        }
    }

    /// The `func.func` named `name`.
    pub fn function(&self, name: &str) -> Option<MlirOperation> {
        ir::ops_of(self.module_body())
            .into_iter()
            .find(|f| ir::name_of(*f) == "func.func" && symbol_name(*f) == name)
    }

    /// Whether a function this deriver created is private (made for a call
    /// or a transformation op, not requested by name).
    pub fn is_private(&self, func: MlirOperation) -> bool {
        self.private.contains(&symbol_name(func))
    }

    /// Inserts `new` (a function derived from `func`) after `func` and what
    /// was derived from it before, and records it for the cleanup.
    pub fn place_after(&mut self, func: MlirOperation, new: MlirOperation) {
        let after = self.placed_after.get(&symbol_name(func)).copied().unwrap_or(func);
        // SAFETY: inserting a detached op into the module body.
        unsafe { mlirBlockInsertOwnedOperationAfter(self.module_body(), after, new) };
        self.placed_after.insert(symbol_name(func), new);
        self.created.push(new);
    }

    /// A detached copy of `func` with its transformation ops and random ops
    /// expanded and its calls inlined: plain jaxr code for a transformation.
    pub fn prepared_copy(&mut self, func: MlirOperation) -> Result<MlirOperation, Diag> {
        let fname = symbol_name(func);
        if !self.in_progress.insert(fname.clone()) {
            return Err(Diag::at_op(func, format!("cannot transform the recursive function '@{fname}'")));
        }
        let outcome = (|| {
            crate::pass::expand_transform_ops_in(self, func)?;
            // SAFETY: cloning a live op.
            let copy = unsafe { mlirOperationClone(func) };
            crate::pass::inline_calls(self, copy, false)?;
            crate::random::expand_random(self.context, copy).map_err(|e| Diag {
                location: e.location.or(Some(IrLocation(ir::location_of(func)))),
                ..e
            })?;
            Ok(copy)
        })();
        self.in_progress.remove(&fname);
        outcome
    }

    /// The name of the vmap of `function` (created on first use, private).
    pub fn derived_vmap(
        &mut self,
        function: &str,
        in_axes: &[i64],
        out_axes: &[i64],
        size: i64,
        at: MlirOperation,
    ) -> Result<String, Diag> {
        let k = (function.to_string(), in_axes.to_vec(), out_axes.to_vec(), size);
        if let Some(name) = self.done_vmap.get(&k) {
            return Ok(name.clone());
        }
        let func = self.function(function).ok_or_else(|| {
            Diag::at_op(at, format!("'@{function}' does not name a func.func in this module"))
        })?;
        let axes = in_axes
            .iter()
            .map(|a| if *a < 0 { "n".to_string() } else { a.to_string() })
            .collect::<Vec<_>>()
            .join("_");
        let name = self.fresh_name(&format!("{function}_vmap_{axes}"));
        // Known before it is built: a rule function that names itself (a
        // custom_vjp's fwd calling the custom function) batches to itself.
        self.done_vmap.insert(k.clone(), name.clone());
        let new = match crate::vmap::build_vmap(self, func, in_axes, out_axes, size, &name) {
            Ok(new) => new,
            Err(e) => {
                self.done_vmap.remove(&k);
                return Err(e);
            }
        };
        set_attr(new, "sym_visibility", string_attr(self.context, "private"));
        self.private.insert(name.clone());
        Ok(name)
    }

    /// Adds `func` (detached, or a clone of a module function) to the module
    /// as a new private function named after `base`, placed after `after`;
    /// returns its name.
    pub fn add_private(&mut self, after: MlirOperation, func: MlirOperation, base: &str) -> String {
        let name = self.fresh_name(base);
        set_attr(func, "sym_name", string_attr(self.context, &name));
        set_attr(func, "sym_visibility", string_attr(self.context, "private"));
        remove_attr(func, "arg_attrs");
        remove_attr(func, "res_attrs");
        self.place_after(after, func);
        self.private.insert(name.clone());
        name
    }

    fn module_body(&self) -> MlirBlock {
        ir::first_block(ir::regions(self.module)[0])
    }

    fn symbol_taken(&self, name: &str) -> bool {
        ir::ops_of(self.module_body()).into_iter().any(|f| symbol_name(f) == name)
    }

    /// A fresh symbol name starting with `base`.
    fn fresh_name(&self, base: &str) -> String {
        if !self.symbol_taken(base) {
            return base.to_string();
        }
        (1..).map(|i| format!("{base}_{i}")).find(|n| !self.symbol_taken(n)).unwrap_or_default()
    }

    /// The name of `transform` of `function` (created on first use, as a
    /// private function), for a call or a transformation op at `at`.
    pub fn derived(
        &mut self,
        function: &str,
        transform: Transform,
        argnums: &[i64],
        grad: GradOptions,
        at: MlirOperation,
    ) -> Result<String, Diag> {
        let k = (function.to_string(), transform, argnums.to_vec(), grad);
        if let Some(name) = self.done.get(&k) {
            return Ok(name.clone());
        }
        // Looked up in the module rather than from `at`, which may sit in a
        // region that is still being built (not yet attached).
        let func = self.function(function).ok_or_else(|| {
            Diag::at_op(at, format!("'@{function}' does not name a func.func in this module"))
        })?;
        let nums = argnums.iter().map(|a| a.to_string()).collect::<Vec<_>>().join("_");
        let name = self.fresh_name(&format!("{function}_{}_{nums}", transform.mnemonic()));
        let new = self.build(func, transform, argnums, grad, &name)?;
        set_attr(new, "sym_visibility", string_attr(self.context, "private"));
        self.private.insert(name.clone());
        self.done.insert(k, name.clone());
        Ok(name)
    }

    /// Creates `name`, the `transform` of `func`, right after `func`.
    pub fn build(
        &mut self,
        func: MlirOperation,
        transform: Transform,
        argnums: &[i64],
        grad: GradOptions,
        name: &str,
    ) -> Result<MlirOperation, Diag> {
        let fname = symbol_name(func);
        if !self.in_progress.insert(fname.clone()) {
            return Err(Diag::at_op(func, format!("cannot differentiate the recursive function '@{fname}'")));
        }
        let outcome = self.build_inner(func, transform, argnums, grad, name);
        self.in_progress.remove(&fname);
        outcome
    }

    fn build_inner(
        &mut self,
        func: MlirOperation,
        transform: Transform,
        argnums: &[i64],
        grad: GradOptions,
        name: &str,
    ) -> Result<MlirOperation, Diag> {
        let context = self.context;
        // Transformation ops inside the function are expanded first, so
        // that what is differentiated is plain code (higher order).
        crate::pass::expand_transform_ops_in(self, func)?;
        let (inputs, results) = function_signature(func).map_err(|m| Diag::at_op(func, m))?;
        let (new_inputs, new_results) =
            signature(transform, &inputs, &results, argnums, grad).map_err(|m| Diag::at_op(func, m))?;
        let regions = ir::regions(func);
        let block = regions.first().map(|r| ir::first_block(*r)).filter(|b| !b.ptr.is_null());
        let Some(block) = block else {
            return Err(Diag::at_op(
                func,
                format!("cannot differentiate '@{}': it has no body", symbol_name(func)),
            ));
        };
        // SAFETY: structural query.
        if unsafe { !mlirBlockGetNextInRegion(block).ptr.is_null() } {
            return Err(Diag::at_op(func, "cannot differentiate a function with several blocks"));
        }
        // SAFETY: cloning a live op; the module body takes the clone.
        // After the function and what was derived from it before, in order.
        let after = self.placed_after.get(&symbol_name(func)).copied().unwrap_or(func);
        // SAFETY: cloning the live op `func`; the module body takes ownership of the clone.
        let new = unsafe {
            let new = mlirOperationClone(func);
            mlirBlockInsertOwnedOperationAfter(self.module_body(), after, new);
            new
        };
        self.placed_after.insert(symbol_name(func), new);
        self.created.push(new);
        set_attr(new, "sym_name", string_attr(context, name));
        remove_attr(new, "arg_attrs");
        remove_attr(new, "res_attrs");
        derived_shardings(context, func, new, transform, argnums);
        crate::unroll::unroll_windows(context, new)?;
        crate::random::expand_random(context, new)
            .map_err(|e| Diag { location: e.location.or(Some(IrLocation(ir::location_of(new)))), ..e })?;
        let block = ir::first_block(ir::regions(new)[0]);
        // A GSPMD shard_map body in reverse mode: typed by its region's mesh.
        let manual = match self.manual_functions.get(&symbol_name(func)).cloned() {
            Some(call) if transform == Transform::Vjp => {
                crate::pass::inline_calls(self, new, false)?;
                let mut scope = call.scope.clone();
                scope.analyze(block, &call.args).map_err(|m| Diag::at_op(func, m))?;
                crate::manual::typed_straight_line(self, &scope, block)?;
                Some((scope, call.results))
            }
            _ => None,
        };
        let ops = ir::ops_of(block);
        let (ret, body) = ops.split_last().ok_or_else(|| Diag::at_op(func, "empty function body"))?;
        let ret = *ret;
        let ret_values = ir::operands(ret);
        let args = ir::block_args(block);
        let loc = ir::location_of(ret);
        let mut em = Emitter::new(context, block, ret, loc);
        let err = |m: String| Diag::at_op(ret, m);
        // Derivations of callees on the way have their own; this one's back after.
        let outer_stopped = std::mem::replace(&mut self.stopped, crate::shift::stability_shifts(&ops));
        let outs: Vec<MlirValue> = match transform {
            Transform::Jvp => {
                let mut tangents = Derivs::new();
                for &a in argnums {
                    let t = ir::add_block_arg(context, block, &inputs[a as usize], loc);
                    tangents.insert(key(args[a as usize]), t);
                }
                forward(self, &mut em, body, &mut tangents)?;
                em.set_anchor(ret);
                em.set_location(loc);
                // Calls replaced on the way changed the returned values.
                let ret_values = ir::operands(ret);
                let mut outs = ret_values.clone();
                for v in &ret_values {
                    outs.push(derivative_or_zeros(&mut em, &tangents, *v).map_err(err)?);
                }
                outs
            }
            Transform::Vjp | Transform::Grad | Transform::ValueAndGrad => {
                let mut active: HashSet<usize> = argnums.iter().map(|&a| key(args[a as usize])).collect();
                activity_except(body, &mut active, &self.stopped);
                let mut cts = Derivs::new();
                if transform == Transform::Vjp {
                    for (k, v) in ret_values.iter().enumerate() {
                        let mut ct = ir::add_block_arg(context, block, &results[k], loc);
                        if active.contains(&key(*v)) {
                            if let Some((scope, result_axes)) = &manual {
                                // A returned value the same on every device where its
                                // layout splits it: summed (as in Shardy's form).
                                ct = scope
                                    .seed(&mut em, &mut self.channels, result_axes[k], *v, ct)
                                    .map_err(err)?;
                            }
                            accumulate(&mut em, &mut cts, *v, ct).map_err(err)?;
                        }
                    }
                } else if active.contains(&key(ret_values[0])) {
                    let one = em.splat(&results[0], 1.0).map_err(err)?;
                    cts.insert(key(ret_values[0]), one);
                }
                let outer = std::mem::replace(&mut self.manual, manual.map(|(scope, _)| scope));
                let swept = reverse(self, &mut em, body, &active, &mut cts);
                self.manual = outer;
                swept?;
                em.set_anchor(ret);
                em.set_location(loc);
                let mut grads = Vec::new();
                for &a in argnums {
                    grads.push(derivative_or_zeros(&mut em, &cts, args[a as usize]).map_err(err)?);
                }
                let ret_values = ir::operands(ret);
                match transform {
                    Transform::Vjp => grads,
                    Transform::Grad => grads.into_iter().chain(ret_values[1..].iter().copied()).collect(),
                    _ => ret_values.into_iter().chain(grads).collect(),
                }
            }
        };
        self.stopped = outer_stopped;
        ir::set_operands(ret, &outs);
        set_attr(new, "function_type", function_type_attr(context, &new_inputs, &new_results));
        Ok(new)
    }
}
