//! The collectives of a shard_map body (`sdy.manual_computation`) under
//! differentiation, with JAX's rules: psum (`stablehlo.all_reduce` with an
//! add), all_gather, psum_scatter (`reduce_scatter`), ppermute
//! (`collective_permute`) and all_to_all. Each is linear, so its tangent is
//! the same collective of the operand's tangent; its transpose is:
//!
//! | forward      | transpose                                             |
//! |--------------|-------------------------------------------------------|
//! | psum         | the cotangent itself (JAX's pvary)                    |
//! | all_gather   | this device's block of the cotangent (dynamic slice)  |
//! | psum_scatter | all_gather of the cotangent                           |
//! | ppermute     | ppermute back (the pairs swapped)                     |
//! | all_to_all   | all_to_all with the split and concat dimensions swapped |
//!
//! These transposes hold under JAX's typing of values in a manual region
//! (check_vma): each value either varies over a mesh axis or is the same on
//! every device along it ("invariant"), and an invariant value's cotangent
//! counts once. StableHLO does not write that typing, so [`ManualScope`]
//! infers it: a body argument varies over the axes its in_sharding splits
//! it by, psum and all_gather make their results invariant over their
//! axes, psum_scatter, ppermute and all_to_all make them vary, any other op
//! varies where its operands do. Where an op used an operand as varying over
//! more axes than the operand does (JAX inserts a pvary there), the
//! operand's cotangent is summed over those axes: the transpose of pvary is
//! psum ([`ManualScope::contribution_axes`], applied by the reverse sweep).

use std::collections::{HashMap, HashSet};

use jaxr_dialect::{BinaryOp, ElemType, Primitive, TensorType};
use melior::ir::attribute::AttributeLike;
use mlir_sys::*;

use crate::emit::{key, type_of, Emitter};
use crate::ir::{self, Diag};
use crate::sweep::{accumulate, Derivs};

/// The collectives with derivative rules.
pub fn is_collective(name: &str) -> bool {
    matches!(
        name,
        "stablehlo.all_reduce"
            | "stablehlo.all_gather"
            | "stablehlo.reduce_scatter"
            | "stablehlo.collective_permute"
            | "stablehlo.all_to_all"
    )
}

/// A fully manual region over a mesh whose devices are `0..n` in row-major
/// order (Shardy's default), and which mesh axes each of its values varies
/// over (bit `i`: axis `i`).
#[derive(Clone, Debug, Default)]
pub struct ManualScope {
    /// The mesh's axis sizes, major to minor.
    pub sizes: Vec<i64>,
    /// Value -> the axes it varies over.
    pub varying: HashMap<usize, u64>,
    /// Integer values computed from partition_id (JAX's axis_index), per
    /// device: they vary only over the axes along which they change.
    per_device: HashMap<usize, Vec<i64>>,
}

impl ManualScope {
    /// A region over a mesh of these axis sizes; nothing analyzed yet.
    pub fn new(sizes: Vec<i64>) -> Self {
        ManualScope { sizes, ..Default::default() }
    }

    fn devices(&self) -> i64 {
        self.sizes.iter().product()
    }

    /// Device `d`'s coordinate along each axis.
    fn coords(&self, d: i64) -> Vec<i64> {
        let mut rest = d;
        let mut out = vec![0; self.sizes.len()];
        for (i, s) in self.sizes.iter().enumerate().rev() {
            out[i] = rest % s;
            rest /= s;
        }
        out
    }

    /// The device groups of a collective over the axes in `mask`: devices
    /// that agree on every other axis, each group in row-major order.
    pub fn groups_for(&self, mask: u64) -> Vec<Vec<i64>> {
        let mut groups: Vec<(Vec<i64>, Vec<i64>)> = Vec::new();
        for d in 0..self.devices() {
            let c = self.coords(d);
            let rest: Vec<i64> = (0..c.len()).filter(|i| mask & (1 << i) == 0).map(|i| c[i]).collect();
            match groups.iter_mut().find(|(k, _)| *k == rest) {
                Some((_, g)) => g.push(d),
                None => groups.push((rest, vec![d])),
            }
        }
        groups.into_iter().map(|(_, g)| g).collect()
    }

    /// The axes whose groups these are.
    pub fn axes_of_groups(&self, groups: &[Vec<i64>]) -> Option<u64> {
        let canonical = |gs: &[Vec<i64>]| {
            let mut sets: Vec<Vec<i64>> = gs
                .iter()
                .map(|g| {
                    let mut g = g.clone();
                    g.sort_unstable();
                    g
                })
                .collect();
            sets.sort();
            sets
        };
        let want = canonical(groups);
        (0..1u64 << self.sizes.len()).find(|&mask| canonical(&self.groups_for(mask)) == want)
    }

    /// The axes a collective works across.
    pub fn collective_axes(&self, op: MlirOperation) -> Result<u64, String> {
        if ir::name_of(op) == "stablehlo.collective_permute" {
            let pairs = int_matrix(op, "source_target_pairs")?;
            let mut mask = 0;
            for pair in &pairs {
                let (a, b) = (self.coords(pair[0]), self.coords(pair[1]));
                for i in 0..a.len() {
                    if a[i] != b[i] {
                        mask |= 1 << i;
                    }
                }
            }
            return Ok(mask);
        }
        let groups = int_matrix(op, "replica_groups")?;
        self.axes_of_groups(&groups).ok_or_else(|| {
            format!("its replica groups {groups:?} are not the groups of any set of the mesh's axes")
        })
    }

    /// The axes `v` varies over (none for a value the analysis did not see).
    pub fn axes_of(&self, v: MlirValue) -> u64 {
        self.varying.get(&key(v)).copied().unwrap_or(0)
    }

    fn of(&self, v: MlirValue) -> u64 {
        self.axes_of(v)
    }

    /// Whether devices `a` and `b` have the same coordinates on the axes of `mask`.
    pub fn agree_on(&self, a: i64, b: i64, mask: u64) -> bool {
        let (ca, cb) = (self.coords(a), self.coords(b));
        (0..ca.len()).all(|i| mask & (1 << i) == 0 || ca[i] == cb[i])
    }

    /// The axes along which per-device values change.
    pub fn axes_changing(&self, values: &[i64]) -> u64 {
        let mut mask = 0;
        for d in 0..self.devices() {
            let c = self.coords(d);
            for (i, size) in self.sizes.iter().enumerate() {
                // The device one step along axis i.
                let stride: i64 = self.sizes[i + 1..].iter().product();
                let next = d + (((c[i] + 1) % size) - c[i]) * stride;
                if values[d as usize] != values[next as usize] {
                    mask |= 1 << i;
                }
            }
        }
        mask
    }

    /// Each device's value of `op`'s result, for integer scalar arithmetic
    /// on partition_id and constants (how JAX writes axis_index).
    fn evaluate(&self, op: MlirOperation) -> Option<Vec<i64>> {
        let name = ir::name_of(op);
        let operands = ir::operands(op);
        let known = |i: usize| operands.get(i).and_then(|v| self.per_device.get(&key(*v)));
        let n = self.devices() as usize;
        let binary = |f: &dyn Fn(i64, i64) -> Option<i64>| -> Option<Vec<i64>> {
            let (a, b) = (known(0)?, known(1)?);
            a.iter().zip(b).map(|(x, y)| f(*x, *y)).collect()
        };
        match name.trim_start_matches("stablehlo.").trim_start_matches("jaxr.") {
            "partition_id" => Some((0..n as i64).collect()),
            "constant" => ir::splat_int(ir::results(op)[0]).map(|c| vec![c; n]),
            "divide" | "div" => binary(&|x, y| x.checked_div(y)),
            "remainder" | "rem" => binary(&|x, y| x.checked_rem(y)),
            "add" => binary(&|x, y| x.checked_add(y)),
            "subtract" | "sub" => binary(&|x, y| x.checked_sub(y)),
            "multiply" | "mul" => binary(&|x, y| x.checked_mul(y)),
            "convert" | "convert_element_type" | "broadcast_in_dim" | "reshape" => known(0).cloned(),
            _ => None,
        }
    }

    /// Infers what each value of `block` varies over, its arguments varying
    /// as `args` says.
    pub fn analyze(&mut self, block: MlirBlock, args: &[u64]) -> Result<(), String> {
        for (a, m) in ir::block_args(block).iter().zip(args) {
            self.varying.insert(key(*a), *m);
        }
        self.analyze_ops(block)
    }

    fn analyze_ops(&mut self, block: MlirBlock) -> Result<(), String> {
        for op in ir::ops_of(block) {
            let name = ir::name_of(op);
            let inputs: u64 = ir::inputs_of(op).iter().fold(0, |m, v| m | self.of(*v));
            if let Some(values) = self.evaluate(op) {
                let mask = self.axes_changing(&values);
                for r in ir::results(op) {
                    self.varying.insert(key(r), mask);
                    self.per_device.insert(key(r), values.clone());
                }
                continue;
            }
            if is_pass_through(&name) {
                // Each result is its operand.
                for (r, x) in ir::results(op).iter().zip(ir::operands(op)) {
                    let m = self.of(x);
                    self.varying.insert(key(*r), m);
                }
                continue;
            }
            if name == "jaxr.while" {
                self.analyze_loop(op)?;
                continue;
            }
            if name == "jaxr.cond" {
                // Each result varies where the index or any branch's value does.
                let mut masks = vec![inputs; ir::results(op).len()];
                for region in ir::regions(op) {
                    let branch = ir::first_block(region);
                    self.analyze_ops(branch)?;
                    if let Some(y) = ir::ops_of(branch).last() {
                        for (m, v) in masks.iter_mut().zip(ir::operands(*y)) {
                            *m |= self.of(v);
                        }
                    }
                }
                for (r, m) in ir::results(op).iter().zip(masks) {
                    self.varying.insert(key(*r), m);
                }
                continue;
            }
            let mask = match name.as_str() {
                "stablehlo.all_reduce" | "stablehlo.all_gather" => {
                    inputs & !self.collective_axes(op).map_err(|e| format!("{name}: {e}"))?
                }
                "stablehlo.reduce_scatter" | "stablehlo.collective_permute" | "stablehlo.all_to_all" => {
                    inputs | self.collective_axes(op).map_err(|e| format!("{name}: {e}"))?
                }
                "stablehlo.replica_id" => (1 << self.sizes.len()) - 1,
                _ => {
                    // Nested blocks see what their op's operands vary over;
                    // the results vary wherever anything inside does.
                    let mut mask = inputs;
                    for region in ir::regions(op) {
                        let inner = ir::first_block(region);
                        if inner.ptr.is_null() {
                            continue;
                        }
                        for a in ir::block_args(inner) {
                            self.varying.insert(key(a), inputs);
                        }
                        self.analyze_ops(inner)?;
                        for o in ir::ops_of(inner) {
                            mask |= ir::results(o).iter().fold(0, |m, v| m | self.of(*v));
                        }
                    }
                    mask
                }
            };
            for r in ir::results(op) {
                self.varying.insert(key(r), mask);
            }
        }
        Ok(())
    }

    /// A loop's carries vary where their first values or any iteration's
    /// do (to a fixed point, as JAX types loop carries).
    fn analyze_loop(&mut self, op: MlirOperation) -> Result<(), String> {
        let regions = ir::regions(op);
        let (cond, body) = (ir::first_block(regions[0]), ir::first_block(regions[1]));
        let mut masks: Vec<u64> = ir::operands(op).iter().map(|v| self.of(*v)).collect();
        loop {
            for block in [cond, body] {
                for (a, m) in ir::block_args(block).iter().zip(&masks) {
                    self.varying.insert(key(*a), *m);
                }
                self.analyze_ops(block)?;
            }
            let yields = ir::ops_of(body).last().map(|y| ir::operands(*y)).unwrap_or_default();
            let next: Vec<u64> = masks.iter().zip(&yields).map(|(m, y)| m | self.of(*y)).collect();
            if next == masks {
                break;
            }
            masks = next;
        }
        for (r, m) in ir::results(op).iter().zip(masks) {
            self.varying.insert(key(*r), m);
        }
        Ok(())
    }

    /// Types `copy` (and what it nests) as `original`, of which it is a
    /// clone: the same ops in the same order.
    pub fn copy_typing(&mut self, original: MlirOperation, copy: MlirOperation) {
        for (a, b) in ir::results(original).iter().zip(ir::results(copy)) {
            if let Some(m) = self.varying.get(&key(*a)).copied() {
                self.varying.insert(key(b), m);
            }
        }
        self.copy_region_typing(original, copy);
    }

    /// [`ManualScope::copy_typing`] of the regions alone (`copy` has other results).
    pub fn copy_region_typing(&mut self, original: MlirOperation, copy: MlirOperation) {
        for (ra, rb) in ir::regions(original).into_iter().zip(ir::regions(copy)) {
            let (ba, bb) = (ir::first_block(ra), ir::first_block(rb));
            if ba.ptr.is_null() || bb.ptr.is_null() {
                continue;
            }
            for (a, b) in ir::block_args(ba).iter().zip(ir::block_args(bb)) {
                if let Some(m) = self.varying.get(&key(*a)).copied() {
                    self.varying.insert(key(b), m);
                }
            }
            for (oa, ob) in ir::ops_of(ba).into_iter().zip(ir::ops_of(bb)) {
                self.copy_typing(oa, ob);
            }
        }
    }

    /// Types `v` as varying over `axes`.
    pub fn set_axes(&mut self, v: MlirValue, axes: u64) {
        self.varying.insert(key(v), axes);
    }

    /// The axes over which `op` used its input `x` as varying: its
    /// results' for an ordinary op (an operand varying over fewer was
    /// broadcast, a pvary), the operand's and the collective's own for a
    /// collective, the matching result's for a pass-through (a barrier).
    pub fn contribution_axes(&self, op: MlirOperation, x: MlirValue) -> u64 {
        let name = ir::name_of(op);
        // A loop's first carries flow into its results; the cotangents of
        // what a loop or cond captures were summed inside, by the sweep of
        // its body.
        if name == "jaxr.cond" {
            return self.of(x);
        }
        if is_pass_through(&name) || name == "jaxr.while" {
            let pairs = ir::operands(op).into_iter().zip(ir::results(op));
            return pairs.filter(|(o, _)| key(*o) == key(x)).fold(self.of(x), |m, (_, r)| m | self.of(r));
        }
        let inputs: u64 = ir::inputs_of(op).iter().fold(0, |m, v| m | self.of(*v));
        if is_collective(&name) {
            self.of(x) | self.collective_axes(op).unwrap_or(0)
        } else {
            ir::results(op).iter().fold(inputs, |m, v| m | self.of(*v))
        }
    }

    /// `ct`, a cotangent that `op` gave its input `of`, summed over the
    /// axes `op` used `of` as varying over but `of` does not vary over.
    pub fn settle(
        &self,
        em: &mut Emitter,
        channels: &mut Channels,
        op: MlirOperation,
        of: MlirValue,
        ct: MlirValue,
    ) -> Result<MlirValue, String> {
        self.seed(em, channels, self.contribution_axes(op, of), of, ct)
    }

    /// `ct`, a cotangent that reaches `value` from where it varies over
    /// `axes` (a carry, a cond result, a returned block), summed over those
    /// of `axes` that `value` does not vary over (the transpose of pvary).
    pub fn seed(
        &self,
        em: &mut Emitter,
        channels: &mut Channels,
        axes: u64,
        value: MlirValue,
        ct: MlirValue,
    ) -> Result<MlirValue, String> {
        let extra = axes & !self.of(value);
        if extra == 0 {
            return Ok(ct);
        }
        psum(em, channels, ct, &self.groups_for(extra))
    }
}

/// The replica groups of the collectives in `func` and the functions it
/// calls (what a mesh for them must have as axes).
pub fn replica_groups_within(d: &crate::function::Deriver, func: MlirOperation) -> Vec<Vec<Vec<i64>>> {
    let mut out = Vec::new();
    let mut todo = vec![func];
    let mut seen = HashSet::new();
    while let Some(f) = todo.pop() {
        if !seen.insert(f.ptr as usize) {
            continue;
        }
        for op in ir::nested_ops(f, &is_collective) {
            if let Ok(groups) = int_matrix(op, "replica_groups") {
                out.push(groups);
            }
        }
        for call in ir::nested_ops(f, &|n: &str| n == "func.call") {
            if let Some(callee) = ir::callee_of(call).and_then(|c| d.function(&c)) {
                todo.push(callee);
            }
        }
    }
    out
}

/// Ops whose results are their operands, one for one (a barrier only fences).
fn is_pass_through(name: &str) -> bool {
    matches!(name, "jaxr.optimization_barrier" | "stablehlo.optimization_barrier")
}

/// Fresh channel handles for new collectives of a module (XLA wants one
/// per collective).
#[derive(Debug)]
pub struct Channels {
    module: MlirOperation,
    next: Option<i64>,
}

impl Channels {
    /// Handles for new collectives of `module`.
    pub fn new(module: MlirOperation) -> Self {
        Channels { module, next: None }
    }

    /// A handle no collective of the module uses yet.
    pub fn fresh(&mut self) -> i64 {
        let module = self.module;
        let next = *self.next.get_or_insert_with(|| largest_channel(module) + 1);
        self.next = Some(next + 1);
        next
    }

    /// Gives every collective nested in `op` (copies of others) a fresh handle.
    pub fn renumber(&mut self, context: &melior::Context, op: MlirOperation) -> Result<(), String> {
        for inner in ir::nested_ops(op, &is_collective) {
            if jaxr_dialect::raw::attribute(inner, "channel_handle").is_some() {
                crate::function::set_attr(inner, "channel_handle", self.fresh_attr(context)?);
            }
        }
        Ok(())
    }

    /// `#stablehlo.channel_handle<...>` of a fresh handle.
    pub fn fresh_attr(&mut self, context: &melior::Context) -> Result<MlirAttribute, String> {
        let handle = self.fresh();
        parse_attr(context, &format!("#stablehlo.channel_handle<handle = {handle}, type = 1>"))
    }
}

fn largest_channel(module: MlirOperation) -> i64 {
    let mut largest = 0;
    for op in ir::nested_ops(module, &|n| n.starts_with("stablehlo.")) {
        if let Some(text) = jaxr_dialect::raw::attribute_text(op, "channel_handle") {
            let handle = text
                .split("handle = ")
                .nth(1)
                .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
                .and_then(|n| n.parse::<i64>().ok());
            largest = largest.max(handle.unwrap_or(0));
        }
    }
    largest
}

/// The rows of a 2-D integer attribute (`replica_groups`, `source_target_pairs`).
fn int_matrix(op: MlirOperation, name: &str) -> Result<Vec<Vec<i64>>, String> {
    let attr = jaxr_dialect::raw::attribute(op, name).ok_or_else(|| format!("no '{name}'"))?;
    let values =
        jaxr_dialect::raw::dense_i64(attr, 1 << 16).ok_or_else(|| format!("'{name}' is not dense i64"))?;
    // SAFETY: a dense attribute's shaped type.
    let cols = unsafe {
        let ty = mlirAttributeGetType(attr);
        if mlirShapedTypeGetRank(ty) != 2 {
            return Err(format!("'{name}' is not a matrix"));
        }
        mlirShapedTypeGetDimSize(ty, 1).max(1) as usize
    };
    Ok(values.chunks(cols).map(<[i64]>::to_vec).collect())
}

fn parse_attr(context: &melior::Context, text: &str) -> Result<MlirAttribute, String> {
    melior::ir::Attribute::parse(context, text)
        .map(|a| a.to_raw())
        .ok_or_else(|| format!("cannot build {text}"))
}

fn groups_attr(context: &melior::Context, groups: &[Vec<i64>]) -> Result<MlirAttribute, String> {
    let rows: Vec<String> = groups
        .iter()
        .map(|g| format!("[{}]", g.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")))
        .collect();
    let cols = groups.first().map_or(0, Vec::len);
    parse_attr(context, &format!("dense<[{}]> : tensor<{}x{}xi64>", rows.join(", "), groups.len(), cols))
}

/// A copy of the collective `op` on `operand` (result type `ty`), with a
/// fresh channel, and `attrs` replaced.
fn copy_collective(
    em: &mut Emitter,
    channels: &mut Channels,
    op: MlirOperation,
    operand: MlirValue,
    ty: &TensorType,
    attrs: &[(&str, MlirAttribute)],
) -> Result<MlirValue, String> {
    let copy = ir::clone_with(op, &HashMap::new());
    // SAFETY: a detached copy with one operand and one result.
    unsafe {
        mlirOperationSetOperand(copy, 0, operand);
        mlirValueSetType(ir::results(copy)[0], ir::mlir_type(em.context(), ty));
    }
    if jaxr_dialect::raw::attribute(op, "channel_handle").is_some() {
        crate::function::set_attr(copy, "channel_handle", channels.fresh_attr(em.context())?);
    }
    for (name, attr) in attrs {
        crate::function::set_attr(copy, name, *attr);
    }
    em.insert(copy);
    Ok(ir::results(copy)[0])
}

/// psum of `value` over `groups`: a new `stablehlo.all_reduce` adding.
pub fn psum(
    em: &mut Emitter,
    channels: &mut Channels,
    value: MlirValue,
    groups: &[Vec<i64>],
) -> Result<MlirValue, String> {
    let context = em.context();
    let ty = type_of(value)?;
    let scalar = ir::mlir_type(context, &TensorType::new(Vec::<i64>::new(), ty.elem));
    let loc = em.location();
    let attrs = [
        ("replica_groups", groups_attr(context, groups)?),
        ("channel_handle", channels.fresh_attr(context)?),
        ("use_global_device_ids", parse_attr(context, "unit")?),
    ];
    let op = ir::create_op(
        context,
        "stablehlo.all_reduce",
        loc,
        &[value],
        &[ir::mlir_type(context, &ty)],
        &attrs,
        1,
    );
    // SAFETY: a new block owning the reducer's ops, given to the new op's region.
    unsafe {
        let block = mlirBlockCreate(2, [scalar, scalar].as_ptr(), [loc, loc].as_ptr());
        let args = ir::block_args(block);
        let add = ir::create_op(context, "stablehlo.add", loc, &args, &[scalar], &[], 0);
        mlirBlockAppendOwnedOperation(block, add);
        let ret = ir::create_op(context, "stablehlo.return", loc, &ir::results(add), &[], &[], 0);
        mlirBlockAppendOwnedOperation(block, ret);
        mlirRegionAppendOwnedBlock(ir::regions(op)[0], block);
    }
    em.insert(op);
    Ok(ir::results(op)[0])
}

/// Whether an all_reduce (or reduce_scatter) adds: its reducer is one add.
fn adds(op: MlirOperation) -> bool {
    let block = ir::first_block(ir::regions(op)[0]);
    let ops = ir::ops_of(block);
    ops.len() == 2 && matches!(ir::name_of(ops[0]).as_str(), "stablehlo.add" | "jaxr.add")
}

fn single(op: MlirOperation) -> Result<(MlirValue, MlirValue), Diag> {
    match (ir::operands(op).as_slice(), ir::results(op).as_slice()) {
        ([x], [y]) => Ok((*x, *y)),
        _ => Err(Diag::at_op(op, "a collective with other than one operand and one result")),
    }
}

fn reduction_checked(op: MlirOperation) -> Result<(), Diag> {
    let name = ir::name_of(op);
    if matches!(name.as_str(), "stablehlo.all_reduce" | "stablehlo.reduce_scatter") && !adds(op) {
        return Err(Diag::at_op(
            op,
            format!(
                "cannot differentiate '{name}' with a reducer other than add (as JAX, only psum is linear)"
            ),
        ));
    }
    Ok(())
}

/// Forward mode: the same collective of the tangent.
pub fn jvp(
    em: &mut Emitter,
    channels: &mut Channels,
    op: MlirOperation,
    tangents: &mut Derivs,
) -> Result<(), Diag> {
    reduction_checked(op)?;
    let (x, y) = single(op)?;
    let Some(t) = tangents.get(&key(x)).copied() else { return Ok(()) };
    let err = |m: String| Diag::at_op(op, m);
    let ty = type_of(y).map_err(err)?;
    let ty_t = copy_collective(em, channels, op, t, &ty, &[]).map_err(err)?;
    tangents.insert(key(y), ty_t);
    Ok(())
}

/// Reverse mode: the transpose of the collective (see the module's table),
/// added to the operand's cotangent (the sweep then sums it over the axes
/// the operand does not vary over).
pub fn vjp(
    em: &mut Emitter,
    channels: &mut Channels,
    op: MlirOperation,
    active: &HashSet<usize>,
    cts: &mut Derivs,
) -> Result<(), Diag> {
    reduction_checked(op)?;
    let (x, y) = single(op)?;
    if !active.contains(&key(x)) {
        return Ok(());
    }
    let Some(g) = cts.get(&key(y)).copied() else { return Ok(()) };
    let err = |m: String| Diag::at_op(op, m);
    let x_ty = type_of(x).map_err(err)?;
    let context = em.context();
    let int_attr = |name: &str| jaxr_dialect::raw::attribute(op, name).and_then(jaxr_dialect::raw::integer);
    let ct = match ir::name_of(op).as_str() {
        "stablehlo.all_reduce" => g,
        "stablehlo.all_gather" => {
            let dim = int_attr("all_gather_dim").ok_or_else(|| err("no all_gather_dim".into()))?;
            own_block(em, op, g, &x_ty, dim).map_err(err)?
        }
        "stablehlo.reduce_scatter" => {
            let dim = int_attr("scatter_dimension").ok_or_else(|| err("no scatter_dimension".into()))?;
            let gather = ir::create_op(
                context,
                "stablehlo.all_gather",
                em.location(),
                &[g],
                &[ir::mlir_type(context, &x_ty)],
                &[
                    ("all_gather_dim", parse_attr(context, &format!("{dim} : i64")).map_err(err)?),
                    (
                        "replica_groups",
                        jaxr_dialect::raw::attribute(op, "replica_groups")
                            .ok_or_else(|| err("no replica_groups".into()))?,
                    ),
                    ("use_global_device_ids", parse_attr(context, "unit").map_err(err)?),
                    ("channel_handle", channels.fresh_attr(context).map_err(err)?),
                ],
                0,
            );
            em.insert(gather);
            ir::results(gather)[0]
        }
        "stablehlo.collective_permute" => {
            let pairs = int_matrix(op, "source_target_pairs").map_err(err)?;
            let back: Vec<Vec<i64>> = pairs.iter().map(|p| vec![p[1], p[0]]).collect();
            let attr = groups_attr(context, &back).map_err(err)?;
            copy_collective(em, channels, op, g, &x_ty, &[("source_target_pairs", attr)]).map_err(err)?
        }
        "stablehlo.all_to_all" => {
            let split = int_attr("split_dimension").ok_or_else(|| err("no split_dimension".into()))?;
            let concat = int_attr("concat_dimension").ok_or_else(|| err("no concat_dimension".into()))?;
            let attrs = [
                ("split_dimension", parse_attr(context, &format!("{concat} : i64")).map_err(err)?),
                ("concat_dimension", parse_attr(context, &format!("{split} : i64")).map_err(err)?),
            ];
            copy_collective(em, channels, op, g, &x_ty, &attrs).map_err(err)?
        }
        other => return Err(err(format!("no transpose for '{other}'"))),
    };
    accumulate(em, cts, x, ct).map_err(err)
}

/// This device's block of `g` along `dim` (the transpose of an all_gather
/// into `g`): its position in its replica group times the block size.
fn own_block(
    em: &mut Emitter,
    op: MlirOperation,
    g: MlirValue,
    block: &TensorType,
    dim: i64,
) -> Result<MlirValue, String> {
    let context = em.context();
    let groups = int_matrix(op, "replica_groups")?;
    let devices = groups.iter().map(Vec::len).sum::<usize>();
    let mut position = vec![-1i64; devices];
    for g in &groups {
        for (i, d) in g.iter().enumerate() {
            match usize::try_from(*d).ok().and_then(|d| position.get_mut(d)) {
                Some(p) if *p < 0 => *p = i as i64,
                _ => {
                    return Err(format!(
                        "replica groups {groups:?} do not list each of {devices} devices once"
                    ))
                }
            }
        }
    }
    let i32 = |shape: Vec<i64>| TensorType::new(shape, ElemType::I32);
    let table_text = position.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let table_ty = i32(vec![devices as i64]);
    let table = ir::create_op(
        context,
        "jaxr.constant",
        em.location(),
        &[],
        &[ir::mlir_type(context, &table_ty)],
        &[("value", parse_attr(context, &format!("dense<[{table_text}]> : tensor<{devices}xi32>"))?)],
        0,
    );
    em.insert(table);
    let pid_ty = TensorType::new(Vec::<i64>::new(), ElemType::UI32);
    let pid = ir::create_op(
        context,
        "stablehlo.partition_id",
        em.location(),
        &[],
        &[ir::mlir_type(context, &pid_ty)],
        &[],
        0,
    );
    em.insert(pid);
    let pid = em.op(&Primitive::ConvertElementType { to: ElemType::I32 }, &ir::results(pid))?;
    let pos = em.op(&Primitive::DynamicSlice { sizes: vec![1] }, &[ir::results(table)[0], pid])?;
    let pos = em.op(&Primitive::Reshape { shape: vec![] }, &[pos])?;
    let size = em.splat(&i32(vec![]), block.shape[dim as usize] as f64)?;
    let start = em.op(&Primitive::Binary(BinaryOp::Mul), &[pos, size])?;
    let zero = em.splat(&i32(vec![]), 0.0)?;
    let starts: Vec<MlirValue> =
        (0..block.shape.len()).map(|d| if d as i64 == dim { start } else { zero }).collect();
    let mut args = vec![g];
    args.extend(starts);
    em.op(&Primitive::DynamicSlice { sizes: block.shape.clone() }, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_the_mesh_axes() {
        let scope = ManualScope::new(vec![4, 2]);
        assert_eq!(scope.groups_for(0b10), [vec![0, 1], vec![2, 3], vec![4, 5], vec![6, 7]]);
        assert_eq!(scope.groups_for(0b01), [vec![0, 2, 4, 6], vec![1, 3, 5, 7]]);
        assert_eq!(scope.groups_for(0b11), [vec![0, 1, 2, 3, 4, 5, 6, 7]]);
        assert_eq!(scope.axes_of_groups(&[vec![1, 0], vec![3, 2], vec![5, 4], vec![7, 6]]), Some(0b10));
        assert_eq!(scope.axes_of_groups(&[vec![0, 3], vec![1, 2], vec![4, 7], vec![5, 6]]), None);
    }
}
