//! The file-level structure of the text: alias definitions, `module`
//! (explicit, generic, or implicit around bare top-level operations) and
//! `func.func` in its pretty form.

use super::ast::{AliasDef, Block, Func, FuncArg, FuncResult, Item, Module};
use super::parse_generic::{is_inherent, item_from_op, module_from_generic};
use super::parser::{PResult, Parser};

/// Parses a whole file.
pub(crate) fn parse_file(src: &str) -> PResult<Module> {
    // Implicit values get names `r0`, `r1`, ...; if the input uses such names
    // itself, it is parsed again with a longer prefix (`r_0`, ...).
    let mut prefix = String::from("r");
    loop {
        let mut p = Parser::new(src);
        p.lx.synthetic_prefix.clone_from(&prefix);
        let module = p.file()?;
        if p.synthetic == 0 || !p.lx.synthetic_prefix_seen {
            return Ok(module);
        }
        if prefix.len() >= 32 {
            return Err(p.error_at(
                0,
                "cannot find unused names for the implicit values of compact reduce operations",
            ));
        }
        prefix.push('_');
    }
}

impl Parser<'_> {
    /// The whole input: aliases, the module, aliases.
    fn file(&mut self) -> PResult<Module> {
        let leading = self.aliases()?;
        let mut module = if self.lx.at_keyword("module") {
            self.pretty_module()?
        } else if self.lx.rest().starts_with("\"builtin.module\"") {
            let at = self.here();
            let op = self.operation("")?;
            module_from_generic(op)
                .ok_or_else(|| self.error_at(at, "malformed \"builtin.module\" operation"))?
        } else {
            self.implicit_module()?
        };
        module.leading_aliases = leading;
        module.trailing_aliases.extend(self.aliases()?);
        if !self.lx.at_end() {
            return self.expected("end of input after the module");
        }
        self.finish_names()?;
        Ok(module)
    }

    /// Alias definitions `#name = value` / `!name = type`, one per line.
    fn aliases(&mut self) -> PResult<Vec<AliasDef>> {
        let mut aliases = Vec::new();
        while let Some(name) = self.alias_name() {
            self.expect("=")?;
            let value = self.lx.scan_value(true).map_err(|e| self.lex_error(e))?;
            self.check_enums(value)?;
            aliases.push(AliasDef { name, value: value.to_string() });
        }
        Ok(aliases)
    }

    /// The name of an alias definition that starts here, consumed.
    fn alias_name(&mut self) -> Option<String> {
        let start = self.here();
        if !matches!(self.lx.peek(), Some(b'#' | b'!')) {
            return None;
        }
        self.lx.pos += 1;
        let is_def =
            self.lx.suffix_id().is_some() && self.lx.peek() == Some(b'=') && self.lx.peek_at(1) != Some(b'=');
        if is_def {
            Some(self.lx.src.get(start..self.lx.pos).unwrap_or("").trim_end().to_string())
        } else {
            self.lx.pos = start;
            None
        }
    }

    /// Top-level operations without a `module` around them.
    fn implicit_module(&mut self) -> PResult<Module> {
        let mut module = Module::default();
        loop {
            module.trailing_aliases.extend(self.aliases()?);
            if self.lx.at_end() {
                return Ok(module);
            }
            module.items.push(self.module_item()?);
        }
    }

    /// `module @name attributes {...} { items } loc(...)?`.
    fn pretty_module(&mut self) -> PResult<Module> {
        let at = self.here();
        let pos = self.pos_of(at);
        self.expect_keyword("module")?;
        let mut module = Module { explicit: true, pos: Some(pos), ..Module::default() };
        if self.lx.peek() == Some(b'@') {
            module.name = Some(self.symbol()?);
        }
        if self.lx.eat_keyword("attributes") {
            for attr in self.attr_dict()? {
                if is_inherent("builtin.module", attr.key()) {
                    module.properties.push(attr);
                } else {
                    module.attributes.push(attr);
                }
            }
        }
        let open = self.here();
        self.expect("{")?;
        loop {
            match self.lx.peek() {
                None => return Err(self.unterminated(open, "module")),
                Some(b'}') => {
                    self.lx.pos += 1;
                    break;
                }
                Some(_) => module.items.push(self.module_item()?),
            }
        }
        module.loc = self.opt_loc()?;
        Ok(module)
    }

    /// The error for a missing `}` at the end of the input.
    fn unterminated(&mut self, open: usize, what: &str) -> super::error::ParseError {
        let (line, col) = super::error::line_col(self.lx.src, open);
        let end = self.lx.src.len();
        self.error_at(
            end,
            format!("unexpected end of input: expected '}}' to close the {what} opened at {line}:{col}"),
        )
    }

    /// One operation of a module body.
    fn module_item(&mut self) -> PResult<Item> {
        if self.lx.at_keyword("func.func") {
            return Ok(Item::Func(self.pretty_func()?));
        }
        Ok(item_from_op(self.operation("builtin")?))
    }

    /// `func.func visibility? @name(args) -> results attributes {...}? { body }? loc(...)?`.
    fn pretty_func(&mut self) -> PResult<Func> {
        let at = self.here();
        let pos = self.pos_of(at);
        self.expect_keyword("func.func")?;
        let func = Func { pos: Some(pos), ..Func::default() };
        self.isolated(|p| p.pretty_func_rest(func))
    }

    /// `pretty_func` after `func.func`, in the function's own name scope.
    fn pretty_func_rest(&mut self, mut func: Func) -> PResult<Func> {
        for vis in ["public", "private", "nested"] {
            if self.lx.eat_keyword(vis) {
                func.visibility = Some(vis.to_string());
                break;
            }
        }
        func.name = self.symbol()?;
        self.expect("(")?;
        if !self.lx.eat(")") {
            let named = self.lx.peek() == Some(b'%');
            loop {
                let arg_at = self.here();
                let mut arg = FuncArg::default();
                if named {
                    let Some(name) = self.lx.value_name() else { return self.expected("argument name") };
                    self.define(name, 1, arg_at)?;
                    arg.name = name.to_string();
                    self.expect(":")?;
                }
                arg.ty = self.type_text()?;
                arg.attrs = self.opt_attr_dict()?;
                if named {
                    arg.loc = self.opt_loc()?;
                }
                arg.pos = Some(self.pos_of(arg_at));
                func.args.push(arg);
                if self.lx.eat(")") {
                    break;
                }
                self.expect(",")?;
            }
        }
        if self.lx.eat("->") {
            if self.lx.peek() == Some(b'(') {
                self.lx.pos += 1;
                if !self.lx.eat(")") {
                    loop {
                        let ty = self.type_text()?;
                        let attrs = self.opt_attr_dict()?;
                        func.results.push(FuncResult { ty, attrs });
                        if self.lx.eat(")") {
                            break;
                        }
                        self.expect(",")?;
                    }
                }
            } else {
                func.results.push(FuncResult { ty: self.type_text()?, attrs: Vec::new() });
            }
        }
        if self.lx.eat_keyword("attributes") {
            func.attributes = self.attr_dict()?;
        }
        if self.lx.peek() == Some(b'{') {
            if func.args.iter().any(|a| a.name.is_empty()) {
                return self.expected("argument names (%name: type) in a function with a body");
            }
            let declared = if func.args.is_empty() { None } else { Some(Vec::new()) };
            let mut body = self.region(declared, "func")?;
            if body.blocks.is_empty() {
                body.blocks.push(Block::default());
            }
            func.body = Some(body);
        }
        func.loc = self.opt_loc()?;
        Ok(func)
    }
}
