//! The parser core shared by the pretty and the generic syntax: SSA values,
//! types, attribute dictionaries, locations, regions, blocks, and the
//! per-operation dispatch between the generic form (`"name"(...)`) and the
//! pretty forms (see `parse_pretty`).

use super::ast::{Block, BlockArg, NamedAttr, Operation, Pos, Region, ResultGroup, ValueRef};
use super::error::{LineTracker, ParseError};
use super::lexer::{LexError, Lexer};
use super::scopes::NameScopes;

/// A parse result.
pub(crate) type PResult<T> = Result<T, ParseError>;

/// A type that may be a function type.
pub(crate) enum TypeOrFn {
    /// A non-function type.
    Single(String),
    /// `(inputs) -> results`.
    Func(Vec<String>, Vec<String>),
}

/// A name as written and the offset where it was written.
pub(crate) type Written<'a> = (&'a str, usize);

/// The parser state.
pub(crate) struct Parser<'a> {
    pub(crate) lx: Lexer<'a>,
    lines: LineTracker,
    /// How many names were made up for values the pretty syntax leaves
    /// implicit (the block arguments and result of a compact `reduce`).
    pub(crate) synthetic: u32,
    /// How deeply regions and function types are nested here.
    depth: u32,
    /// The SSA names defined and used so far.
    names: NameScopes<'a>,
    /// Result names of the operations being parsed, defined once each
    /// operation is complete (a stack: operations nest through regions).
    result_names: Vec<Written<'a>>,
    /// Emptied scope tables kept for reuse by the next isolated region.
    spare_names: Vec<NameScopes<'a>>,
}

/// The deepest nesting of regions (and of function types) accepted, so
/// that hostile input cannot exhaust the stack.
pub(crate) const MAX_NESTING: u32 = 100;

impl<'a> Parser<'a> {
    /// A parser at the start of `src`.
    pub(crate) fn new(src: &'a str) -> Self {
        Parser {
            lx: Lexer::new(src),
            lines: LineTracker::default(),
            synthetic: 0,
            depth: 0,
            names: NameScopes::default(),
            result_names: Vec::new(),
            spare_names: Vec::new(),
        }
    }

    /// An error at byte `offset`.
    pub(crate) fn error_at(&self, offset: usize, message: impl Into<String>) -> ParseError {
        ParseError::at(self.lx.src, offset, message)
    }

    /// Converts a lexer error.
    pub(crate) fn lex_error(&self, (offset, message): LexError) -> ParseError {
        self.error_at(offset, message)
    }

    /// "expected WHAT, found TOKEN" at the next token.
    pub(crate) fn expected<T>(&mut self, what: &str) -> PResult<T> {
        let found = self.lx.describe();
        Err(self.error_at(self.lx.pos, format!("expected {what}, found {found}")))
    }

    /// The offset of the next token.
    pub(crate) fn here(&mut self) -> usize {
        self.lx.skip_trivia();
        self.lx.pos
    }

    /// The source position of byte `offset`.
    pub(crate) fn pos_of(&mut self, offset: usize) -> Pos {
        let (line, column) = self.lines.line_col(self.lx.src, offset);
        Pos { line, column }
    }

    /// A name for an implicit value: the lexer's synthetic prefix and a
    /// number. The lexer notes whether the input itself uses such names.
    pub(crate) fn synthetic_name(&mut self) -> String {
        self.synthetic += 1;
        format!("{}{}", self.lx.synthetic_prefix, self.synthetic - 1)
    }

    /// Opens a name scope (a region's).
    pub(crate) fn push_scope(&mut self) {
        self.names.push();
    }

    /// Closes the innermost name scope (see [`NameScopes::pop`]).
    pub(crate) fn pop_scope(&mut self) -> PResult<()> {
        self.names.pop().map_err(|e| self.lex_error(e))
    }

    /// Defines the SSA name `name`, binding `count` results, written at `at`.
    pub(crate) fn define(&mut self, name: &'a str, count: u32, at: usize) -> PResult<()> {
        self.names.define(name, count, at).map_err(|e| self.lex_error(e))
    }

    /// Resolves the uses left at the end of the input.
    pub(crate) fn finish_names(&mut self) -> PResult<()> {
        self.names.finish().map_err(|e| self.lex_error(e))
    }

    /// Runs `f` in a fresh name scope that sees no outer names, as in the
    /// regions of an operation isolated from above (`func.func`, `builtin.module`).
    pub(crate) fn isolated<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let fresh = self.spare_names.pop().unwrap_or_default();
        let outer = std::mem::replace(&mut self.names, fresh);
        let result = f(self);
        let closed = self.finish_names();
        let mut used = std::mem::replace(&mut self.names, outer);
        used.reset();
        self.spare_names.push(used);
        let value = result?;
        closed?;
        Ok(value)
    }

    /// Consumes the punctuation `p` or fails.
    pub(crate) fn expect(&mut self, p: &str) -> PResult<()> {
        if self.lx.eat(p) {
            Ok(())
        } else {
            self.expected(&format!("'{p}'"))
        }
    }

    /// Consumes the keyword `kw` or fails.
    pub(crate) fn expect_keyword(&mut self, kw: &str) -> PResult<()> {
        if self.lx.eat_keyword(kw) {
            Ok(())
        } else {
            self.expected(&format!("'{kw}'"))
        }
    }

    /// A bare identifier or fails with "expected WHAT".
    pub(crate) fn ident(&mut self, what: &str) -> PResult<&'a str> {
        match self.lx.ident() {
            Some(id) => Ok(id),
            None => self.expected(what),
        }
    }

    /// A decimal integer.
    pub(crate) fn integer(&mut self) -> PResult<i64> {
        match self.lx.integer() {
            Some(v) => Ok(v),
            None => self.expected("integer"),
        }
    }

    /// `[i, j, ...]` of integers.
    pub(crate) fn integer_list(&mut self) -> PResult<Vec<i64>> {
        self.expect("[")?;
        let mut values = Vec::new();
        if self.lx.eat("]") {
            return Ok(values);
        }
        loop {
            values.push(self.integer()?);
            if self.lx.eat("]") {
                return Ok(values);
            }
            self.expect(",")?;
        }
    }

    /// A string literal, as written (with quotes).
    pub(crate) fn string(&mut self) -> PResult<&'a str> {
        if self.lx.peek() != Some(b'"') {
            return self.expected("string literal");
        }
        self.lx.string().map_err(|e| self.lex_error(e))
    }

    /// A symbol reference `@name` or `@"name"`, returned without `@` or quotes.
    pub(crate) fn symbol(&mut self) -> PResult<String> {
        if self.lx.peek() != Some(b'@') {
            return self.expected("symbol name (@name)");
        }
        let at = self.lx.pos;
        self.lx.pos += 1;
        if self.lx.peek_at(0) == Some(b'"') {
            let s = self.lx.string().map_err(|e| self.lex_error(e))?;
            return Ok(unquote(s).to_string());
        }
        match self.lx.bare_ident_here() {
            Some(id) => Ok(id.to_string()),
            None => Err(self.error_at(at, "expected a letter, '_' or '\"' after '@'")),
        }
    }

    /// A use of an SSA value: `%name` or `%name#N`.
    pub(crate) fn value_use(&mut self) -> PResult<ValueRef> {
        let at = self.here();
        let Some(name) = self.lx.value_name() else { return self.expected("SSA value") };
        let number_at = self.lx.pos;
        let Some(index) = self.lx.result_number() else {
            return Err(self.error_at(number_at, "invalid result number"));
        };
        self.names.use_value(name, index.unwrap_or(0), at).map_err(|e| self.lex_error(e))?;
        Ok(ValueRef { name: name.to_string(), index })
    }

    /// A possibly empty comma-separated list of SSA value uses; it ends at
    /// the first token that does not start with `%`.
    pub(crate) fn value_use_list(&mut self) -> PResult<Vec<ValueRef>> {
        let mut values = Vec::new();
        if self.lx.peek() != Some(b'%') {
            return Ok(values);
        }
        loop {
            values.push(self.value_use()?);
            let save = self.lx.pos;
            if !self.lx.eat(",") {
                return Ok(values);
            }
            if self.lx.peek() != Some(b'%') {
                self.lx.pos = save;
                return Ok(values);
            }
        }
    }

    /// `%a, %b:2, ... =` before an operation, with where each name was written.
    /// The names are pushed on `result_names`.
    pub(crate) fn result_groups(&mut self) -> PResult<Vec<ResultGroup>> {
        let mut groups = Vec::new();
        loop {
            let at = self.here();
            let Some(name) = self.lx.value_name() else { return self.expected("result name") };
            self.result_names.push((name, at));
            let mut count = 1;
            if self.lx.peek_at(0) == Some(b':') && self.lx.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
                self.lx.pos += 1;
                let at = self.lx.pos;
                count = match self.lx.integer().and_then(|n| u32::try_from(n).ok()) {
                    Some(n) if n > 0 => n,
                    _ => return Err(self.error_at(at, "expected a positive result count")),
                };
            }
            groups.push(ResultGroup { name: name.to_string(), count });
            if !self.lx.eat(",") {
                break;
            }
        }
        self.expect("=")?;
        Ok(groups)
    }

    /// Any type, function types included, as raw text.
    pub(crate) fn type_text(&mut self) -> PResult<String> {
        let start = self.here();
        if self.lx.peek() == Some(b'(') {
            self.function_type()?;
            return Ok(self.lx.src.get(start..self.lx.pos).unwrap_or("").to_string());
        }
        self.lx.scan_type().map(str::to_string).map_err(|e| self.lex_error(e))
    }

    /// A type that may be a function type, split into its pieces.
    pub(crate) fn type_or_fn(&mut self) -> PResult<TypeOrFn> {
        if self.lx.peek() == Some(b'(') {
            let (inputs, results) = self.function_type()?;
            Ok(TypeOrFn::Func(inputs, results))
        } else {
            Ok(TypeOrFn::Single(self.type_text()?))
        }
    }

    /// `(inputs) -> results`; results are one type or a parenthesized list.
    pub(crate) fn function_type(&mut self) -> PResult<(Vec<String>, Vec<String>)> {
        if self.lx.peek() != Some(b'(') {
            return self.expected("function type");
        }
        self.enter("function types")?;
        let result = self.function_type_body();
        self.depth -= 1;
        result
    }

    fn function_type_body(&mut self) -> PResult<(Vec<String>, Vec<String>)> {
        let inputs = self.paren_type_list()?;
        self.expect("->")?;
        let results =
            if self.lx.peek() == Some(b'(') { self.paren_type_list()? } else { vec![self.type_text()?] };
        Ok((inputs, results))
    }

    /// Enters one level of nesting, or fails past [`MAX_NESTING`].
    fn enter(&mut self, what: &str) -> PResult<()> {
        if self.depth >= MAX_NESTING {
            let at = self.here();
            return Err(
                self.error_at(at, format!("{what} nested too deeply (more than {MAX_NESTING} levels)"))
            );
        }
        self.depth += 1;
        Ok(())
    }

    /// `(t, t, ...)`, possibly empty.
    pub(crate) fn paren_type_list(&mut self) -> PResult<Vec<String>> {
        self.expect("(")?;
        let mut types = Vec::new();
        if self.lx.eat(")") {
            return Ok(types);
        }
        loop {
            types.push(self.type_text()?);
            if self.lx.eat(")") {
                return Ok(types);
            }
            self.expect(",")?;
        }
    }

    /// `t, t, ...` (at least one).
    pub(crate) fn type_list(&mut self) -> PResult<Vec<String>> {
        let mut types = vec![self.type_text()?];
        while self.lx.eat(",") {
            types.push(self.type_text()?);
        }
        Ok(types)
    }

    /// `{name = value, unit_name, ...}`.
    pub(crate) fn attr_dict(&mut self) -> PResult<Vec<NamedAttr>> {
        self.expect("{")?;
        let mut attrs = Vec::new();
        if self.lx.eat("}") {
            return Ok(attrs);
        }
        loop {
            let name = match self.lx.peek() {
                Some(b'"') => self.string()?.to_string(),
                _ => self.ident("attribute name")?.to_string(),
            };
            let value = if self.lx.eat("=") {
                let value = self.lx.scan_value(false).map_err(|e| self.lex_error(e))?;
                self.check_enums(value)?;
                self.check_i1_hex(value)?;
                Some(value.to_string())
            } else {
                None
            };
            attrs.push(NamedAttr { name, value });
            if self.lx.eat("}") {
                return Ok(attrs);
            }
            self.expect(",")?;
        }
    }

    /// Fails at the first StableHLO or CHLO enumeration attribute in
    /// `value`, a slice of the input, whose spelling `enums` does not know
    /// (`#stablehlo<comparison_direction LQ>`), as StableHLO's parser does.
    pub(crate) fn check_enums(&self, value: &str) -> PResult<()> {
        match super::attr_text::unknown_enum(value) {
            None => Ok(()),
            Some((offset, message)) => {
                let start = (value.as_ptr() as usize).saturating_sub(self.lx.src.as_ptr() as usize);
                Err(self.error_at(start + offset, message))
            }
        }
    }

    /// Fails when `value`, a slice of the input, is a hex `dense<"0x...">`
    /// of `i1` elements whose data fits neither layout: one byte per element
    /// (as JAX writes it) or one bit per element (as MLIR 22 reads it).
    pub(crate) fn check_i1_hex(&self, value: &str) -> PResult<()> {
        match super::attr_text::i1_hex_problem(value) {
            None => Ok(()),
            Some(message) => {
                let start = (value.as_ptr() as usize).saturating_sub(self.lx.src.as_ptr() as usize);
                Err(self.error_at(start, message))
            }
        }
    }

    /// An attribute dictionary if the next token is `{`.
    pub(crate) fn opt_attr_dict(&mut self) -> PResult<Vec<NamedAttr>> {
        if self.lx.peek() == Some(b'{') {
            self.attr_dict()
        } else {
            Ok(Vec::new())
        }
    }

    /// An optional trailing `loc(...)`, returned whole.
    pub(crate) fn opt_loc(&mut self) -> PResult<Option<String>> {
        self.lx.skip_trivia();
        let start = self.lx.pos;
        if !self.lx.rest().starts_with("loc(") {
            return Ok(None);
        }
        self.lx.pos += 3;
        self.lx.scan_group().map_err(|e| self.lex_error(e))?;
        Ok(Some(self.lx.src.get(start..self.lx.pos).unwrap_or("").to_string()))
    }

    /// A block argument `%name: type loc(...)?`.
    pub(crate) fn block_arg(&mut self) -> PResult<BlockArg> {
        let at = self.here();
        let Some(name) = self.lx.value_name() else { return self.expected("block argument") };
        self.define(name, 1, at)?;
        let name = name.to_string();
        self.expect(":")?;
        let ty = self.type_text()?;
        let loc = self.opt_loc()?;
        let pos = Some(self.pos_of(at));
        Ok(BlockArg { name, ty, loc, pos })
    }

    /// `^label(args):` at the start of a block.
    fn block_header(&mut self) -> PResult<Block> {
        let at = self.here();
        self.lx.pos += 1;
        let Some(label) = self.lx.suffix_id() else { return Err(self.error_at(at, "expected block name")) };
        let mut block = Block { label: Some(label.to_string()), ..Block::default() };
        if self.lx.eat("(") {
            loop {
                block.args.push(self.block_arg()?);
                if self.lx.eat(")") {
                    break;
                }
                self.expect(",")?;
            }
        }
        self.expect(":")?;
        Ok(block)
    }

    /// `{ ops }`: a region. `entry_args` are the entry block's arguments
    /// when the syntax declares them outside the region (function
    /// signatures, `while`, `reduce`); a leading `^bb0(...)` header is then
    /// not allowed. `dialect` is the default dialect of unprefixed op names.
    pub(crate) fn region(&mut self, entry_args: Option<Vec<BlockArg>>, dialect: &str) -> PResult<Region> {
        self.enter("regions")?;
        self.push_scope();
        let result = self.region_body(entry_args, dialect);
        let closed = self.pop_scope();
        self.depth -= 1;
        let region = result?;
        closed?;
        Ok(region)
    }

    fn region_body(&mut self, entry_args: Option<Vec<BlockArg>>, dialect: &str) -> PResult<Region> {
        let open = self.here();
        self.expect("{")?;
        let args_given = entry_args.is_some();
        let mut blocks = Vec::new();
        let mut current = Block { args: entry_args.unwrap_or_default(), ..Block::default() };
        loop {
            match self.lx.peek() {
                None => {
                    let (line, col) = super::error::line_col(self.lx.src, open);
                    return Err(self.error_at(
                        self.lx.pos,
                        format!(
                            "unexpected end of input: expected '}}' to close the region opened at {line}:{col}"
                        ),
                    ));
                }
                Some(b'}') => {
                    self.lx.pos += 1;
                    break;
                }
                Some(b'^') => {
                    let at = self.lx.pos;
                    let is_entry = blocks.is_empty() && current.label.is_none() && current.ops.is_empty();
                    if is_entry && args_given {
                        return Err(self.error_at(
                            at,
                            "invalid block name in a region whose entry block arguments are declared by the operation",
                        ));
                    }
                    let header = self.block_header()?;
                    if is_entry && current.args.is_empty() {
                        current = header;
                    } else {
                        blocks.push(std::mem::replace(&mut current, header));
                    }
                }
                Some(_) => current.ops.push(self.operation(dialect)?),
            }
        }
        let empty = current.label.is_none() && current.args.is_empty() && current.ops.is_empty();
        if !(blocks.is_empty() && empty) {
            blocks.push(current);
        }
        Ok(Region { blocks })
    }

    /// One operation, in generic or pretty form, with its result names and
    /// trailing location.
    pub(crate) fn operation(&mut self, dialect: &str) -> PResult<Operation> {
        let start = self.here();
        let first_name = self.result_names.len();
        let results = if self.lx.peek() == Some(b'%') { self.result_groups()? } else { Vec::new() };
        let name_at = self.here();
        let pos = self.pos_of(name_at);
        let mut op = match self.lx.peek() {
            Some(b'"') => self.generic_operation()?,
            Some(c) if super::lexer::is_ident_start(c) => {
                let name = self.ident("operation name")?;
                let full = match (name.contains('.'), dialect.is_empty()) {
                    (false, false) => format!("{dialect}.{name}"),
                    _ => name.to_string(),
                };
                if full.starts_with("jaxr.") {
                    self.raw_operation(full, name_at, pos)?
                } else {
                    self.pretty_operation(full, name_at, pos)?
                }
            }
            _ => return self.expected("operation"),
        };
        op.pos = Some(pos);
        if !results.is_empty() && op.raw.is_none() {
            let bound: u64 = results.iter().map(|g| u64::from(g.count)).sum();
            if bound != op.result_types.len() as u64 {
                return Err(self.error_at(
                    start,
                    format!(
                        "operation defines {} results but was provided {bound} to bind",
                        op.result_types.len()
                    ),
                ));
            }
        }
        for (i, group) in results.iter().enumerate() {
            if let Some(&(name, at)) = self.result_names.get(first_name + i) {
                self.define(name, group.count, at)?;
            }
        }
        self.result_names.truncate(first_name);
        op.results = results;
        if op.loc.is_none() {
            op.loc = self.opt_loc()?;
        }
        Ok(op)
    }
}

/// The contents of `text` (escapes kept) when it is exactly one string literal.
pub(crate) fn string_literal(text: &str) -> Option<&str> {
    let mut lexer = Lexer::new(text);
    let literal = lexer.string().ok()?;
    lexer.at_end().then(|| unquote(literal))
}

/// `"text"` without its quotes (escapes kept).
pub(crate) fn unquote(s: &str) -> &str {
    s.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(s)
}

/// Parses `text` entirely with `f`, or returns `None`.
pub(crate) fn parse_all<T>(text: &str, f: impl FnOnce(&mut Parser<'_>) -> PResult<T>) -> Option<T> {
    let mut p = Parser::new(text);
    let value = f(&mut p).ok()?;
    p.lx.at_end().then_some(value)
}
