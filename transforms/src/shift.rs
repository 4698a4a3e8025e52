//! The stability shift of softmax, log_softmax and logsumexp.
//!
//! JAX computes them on `x - stop_gradient(max(x))`: the max keeps `exp`
//! from overflowing and, since the results do not depend on it, JAX stops
//! its gradient. Exported StableHLO no longer shows the stop, so a
//! derivative taken from it would also run through the max: terms that
//! cancel to zero, computed at the cost of a second pass over the input.
//!
//! This module finds such shifts and proves that the function does not
//! depend on them, so that the sweeps treat them as constants. Write c for
//! the shift (`reduce_max(x, A)`, perhaps through JAX's `max(-inf, .)` and
//! `select(is_finite(.), ., 0)`) and suppose it moved by δ (one number per
//! row: along the reduced axes A everything is constant). Then, following
//! each value forward:
//!
//! | value | kind | moves to |
//! |---|---|---|
//! | c, broadcast or reshaped back along A | shift | v + δ |
//! | s = x - c | shifted | v - δ |
//! | exp(s), its sum over A, abs of those | scaled | v · e^-δ |
//! | log of a scaled value | shifted | v - δ |
//! | shifted - shifted, scaled / scaled, shifted + shift | invariant | v |
//!
//! The last row is log_softmax (`s - log(sum(exp(s)))`), softmax
//! (`exp(s) / sum(exp(s))`) and logsumexp (`log(sum(exp(s))) + c`). When
//! every use of a shifted or scaled value is one of these rows, the
//! function's results depend on c only through invariant values: c's
//! derivative is exactly zero, and stopping it is what JAX's stop_gradient
//! does. A single use of another kind (a scaled value returned, say) and
//! the shift keeps its derivative, as before.

use std::collections::{HashMap, HashSet};

use jaxr_dialect::decode::decode_raw;
use jaxr_dialect::{Primitive, ReduceOp};
use mlir_sys::{MlirOperation, MlirValue};

use crate::emit::{is_inexact, key};
use crate::ir;

/// How a value moves when the shift moves by δ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// v + δ.
    Shift,
    /// v - δ.
    Shifted,
    /// v · e^-δ.
    Scaled,
}

/// Which dimension of the reduced input each dimension of a value follows:
/// `Row(j)` indexes like the input's dimension j (not reduced), `Flat`
/// means the value is constant along it (size 1, or broadcast).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dim {
    Row(usize),
    Flat,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Typed {
    kind: Kind,
    layout: Vec<Dim>,
}

/// The values of `ops` (a block's ops in order) that are stability shifts
/// the block's results do not depend on: the sweeps treat them as constants.
pub fn stability_shifts(ops: &[MlirOperation]) -> HashSet<usize> {
    let mut users: HashMap<usize, Vec<MlirOperation>> = HashMap::new();
    for &op in ops {
        for v in ir::inputs_of(op) {
            users.entry(key(v)).or_default().push(op);
        }
    }
    let mut stopped = HashSet::new();
    for (i, &op) in ops.iter().enumerate() {
        if let Some(found) = shifts_of_max(op, &ops[i + 1..], &users) {
            stopped.extend(found);
        }
    }
    stopped
}

/// The shifts derived from `max` if it is `reduce_max(x, A)` and every
/// value moved by it is used as the table allows.
fn shifts_of_max(
    max: MlirOperation,
    after: &[MlirOperation],
    users: &HashMap<usize, Vec<MlirOperation>>,
) -> Option<Vec<usize>> {
    if ir::name_of(max) != "jaxr.reduce_max" {
        return None;
    }
    let decoded = decode_raw(max).ok()?;
    let Primitive::Reduce { op: ReduceOp::Max, axes } = decoded.primitive else { return None };
    let x = *ir::operands(max).first()?;
    let result = ir::results(max)[0];
    if !is_inexact(result) {
        return None;
    }
    let shape = decoded.operands.first()?.shape.clone();
    let reduced: HashSet<usize> = axes.iter().map(|a| *a as usize).collect();
    let rows = Rows { shape, reduced, x };
    let mut typed: HashMap<usize, Typed> = HashMap::new();
    typed.insert(key(result), Typed { kind: Kind::Shift, layout: rows.reduced_layout() });
    // The shifts in program order (each after the shifts it is made from).
    let mut shifts = vec![key(result)];
    // Shifts that some use other than the table's keeps differentiable.
    let mut escaping: HashSet<usize> = HashSet::new();
    for &op in after {
        let inputs = ir::inputs_of(op);
        if !inputs.iter().any(|v| typed.contains_key(&key(*v))) {
            continue;
        }
        match rows.result_of(op, &typed) {
            Some(Some(t)) => {
                let r = key(ir::results(op)[0]);
                if t.kind == Kind::Shift {
                    shifts.push(r);
                }
                typed.insert(r, t);
            }
            Some(None) => {}
            None => {
                // A use outside the table: of a shifted or scaled value, the
                // function depends on the shift; of a shift, that shift
                // keeps its derivative.
                for v in inputs {
                    match typed.get(&key(v)).map(|t| t.kind) {
                        Some(Kind::Shift) => {
                            escaping.insert(key(v));
                        }
                        Some(_) => return None,
                        None => {}
                    }
                }
            }
        }
    }
    // A shifted or scaled value used by nothing in the block is returned
    // or passed on: the function depends on the shift.
    for (k, t) in &typed {
        if t.kind != Kind::Shift && !users.contains_key(k) {
            return None;
        }
    }
    // Stop the shifts whose every descendant shift stays inside the table:
    // from the last one back, a shift is closed when it is used, does not
    // escape, and every shift made from it (decided already) is closed.
    let mut closed: HashSet<usize> = HashSet::new();
    for &k in shifts.iter().rev() {
        let children_closed = users
            .get(&k)
            .into_iter()
            .flatten()
            .flat_map(|op| ir::results(*op))
            .map(key)
            .filter(|r| typed.get(r).is_some_and(|t| t.kind == Kind::Shift))
            .all(|r| closed.contains(&r));
        if !escaping.contains(&k) && users.contains_key(&k) && children_closed {
            closed.insert(k);
        }
    }
    let stopped: Vec<usize> = shifts.into_iter().filter(|k| closed.contains(k)).collect();
    (!stopped.is_empty()).then_some(stopped)
}

/// The reduction a shift comes from.
struct Rows {
    shape: Vec<i64>,
    reduced: HashSet<usize>,
    x: MlirValue,
}

impl Rows {
    /// The layout of the reduced value: the kept dimensions in order.
    fn reduced_layout(&self) -> Vec<Dim> {
        (0..self.shape.len()).filter(|d| !self.reduced.contains(d)).map(|d| self.dim(d)).collect()
    }

    /// The layout of a value of the input's shape that is constant along the
    /// reduced axes (a reduced value broadcast back).
    fn full_layout(&self) -> Vec<Dim> {
        (0..self.shape.len())
            .map(|d| if self.reduced.contains(&d) { Dim::Flat } else { self.dim(d) })
            .collect()
    }

    fn dim(&self, d: usize) -> Dim {
        if self.shape[d] == 1 {
            Dim::Flat
        } else {
            Dim::Row(d)
        }
    }

    /// The kind of `op`'s result: `Some(Some(t))` a moved value,
    /// `Some(None)` an invariant value or one without derivatives, `None` a
    /// use the table does not allow.
    fn result_of(&self, op: MlirOperation, typed: &HashMap<usize, Typed>) -> Option<Option<Typed>> {
        let name = ir::name_of(op);
        let operands = ir::operands(op);
        let results = ir::results(op);
        if results.len() != 1 || !ir::regions(op).is_empty() {
            return None;
        }
        // Predicates carry no derivative (JAX's logsumexp asks is_finite).
        if matches!(decode_raw(op).map(|d| d.primitive), Ok(Primitive::Compare(_) | Primitive::IsFinite)) {
            return Some(None);
        }
        let of = |v: MlirValue| typed.get(&key(v)).cloned();
        let moved = |kind: Kind, layout: Vec<Dim>| Some(Some(Typed { kind, layout }));
        match (name.as_str(), operands.as_slice()) {
            ("jaxr.broadcast_in_dim" | "jaxr.reshape", [v]) => {
                let t = of(*v)?;
                let layout = self.moved_layout(op, &t.layout)?;
                moved(t.kind, layout)
            }
            ("jaxr.exp", [v]) => {
                let t = of(*v)?;
                (t.kind == Kind::Shifted).then_some(())?;
                moved(Kind::Scaled, t.layout)
            }
            ("jaxr.log", [v]) => {
                let t = of(*v)?;
                (t.kind == Kind::Scaled).then_some(())?;
                moved(Kind::Shifted, t.layout)
            }
            ("jaxr.abs", [v]) => {
                let t = of(*v)?;
                (t.kind == Kind::Scaled).then_some(())?;
                moved(Kind::Scaled, t.layout)
            }
            ("jaxr.reduce_sum", [v]) => {
                let t = of(*v)?;
                let Ok(Primitive::Reduce { axes, .. }) = decode_raw(op).map(|d| d.primitive) else {
                    return None;
                };
                let axes: HashSet<usize> = axes.iter().map(|a| *a as usize).collect();
                (t.kind == Kind::Scaled && t.layout == self.full_layout() && axes == self.reduced)
                    .then_some(())?;
                moved(Kind::Scaled, self.reduced_layout())
            }
            // JAX's max(-inf, max(x)) and select(is_finite(c), c, 0) pick
            // another shift.
            ("jaxr.max", [a, b]) => {
                let (t, other) = match (of(*a), of(*b)) {
                    (Some(t), None) => (t, *b),
                    (None, Some(t)) => (t, *a),
                    _ => return None,
                };
                (t.kind == Kind::Shift && splat(other) == Some(f64::NEG_INFINITY)).then_some(())?;
                moved(Kind::Shift, t.layout)
            }
            ("jaxr.select_n", [p, on_false, on_true]) => {
                let t = of(*on_true)?;
                let fine = t.kind == Kind::Shift
                    && of(*p).is_none()
                    && of(*on_false).is_none()
                    && splat(*on_false).is_some_and(f64::is_finite);
                fine.then_some(())?;
                moved(Kind::Shift, t.layout)
            }
            ("jaxr.sub", [a, b]) => match (of(*a), of(*b)) {
                // x - c: the shifted input.
                (None, Some(c))
                    if c.kind == Kind::Shift && a.ptr == self.x.ptr && c.layout == self.full_layout() =>
                {
                    moved(Kind::Shifted, c.layout)
                }
                // log_softmax: shifted - shifted.
                (Some(l), Some(r))
                    if l.kind == Kind::Shifted && r.kind == Kind::Shifted && l.layout == r.layout =>
                {
                    Some(None)
                }
                _ => None,
            },
            // softmax: scaled / scaled.
            ("jaxr.div", [a, b]) => match (of(*a), of(*b)) {
                (Some(l), Some(r))
                    if l.kind == Kind::Scaled && r.kind == Kind::Scaled && l.layout == r.layout =>
                {
                    Some(None)
                }
                _ => None,
            },
            // logsumexp: shifted + shift.
            ("jaxr.add", [a, b]) => match (of(*a), of(*b)) {
                (Some(l), Some(r))
                    if l.layout == r.layout
                        && matches!(
                            (l.kind, r.kind),
                            (Kind::Shifted, Kind::Shift) | (Kind::Shift, Kind::Shifted)
                        ) =>
                {
                    Some(None)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The layout after a broadcast_in_dim or a reshape that only adds or
    /// drops size-1 dimensions; `None` for other reshapes.
    fn moved_layout(&self, op: MlirOperation, layout: &[Dim]) -> Option<Vec<Dim>> {
        let decoded = decode_raw(op).ok()?;
        let from = &decoded.operands.first()?.shape;
        let to = &decoded.results.first()?.shape;
        match decoded.primitive {
            Primitive::BroadcastInDim { dims, .. } => {
                let mut out = vec![Dim::Flat; to.len()];
                for (k, &d) in dims.iter().enumerate() {
                    if from[k] == to[d as usize] {
                        out[d as usize] = layout[k];
                    }
                }
                Some(out)
            }
            Primitive::Reshape { .. } => {
                let kept = |shape: &[i64]| {
                    shape
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| **n != 1)
                        .map(|(i, n)| (i, *n))
                        .collect::<Vec<_>>()
                };
                let (a, b) = (kept(from), kept(to));
                if a.len() != b.len() || a.iter().zip(&b).any(|(x, y)| x.1 != y.1) {
                    return None;
                }
                let mut out = vec![Dim::Flat; to.len()];
                for ((i, _), (j, _)) in a.iter().zip(&b) {
                    out[*j] = layout[*i];
                }
                Some(out)
            }
            _ => None,
        }
    }
}

/// The value of a float splat: a constant, or one broadcast.
fn splat(v: MlirValue) -> Option<f64> {
    let op = ir::defining_op(v)?;
    if ir::name_of(op) == "jaxr.broadcast_in_dim" {
        return splat(ir::operands(op)[0]);
    }
    ir::splat_float(v)
}
