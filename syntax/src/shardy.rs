//! Shardy's attribute values, read from their text: meshes
//! (`#sdy.mesh<["data"=4, "model"=2]>`), tensor shardings
//! (`#sdy.sharding<@mesh, [{"data"}, {}]>`), shardings per value and manual
//! axes. The dialect keeps these attributes as text; its verifier, the
//! runtime (`Sharding::from_shardy`, splitting global inputs for jaxr-run)
//! and the transformations (which add a dimension to a sharding under vmap)
//! read them here, and [`TensorSharding`] prints back in the spelling MLIR
//! prints.

use std::fmt;

/// A mesh: named axes, major to minor, and optionally the device ids laid
/// out over them (otherwise `0..n` in order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mesh {
    pub axes: Vec<MeshAxis>,
    pub device_ids: Option<Vec<i64>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeshAxis {
    pub name: String,
    pub size: i64,
}

impl Mesh {
    /// The size of the axis called `name`.
    pub fn axis_size(&self, name: &str) -> Option<i64> {
        self.axes.iter().find(|a| a.name == name).map(|a| a.size)
    }

    /// How many devices the mesh spans.
    pub fn device_count(&self) -> i64 {
        match &self.device_ids {
            Some(ids) if self.axes.is_empty() => ids.len() as i64,
            // Saturating: a mesh too large for any machine stays too large.
            _ => self.axes.iter().fold(1i64, |n, a| n.saturating_mul(a.size)),
        }
    }
}

/// A mesh axis, or part of one: `"b":(2)4` is the sub-axis of size 4 of
/// axis `b` whose more major part has size 2 (`pre_size`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AxisRef {
    pub name: String,
    pub sub: Option<SubAxis>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubAxis {
    pub pre_size: i64,
    pub size: i64,
}

/// `"a"` or `"a":(pre)size`, as MLIR prints it.
impl fmt::Display for AxisRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Some(s) => write!(f, "\"{}\":({}){}", self.name, s.pre_size, s.size),
            None => write!(f, "\"{}\"", self.name),
        }
    }
}

impl AxisRef {
    /// How many devices this axis (or sub-axis) counts, given its mesh.
    pub fn size_in(&self, mesh: &Mesh) -> Option<i64> {
        match self.sub {
            Some(sub) => Some(sub.size),
            None => mesh.axis_size(&self.name),
        }
    }
}

/// How one dimension is split: by these axes, major to minor; `open` when
/// propagation may split it further (`{"a", ?}`, `{?}`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DimSharding {
    pub axes: Vec<AxisRef>,
    pub open: bool,
    /// A propagation priority (`{"a"}p1`).
    pub priority: Option<i64>,
}

/// The mesh a sharding refers to: by symbol (`@mesh`, or quoted,
/// `@"my mesh"`) or written inline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeshRef {
    Named(String),
    Inline(Mesh),
}

/// `#sdy.sharding<@mesh, [dims], replicated={...}, unreduced={...}>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TensorSharding {
    pub mesh: MeshRef,
    pub dims: Vec<DimSharding>,
    pub replicated: Vec<AxisRef>,
    pub unreduced: Vec<AxisRef>,
}

impl TensorSharding {
    /// Every axis the sharding names, in the order written.
    pub fn named_axes(&self) -> impl Iterator<Item = &AxisRef> {
        self.dims.iter().flat_map(|d| d.axes.iter()).chain(&self.replicated).chain(&self.unreduced)
    }

    /// The sharding as its attribute's body, `<@mesh, [{"a"}, {}]>`.
    pub fn body_text(&self) -> String {
        let mut out = String::from("<");
        match &self.mesh {
            MeshRef::Named(name) if is_bare_symbol(name) => out.push_str(&format!("@{name}")),
            MeshRef::Named(name) => out.push_str(&format!("@\"{name}\"")),
            MeshRef::Inline(mesh) => out.push_str(&format!("mesh{mesh}")),
        }
        out.push_str(", [");
        for (i, dim) in self.dims.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push('{');
            out.push_str(&axes_text(&dim.axes));
            if dim.open {
                out.push_str(if dim.axes.is_empty() { "?" } else { ", ?" });
            }
            out.push('}');
            if let Some(p) = dim.priority {
                out.push_str(&format!("p{p}"));
            }
        }
        out.push(']');
        for (label, axes) in [("replicated", &self.replicated), ("unreduced", &self.unreduced)] {
            if !axes.is_empty() {
                out.push_str(&format!(", {label}={{{}}}", axes_text(axes)));
            }
        }
        out.push('>');
        out
    }
}

/// `#sdy.sharding<...>`, as MLIR prints the attribute.
impl fmt::Display for TensorSharding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#sdy.sharding{}", self.body_text())
    }
}

/// `<["a"=2, "b"=4], device_ids=[...]>`, the mesh's body.
impl fmt::Display for Mesh {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let axes: Vec<String> = self.axes.iter().map(|a| format!("\"{}\"={}", a.name, a.size)).collect();
        write!(f, "<[{}]", axes.join(", "))?;
        if let Some(ids) = &self.device_ids {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            write!(f, ", device_ids=[{}]", ids.join(", "))?;
        }
        f.write_str(">")
    }
}

fn axes_text(axes: &[AxisRef]) -> String {
    let parts: Vec<String> = axes.iter().map(AxisRef::to_string).collect();
    parts.join(", ")
}

/// Whether a mesh name reads back without quotes after `@`.
fn is_bare_symbol(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('-') && name.chars().all(is_symbol_char)
}

fn is_symbol_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_$.-".contains(c)
}

/// A mesh, from `#sdy.mesh<...>`, `mesh<...>` or `<...>` (also the older
/// spelling without brackets, `<"a"=2, "b"=2>`).
pub fn parse_mesh(text: &str) -> Result<Mesh, String> {
    let mut r = Reader::new(strip_prefix(text, &["#sdy.mesh", "mesh"]));
    let mesh = r.mesh_body()?;
    r.end()?;
    Ok(mesh)
}

/// A tensor sharding, from `#sdy.sharding<...>`, `sharding<...>` or `<...>`.
pub fn parse_sharding(text: &str) -> Result<TensorSharding, String> {
    let mut r = Reader::new(strip_prefix(text, &["#sdy.sharding", "sharding"]));
    let sharding = r.sharding()?;
    r.end()?;
    Ok(sharding)
}

/// One sharding per value, from `#sdy.sharding_per_value<[<...>, ...]>` or
/// the bracketed list alone (manual_computation's pretty form).
pub fn parse_sharding_per_value(text: &str) -> Result<Vec<TensorSharding>, String> {
    let body = strip_prefix(text, &["#sdy.sharding_per_value", "sharding_per_value"]);
    let wrapped = body.trim_start().starts_with('<');
    let mut r = Reader::new(body);
    if wrapped {
        r.expect("<")?;
    }
    r.expect("[")?;
    let mut out = Vec::new();
    if !r.eat("]") {
        loop {
            out.push(r.sharding()?);
            if r.eat("]") {
                break;
            }
            r.expect(",")?;
        }
    }
    if wrapped {
        r.expect(">")?;
    }
    r.end()?;
    Ok(out)
}

/// The axes of `#sdy<manual_axes{"a", "b"}>` (or `{"a", "b"}` alone).
pub fn parse_manual_axes(text: &str) -> Result<Vec<String>, String> {
    let body = strip_prefix(text, &["#sdy<manual_axes", "manual_axes"]);
    let wrapped = text.trim_start().starts_with("#sdy<");
    let mut r = Reader::new(body);
    r.expect("{")?;
    let mut axes = Vec::new();
    if !r.eat("}") {
        loop {
            axes.push(r.string()?);
            if r.eat("}") {
                break;
            }
            r.expect(",")?;
        }
    }
    if wrapped {
        r.expect(">")?;
    }
    r.end()?;
    Ok(axes)
}

/// `text`, trimmed, without the first of `prefixes` it starts with as a
/// whole word (`#sdy.sharding` is no prefix of `#sdy.sharding_per_value`).
fn strip_prefix<'a>(text: &'a str, prefixes: &[&str]) -> &'a str {
    let text = text.trim();
    prefixes
        .iter()
        .filter_map(|p| text.strip_prefix(p))
        .find(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text)
}

/// A cursor over attribute text; errors say what was expected and where.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader { text, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn skip_space(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_space();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    /// Whether the text continues with `token` (after spaces), not consumed.
    fn at(&mut self, token: &str) -> bool {
        self.skip_space();
        self.rest().starts_with(token)
    }

    fn fail<T>(&self, what: &str) -> Result<T, String> {
        let found: String = self.rest().chars().take(12).collect();
        let found = if found.is_empty() { "the end".to_string() } else { format!("'{found}'") };
        Err(format!("expected {what} at offset {} of '{}', found {found}", self.pos, self.text))
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            self.fail(&format!("'{token}'"))
        }
    }

    fn end(&mut self) -> Result<(), String> {
        self.skip_space();
        if self.rest().is_empty() {
            Ok(())
        } else {
            self.fail("the end of the attribute")
        }
    }

    /// A quoted name without escapes (Shardy's axis names are identifiers).
    fn string(&mut self) -> Result<String, String> {
        self.quoted("axis name")
    }

    /// A quoted `what` (a name), not empty and without escapes.
    fn quoted(&mut self, what: &str) -> Result<String, String> {
        self.skip_space();
        let Some(body) = self.rest().strip_prefix('"') else { return self.fail(&format!("a quoted {what}")) };
        let Some(close) = body.find('"') else { return self.fail("a closing '\"'") };
        let name = &body[..close];
        if name.is_empty() || name.contains('\\') {
            return self.fail(&format!("a non-empty {what} without escapes"));
        }
        self.pos += close + 2;
        Ok(name.to_string())
    }

    fn integer(&mut self) -> Result<i64, String> {
        self.skip_space();
        let rest = self.rest();
        let len =
            rest.char_indices().take_while(|&(i, c)| c.is_ascii_digit() || (i == 0 && c == '-')).count();
        match rest[..len].parse() {
            Ok(n) => {
                self.pos += len;
                Ok(n)
            }
            Err(_) => self.fail("an integer"),
        }
    }

    /// A mesh name after `@`: bare (`mesh`) or quoted (`"my mesh"`).
    fn symbol(&mut self) -> Result<String, String> {
        if self.at("\"") {
            return self.quoted("mesh name");
        }
        let rest = self.rest();
        let len = rest.char_indices().take_while(|&(i, c)| is_symbol_char(c) && (i > 0 || c != '-')).count();
        if len == 0 {
            return self.fail("a mesh name after '@'");
        }
        self.pos += len;
        Ok(rest[..len].to_string())
    }

    /// `<[axes], device_ids=[...]>`, or the older `<axes>`.
    fn mesh_body(&mut self) -> Result<Mesh, String> {
        self.expect("<")?;
        let mut axes = Vec::new();
        let bracketed = self.eat("[");
        loop {
            let done = if bracketed { self.eat("]") } else { self.at(">") || self.at("device_ids") };
            if done {
                break;
            }
            let name = self.string()?;
            self.expect("=")?;
            axes.push(MeshAxis { name, size: self.integer()? });
            if bracketed {
                if self.eat("]") {
                    break;
                }
                self.expect(",")?;
            } else if !self.eat(",") {
                break;
            }
        }
        let mut device_ids = None;
        if (bracketed && self.eat(",")) || self.at("device_ids") {
            self.expect("device_ids")?;
            self.expect("=")?;
            self.expect("[")?;
            let mut ids = Vec::new();
            if !self.eat("]") {
                loop {
                    ids.push(self.integer()?);
                    if self.eat("]") {
                        break;
                    }
                    self.expect(",")?;
                }
            }
            device_ids = Some(ids);
        }
        self.expect(">")?;
        Ok(Mesh { axes, device_ids })
    }

    /// `<@mesh or mesh<...>, [dims], replicated={...}, unreduced={...}>`.
    fn sharding(&mut self) -> Result<TensorSharding, String> {
        self.expect("<")?;
        let mesh = if self.eat("@") {
            MeshRef::Named(self.symbol()?)
        } else if self.eat("mesh") {
            MeshRef::Inline(self.mesh_body()?)
        } else {
            return self.fail("'@mesh' or an inline 'mesh<...>'");
        };
        self.expect(",")?;
        self.expect("[")?;
        let mut dims = Vec::new();
        if !self.eat("]") {
            loop {
                dims.push(self.dim()?);
                if self.eat("]") {
                    break;
                }
                self.expect(",")?;
            }
        }
        let (mut replicated, mut unreduced) = (Vec::new(), Vec::new());
        while self.eat(",") {
            let target = if self.eat("replicated") {
                &mut replicated
            } else if self.eat("unreduced") {
                &mut unreduced
            } else {
                return self.fail("'replicated=' or 'unreduced='");
            };
            self.expect("=")?;
            self.expect("{")?;
            if !self.eat("}") {
                loop {
                    target.push(self.axis()?);
                    if self.eat("}") {
                        break;
                    }
                    self.expect(",")?;
                }
            }
        }
        self.expect(">")?;
        Ok(TensorSharding { mesh, dims, replicated, unreduced })
    }

    /// `{"a", "b":(1)2, ?}p0`.
    fn dim(&mut self) -> Result<DimSharding, String> {
        self.expect("{")?;
        let mut dim = DimSharding::default();
        if !self.eat("}") {
            loop {
                if self.eat("?") {
                    dim.open = true;
                    self.expect("}")?;
                    break;
                }
                dim.axes.push(self.axis()?);
                if self.eat("}") {
                    break;
                }
                self.expect(",")?;
            }
        }
        if self.rest().starts_with('p') {
            self.pos += 1;
            dim.priority = Some(self.integer()?);
        }
        Ok(dim)
    }

    /// `"a"` or `"a":(pre)size`.
    fn axis(&mut self) -> Result<AxisRef, String> {
        let name = self.string()?;
        let sub = if self.rest().starts_with(':') {
            self.pos += 1;
            self.expect("(")?;
            let pre_size = self.integer()?;
            self.expect(")")?;
            let size = self.integer()?;
            Some(SubAxis { pre_size, size })
        } else {
            None
        };
        Ok(AxisRef { name, sub })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(name: &str) -> AxisRef {
        AxisRef { name: name.into(), sub: None }
    }

    #[test]
    fn meshes_read_in_every_spelling() {
        let mesh = parse_mesh(r#"#sdy.mesh<["data"=4, "model"=2]>"#).unwrap();
        assert_eq!(
            mesh.axes,
            [MeshAxis { name: "data".into(), size: 4 }, MeshAxis { name: "model".into(), size: 2 }]
        );
        assert_eq!((mesh.device_ids.clone(), mesh.device_count()), (None, 8));
        assert_eq!(parse_mesh(r#"<["data"=4, "model"=2]>"#).unwrap(), mesh);
        assert_eq!(parse_mesh(r#"<"data"=4, "model"=2>"#).unwrap(), mesh);
        let listed = parse_mesh(r#"<["a"=2], device_ids=[1, 0]>"#).unwrap();
        assert_eq!(listed.device_ids, Some(vec![1, 0]));
        let maximal = parse_mesh("<[], device_ids=[3]>").unwrap();
        assert_eq!((maximal.axes.len(), maximal.device_count()), (0, 1));
        assert_eq!(parse_mesh("<[]>").unwrap().device_count(), 1);
        assert_eq!(listed.to_string(), r#"<["a"=2], device_ids=[1, 0]>"#);
    }

    #[test]
    fn shardings_read_dims_open_dims_sub_axes_and_replicated_axes() {
        let s =
            parse_sharding(r#"#sdy.sharding<@mesh, [{"data", ?}, {}, {?}, {"b":(1)2}p3], replicated={"c"}>"#)
                .unwrap();
        assert_eq!(s.mesh, MeshRef::Named("mesh".into()));
        assert_eq!(s.dims[0], DimSharding { axes: vec![axis("data")], open: true, priority: None });
        assert_eq!(s.dims[1], DimSharding::default());
        assert!(s.dims[2].open && s.dims[2].axes.is_empty());
        assert_eq!(s.dims[3].axes[0].sub, Some(SubAxis { pre_size: 1, size: 2 }));
        assert_eq!(s.dims[3].priority, Some(3));
        assert_eq!(s.replicated, [axis("c")]);
        // Printing gives back the text MLIR prints.
        assert_eq!(
            s.to_string(),
            r#"#sdy.sharding<@mesh, [{"data", ?}, {}, {?}, {"b":(1)2}p3], replicated={"c"}>"#
        );
        let inline = parse_sharding(r#"<mesh<["a"=2]>, [{"a"}]>"#).unwrap();
        assert!(matches!(inline.mesh, MeshRef::Inline(ref m) if m.device_count() == 2));
        assert_eq!(inline.body_text(), r#"<mesh<["a"=2]>, [{"a"}]>"#);
    }

    #[test]
    fn manual_computation_attributes_read_in_both_spellings() {
        let per_value =
            parse_sharding_per_value(r#"#sdy.sharding_per_value<[<@mesh, [{"data"}, {}]>, <@mesh, []>]>"#)
                .unwrap();
        assert_eq!(per_value.len(), 2);
        assert_eq!(per_value[1].dims.len(), 0);
        assert_eq!(parse_sharding_per_value(r#"[<@mesh, [{"data"}, {}]>, <@mesh, []>]"#).unwrap(), per_value);
        assert_eq!(parse_sharding_per_value("[]").unwrap(), []);
        assert_eq!(parse_manual_axes(r#"#sdy<manual_axes{"data", "model"}>"#).unwrap(), ["data", "model"]);
        assert_eq!(parse_manual_axes("{}").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn malformed_text_is_an_error_naming_what_was_expected() {
        for (text, expected) in [
            (r#"<@mesh, [{"a"}"#, "expected ','"),
            (r#"<@mesh, [{a}]>"#, "a quoted axis name"),
            (r#"<bogus, [{"a"}]>"#, "'@mesh' or an inline"),
            (r#"<mesh, [{"a"}]>"#, "expected '<' at offset 5"),
            (r#"<@mesh, [{"a"}], other={}>"#, "'replicated=' or 'unreduced='"),
            (r#"<@mesh, [{"a"}]> trailing"#, "the end of the attribute"),
            (r#"<@mesh, [{"a":(x)2}]>"#, "an integer"),
        ] {
            let err = parse_sharding(text).unwrap_err();
            assert!(err.contains(expected), "{text}: {err}");
        }
        assert!(parse_mesh(r#"<["a"=]>"#).unwrap_err().contains("an integer"));
        assert!(parse_mesh(r#"<["a"=2]"#).unwrap_err().contains("'>'"));
    }

    #[test]
    fn mesh_names_may_be_quoted_and_axes_print_as_written() {
        let s = parse_sharding(r#"<@"my mesh", [{"b":(1)2, "a"}]>"#).unwrap();
        assert_eq!(s.mesh, MeshRef::Named("my mesh".into()));
        assert_eq!(s.body_text(), r#"<@"my mesh", [{"b":(1)2, "a"}]>"#);
        assert_eq!(parse_sharding(r#"<@"mesh", []>"#).unwrap().body_text(), "<@mesh, []>");
        assert_eq!(s.dims[0].axes[0].to_string(), r#""b":(1)2"#);
        assert_eq!(s.dims[0].axes[1].to_string(), r#""a""#);
        assert!(parse_sharding(r#"<@"", []>"#).unwrap_err().contains("a non-empty mesh name"));
        assert!(parse_sharding("<@, []>").unwrap_err().contains("a mesh name after '@'"));
        // A prefix is a whole word: another attribute is not read as a sharding.
        let err = parse_sharding(r#"#sdy.sharding_per_value<[<@mesh, []>]>"#).unwrap_err();
        assert!(err.contains("expected '<' at offset 0 of '#sdy.sharding_per_value"), "{err}");
    }
}
