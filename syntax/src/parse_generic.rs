//! The generic operation form, `"name"(operands) <{properties}> (regions)
//! {attributes} : (types) -> types`, and the conversion of generic
//! `builtin.module` and `func.func` operations into the structured
//! [`Module`] and [`Func`] of the AST.

use super::ast::{Func, FuncArg, FuncResult, Item, Module, NamedAttr, Operation};
use super::op_table;
use super::parser::{parse_all, string_literal, unquote, PResult, Parser};

impl Parser<'_> {
    /// The generic form after the result names: `"name"(operands)
    /// [successors] <{properties}> (regions) {attributes} : (types) -> types`.
    pub(crate) fn generic_operation(&mut self) -> PResult<Operation> {
        let name = unquote(self.string()?).to_string();
        let mut op = Operation { name, ..Operation::default() };
        self.expect("(")?;
        op.operands = self.value_use_list()?;
        self.expect(")")?;
        if self.lx.eat("[") {
            loop {
                let at = self.here();
                if self.lx.peek() != Some(b'^') {
                    return self.expected("successor block");
                }
                self.lx.pos += 1;
                match self.lx.suffix_id() {
                    Some(label) => op.successors.push(label.to_string()),
                    None => return Err(self.error_at(at, "expected block name")),
                }
                if self.lx.eat("]") {
                    break;
                }
                self.expect(",")?;
            }
        }
        if self.lx.eat("<") {
            op.properties = self.attr_dict()?;
            self.expect(">")?;
        }
        if self.lx.peek() == Some(b'(') {
            self.lx.pos += 1;
            let dialect = op_table::default_dialect(&op.name);
            let regions = |p: &mut Self| {
                let mut regions = Vec::new();
                loop {
                    regions.push(p.region(None, dialect)?);
                    if p.lx.eat(")") {
                        return Ok(regions);
                    }
                    p.expect(",")?;
                }
            };
            op.regions = if op_table::is_isolated_from_above(&op.name) {
                self.isolated(regions)?
            } else {
                regions(self)?
            };
        }
        // Inherent attributes written in the discardable dictionary belong
        // to the properties, as MLIR files them when the op is registered.
        let (inherent, discardable): (Vec<_>, Vec<_>) =
            self.opt_attr_dict()?.into_iter().partition(|a| is_inherent(&op.name, a.key()));
        op.properties.extend(inherent);
        op.attributes = discardable;
        self.expect(":")?;
        let at = self.here();
        let (inputs, results) = self.function_type()?;
        if inputs.len() != op.operands.len() {
            return Err(self.error_at(
                at,
                format!("{} operands present, but the type lists {}", op.operands.len(), inputs.len()),
            ));
        }
        op.operand_types = inputs;
        op.result_types = results;
        Ok(op)
    }
}

/// The `func.func` a generic operation spells, if it has the expected shape.
fn func_from_generic(op: &Operation) -> Option<Func> {
    if !op.operands.is_empty() || !op.result_types.is_empty() || !op.successors.is_empty() {
        return None;
    }
    let [region] = op.regions.as_slice() else { return None };
    let mut func = Func { loc: op.loc.clone(), pos: op.pos, ..Func::default() };
    let mut function_type = None;
    let mut arg_attrs = None;
    let mut res_attrs = None;
    for attr in op.properties.iter().chain(op.attributes.iter()) {
        let value = attr.value.as_deref();
        let string = value.and_then(string_literal);
        match (attr.key(), value, string) {
            ("sym_name", _, Some(name)) => func.name = name.to_string(),
            ("sym_visibility", _, Some(vis)) => func.visibility = Some(vis.to_string()),
            ("function_type", Some(v), _) => function_type = Some(parse_all(v, |p| p.function_type())?),
            ("arg_attrs", Some(v), _) => arg_attrs = Some(dict_array(v)?),
            ("res_attrs", Some(v), _) => res_attrs = Some(dict_array(v)?),
            _ => func.attributes.push(attr.clone()),
        }
    }
    if func.name.is_empty() {
        return None;
    }
    let (inputs, results) = function_type?;
    let arg_attrs = arg_attrs.unwrap_or_else(|| vec![Vec::new(); inputs.len()]);
    let res_attrs = res_attrs.unwrap_or_else(|| vec![Vec::new(); results.len()]);
    if arg_attrs.len() != inputs.len() || res_attrs.len() != results.len() {
        return None;
    }
    let mut body = region.clone();
    match body.blocks.first_mut() {
        None => {
            func.args = inputs
                .into_iter()
                .zip(arg_attrs)
                .map(|(ty, attrs)| FuncArg { ty, attrs, ..FuncArg::default() })
                .collect();
        }
        Some(entry) => {
            if entry.args.len() != inputs.len() || entry.args.iter().zip(&inputs).any(|(a, t)| &a.ty != t) {
                return None;
            }
            func.args = std::mem::take(&mut entry.args)
                .into_iter()
                .zip(arg_attrs)
                .map(|(a, attrs)| FuncArg { name: a.name, ty: a.ty, attrs, loc: a.loc, pos: a.pos })
                .collect();
            entry.label = None;
            func.body = Some(body);
        }
    }
    func.results = results.into_iter().zip(res_attrs).map(|(ty, attrs)| FuncResult { ty, attrs }).collect();
    Some(func)
}

/// `[{...}, {...}]`.
fn dict_array(text: &str) -> Option<Vec<Vec<NamedAttr>>> {
    parse_all(text, |p| {
        p.expect("[")?;
        let mut dicts = Vec::new();
        if p.lx.eat("]") {
            return Ok(dicts);
        }
        loop {
            dicts.push(p.attr_dict()?);
            if p.lx.eat("]") {
                return Ok(dicts);
            }
            p.expect(",")?;
        }
    })
}

/// The [`Module`] a generic `builtin.module` operation spells, if it has
/// the expected shape.
pub(crate) fn module_from_generic(op: Operation) -> Option<Module> {
    let shape_ok = op.operands.is_empty()
        && op.result_types.is_empty()
        && op.successors.is_empty()
        && op.regions.len() == 1
        && op
            .regions
            .first()
            .is_some_and(|r| r.blocks.len() <= 1 && r.blocks.iter().all(|b| b.args.is_empty()));
    if op.name != "builtin.module" || !shape_ok {
        return None;
    }
    let mut module = Module { explicit: true, loc: op.loc, pos: op.pos, ..Module::default() };
    for attr in op.properties {
        match (attr.key(), attr.value.as_deref()) {
            ("sym_name", Some(v)) if string_literal(v).is_some() => {
                module.name = string_literal(v).map(str::to_string)
            }
            _ => module.properties.push(attr),
        }
    }
    module.attributes = op.attributes;
    let ops = op.regions.into_iter().flat_map(|r| r.blocks).flat_map(|b| b.ops);
    module.items = ops.map(item_from_op).collect();
    Some(module)
}

/// An operation of a module body, as a function when it is one.
pub(crate) fn item_from_op(op: Operation) -> Item {
    let func = if op.name == "func.func" { func_from_generic(&op) } else { None };
    match func {
        Some(func) => Item::Func(func),
        None => Item::Op(op),
    }
}

/// Whether the operation name is a known one with inherent `name`.
pub(crate) fn is_inherent(op_name: &str, name: &str) -> bool {
    op_table::inherent_attrs(op_name).contains(&name)
}
