//! MLIR's SSA naming, as its printer (`SSANameState`) applies it, so that
//! printed names match MLIR's byte for byte: `%0`, `%1`, ... for plain
//! results; `%cst`, `%c` for StableHLO constants, one name per result of
//! the ops whose ODS names their results (`%values, %indices`), and
//! `%iterArg` for `while` arguments (`OpAsmOpInterface` names) made unique
//! with `_N` suffixes from one conflict counter; `%argN` for entry block
//! arguments.
//!
//! A region is numbered as a whole before the regions nested in it; every
//! nested region then starts from the counters reached at the end of its
//! parent region (so sibling regions reuse the same numbers), and sees the
//! names used by its ancestors but not those of its siblings. Isolation
//! from above changes nothing here: the body of a `sdy.manual_computation`
//! goes on from its function's numbers (`%arg3` after `%arg0`..`%arg2`).

use std::collections::{HashMap, HashSet};

use super::ast::{FuncArg, Item, Module, Operation, Region, ResultGroup};
use super::op_table;

#[derive(Clone, Copy, Default)]
struct Counters {
    value: u32,
    arg: u32,
    conflict: u32,
}

/// What an old name stands for after renaming.
#[derive(Clone)]
struct Def {
    /// The operation's new result names: one for all its results, or one
    /// per result (`%values, %indices`).
    names: Vec<String>,
    /// The result number of the old name's first value in its operation.
    base: u32,
    /// The operation's result count.
    total: u32,
}

impl Def {
    fn single(name: String) -> Self {
        Def { names: vec![name], base: 0, total: 1 }
    }

    /// The new spelling of result `index` of the old name: `%0#2`, or
    /// `%indices` when every result has a name of its own.
    fn resolve(&self, index: Option<u32>) -> (String, Option<u32>) {
        let number = self.base.saturating_add(index.unwrap_or(0));
        match self.names.as_slice() {
            [name] => (name.clone(), (self.total > 1).then_some(number)),
            names => match names.get(number as usize) {
                Some(name) => (name.clone(), None),
                None => (names.first().cloned().unwrap_or_default(), Some(number)),
            },
        }
    }
}

#[derive(Default)]
struct Namer {
    used: Vec<HashSet<String>>,
    defs: Vec<HashMap<String, Def>>,
    labels: Vec<HashMap<String, String>>,
}

/// A copy of `module` with every SSA value and block renamed as MLIR's
/// printer would name them.
pub(crate) fn rename(module: &Module) -> Module {
    let mut module = module.clone();
    // Operations kept as raw text (jaxr) refer to values by their written
    // names, which renaming would break: keep every name as written.
    if module.items.iter().any(|item| match item {
        Item::Func(f) => f.body.as_ref().is_some_and(region_has_raw),
        Item::Op(op) => op_has_raw(op),
    }) {
        return module;
    }
    let mut namer = Namer::default();
    namer.push();
    let mut counters = Counters::default();
    for item in &mut module.items {
        if let Item::Op(op) = item {
            namer.number_op(op, &mut counters);
        }
    }
    for item in &mut module.items {
        if let Item::Op(op) = item {
            namer.rewrite_uses(op);
        }
    }
    for item in &mut module.items {
        match item {
            Item::Func(func) => {
                if let Some(body) = func.body.as_mut() {
                    namer.region(body, counters, None, Some(&mut func.args));
                }
            }
            Item::Op(op) => namer.nested(op, counters),
        }
    }
    module
}

impl Namer {
    fn push(&mut self) {
        self.used.push(HashSet::new());
        self.defs.push(HashMap::new());
        self.labels.push(HashMap::new());
    }

    fn pop(&mut self) {
        self.used.pop();
        self.defs.pop();
        self.labels.pop();
    }

    fn is_used(&self, name: &str) -> bool {
        self.used.iter().any(|scope| scope.contains(name))
    }

    /// `uniqueValueName`: `name`, or `name_N` with the next free conflict number.
    fn unique(&mut self, name: &str, counters: &mut Counters) -> String {
        let mut candidate = name.to_string();
        while self.is_used(&candidate) {
            candidate = format!("{name}_{}", counters.conflict);
            counters.conflict += 1;
        }
        if let Some(scope) = self.used.last_mut() {
            scope.insert(candidate.clone());
        }
        candidate
    }

    fn define(&mut self, old: &str, def: Def) {
        if let Some(scope) = self.defs.last_mut() {
            scope.insert(old.to_string(), def);
        }
    }

    fn lookup(&self, old: &str) -> Option<&Def> {
        self.defs.iter().rev().find_map(|scope| scope.get(old))
    }

    fn define_single(&mut self, old: &mut String, new: String) {
        self.define(old, Def::single(new.clone()));
        *old = new;
    }

    /// Names the results of `op`: one name for all of them, or one each
    /// when the operation names every result.
    fn number_op(&mut self, op: &mut Operation, counters: &mut Counters) {
        let declared = op.results.iter().fold(0u32, |n, g| n.saturating_add(g.count));
        let total = u32::try_from(op.result_types.len()).unwrap_or(u32::MAX).max(declared);
        if total == 0 {
            return;
        }
        let names: Vec<String> = match (op_table::result_names(op), op_table::result_name(op)) {
            (Some(hints), _) if hints.len() == total as usize => {
                hints.iter().map(|hint| self.unique(hint, counters)).collect()
            }
            (_, Some(hint)) => vec![self.unique(hint, counters)],
            _ => {
                counters.value += 1;
                vec![(counters.value - 1).to_string()]
            }
        };
        let mut base = 0;
        for group in &op.results {
            self.define(&group.name, Def { names: names.clone(), base, total });
            base = base.saturating_add(group.count);
        }
        op.results = match names.as_slice() {
            [name] => vec![ResultGroup { name: name.clone(), count: total }],
            _ => names.into_iter().map(|name| ResultGroup { name, count: 1 }).collect(),
        };
    }

    fn rewrite_uses(&self, op: &mut Operation) {
        for operand in &mut op.operands {
            if let Some(def) = self.lookup(&operand.name) {
                (operand.name, operand.index) = def.resolve(operand.index);
            }
        }
        if let Some(labels) = self.labels.last() {
            for successor in &mut op.successors {
                if let Some(new) = labels.get(successor.as_str()) {
                    *successor = new.clone();
                }
            }
        }
    }

    fn nested(&mut self, op: &mut Operation, counters: Counters) {
        let hint = op_table::block_arg_name(&op.name);
        for region in &mut op.regions {
            self.region(region, counters, hint, None);
        }
    }

    /// Names a region's own values, then its uses, then its nested regions.
    fn region(
        &mut self,
        region: &mut Region,
        mut counters: Counters,
        hint: Option<&str>,
        func_args: Option<&mut Vec<FuncArg>>,
    ) {
        self.push();
        for arg in func_args.into_iter().flatten() {
            let name = format!("arg{}", counters.arg);
            counters.arg += 1;
            let new = self.unique(&name, &mut counters);
            self.define_single(&mut arg.name, new);
        }
        for (i, block) in region.blocks.iter_mut().enumerate() {
            let label = format!("bb{i}");
            if let (Some(old), Some(labels)) = (&block.label, self.labels.last_mut()) {
                labels.insert(old.clone(), label.clone());
            }
            block.label = Some(label);
            for arg in &mut block.args {
                let new = match (i, hint) {
                    (0, Some(hint)) => self.unique(hint, &mut counters),
                    (0, None) => {
                        let name = format!("arg{}", counters.arg);
                        counters.arg += 1;
                        self.unique(&name, &mut counters)
                    }
                    _ => {
                        counters.value += 1;
                        (counters.value - 1).to_string()
                    }
                };
                self.define_single(&mut arg.name, new);
            }
            for op in &mut block.ops {
                self.number_op(op, &mut counters);
            }
        }
        for block in &mut region.blocks {
            for op in &mut block.ops {
                self.rewrite_uses(op);
            }
        }
        for block in &mut region.blocks {
            for op in &mut block.ops {
                self.nested(op, counters);
            }
        }
        self.pop();
    }
}

fn op_has_raw(op: &Operation) -> bool {
    op.raw.is_some() || op.regions.iter().any(region_has_raw)
}

fn region_has_raw(region: &Region) -> bool {
    region.blocks.iter().any(|b| b.ops.iter().any(op_has_raw))
}
