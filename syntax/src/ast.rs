//! A text-level AST of an MLIR module that holds StableHLO.
//!
//! The AST records structure (operations, regions, blocks, SSA names) and keeps
//! types, attribute values and locations as raw text, exactly as written, so
//! nothing is lost or reinterpreted. Operations are stored the way MLIR's
//! generic form spells them: a name, operands, inherent attributes
//! (`properties`, written `<{...}>` in generic form), discardable `attributes`,
//! regions and the operand and result types. The pretty syntax of StableHLO is
//! only a different spelling of the same data: the pretty parser fills the
//! generic fields and the pretty printer derives the pretty spelling from them.
//!
//! SSA names are stored without their sigil: `%cst_0` is `"cst_0"`, `%arg0`
//! is `"arg0"`, `%12` is `"12"`; block labels without `^`; symbol names
//! without `@` (and, when they were quoted, with their escapes kept).

/// A 1-based position in the parsed source: the byte column, as MLIR counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based byte column.
    pub column: u32,
}

/// An attribute entry: `name = value`, or a unit attribute written `name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedAttr {
    /// The name as written: a bare identifier or a quoted string.
    pub name: String,
    /// The raw value text; `None` for a unit attribute.
    pub value: Option<String>,
}

impl NamedAttr {
    /// `name = value`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        NamedAttr { name: name.into(), value: Some(value.into()) }
    }

    /// The name without quotes, used for sorting and lookups.
    pub fn key(&self) -> &str {
        self.name.strip_prefix('"').and_then(|n| n.strip_suffix('"')).unwrap_or(&self.name)
    }
}

/// An alias definition such as `#loc3 = loc("x.py":3:7)` or `!t = tensor<f32>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasDef {
    /// The alias with its sigil: `#loc3`, `!t`.
    pub name: String,
    /// The raw value text.
    pub value: String,
}

/// A whole file: one (possibly implicit) `builtin.module`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Module {
    /// The name of the file the module was parsed from, if any.
    pub file: Option<String>,
    /// Alias definitions written before the module.
    pub leading_aliases: Vec<AliasDef>,
    /// Alias definitions written after the module (MLIR puts `#loc` aliases there).
    pub trailing_aliases: Vec<AliasDef>,
    /// Whether the file spelled the module out; `false` when it held bare
    /// top-level operations that MLIR wraps in an implicit module.
    pub explicit: bool,
    /// `sym_name`, without `@`.
    pub name: Option<String>,
    /// Other inherent attributes (such as `sym_visibility`).
    pub properties: Vec<NamedAttr>,
    /// Discardable attributes (`mhlo.num_partitions = 1 : i32`, ...).
    pub attributes: Vec<NamedAttr>,
    /// The operations of the module body, in order.
    pub items: Vec<Item>,
    /// The module's own location (`loc(...)` text), if written.
    pub loc: Option<String>,
    /// Where the module was written, if parsed.
    pub pos: Option<Pos>,
}

/// An operation of a module body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A `func.func`.
    Func(Func),
    /// Any other operation.
    Op(Operation),
}

/// A `func.func`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Func {
    /// The symbol name without `@`.
    pub name: String,
    /// `public`, `private` or `nested`, when written.
    pub visibility: Option<String>,
    /// The arguments; they are the arguments of the body's entry block.
    pub args: Vec<FuncArg>,
    /// The results.
    pub results: Vec<FuncResult>,
    /// Further attributes, printed after `attributes` in the pretty form.
    pub attributes: Vec<NamedAttr>,
    /// The body; `None` for an external function. Its entry block's own
    /// `args` are empty: the function's [`FuncArg`]s stand for them.
    pub body: Option<Region>,
    /// The function's location (`loc(...)` text), if written.
    pub loc: Option<String>,
    /// Where the function was written, if parsed.
    pub pos: Option<Pos>,
}

/// A function argument.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuncArg {
    /// The SSA name without `%`; empty for an external function.
    pub name: String,
    /// The raw type text.
    pub ty: String,
    /// The argument attributes.
    pub attrs: Vec<NamedAttr>,
    /// The argument's location (`loc(...)` text), if written.
    pub loc: Option<String>,
    /// Where the argument was written, if parsed.
    pub pos: Option<Pos>,
}

/// A function result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FuncResult {
    /// The raw type text.
    pub ty: String,
    /// The result attributes (`jax.result_info = "..."`).
    pub attrs: Vec<NamedAttr>,
}

/// A group of results bound by one name: `%0` (count 1) or `%0:2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultGroup {
    /// The SSA name without `%`.
    pub name: String,
    /// How many results the name binds.
    pub count: u32,
}

/// A use of an SSA value: `%1`, `%0#1`, `%arg0`, `%cst_3`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueRef {
    /// The SSA name without `%`.
    pub name: String,
    /// The result number after `#`, if written.
    pub index: Option<u32>,
}

impl ValueRef {
    /// A reference to `%name`.
    pub fn new(name: impl Into<String>) -> Self {
        ValueRef { name: name.into(), index: None }
    }
}

/// An operation in generic terms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Operation {
    /// The result names.
    pub results: Vec<ResultGroup>,
    /// The full operation name, such as `stablehlo.add` or `func.return`.
    pub name: String,
    /// The operands.
    pub operands: Vec<ValueRef>,
    /// Successor block labels (without `^`), for terminators that branch.
    pub successors: Vec<String>,
    /// Inherent attributes (`<{...}>` in the generic form).
    pub properties: Vec<NamedAttr>,
    /// Discardable attributes (`{...}` in the generic form).
    pub attributes: Vec<NamedAttr>,
    /// The regions.
    pub regions: Vec<Region>,
    /// Raw operand types, one per operand.
    pub operand_types: Vec<String>,
    /// Raw result types, one per result.
    pub result_types: Vec<String>,
    /// The operation's location (`loc(...)` text), if written.
    pub loc: Option<String>,
    /// Where the operation's name was written, if parsed.
    pub pos: Option<Pos>,
    /// For an operation of another registered dialect (jaxr): its text as
    /// written, from the name to the end of the statement. MLIR parses it;
    /// the printers write it back unchanged and the other fields stay empty.
    pub raw: Option<String>,
}

impl Operation {
    /// The inherent or discardable attribute called `name`.
    pub fn attr(&self, name: &str) -> Option<&NamedAttr> {
        self.properties.iter().chain(self.attributes.iter()).find(|a| a.key() == name)
    }

    /// How many results the operation has.
    pub fn num_results(&self) -> usize {
        self.result_types.len()
    }
}

/// A region: a list of blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Region {
    /// The blocks; the first is the entry block.
    pub blocks: Vec<Block>,
}

/// A block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// The label without `^`, when written.
    pub label: Option<String>,
    /// The block arguments.
    pub args: Vec<BlockArg>,
    /// The operations, terminator included.
    pub ops: Vec<Operation>,
}

/// A block argument.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockArg {
    /// The SSA name without `%`.
    pub name: String,
    /// The raw type text.
    pub ty: String,
    /// The argument's location (`loc(...)` text), if written.
    pub loc: Option<String>,
    /// Where the argument was written, if parsed.
    pub pos: Option<Pos>,
}
