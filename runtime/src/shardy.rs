//! Shardy's shardings, which JAX writes by default
//! (`sdy.mesh @mesh = <["data"=4, "model"=2]>` in the module and
//! `sdy.sharding = #sdy.sharding<@mesh, [{"data"}, {}]>` on a parameter or
//! result of `main`), as the [`Sharding`] a GSPMD string gives, so that
//! [`Sharding::shard`] and [`Sharding::gather`] split and join the arrays of
//! a Shardy program as they do a GSPMD one's.
//!
//! A mesh lays its devices (`iota`, or its `device_ids`) out row-major over
//! named axes. A tensor sharding lists, per dimension, the axes that split
//! it, major to minor; the tensor is replicated over the axes no dimension
//! names. In GSPMD's terms: dimension `i` has as many tiles as its axes'
//! sizes multiply to, the unnamed axes are the replication dimension, and
//! the tile assignment is the mesh's device array transposed so that
//! dimension 0's axes come first, then dimension 1's, ..., then the unnamed
//! ones in mesh order. Open dimensions (`?`), priorities (`p1`) and
//! `replicated={...}` do not change the layout.
//!
//! A sub-axis `"x":(m)k` is the factor of size `k` of axis `x` that has
//! factors of product `m` before it (major to it): reshaping `x` (size `n`)
//! to `[m, k, n/(m*k)]`, its middle dimension. Each axis is cut into the
//! factors that its sub-axes in a sharding need, and those factors are then
//! placed like whole axes.
//!
//! The attribute text is read by [`jaxr_syntax::shardy`], the project's one
//! reader of it; here the mesh is checked and the layout worked out.

use jaxr_syntax::shardy::{self as syntax, AxisRef, Mesh, MeshRef, TensorSharding};
use jaxr_syntax::ValueSharding;

use crate::error::{Result, RuntimeError};
use crate::sharding::Sharding;
use jaxr_syntax::gspmd::iota_transposed;

/// At most this many devices in a mesh, as for GSPMD tile assignments.
const MAX_DEVICES: i64 = 1 << 31;

type Checked<T> = std::result::Result<T, String>;

/// A mesh's devices, checked: what a sharding on it can be.
enum Devices<'a> {
    /// `<[]>`: no axes and no devices; what is on it is replicated.
    Empty,
    /// `<[], device_ids=[N]>`: everything on device `N`.
    Maximal(i64),
    /// Named axes over devices, row-major.
    Axes { mesh: &'a Mesh, devices: Vec<i64> },
}

/// Checks `mesh`: positive axis sizes, each name once, at most 2^31
/// devices, `device_ids` (if any) each of them once, and one device id
/// for a mesh without axes (if any).
fn devices_of(mesh: &Mesh) -> Checked<Devices<'_>> {
    for (i, axis) in mesh.axes.iter().enumerate() {
        if axis.size < 1 {
            return Err(format!("axis \"{}\" has size {}", axis.name, axis.size));
        }
        if mesh.axes[..i].iter().any(|a| a.name == axis.name) {
            return Err(format!("axis \"{}\" is declared twice", axis.name));
        }
    }
    if mesh.axes.is_empty() {
        return match mesh.device_ids.as_deref() {
            None => Ok(Devices::Empty),
            Some([device]) => Ok(Devices::Maximal(*device)),
            Some(list) => {
                Err(format!("a mesh without axes lists one device (a maximal mesh), not {}", list.len()))
            }
        };
    }
    let count = mesh
        .axes
        .iter()
        .try_fold(1i64, |n, axis| n.checked_mul(axis.size).filter(|n| *n <= MAX_DEVICES))
        .ok_or("more than 2^31 devices")?;
    let devices = match &mesh.device_ids {
        None => (0..count).collect(),
        Some(list) => {
            if list.len() as i64 != count {
                return Err(format!("{} device ids for the {count} devices of the axes", list.len()));
            }
            let mut sorted = list.clone();
            sorted.sort_unstable();
            if sorted.iter().enumerate().any(|(i, d)| *d != i as i64) {
                return Err(format!("the device ids are not each of 0..{count} once"));
            }
            list.clone()
        }
    };
    Ok(Devices::Axes { mesh, devices })
}

/// `text` without the attribute dictionary of the `sdy.mesh` op that JAX
/// writes after the mesh (`<[...]> {stablehlo.mesh = {...}}`), which says
/// nothing more. A mesh has no braces outside its quoted names, so the
/// dictionary starts at the first one, and must close at the end.
fn without_op_attributes(text: &str) -> &str {
    let text = text.trim();
    let mut quoted = false;
    for (at, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '{' if !quoted => {
                return if closes_at_end(&text[at..]) { text[..at].trim_end() } else { text };
            }
            _ => {}
        }
    }
    text
}

/// Whether the `{` that `text` starts with is closed by its last character
/// (braces in quoted strings aside).
fn closes_at_end(text: &str) -> bool {
    let (mut depth, mut quoted, mut escaped) = (0, false, false);
    for (at, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted => {
                depth -= 1;
                if depth == 0 {
                    return at + 1 == text.len();
                }
            }
            _ => {}
        }
    }
    false
}

/// One factor of a mesh axis: of axis `axis`, the part of size `size` that
/// has factors of product `pre` before it.
struct Factor {
    axis: usize,
    pre: i64,
    size: i64,
}

/// The factors that `axis_ref` covers, as indices into `factors`.
fn factors_of(factors: &[Factor], axis: usize, axis_ref: &AxisRef) -> Vec<usize> {
    let (lo, hi) = match axis_ref.sub {
        None => (1, i64::MAX),
        Some(sub) => (sub.pre_size, sub.pre_size * sub.size),
    };
    (0..factors.len())
        .filter(|&f| factors[f].axis == axis && factors[f].pre >= lo && factors[f].pre < hi)
        .collect()
}

fn to_sharding(devices: Devices, sharding: &TensorSharding) -> Checked<Sharding> {
    if let MeshRef::Inline(_) = sharding.mesh {
        return Err("the mesh is inline; declare it with sdy.mesh and name it (@mesh)".into());
    }
    if !sharding.unreduced.is_empty() {
        let names: Vec<String> = sharding.unreduced.iter().map(ToString::to_string).collect();
        return Err(format!(
            "unreduced={{{}}}: each device holds a partial sum over those axes, which a shard of the global \
             array cannot give",
            names.join(", ")
        ));
    }
    let all_refs = || sharding.dims.iter().flat_map(|d| &d.axes).chain(&sharding.replicated);
    let (mesh, devices) = match devices {
        Devices::Axes { mesh, devices } => (mesh, devices),
        Devices::Empty | Devices::Maximal(_) => {
            if let Some(r) = all_refs().next() {
                return Err(format!("the mesh has no axes, so no axis {r}"));
            }
            return Ok(match devices {
                Devices::Maximal(device) => Sharding::Maximal(device),
                _ => Sharding::Replicated,
            });
        }
    };
    let axes = &mesh.axes;
    let axis_of = |r: &AxisRef| -> Checked<usize> {
        axes.iter().position(|a| a.name == r.name).ok_or_else(|| {
            let names: Vec<String> = axes.iter().map(|a| format!("\"{}\"", a.name)).collect();
            format!("the mesh has no axis \"{}\" (its axes: {})", r.name, names.join(", "))
        })
    };
    // Each axis's cut points (pre-sizes), from the sub-axes named.
    let mut cuts: Vec<Vec<i64>> = axes.iter().map(|a| vec![1, a.size]).collect();
    for r in all_refs() {
        let axis = axis_of(r)?;
        if let Some(sub) = r.sub {
            let (pre, size, full) = (sub.pre_size, sub.size, axes[axis].size);
            if pre < 1 || size < 2 || pre.checked_mul(size).is_none_or(|end| full % end != 0) {
                return Err(format!(
                    "sub-axis {r} does not fit axis \"{}\" of size {full} (its pre-size must be at least 1, \
                     its size at least 2, and their product must divide {full})",
                    r.name
                ));
            }
            cuts[axis].extend([pre, pre * size]);
        }
    }
    let mut factors = Vec::new();
    for (axis, points) in cuts.iter_mut().enumerate() {
        points.sort_unstable();
        points.dedup();
        if points.len() == 1 {
            // An axis of size 1: one factor of size 1.
            factors.push(Factor { axis, pre: 1, size: 1 });
        }
        for pair in points.windows(2) {
            if pair[1] % pair[0] != 0 {
                let (name, size) = (&axes[axis].name, axes[axis].size);
                let subs: Vec<String> = all_refs()
                    .filter(|r| r.name == *name && r.sub.is_some())
                    .map(ToString::to_string)
                    .collect();
                return Err(format!(
                    "the sub-axes {} do not split axis \"{name}\" of size {size} into consecutive factors",
                    subs.join(", ")
                ));
            }
            factors.push(Factor { axis, pre: pair[0], size: pair[1] / pair[0] });
        }
    }
    // The factors each reference covers, each factor at most once.
    let mut used = vec![false; factors.len()];
    let mut claim = |r: &AxisRef| -> Checked<Vec<usize>> {
        let covered = factors_of(&factors, axis_of(r)?, r);
        if covered.iter().any(|&f| used[f]) {
            return Err(match r.sub {
                None => format!("axis {r} is used twice"),
                Some(_) => format!("sub-axis {r} overlaps another use of axis \"{}\"", r.name),
            });
        }
        for &f in &covered {
            used[f] = true;
        }
        Ok(covered)
    };
    // The device array's factors in tile order: each dimension's, then the rest.
    let mut order = Vec::new();
    let mut tiles = Vec::new();
    for dim in &sharding.dims {
        let mut count = 1;
        for r in &dim.axes {
            let covered = claim(r)?;
            count *= covered.iter().map(|&f| factors[f].size).product::<i64>();
            order.extend(covered);
        }
        tiles.push(count);
    }
    for r in &sharding.replicated {
        claim(r)?;
    }
    if tiles.iter().all(|&t| t == 1) {
        return Ok(Sharding::Replicated);
    }
    let rest: Vec<usize> = (0..factors.len()).filter(|f| !order.contains(f)).collect();
    let replicas = rest.iter().map(|&f| factors[f].size).product();
    order.extend(rest);
    let shape: Vec<i64> = factors.iter().map(|f| f.size).collect();
    let devices = iota_transposed(&shape, &order).into_iter().map(|at| devices[at as usize]).collect();
    Ok(Sharding::Tiled { tiles, replicas, devices })
}

impl Sharding {
    /// The layout that a Shardy tensor sharding gives on a mesh: `mesh` is
    /// the mesh attribute as written after the `=` of
    /// `sdy.mesh @mesh = <["data"=4, "model"=2]>` (also with a `#sdy.mesh`
    /// prefix, or with the op's attribute dictionary after it;
    /// `device_ids=[...]` order the devices, `<[]>` is replicated,
    /// `<[], device_ids=[N]>` all on device `N`), and `sharding` the one
    /// that names it, `#sdy.sharding<@mesh, [{"data"}, {}]>` (or without
    /// the `#sdy.sharding` prefix); the caller resolves `@mesh` to its
    /// mesh. Both are read by [`jaxr_syntax::shardy`]; the layout is
    /// [`Sharding::from_shardy_parts`]'s.
    pub fn from_shardy(mesh: &str, sharding: &str) -> Result<Sharding> {
        let bad_mesh = |why: String| RuntimeError::Unsupported(format!("Shardy mesh \"{mesh}\": {why}"));
        let mesh_value = syntax::parse_mesh(without_op_attributes(mesh)).map_err(bad_mesh)?;
        let devices = devices_of(&mesh_value).map_err(bad_mesh)?;
        let bad = |why: String| RuntimeError::Unsupported(format!("Shardy sharding \"{sharding}\": {why}"));
        let tensor = syntax::parse_sharding(sharding).map_err(bad)?;
        to_sharding(devices, &tensor).map_err(bad)
    }

    /// [`Sharding::from_shardy`] for a mesh and a sharding already read
    /// (the caller resolves the sharding's `@mesh` to `mesh`). A sharding
    /// that splits no dimension is [`Sharding::Replicated`], as GSPMD
    /// writes it; others are [`Sharding::Tiled`], whose `shard` and
    /// `gather` check the array's rank against the sharding's.
    ///
    /// Bad meshes (axis sizes below 1, an axis declared twice, device ids
    /// that are not each device once), axes the mesh lacks, an axis or
    /// sub-axis used twice, sub-axes that do not fit their axis,
    /// `unreduced` axes (partial sums, not shards) and inline meshes are
    /// errors.
    pub fn from_shardy_parts(mesh: &Mesh, sharding: &TensorSharding) -> Result<Sharding> {
        let devices = devices_of(mesh)
            .map_err(|why| RuntimeError::Unsupported(format!("Shardy mesh \"{mesh}\": {why}")))?;
        to_sharding(devices, sharding)
            .map_err(|why| RuntimeError::Unsupported(format!("Shardy sharding \"{sharding}\": {why}")))
    }

    /// The layout of a value with sharding `written` (GSPMD's or Shardy's,
    /// as the module writes it); replicated when it has none.
    pub fn of_value(written: Option<&ValueSharding>) -> Result<Sharding> {
        match written {
            None => Ok(Sharding::Replicated),
            Some(ValueSharding::Gspmd(text)) => Sharding::parse(text),
            Some(ValueSharding::Shardy { mesh, sharding }) => Sharding::from_shardy_parts(mesh, sharding),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::HostTensor;

    const MESH: &str = r#"<["data"=4, "model"=2]>"#;

    fn shardy(mesh: &str, sharding: &str) -> Sharding {
        Sharding::from_shardy(mesh, sharding).unwrap_or_else(|e| panic!("{e}"))
    }

    fn gspmd(text: &str) -> Sharding {
        Sharding::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn axes_become_tiles_in_the_order_they_are_named() {
        // "model" splits rows; "data" (unnamed) replicates: the device
        // array [4, 2] transposed to [model, data].
        assert_eq!(
            shardy(MESH, r#"#sdy.sharding<@mesh, [{"model"}, {}]>"#),
            gspmd("{devices=[2,1,4]<=[4,2]T(1,0) last_tile_dim_replicate}")
        );
        assert_eq!(
            shardy(MESH, r#"#sdy.sharding<@mesh, [{"data"}, {}]>"#),
            gspmd("{devices=[4,1,2]<=[8] last_tile_dim_replicate}")
        );
        assert_eq!(shardy(MESH, r#"#sdy.sharding<@mesh, [{"data", "model"}]>"#), gspmd("{devices=[8]<=[8]}"));
        assert_eq!(shardy(MESH, r#"<@mesh, [{"model", "data"}]>"#), gspmd("{devices=[8]<=[4,2]T(1,0)}"));
        assert_eq!(shardy(MESH, r#"<@"my mesh", [{"model", "data"}]>"#), gspmd("{devices=[8]<=[4,2]T(1,0)}"));
        assert_eq!(shardy(MESH, r#"<@mesh, [{"model"}, {"data"}]>"#), gspmd("{devices=[2,4]<=[4,2]T(1,0)}"));
        // Open dimensions, priorities and explicit replication change nothing.
        // The mesh with its prefix, or with the op's attributes after it.
        let as_declared =
            format!("{MESH} {{stablehlo.mesh = {{axes = [{{name = \"data\", size = 4 : i64}}]}}}}");
        assert_eq!(shardy(&as_declared, "<@mesh, [{\"data\", \"model\"}]>"), gspmd("{devices=[8]<=[8]}"));
        assert_eq!(
            shardy(&format!("#sdy.mesh{MESH}"), r#"<@mesh, [{"model", ?}p1, {?}], replicated={"data"}>"#),
            gspmd("{devices=[2,1,4]<=[4,2]T(1,0) last_tile_dim_replicate}")
        );
        // Nothing split: replicated, as GSPMD writes it; also on a scalar.
        assert_eq!(shardy(MESH, r#"#sdy.sharding<@mesh, [{}, {}]>"#), Sharding::Replicated);
        assert_eq!(shardy(MESH, "#sdy.sharding<@mesh, []>"), Sharding::Replicated);
        assert_eq!(shardy(MESH, "#sdy.sharding<@mesh, [], unreduced={}>"), Sharding::Replicated);
        // An axis of size 1 splits nothing.
        assert_eq!(shardy(r#"<["a"=1, "b"=4]>"#, r#"<@m, [{"a"}, {"b"}]>"#), gspmd("{devices=[1,4]<=[4]}"));
    }

    #[test]
    fn device_ids_order_the_mesh() {
        // Mesh [a=2, b=2] over devices 3,1,2,0: (a, b) is device ids[2a+b].
        let mesh = r#"<["a"=2, "b"=2], device_ids=[3, 1, 2, 0]>"#;
        let s = shardy(mesh, r#"<@mesh, [{"a"}, {"b"}]>"#);
        assert_eq!(s, gspmd("{devices=[2,2]3,1,2,0}"));
        // "b" first: tile (i, j) is on mesh position (a=j, b=i).
        assert_eq!(shardy(mesh, r#"<@mesh, [{"b"}, {"a"}]>"#), gspmd("{devices=[2,2]3,2,1,0}"));
        // Replicated over "b": rows on devices {3, 1} and {2, 0}.
        assert_eq!(
            shardy(mesh, r#"<@mesh, [{"a"}, {}]>"#),
            gspmd("{devices=[2,1,2]3,1,2,0 last_tile_dim_replicate}")
        );
        // Device 2 holds the lower-left block of a 4x4 iota.
        let values: Vec<f32> = (0..16).map(|v| v as f32).collect();
        let global = HostTensor::from_f32(&[4, 4], &values).unwrap();
        assert_eq!(s.shard(&global, 2).unwrap().to_f64_vec().unwrap(), vec![8.0, 9.0, 12.0, 13.0]);
    }

    #[test]
    fn maximal_and_empty_meshes() {
        // Shardy writes a maximal sharding with no dimensions; dimensions
        // without axes say the same.
        assert_eq!(shardy("<[], device_ids=[5]>", "<@maximal_mesh, []>"), Sharding::Maximal(5));
        assert_eq!(shardy("<[], device_ids=[5]>", "<@maximal_mesh, [{}, {}]>"), Sharding::Maximal(5));
        assert_eq!(shardy("#sdy.mesh<[]>", "#sdy.sharding<@empty_mesh, [{?}]>"), Sharding::Replicated);
    }

    #[test]
    fn sub_axes_are_factors_of_their_axis() {
        // "x"=4 cut into two factors of 2, one per dimension, as the mesh
        // [a=2, b=2] does.
        let x4 = r#"<["x"=4]>"#;
        assert_eq!(shardy(x4, r#"<@m, [{"x":(1)2}, {"x":(2)2}]>"#), gspmd("{devices=[2,2]<=[4]}"));
        assert_eq!(shardy(x4, r#"<@m, [{"x":(2)2}, {"x":(1)2}]>"#), gspmd("{devices=[2,2]<=[2,2]T(1,0)}"));
        // The middle factor of "y"=8 ([2, 2, 2]); the other two replicate.
        // Tile 0 is on the devices i with (i / 2) % 2 == 0.
        assert_eq!(
            shardy(r#"<["x"=2, "y"=8]>"#, r#"<@m, [{"y":(2)2}]>"#),
            gspmd("{devices=[2,8]<=[2,2,2,2]T(2,0,1,3) last_tile_dim_replicate}")
        );
        let s = shardy(r#"<["y"=8]>"#, r#"<@m, [{"y":(2)2}]>"#);
        assert_eq!(s, gspmd("{devices=[2,4]0,1,4,5,2,3,6,7 last_tile_dim_replicate}"));
        // A sub-axis and another of a different cut: (1)2 | (2)4 of "z"=8.
        assert_eq!(
            shardy(r#"<["z"=8]>"#, r#"<@m, [{"z":(2)4}, {"z":(1)2}]>"#),
            gspmd("{devices=[4,2]<=[2,4]T(1,0)}")
        );
        // Sub-axes with device ids follow the ids.
        assert_eq!(
            shardy(r#"<["x"=4], device_ids=[2, 0, 3, 1]>"#, r#"<@m, [{"x":(2)2}]>"#),
            gspmd("{devices=[2,2]2,3,0,1 last_tile_dim_replicate}")
        );
    }

    #[test]
    fn bad_meshes_and_shardings_are_errors_that_say_why() {
        let sharding = r#"<@mesh, [{"a"}]>"#;
        for (mesh, why) in [
            (r#"["a"=2]"#, "expected '<'"),
            (r#"<["a"=2, "a"=2]>"#, "axis \"a\" is declared twice"),
            (r#"<["a"=0]>"#, "axis \"a\" has size 0"),
            (r#"<["a"=2], device_ids=[0, 1, 2]>"#, "3 device ids for the 2 devices"),
            (r#"<["a"=2], device_ids=[1, 1]>"#, "not each of 0..2 once"),
            (r#"<[], device_ids=[0, 1]>"#, "one device (a maximal mesh), not 2"),
            (r#"<["a"=65536, "b"=65536]>"#, "more than 2^31 devices"),
            (r#"<["a"=2, "b"=2], device_ids=[0, 1, 2, -1]>"#, "not each of 0..4 once"),
            (r#"<[], device_ids=[]>"#, "one device (a maximal mesh), not 0"),
            (r#"<["a"=2]> "a"=2"#, "expected the end of the attribute at offset 10 of '<[\"a\"=2]> \"a\"=2'"),
            (r#"<["a"=2]> {stablehlo.mesh = {}"#, "expected the end of the attribute at offset 10"),
            (r#"<["a"=2]> {x} {y}"#, "found '{x} {y}'"),
            (r#"<["a"=-2]>"#, "axis \"a\" has size -2"),
            (r#"<["a"=x]>"#, "expected an integer at offset 6"),
        ] {
            let e = Sharding::from_shardy(mesh, sharding).unwrap_err().to_string();
            assert!(e.contains("Shardy mesh") && e.contains(why), "{mesh}: {e}");
        }
        for (sharding, why) in [
            (r#"<@mesh, [{"c"}]>"#, "the mesh has no axis \"c\" (its axes: \"a\", \"b\", \"x\")"),
            (r#"<@mesh, [{"a"}, {"a"}]>"#, "axis \"a\" is used twice"),
            (r#"<@mesh, [{"a", "a"}]>"#, "axis \"a\" is used twice"),
            (r#"<@mesh, [{"a"}], replicated={"a"}>"#, "axis \"a\" is used twice"),
            (r#"<@mesh, [{"x"}, {"x":(2)2}]>"#, "sub-axis \"x\":(2)2 overlaps another use of axis \"x\""),
            (r#"<@mesh, [{"x":(1)4}, {"x":(2)2}]>"#, "sub-axis \"x\":(2)2 overlaps"),
            (r#"<@mesh, [{"x":(3)2}]>"#, "sub-axis \"x\":(3)2 does not fit axis \"x\" of size 8"),
            (r#"<@mesh, [{"x":(1)1}]>"#, "sub-axis \"x\":(1)1 does not fit"),
            (r#"<@mesh, [{"x":(1)16}]>"#, "does not fit axis \"x\" of size 8"),
            (
                r#"<@mesh, [{"b":(1)2}, {"b":(1)3}]>"#,
                "do not split axis \"b\" of size 12 into consecutive factors",
            ),
            (r#"<@mesh, [{"a"}], unreduced={"b"}>"#, "unreduced={\"b\"}: each device holds a partial sum"),
            (r#"<@mesh, [{"a"}], unreduced={"b":(1)2, "a"}>"#, "unreduced={\"b\":(1)2, \"a\"}: each device"),
            (r#"<@mesh, [{"a"}], reduced={"b"}>"#, "expected 'replicated=' or 'unreduced='"),
            (r#"<mesh<["a"=2]>, [{"a"}]>"#, "the mesh is inline; declare it with sdy.mesh"),
            (r#"#sdy.sharding_per_value<[<@mesh, [{"a"}]>]>"#, "expected '<' at offset 0"),
            (r#"<@mesh, [{"a"}]"#, "expected '>' at offset 15 of '<@mesh, [{\"a\"}]', found the end"),
            (r#"<@mesh, [{"a" "b"}]>"#, "expected ','"),
            (r#"<@mesh, [{a}]>"#, "expected a quoted axis name"),
            (r#"<@, [{}]>"#, "expected a mesh name after '@'"),
        ] {
            let e = Sharding::from_shardy(r#"<["a"=2, "b"=12, "x"=8]>"#, sharding).unwrap_err().to_string();
            assert!(e.contains("Shardy sharding") && e.contains(why), "{sharding}: {e}");
        }
        let e = Sharding::from_shardy("<[]>", r#"<@mesh, [{"a"}]>"#).unwrap_err().to_string();
        assert!(e.contains("the mesh has no axes, so no axis \"a\""), "{e}");
        let e = Sharding::from_shardy("<[], device_ids=[1]>", r#"<@m, [], replicated={"a":(1)2}>"#);
        assert!(e.unwrap_err().to_string().contains("no axis \"a\":(1)2"));
        // A bad mesh is reported before a bad sharding.
        let e = Sharding::from_shardy(r#"<["a"=0]>"#, "<@m, [{").unwrap_err().to_string();
        assert!(e.contains("Shardy mesh") && e.contains("has size 0"), "{e}");
    }

    #[test]
    fn parts_already_read_give_the_same_layout() {
        use jaxr_syntax::shardy::{parse_mesh, parse_sharding};
        let mesh = parse_mesh(MESH).unwrap();
        for text in [r#"<@mesh, [{"model"}, {}]>"#, r#"<@mesh, [{"data", "model"}]>"#, "<@mesh, []>"] {
            let sharding = parse_sharding(text).unwrap();
            assert_eq!(Sharding::from_shardy_parts(&mesh, &sharding).unwrap(), shardy(MESH, text));
        }
        // Errors name the mesh and the sharding as MLIR prints them.
        let bad = parse_mesh(r#"#sdy.mesh<["a"=2, "a"=2]>"#).unwrap();
        let e = Sharding::from_shardy_parts(&bad, &parse_sharding("<@m, []>").unwrap()).unwrap_err();
        assert!(
            e.to_string().contains(r#"Shardy mesh "<["a"=2, "a"=2]>": axis "a" is declared twice"#),
            "{e}"
        );
        let sharding = parse_sharding(r#"<@mesh, [{"data"}, {"data"}]>"#).unwrap();
        let e = Sharding::from_shardy_parts(&mesh, &sharding).unwrap_err().to_string();
        assert!(
            e.contains(
                r##"Shardy sharding "#sdy.sharding<@mesh, [{"data"}, {"data"}]>": axis "data" is used twice"##
            ),
            "{e}"
        );
    }

    #[test]
    fn rank_and_divisibility_are_checked_when_sharding_an_array() {
        let s = shardy(MESH, r#"<@mesh, [{"data"}, {"model"}]>"#);
        let global = HostTensor::from_f32(&[8], &[0.0; 8]).unwrap();
        let e = s.shard(&global, 0).unwrap_err().to_string();
        assert!(e.contains("a sharding with 2 tile dimensions for an array of rank 1"), "{e}");
        let global = HostTensor::from_f32(&[6, 2], &[0.0; 12]).unwrap();
        let e = s.shard(&global, 0).unwrap_err().to_string();
        assert!(e.contains("dimension 0 of size 6 does not split into 4 equal blocks"), "{e}");
    }
}
