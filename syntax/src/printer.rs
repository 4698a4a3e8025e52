//! The printer core shared by the generic and the pretty output: modules,
//! functions, regions, blocks, attribute dictionaries, locations and the
//! generic operation form, laid out the way MLIR's `AsmPrinter` does.
//! The pretty forms of individual operations are in `print_pretty`.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::ast::{BlockArg, Func, Item, Module, NamedAttr, Operation, Pos, Region, ValueRef};
use super::attr_text::{i1_hex_for_jax, i1_hex_for_mlir, quote, symbol_ref};
use super::op_table;

/// Which syntax to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Custom (pretty) forms where known, generic otherwise.
    Pretty,
    /// Generic form throughout.
    Generic,
}

/// The output being built.
pub(crate) struct Printer<'a> {
    pub(crate) out: String,
    pub(crate) mode: Mode,
    /// Whether to print locations.
    pub(crate) locations: bool,
    /// The file name of locations made from source positions, if any.
    pub(crate) file: Option<&'a str>,
}

/// Attributes sorted by name, as MLIR's dictionaries keep them.
pub(crate) fn sorted<'a>(attrs: impl IntoIterator<Item = &'a NamedAttr>) -> Vec<&'a NamedAttr> {
    let mut attrs: Vec<&NamedAttr> = attrs.into_iter().collect();
    attrs.sort_by(|a, b| a.key().cmp(b.key()));
    attrs
}

impl Printer<'_> {
    /// Appends `n` spaces.
    pub(crate) fn indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    /// ` loc(...)` when locations are printed: the written location, else
    /// one made from the source position when a file name is known.
    pub(crate) fn loc(&mut self, loc: Option<&str>, pos: Option<Pos>) {
        if !self.locations {
            return;
        }
        if let Some(loc) = loc {
            self.out.push(' ');
            self.out.push_str(loc);
        } else if let (Some(file), Some(pos)) = (self.file, pos) {
            let _ = write!(self.out, " loc({}:{}:{})", quote(file), pos.line, pos.column);
        }
    }

    /// `{a = 1, b}`, sorted, without a leading space.
    pub(crate) fn dict(&mut self, attrs: &[&NamedAttr]) {
        self.out.push('{');
        for (i, attr) in sorted(attrs.iter().copied()).into_iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str(&attr.name);
            if let Some(value) = &attr.value {
                self.out.push_str(" = ");
                self.attr_value(value);
            }
        }
        self.out.push('}');
    }

    /// An attribute value as written, except a hex `dense<"0x...">` of `i1`
    /// elements, which is laid out for the syntax being written: one bit
    /// per element for MLIR 22 (generic), one byte per element as JAX
    /// writes it (pretty).
    pub(crate) fn attr_value(&mut self, value: &str) {
        let converted = match self.mode {
            Mode::Generic => i1_hex_for_mlir(value),
            Mode::Pretty => i1_hex_for_jax(value),
        };
        self.out.push_str(converted.as_deref().unwrap_or(value));
    }

    /// ` {a = 1, b}` when `attrs` is not empty.
    pub(crate) fn opt_dict(&mut self, attrs: &[&NamedAttr]) {
        if !attrs.is_empty() {
            self.out.push(' ');
            self.dict(attrs);
        }
    }

    /// `%name` or `%name#N`.
    pub(crate) fn value(&mut self, value: &ValueRef) {
        self.out.push('%');
        self.out.push_str(&value.name);
        if let Some(index) = value.index {
            let _ = write!(self.out, "#{index}");
        }
    }

    /// `%a, %b`.
    pub(crate) fn values(&mut self, values: &[ValueRef]) {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.value(v);
        }
    }

    /// `a, b`.
    pub(crate) fn types(&mut self, types: &[String]) {
        self.out.push_str(&types.join(", "));
    }

    /// `(a, b) -> r` or `(a) -> (r, s)`.
    pub(crate) fn functional_type(&mut self, inputs: &[String], results: &[String]) {
        self.out.push('(');
        self.types(inputs);
        self.out.push_str(") -> ");
        self.result_types(results);
    }

    /// One result type bare (unless it is a function type), else parenthesized.
    pub(crate) fn result_types(&mut self, results: &[String]) {
        match results {
            [single] if !single.starts_with('(') => self.out.push_str(single),
            _ => {
                self.out.push('(');
                self.types(results);
                self.out.push(')');
            }
        }
    }

    /// `%arg0: type loc(...)`.
    pub(crate) fn block_arg(&mut self, arg: &BlockArg) {
        self.out.push('%');
        self.out.push_str(&arg.name);
        self.out.push_str(": ");
        self.out.push_str(&arg.ty);
        self.loc(arg.loc.as_deref(), arg.pos);
    }

    /// A whole module, with its alias definitions.
    pub(crate) fn module(&mut self, module: &Module) {
        for alias in &module.leading_aliases {
            let _ = writeln!(self.out, "{} = {}", alias.name, alias.value);
        }
        let attrs: Vec<&NamedAttr> = module.properties.iter().chain(&module.attributes).collect();
        match self.mode {
            Mode::Pretty => {
                self.out.push_str("module");
                if let Some(name) = &module.name {
                    self.out.push(' ');
                    self.out.push_str(&symbol_ref(name));
                }
                if !attrs.is_empty() {
                    self.out.push_str(" attributes ");
                    self.dict(&attrs);
                }
                self.out.push_str(" {\n");
                self.items(module);
                self.out.push('}');
            }
            Mode::Generic => {
                self.out.push_str("\"builtin.module\"()");
                let name = module.name.as_ref().map(|n| NamedAttr::new("sym_name", quote_raw(n)));
                let props: Vec<&NamedAttr> = name.iter().chain(&module.properties).collect();
                if !props.is_empty() {
                    self.out.push_str(" <");
                    self.dict(&props);
                    self.out.push('>');
                }
                self.out.push_str(" ({\n");
                if module.items.is_empty() {
                    self.out.push_str("^bb0:\n");
                }
                self.items(module);
                self.out.push_str("})");
                let discardable: Vec<&NamedAttr> = module.attributes.iter().collect();
                self.opt_dict(&discardable);
                self.out.push_str(" : () -> ()");
            }
        }
        self.loc(module.loc.as_deref(), module.pos);
        self.out.push('\n');
        for alias in &module.trailing_aliases {
            let _ = writeln!(self.out, "{} = {}", alias.name, alias.value);
        }
    }

    fn items(&mut self, module: &Module) {
        for item in &module.items {
            self.indent(2);
            match item {
                Item::Func(func) => self.func(func, 2),
                Item::Op(op) => self.op(op, 2, op_table::default_dialect("builtin.module")),
            }
            self.out.push('\n');
        }
    }

    /// A `func.func` at `indent`.
    pub(crate) fn func(&mut self, func: &Func, indent: usize) {
        let known_visibility =
            matches!(func.visibility.as_deref(), None | Some("public" | "private" | "nested"));
        match self.mode {
            Mode::Pretty if known_visibility => self.pretty_func(func, indent),
            _ => self.generic_func(func, indent),
        }
        self.loc(func.loc.as_deref(), func.pos);
    }

    fn pretty_func(&mut self, func: &Func, indent: usize) {
        self.out.push_str("func.func ");
        if let Some(vis) = &func.visibility {
            self.out.push_str(vis);
            self.out.push(' ');
        }
        self.out.push_str(&symbol_ref(&func.name));
        self.out.push('(');
        for (i, arg) in func.args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            let attrs: Vec<&NamedAttr> = arg.attrs.iter().collect();
            if func.body.is_some() {
                self.out.push('%');
                self.out.push_str(&arg.name);
                self.out.push_str(": ");
                self.out.push_str(&arg.ty);
                self.opt_dict(&attrs);
                self.loc(arg.loc.as_deref(), arg.pos);
            } else {
                self.out.push_str(&arg.ty);
                self.opt_dict(&attrs);
            }
        }
        self.out.push(')');
        if !func.results.is_empty() {
            self.out.push_str(" -> ");
            let parens = func.results.len() > 1
                || func.results.iter().any(|r| r.ty.starts_with('('))
                || func.results.first().is_some_and(|r| !r.attrs.is_empty());
            if parens {
                self.out.push('(');
            }
            for (i, result) in func.results.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.out.push_str(&result.ty);
                let attrs: Vec<&NamedAttr> = result.attrs.iter().collect();
                self.opt_dict(&attrs);
            }
            if parens {
                self.out.push(')');
            }
        }
        if !func.attributes.is_empty() {
            self.out.push_str(" attributes ");
            let attrs: Vec<&NamedAttr> = func.attributes.iter().collect();
            self.dict(&attrs);
        }
        if let Some(body) = &func.body {
            self.out.push(' ');
            self.region(body, indent, false, false, "func", None);
        }
    }

    fn generic_func(&mut self, func: &Func, indent: usize) {
        self.out.push_str("\"func.func\"() <");
        let mut props: Vec<NamedAttr> = Vec::new();
        if func.args.iter().any(|a| !a.attrs.is_empty()) {
            props.push(NamedAttr::new("arg_attrs", dict_array(func.args.iter().map(|a| &a.attrs))));
        }
        let inputs: Vec<String> = func.args.iter().map(|a| a.ty.clone()).collect();
        let results: Vec<String> = func.results.iter().map(|r| r.ty.clone()).collect();
        let mut fn_type = Printer { out: String::new(), mode: self.mode, locations: false, file: None };
        fn_type.functional_type(&inputs, &results);
        props.push(NamedAttr::new("function_type", fn_type.out));
        if func.results.iter().any(|r| !r.attrs.is_empty()) {
            props.push(NamedAttr::new("res_attrs", dict_array(func.results.iter().map(|r| &r.attrs))));
        }
        props.push(NamedAttr::new("sym_name", quote_raw(&func.name)));
        if let Some(vis) = &func.visibility {
            props.push(NamedAttr::new("sym_visibility", quote_raw(vis)));
        }
        let (inherent, discardable): (Vec<&NamedAttr>, Vec<&NamedAttr>) =
            func.attributes.iter().partition(|a| super::parse_generic::is_inherent("func.func", a.key()));
        let all: Vec<&NamedAttr> = props.iter().chain(inherent).collect();
        self.dict(&all);
        self.out.push_str("> (");
        match &func.body {
            Some(body) => {
                let args: Vec<BlockArg> = func
                    .args
                    .iter()
                    .map(|a| BlockArg {
                        name: a.name.clone(),
                        ty: a.ty.clone(),
                        loc: a.loc.clone(),
                        pos: a.pos,
                    })
                    .collect();
                self.region(body, indent, true, true, "func", Some(&args));
            }
            None => {
                self.out.push_str("{\n");
                self.indent(indent);
                self.out.push('}');
            }
        }
        self.out.push(')');
        self.opt_dict(&discardable);
        self.out.push_str(" : () -> ()");
    }

    /// `{ blocks }` at `indent`. `entry_args` replaces the entry block's
    /// own arguments (a function's arguments live in the function).
    pub(crate) fn region(
        &mut self,
        region: &Region,
        indent: usize,
        print_entry_args: bool,
        print_empty_block: bool,
        dialect: &str,
        entry_args: Option<&[BlockArg]>,
    ) {
        self.out.push_str("{\n");
        let preds = predecessors(region);
        for (i, block) in region.blocks.iter().enumerate() {
            let args = match (i, entry_args) {
                (0, Some(args)) => args,
                _ => block.args.as_slice(),
            };
            let header = i > 0
                || (print_empty_block && block.ops.is_empty())
                || (print_entry_args && !args.is_empty());
            if header {
                self.indent(indent);
                self.out.push('^');
                match &block.label {
                    Some(label) => self.out.push_str(label),
                    None => {
                        let _ = write!(self.out, "bb{i}");
                    }
                }
                if !args.is_empty() {
                    self.out.push('(');
                    for (j, arg) in args.iter().enumerate() {
                        if j > 0 {
                            self.out.push_str(", ");
                        }
                        self.block_arg(arg);
                    }
                    self.out.push(')');
                }
                self.out.push(':');
                self.predecessor_comment(region, &preds, i);
                self.out.push('\n');
            }
            for op in &block.ops {
                self.indent(indent + 2);
                self.op(op, indent + 2, dialect);
                self.out.push('\n');
            }
        }
        self.indent(indent);
        self.out.push('}');
    }

    /// MLIR's comment after a block header: `  // pred: ^bb0`,
    /// `  // 2 preds: ^bb1, ^bb2` or `  // no predecessors`.
    fn predecessor_comment(&mut self, region: &Region, preds: &[Vec<usize>], block: usize) {
        let preds = preds.get(block).map_or(&[][..], Vec::as_slice);
        let name = |i: usize| match region.blocks.get(i).and_then(|b| b.label.as_ref()) {
            Some(label) => format!("^{label}"),
            None => format!("^bb{i}"),
        };
        match preds {
            [] if block > 0 => self.out.push_str("  // no predecessors"),
            [] => {}
            [single] => {
                let _ = write!(self.out, "  // pred: {}", name(*single));
            }
            many => {
                let names: Vec<String> = many.iter().map(|&i| name(i)).collect();
                let _ = write!(self.out, "  // {} preds: {}", many.len(), names.join(", "));
            }
        }
    }

    /// One operation at `indent` (the indentation is already written), with
    /// its result names and location. `dialect` is the default dialect.
    pub(crate) fn op(&mut self, op: &Operation, indent: usize, dialect: &str) {
        for (i, group) in op.results.iter().enumerate() {
            self.out.push_str(if i == 0 { "%" } else { ", %" });
            self.out.push_str(&group.name);
            if group.count != 1 {
                let _ = write!(self.out, ":{}", group.count);
            }
        }
        if !op.results.is_empty() {
            self.out.push_str(" = ");
        }
        if let Some(raw) = &op.raw {
            self.out.push_str(raw);
            return;
        }
        let done = self.mode == Mode::Pretty && self.pretty_op(op, indent, dialect);
        if !done {
            self.generic_op(op, indent, false);
        }
        self.loc(op.loc.as_deref(), op.pos);
    }

    /// The generic form of `op`; with `name_printed`, the name is already
    /// written (StableHLO's fallback for constants prints it that way).
    pub(crate) fn generic_op(&mut self, op: &Operation, indent: usize, name_printed: bool) {
        if !name_printed {
            self.out.push('"');
            self.out.push_str(&op.name);
            self.out.push('"');
        }
        self.out.push('(');
        self.values(&op.operands);
        self.out.push(')');
        if !op.successors.is_empty() {
            self.out.push('[');
            for (i, s) in op.successors.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.out.push('^');
                self.out.push_str(s);
            }
            self.out.push(']');
        }
        if !op.properties.is_empty() {
            self.out.push_str(" <");
            let props: Vec<&NamedAttr> = op.properties.iter().collect();
            self.dict(&props);
            self.out.push('>');
        }
        if !op.regions.is_empty() {
            self.out.push_str(" (");
            let dialect = op_table::default_dialect(&op.name);
            for (i, region) in op.regions.iter().enumerate() {
                if i > 0 {
                    self.out.push_str(", ");
                }
                self.region(region, indent, true, true, dialect, None);
            }
            self.out.push(')');
        }
        let attrs: Vec<&NamedAttr> = op.attributes.iter().collect();
        self.opt_dict(&attrs);
        self.out.push_str(" : ");
        self.functional_type(&op.operand_types, &op.result_types);
    }
}

/// For each block of `region`, the blocks branching to it (one entry per
/// edge), in block order.
fn predecessors(region: &Region) -> Vec<Vec<usize>> {
    let mut preds = vec![Vec::new(); region.blocks.len()];
    if region.blocks.iter().all(|b| b.ops.iter().all(|op| op.successors.is_empty())) {
        return preds;
    }
    let labels: HashMap<String, usize> = region
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.label.clone().unwrap_or_else(|| format!("bb{i}")), i))
        .collect();
    for (from, block) in region.blocks.iter().enumerate() {
        for successor in block.ops.iter().flat_map(|op| &op.successors) {
            if let Some(to) = labels.get(successor).and_then(|&to| preds.get_mut(to)) {
                to.push(from);
            }
        }
    }
    preds
}

/// `"name"` for a name whose escapes are already in MLIR form.
fn quote_raw(name: &str) -> String {
    format!("\"{name}\"")
}

/// `[{...}, {}]`.
fn dict_array<'a>(dicts: impl Iterator<Item = &'a Vec<NamedAttr>>) -> String {
    let mut p = Printer { out: String::from("["), mode: Mode::Generic, locations: false, file: None };
    for (i, dict) in dicts.enumerate() {
        if i > 0 {
            p.out.push_str(", ");
        }
        let attrs: Vec<&NamedAttr> = dict.iter().collect();
        p.dict(&attrs);
    }
    p.out.push(']');
    p.out
}
