//! The `jaxr-module-opt` pass: optimization across the functions of a
//! module, where MLIR's upstream passes do not do what jaxr needs.
//!
//! Repeated until nothing changes:
//! 1. **Duplicate functions.** A private function whose definition is the same
//!    as an earlier function's (same body up to SSA names, same types and
//!    attributes; compared on the generic form without locations) is erased,
//!    and every reference to it names the earlier one (the first in module
//!    order is kept). Upstream `duplicate-function-elimination` is not used:
//!    it also erases *public* duplicates, which changes the module's interface.
//! 2. **Constant arguments.** When every call of a private function passes the
//!    same constant (`jaxr.constant` or `stablehlo.constant` with one value) for
//!    an argument, the constant is materialized at the callee's entry and the
//!    argument is dropped. Functions with side effects (an op that is not pure,
//!    at any depth or through calls) are not specialized.
//! 3. **Dead results and arguments.** Results of a private function that no
//!    call uses, and arguments its body does not use, are dropped from the
//!    function and from every call.
//! 4. **One constant per value.** Within a function (and within each region
//!    isolated from above, such as a reduction body), equal constants — equal
//!    value and type, whatever their dialect — become one, hoisted to the start
//!    of the entry block; regions that are not isolated from above (loop and
//!    branch bodies) use the hoisted one.
//!
//! Signatures change only for private functions whose every use is a direct
//! `func.call` (a function named by any other attribute, such as a
//! transformation op's callee, is left alone); public functions never change.
//! Inlining is upstream `inline` (run by `jaxr-optimize` after this pass).

use std::collections::{HashMap, HashSet};
use std::ffi::c_void;

use jaxr_dialect::op_table;
use jaxr_dialect::raw::{self, string_ref};
use jaxr_passes::{PassDef, PassOptions};
use melior::ir::operation::OperationRefMut;
use mlir_sys::*;

use crate::ir::{self, is_constant, keep, same_constant, Diag};

/// `jaxr-module-opt`.
pub const PASS: PassDef = PassDef {
    name: "jaxr-module-opt",
    summary: "Across functions: merge duplicate private functions, move constant arguments into callees, drop unused results and arguments of private functions, one constant per value per function",
    options: &[],
    run: run_pass,
};

/// At most this many rounds (each round that changes something removes a
/// function, an argument or a result, so the loop ends well before).
const MAX_ROUNDS: usize = 1000;

/// What one run changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Duplicate functions erased.
    pub functions_merged: usize,
    /// Constant arguments moved into callees.
    pub constants_propagated: usize,
    /// Unused results dropped.
    pub results_dropped: usize,
    /// Unused arguments dropped.
    pub arguments_dropped: usize,
    /// Constant ops merged into an equal one.
    pub constants_merged: usize,
}

fn run_pass(module: &mut OperationRefMut, _options: &PassOptions) -> Result<(), Diag> {
    optimize_module(module.to_raw()).map(|_| ())
}

/// Runs the module-level optimizations on `module` (a `builtin.module`).
pub fn optimize_module(module: MlirOperation) -> Result<Stats, Diag> {
    if ir::name_of(module) != "builtin.module" {
        return Err(Diag::at_op(module, "jaxr-module-opt: expected a builtin.module"));
    }
    let Some(body) = ir::regions(module).first().map(|r| ir::first_block(*r)).filter(|b| !b.ptr.is_null())
    else {
        return Ok(Stats::default());
    };
    let mut stats = Stats::default();
    for _ in 0..MAX_ROUNDS {
        let before = stats;
        merge_duplicate_functions(module, body, &mut stats);
        propagate_constant_arguments(body, &mut stats)?;
        drop_dead_results(body, &mut stats)?;
        drop_dead_arguments(body, &mut stats)?;
        if stats == before {
            break;
        }
    }
    for (_, f) in functions(body) {
        if let Some(entry) = f.entry {
            merge_constants_in_scope(entry, &mut stats);
        }
    }
    Ok(stats)
}

/// What the symbol passes (`inline`, `symbol-dce`) could act on in a
/// `builtin.module`: calls to inline, private functions to drop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SymbolWork {
    /// Some `func.call` op, at any depth.
    pub calls: bool,
    /// Some top-level private function.
    pub private_functions: bool,
}

impl SymbolWork {
    /// Whether either pass could change anything.
    pub fn any(self) -> bool {
        self.calls || self.private_functions
    }
}

/// Whether the symbol passes have anything to do in `module` (a walk that
/// allocates nothing per op: on large modules without calls, `inline` alone
/// cost as much as a canonicalization).
pub fn symbol_work(module: MlirOperation) -> SymbolWork {
    let Some(body) = ir::regions(module).first().map(|r| ir::first_block(*r)).filter(|b| !b.ptr.is_null())
    else {
        return SymbolWork::default();
    };
    let private_functions = functions(body).iter().any(|(_, f)| f.private);
    let mut calls = false;
    for_each_op(module, &mut |op| calls = calls || raw::op_name_is(op, "func.call"));
    SymbolWork { calls, private_functions }
}

/// Whether `module` holds an op of an unregistered dialect with regions
/// (possible with `--allow-unregistered-dialect`). MLIR cannot tell whether
/// such an op is a symbol table: upstream `inline` crashes on it (MLIR 22,
/// `walkReferencedSymbolNodes`) and `symbol-dce` refuses it, so
/// `jaxr-optimize` leaves both out then.
pub fn has_unregistered_region_ops(module: MlirOperation) -> bool {
    let mut found = false;
    for_each_op(module, &mut |op| {
        if found || ir::regions(op).is_empty() {
            return;
        }
        let name = ir::name_of(op);
        // SAFETY: a query on the live op's context.
        found = unsafe { !mlirContextIsRegisteredOperation(mlirOperationGetContext(op), string_ref(&name)) };
    });
    found
}

/// A top-level `func.func`.
#[derive(Clone, Copy)]
struct Func {
    op: MlirOperation,
    private: bool,
    /// The entry block; `None` for a declaration.
    entry: Option<MlirBlock>,
}

fn functions(body: MlirBlock) -> Vec<(String, Func)> {
    ir::ops_of(body)
        .into_iter()
        .filter(|op| ir::name_of(*op) == "func.func")
        .filter_map(|op| {
            let name = raw::symbol_name(op)?;
            let private =
                raw::attribute(op, "sym_visibility").and_then(raw::string).as_deref() == Some("private");
            let entry = ir::regions(op).first().map(|r| ir::first_block(*r)).filter(|b| !b.ptr.is_null());
            Some((name, Func { op, private, entry }))
        })
        .collect()
}

/// Who refers to which symbol: direct calls, and names used any other way.
#[derive(Default)]
struct Uses {
    calls: HashMap<String, Vec<MlirOperation>>,
    escaping: HashSet<String>,
}

fn for_each_op(op: MlirOperation, f: &mut dyn FnMut(MlirOperation)) {
    for r in ir::regions(op) {
        let mut b = ir::first_block(r);
        while !b.ptr.is_null() {
            for inner in ir::ops_of(b) {
                f(inner);
                for_each_op(inner, f);
            }
            // SAFETY: a live block.
            b = unsafe { mlirBlockGetNextInRegion(b) };
        }
    }
}

/// The root names of the symbol references in `attr` (at any depth of arrays
/// and dictionaries).
fn symbol_refs(attr: MlirAttribute, out: &mut Vec<String>) {
    // SAFETY: reading a live attribute after checking its kind.
    unsafe {
        if mlirAttributeIsASymbolRef(attr) {
            out.push(raw::to_string(mlirSymbolRefAttrGetRootReference(attr)));
        } else if mlirAttributeIsAArray(attr) {
            for i in 0..mlirArrayAttrGetNumElements(attr) {
                symbol_refs(mlirArrayAttrGetElement(attr, i), out);
            }
        } else if mlirAttributeIsADictionary(attr) {
            for i in 0..mlirDictionaryAttrGetNumElements(attr) {
                symbol_refs(mlirDictionaryAttrGetElement(attr, i).attribute, out);
            }
        }
    }
}

/// The attributes of `op` (inherent ones included), by name.
fn named_attributes(op: MlirOperation) -> Vec<(String, MlirAttribute)> {
    // SAFETY: indices in range of a live op.
    unsafe {
        (0..mlirOperationGetNumAttributes(op))
            .map(|i| {
                let a = mlirOperationGetAttribute(op, i);
                (raw::to_string(mlirIdentifierStr(a.name)), a.attribute)
            })
            .collect()
    }
}

fn uses_of(module: MlirOperation) -> Uses {
    let mut uses = Uses::default();
    for_each_op(module, &mut |op| {
        let is_call = ir::name_of(op) == "func.call" && !in_nested_symbol_table(op, module);
        let mut refs = Vec::new();
        for (name, attr) in named_attributes(op) {
            if is_call && name == "callee" {
                match raw::flat_symbol(attr) {
                    Some(callee) => uses.calls.entry(callee).or_default().push(op),
                    None => symbol_refs(attr, &mut refs),
                }
            } else if is_call && matches!(name.as_str(), "arg_attrs" | "res_attrs") {
                // Per-argument attributes of a call: leave its callee's
                // signature alone.
                refs.extend(ir::callee_of(op));
                symbol_refs(attr, &mut refs);
            } else {
                // Any other reference, and every reference inside a nested
                // module (which may name a function of its own or ours).
                symbol_refs(attr, &mut refs);
            }
        }
        uses.escaping.extend(refs);
    });
    uses
}

/// Whether `op` lies inside a `builtin.module` nested in `module`.
fn in_nested_symbol_table(op: MlirOperation, module: MlirOperation) -> bool {
    // SAFETY: walking the parents of a live op.
    unsafe {
        let mut parent = mlirOperationGetParentOperation(op);
        while !parent.ptr.is_null() && parent.ptr != module.ptr {
            if ir::name_of(parent) == "builtin.module" {
                return true;
            }
            parent = mlirOperationGetParentOperation(parent);
        }
    }
    false
}

/// The private functions whose signature may change: a body, uses that are
/// all direct calls (at least one), operand and result counts that match.
fn closed_functions(body: MlirBlock, module: MlirOperation) -> Vec<(String, Func, Vec<MlirOperation>)> {
    let candidates: Vec<(String, Func)> =
        functions(body).into_iter().filter(|(_, f)| f.private && f.entry.is_some()).collect();
    if candidates.is_empty() {
        // Spares the walk of the whole module for its uses.
        return Vec::new();
    }
    let uses = uses_of(module);
    candidates
        .into_iter()
        .filter(|(name, _)| !uses.escaping.contains(name))
        .filter_map(|(name, f)| {
            let calls = uses.calls.get(&name)?.clone();
            let (inputs, outputs) = signature(f.op)?;
            let matches = calls
                .iter()
                .all(|c| ir::operands(*c).len() == inputs.len() && ir::results(*c).len() == outputs.len());
            let entry_args = f.entry.map(|b| ir::block_args(b).len());
            (matches && entry_args == Some(inputs.len())).then_some((name, f, calls))
        })
        .collect()
}

fn module_of(body: MlirBlock) -> MlirOperation {
    // SAFETY: a live block.
    unsafe { mlirBlockGetParentOperation(body) }
}

// ---------------------------------------------------------------- signatures

/// The input and result types of a function.
fn signature(func: MlirOperation) -> Option<(Vec<MlirType>, Vec<MlirType>)> {
    let attr = raw::attribute(func, "function_type")?;
    // SAFETY: reading a live attribute after checking its kind.
    unsafe {
        if !mlirAttributeIsAType(attr) {
            return None;
        }
        let t = mlirTypeAttrGetValue(attr);
        if !mlirTypeIsAFunction(t) {
            return None;
        }
        let inputs = (0..mlirFunctionTypeGetNumInputs(t)).map(|i| mlirFunctionTypeGetInput(t, i)).collect();
        let results =
            (0..mlirFunctionTypeGetNumResults(t)).map(|i| mlirFunctionTypeGetResult(t, i)).collect();
        Some((inputs, results))
    }
}

fn set_signature(func: MlirOperation, inputs: &[MlirType], results: &[MlirType]) {
    // SAFETY: building a type in the op's context and setting it on the live op.
    unsafe {
        let context = mlirOperationGetContext(func);
        let t = mlirFunctionTypeGet(
            context,
            inputs.len() as isize,
            inputs.as_ptr(),
            results.len() as isize,
            results.as_ptr(),
        );
        mlirOperationSetAttributeByName(func, string_ref("function_type"), mlirTypeAttrGet(t));
    }
}

/// Drops the entries at `drop` from the array attribute `name` of `op` (the
/// per-argument or per-result attributes of a function), if it has one.
fn drop_array_entries(op: MlirOperation, name: &str, drop: &HashSet<usize>) {
    let Some(attr) = raw::attribute(op, name) else { return };
    // SAFETY: reading a live array attribute and setting a new one in its context.
    unsafe {
        if !mlirAttributeIsAArray(attr) {
            return;
        }
        let kept: Vec<MlirAttribute> = (0..mlirArrayAttrGetNumElements(attr))
            .filter(|i| !drop.contains(&(*i as usize)))
            .map(|i| mlirArrayAttrGetElement(attr, i))
            .collect();
        let context = mlirAttributeGetContext(attr);
        let new = mlirArrayAttrGet(context, kept.len() as isize, kept.as_ptr());
        mlirOperationSetAttributeByName(op, string_ref(name), new);
    }
}

// ------------------------------------------------------ duplicate functions

extern "C" fn append_text(text: MlirStringRef, data: *mut c_void) {
    // SAFETY: `data` is the `String` passed to the printer below.
    let out = unsafe { &mut *(data as *mut String) };
    out.push_str(&raw::to_string(text));
}

/// The generic form of `op` without locations.
fn print_generic(op: MlirOperation) -> String {
    let mut out = String::new();
    // SAFETY: printing a live op into `out`, which outlives the call.
    unsafe {
        let flags = mlirOpPrintingFlagsCreate();
        mlirOpPrintingFlagsPrintGenericOpForm(flags);
        mlirOpPrintingFlagsUseLocalScope(flags);
        mlirOperationPrintWithFlags(op, flags, Some(append_text), &mut out as *mut String as *mut c_void);
        mlirOpPrintingFlagsDestroy(flags);
    }
    out
}

/// Removes `key = "..."` (and the comma before it) from `line`.
fn remove_string_property(line: &str, key: &str) -> String {
    let pattern = format!("{key} = \"");
    let Some(start) = line.find(&pattern) else { return line.to_string() };
    let rest = &line[start + pattern.len()..];
    let mut end = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => {
                end = Some(i);
                break;
            }
            _ => escaped = false,
        }
    }
    let Some(end) = end else { return line.to_string() };
    let mut before = line[..start].to_string();
    if before.ends_with(", ") {
        before.truncate(before.len() - 2);
    }
    format!("{before}{}", &rest[end + 1..])
}

/// A function's definition without its name and visibility.
fn fingerprint(func: MlirOperation) -> String {
    let text = print_generic(func);
    let (head, tail) = text.split_once('\n').unwrap_or((&text, ""));
    let head = remove_string_property(&remove_string_property(head, "sym_name"), "sym_visibility");
    format!("{head}\n{tail}")
}

/// A cheap summary of a function's body (its op names in order, hashed, and
/// their count): functions that differ here cannot be identical, so only
/// those that agree are printed for [`fingerprint`].
fn shape_key(func: MlirOperation) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let mut count = 0;
    for_each_op(func, &mut |op| {
        ir::name_of(op).hash(&mut hasher);
        count += 1;
    });
    (count, hasher.finish())
}

fn merge_duplicate_functions(module: MlirOperation, body: MlirBlock, stats: &mut Stats) {
    let defined: Vec<(String, Func)> =
        functions(body).into_iter().filter(|(_, f)| f.entry.is_some()).collect();
    if !defined.iter().any(|(_, f)| f.private) {
        return;
    }
    let keys: Vec<(usize, u64)> = defined.iter().map(|(_, f)| shape_key(f.op)).collect();
    // Per key: how many functions, and whether one of them is private (only
    // a private function can be merged into another, so a group of public
    // functions is not printed at all).
    let mut seen: HashMap<(usize, u64), (usize, bool)> = HashMap::new();
    for (k, (_, f)) in keys.iter().zip(&defined) {
        let entry = seen.entry(*k).or_default();
        entry.0 += 1;
        entry.1 |= f.private;
    }
    let mut first: HashMap<String, String> = HashMap::new();
    for ((name, f), k) in defined.into_iter().zip(&keys) {
        let (count, any_private) = seen[k];
        if count < 2 || !any_private {
            continue;
        }
        let key = fingerprint(f.op);
        match first.get(&key) {
            Some(kept) if f.private => {
                // SAFETY: renaming symbol uses inside the live module, then
                // erasing the function no one names any more.
                let renamed = unsafe {
                    mlirSymbolTableReplaceAllSymbolUses(string_ref(&name), string_ref(kept), module).value
                        != 0
                };
                if renamed {
                    ir::erase(f.op);
                    stats.functions_merged += 1;
                }
            }
            Some(_) => {}
            None => {
                first.insert(key, name);
            }
        }
    }
}

// ---------------------------------------------------------------- effects

/// The functions that have side effects: an op that is neither pure, nor a
/// terminator, nor an op with regions (whose effects are those of its
/// regions' ops), at any depth, or a call of such a function or of one
/// without a body in the module.
fn effectful_functions(body: MlirBlock) -> HashSet<String> {
    let funcs = functions(body);
    let mut callees: HashMap<String, Vec<String>> = HashMap::new();
    let mut effectful = HashSet::new();
    for (name, f) in &funcs {
        let mut own = f.entry.is_none();
        let mut calls = Vec::new();
        for_each_op(f.op, &mut |op| {
            let n = ir::name_of(op);
            match n.as_str() {
                "func.call" => match ir::callee_of(op) {
                    Some(c) => calls.push(c),
                    None => own = true,
                },
                "func.return" => {}
                _ => match op_table::record(&n) {
                    Some(r) if r.pure || r.terminator || !r.regions.is_empty() => {}
                    _ => own = true,
                },
            }
        });
        if own {
            effectful.insert(name.clone());
        }
        callees.insert(name.clone(), calls);
    }
    loop {
        let mut changed = false;
        for (name, calls) in &callees {
            if !effectful.contains(name)
                && calls.iter().any(|c| effectful.contains(c) || !callees.contains_key(c))
            {
                effectful.insert(name.clone());
                changed = true;
            }
        }
        if !changed {
            return effectful;
        }
    }
}

// ------------------------------------------------------ constant arguments

/// The constant op defining `v`, if any.
fn constant_of(v: MlirValue) -> Option<MlirOperation> {
    ir::defining_op(v).filter(|op| is_constant(*op))
}

fn propagate_constant_arguments(body: MlirBlock, stats: &mut Stats) -> Result<(), Diag> {
    let closed = closed_functions(body, module_of(body));
    if closed.is_empty() {
        return Ok(());
    }
    let effectful = effectful_functions(body);
    for (name, f, calls) in closed {
        if effectful.contains(&name) {
            continue;
        }
        let Some(entry) = f.entry else { continue };
        let args = ir::block_args(entry);
        let mut moved = HashSet::new();
        for (i, arg) in args.iter().enumerate() {
            // Recursive calls that pass the argument along unchanged agree
            // with every constant.
            let outside: Vec<MlirOperation> =
                calls.iter().copied().filter(|c| ir::operands(*c)[i].ptr != arg.ptr).collect();
            let Some(first) = outside.first().and_then(|c| constant_of(ir::operands(*c)[i])) else {
                continue;
            };
            let all_same = outside
                .iter()
                .all(|c| constant_of(ir::operands(*c)[i]).is_some_and(|k| same_constant(k, first)));
            if !all_same {
                continue;
            }
            // SAFETY: cloning a live constant op (no operands) into the start
            // of the callee's entry block.
            let clone = unsafe {
                let clone = mlirOperationClone(first);
                mlirBlockInsertOwnedOperation(entry, 0, clone);
                clone
            };
            ir::replace_uses(*arg, ir::results(clone)[0]);
            moved.insert(i);
        }
        if !moved.is_empty() {
            stats.constants_propagated += moved.len();
            drop_arguments(f, &calls, &moved)?;
        }
    }
    Ok(())
}

// ------------------------------------------------- dead results and arguments

/// Drops the (unused) arguments `drop` of `f` and the matching operands of
/// its calls; constants at call sites that lose their last use are erased.
fn drop_arguments(f: Func, calls: &[MlirOperation], drop: &HashSet<usize>) -> Result<(), Diag> {
    let Some(entry) = f.entry else { return Ok(()) };
    let (inputs, results) = signature(f.op)
        .ok_or_else(|| Diag::at_op(f.op, "jaxr-module-opt: a function without a function type"))?;
    let mut dropped = Vec::new();
    for call in calls {
        let operands = ir::operands(*call);
        ir::set_operands(*call, &keep(&operands, drop));
        dropped.extend(operands.iter().enumerate().filter(|(i, _)| drop.contains(i)).map(|(_, v)| *v));
    }
    // Each value once: a constant erased is not looked at again.
    let mut seen = HashSet::new();
    for v in dropped {
        if seen.insert(v.ptr as usize) && !ir::has_uses(v) {
            if let Some(k) = constant_of(v) {
                ir::erase(k);
            }
        }
    }
    let args = ir::block_args(entry);
    if drop.iter().any(|i| ir::has_uses(args[*i])) {
        return Err(Diag::at_op(f.op, "jaxr-module-opt: internal error: dropping a used argument"));
    }
    let mut indices: Vec<usize> = drop.iter().copied().collect();
    indices.sort_unstable_by(|a, b| b.cmp(a));
    for i in indices {
        // SAFETY: erasing an unused argument of a live block.
        unsafe { mlirBlockEraseArgument(entry, i as u32) };
    }
    set_signature(f.op, &keep(&inputs, drop), &results);
    drop_array_entries(f.op, "arg_attrs", drop);
    Ok(())
}

fn drop_dead_arguments(body: MlirBlock, stats: &mut Stats) -> Result<(), Diag> {
    for (_, f, calls) in closed_functions(body, module_of(body)) {
        let Some(entry) = f.entry else { continue };
        let dead: HashSet<usize> = ir::block_args(entry)
            .iter()
            .enumerate()
            .filter(|(i, a)| only_passed_along(**a, *i, &calls))
            .map(|(i, _)| i)
            .collect();
        if !dead.is_empty() {
            stats.arguments_dropped += dead.len();
            drop_arguments(f, &calls, &dead)?;
        }
    }
    Ok(())
}

/// Whether every use of the argument `arg` (number `i`) is as operand `i` of
/// one of `calls` (recursive calls passing it along); true without uses.
fn only_passed_along(arg: MlirValue, i: usize, calls: &[MlirOperation]) -> bool {
    // SAFETY: walking the use list of a live value.
    unsafe {
        let mut u = mlirValueGetFirstUse(arg);
        while !mlirOpOperandIsNull(u) {
            let owner = mlirOpOperandGetOwner(u);
            if mlirOpOperandGetOperandNumber(u) as usize != i || !calls.iter().any(|c| c.ptr == owner.ptr) {
                return false;
            }
            u = mlirOpOperandGetNextUse(u);
        }
    }
    true
}

/// The `func.return` ops of a function (the terminators of its blocks).
fn returns_of(func: MlirOperation) -> Vec<MlirOperation> {
    let mut out = Vec::new();
    for r in ir::regions(func) {
        let mut b = ir::first_block(r);
        while !b.ptr.is_null() {
            out.extend(ir::ops_of(b).into_iter().filter(|op| ir::name_of(*op) == "func.return"));
            // SAFETY: a live block.
            b = unsafe { mlirBlockGetNextInRegion(b) };
        }
    }
    out
}

fn drop_dead_results(body: MlirBlock, stats: &mut Stats) -> Result<(), Diag> {
    for (_, f, calls) in closed_functions(body, module_of(body)) {
        let Some((inputs, results)) = signature(f.op) else { continue };
        let dead: HashSet<usize> =
            (0..results.len()).filter(|j| calls.iter().all(|c| !ir::has_uses(ir::results(*c)[*j]))).collect();
        if dead.is_empty() {
            continue;
        }
        let returns = returns_of(f.op);
        if returns.iter().any(|r| ir::operands(*r).len() != results.len()) {
            continue;
        }
        for r in returns {
            ir::set_operands(r, &keep(&ir::operands(r), &dead));
        }
        for call in &calls {
            replace_call(*call, &dead);
        }
        set_signature(f.op, &inputs, &keep(&results, &dead));
        drop_array_entries(f.op, "res_attrs", &dead);
        stats.results_dropped += dead.len();
    }
    Ok(())
}

/// Replaces `call` by the same call without the (unused) results `dead`.
fn replace_call(call: MlirOperation, dead: &HashSet<usize>) {
    let results = ir::results(call);
    let kept = keep(&results, dead);
    // SAFETY: reading types of live values.
    let types: Vec<MlirType> = kept.iter().map(|v| unsafe { mlirValueGetType(*v) }).collect();
    // SAFETY: building a call with the old one's operands and attributes,
    // inserting it before the old one, moving the uses, erasing the old one.
    unsafe {
        let context = mlirOperationGetContext(call);
        let mut state =
            mlirOperationStateGet(mlirIdentifierStr(mlirOperationGetName(call)), ir::location_of(call));
        let operands = ir::operands(call);
        mlirOperationStateAddOperands(&mut state, operands.len() as isize, operands.as_ptr());
        mlirOperationStateAddResults(&mut state, types.len() as isize, types.as_ptr());
        let attrs: Vec<MlirNamedAttribute> = named_attributes(call)
            .into_iter()
            .map(|(n, a)| mlirNamedAttributeGet(mlirIdentifierGet(context, string_ref(&n)), a))
            .collect();
        mlirOperationStateAddAttributes(&mut state, attrs.len() as isize, attrs.as_ptr());
        let new = mlirOperationCreate(&mut state);
        mlirBlockInsertOwnedOperationBefore(mlirOperationGetBlock(call), call, new);
        for (old, v) in kept.iter().zip(ir::results(new)) {
            ir::replace_uses(*old, v);
        }
    }
    ir::erase(call);
}

// ---------------------------------------------------------- constants

/// Whether ops nested in `op`'s regions may use values defined outside it.
fn sees_above(op: MlirOperation) -> bool {
    let name = ir::name_of(op);
    match op_table::record(&name) {
        Some(r) => !r.isolated_from_above,
        None => false,
    }
}

/// Merges equal constants in the scope whose entry block is `entry`: the
/// entry block and the regions below it that see values from above. The
/// first of each value is hoisted to the start of `entry`; regions isolated
/// from above are scopes of their own.
fn merge_constants_in_scope(entry: MlirBlock, stats: &mut Stats) {
    let mut constants: Vec<MlirOperation> = Vec::new();
    let mut inner_scopes: Vec<MlirBlock> = Vec::new();
    fn collect(block: MlirBlock, constants: &mut Vec<MlirOperation>, scopes: &mut Vec<MlirBlock>) {
        for op in ir::ops_of(block) {
            if is_constant(op) {
                constants.push(op);
            }
            let see = sees_above(op);
            for r in ir::regions(op) {
                let mut b = ir::first_block(r);
                while !b.ptr.is_null() {
                    if see {
                        collect(b, constants, scopes);
                    } else {
                        // The region's first block; its other blocks are
                        // visited with it.
                        scopes.push(b);
                        break;
                    }
                    // SAFETY: a live block.
                    b = unsafe { mlirBlockGetNextInRegion(b) };
                }
            }
        }
    }
    // The entry block dominates the other blocks of its region: they are part
    // of the scope too.
    let mut b = entry;
    while !b.ptr.is_null() {
        collect(b, &mut constants, &mut inner_scopes);
        // SAFETY: a live block.
        b = unsafe { mlirBlockGetNextInRegion(b) };
    }
    // The kept constants in order of first appearance, hoisted in that order.
    let mut kept: Vec<MlirOperation> = Vec::new();
    for op in constants {
        if let Some(k) = kept.iter().find(|k| raw::same_constant_value(**k, op)) {
            ir::replace_uses(ir::results(op)[0], ir::results(*k)[0]);
            ir::erase(op);
            stats.constants_merged += 1;
        } else {
            kept.push(op);
        }
    }
    let first = ir::ops_of(entry).into_iter().find(|op| !kept.iter().any(|k| k.ptr == op.ptr));
    for k in &kept {
        // SAFETY: moving a constant op (no operands) within the live scope,
        // to before the first op that is not a kept constant.
        unsafe {
            match first {
                Some(f) => mlirOperationMoveBefore(*k, f),
                None => {
                    mlirOperationRemoveFromParent(*k);
                    mlirBlockAppendOwnedOperation(entry, *k);
                }
            }
        }
    }
    for s in inner_scopes {
        merge_constants_in_scope(s, stats);
    }
}

#[cfg(test)]
mod tests {
    use super::remove_string_property;

    #[test]
    fn properties_are_removed_from_the_header() {
        let head =
            r#""func.func"() <{function_type = () -> (), sym_name = "a\"b", sym_visibility = "private"}> ({"#;
        let out = remove_string_property(&remove_string_property(head, "sym_name"), "sym_visibility");
        assert_eq!(out, r#""func.func"() <{function_type = () -> ()}> ({"#);
        assert_eq!(remove_string_property("x", "sym_name"), "x");
    }
}
