//! The pretty syntax of operations as JAX (MLIR with the StableHLO dialect
//! loaded) prints it: the custom assembly format of every operation listed
//! in `op_table`. Each pretty operation is turned into the generic fields of
//! [`Operation`], so the pretty and the generic spelling of a program give
//! the same AST.

use std::collections::HashSet;

use super::ast::{Block, BlockArg, NamedAttr, Operation, Pos, Region, ResultGroup, ValueRef};
use super::attr_text::{self, DotDims, SdyAttr};
use super::enums;
use super::op_table::{self, Format};
use super::parse_generic::is_inherent;
use super::parser::{PResult, Parser, TypeOrFn};

impl Parser<'_> {
    /// An operation in its pretty (custom) form, from after its name.
    pub(crate) fn pretty_operation(&mut self, name: String, name_at: usize, pos: Pos) -> PResult<Operation> {
        let Some(format) = op_table::format_of(&name) else {
            let hint = if name == "func.func" {
                "func.func is only supported directly inside a module".to_string()
            } else {
                format!(
                    "unknown operation '{name}' in the pretty syntax (the generic form \"{name}\"(...) \
                     reads every op of the stablehlo and chlo dialects)"
                )
            };
            return Err(self.error_at(name_at, hint));
        };
        let mut op = Operation { name, pos: Some(pos), ..Operation::default() };
        match format {
            Format::SameType => self.same_type_form(&mut op)?,
            Format::Functional => self.functional_form(&mut op)?,
            Format::ChloUnary => self.chlo_unary(&mut op)?,
            Format::ChloBinary => self.chlo_binary(&mut op)?,
            Format::TopK => self.top_k(&mut op)?,
            Format::Rng => self.rng(&mut op)?,
            Format::Select => self.select(&mut op)?,
            Format::BroadcastInDim | Format::Transpose | Format::Reverse => {
                self.dims_form(&mut op, format)?
            }
            Format::Iota => self.iota(&mut op)?,
            Format::Concatenate => self.concatenate(&mut op)?,
            Format::Slice => self.slice(&mut op)?,
            Format::Pad => self.pad(&mut op)?,
            Format::DynamicSlice => self.dynamic_slice(&mut op)?,
            Format::Compare => self.compare(&mut op)?,
            Format::DotGeneral => self.dot_general(&mut op)?,
            Format::Dot => self.dot(&mut op)?,
            Format::Convolution => self.convolution(&mut op)?,
            Format::Constant => self.constant(&mut op)?,
            Format::Reduce => self.reduce(&mut op, pos)?,
            Format::While => self.while_op(&mut op)?,
            Format::StablehloReturn => self.stablehlo_return(&mut op)?,
            Format::FuncReturn => self.func_return(&mut op)?,
            Format::OptimizationBarrier => self.optimization_barrier(&mut op)?,
            Format::FuncCall | Format::CustomCall => self.call_form(&mut op, format)?,
            Format::GetTupleElement => self.get_tuple_element(&mut op)?,
            Format::Tuple => self.tuple(&mut op)?,
            Format::AfterAll => self.after_all(&mut op)?,
            Format::ResultType => self.result_type_form(&mut op)?,
            Format::Complex => self.complex(&mut op)?,
            Format::Composite => self.composite(&mut op)?,
            Format::OperandDim => self.operand_dim(&mut op)?,
            Format::Fft => self.fft(&mut op)?,
            Format::ReducePrecision => self.reduce_precision(&mut op)?,
            Format::SdyMesh => self.sdy_mesh(&mut op)?,
            Format::SdySharding => self.sdy_sharding(&mut op)?,
            Format::SdyManualComputation => self.manual_computation(&mut op)?,
            Format::SdyShardingGroup => self.sharding_group(&mut op)?,
        }
        Ok(op)
    }

    /// `op %a, %b attrs : T` (`custom<SameOperandsAndResultType>`).
    fn same_type_form(&mut self, op: &mut Operation) -> PResult<()> {
        let at = self.here();
        op.operands = self.value_use_list()?;
        let arity = op_table::same_type_arity(&op.name);
        if op.operands.len() != arity {
            return Err(self.error_at(
                at,
                format!("'{}' takes {arity} operand(s), found {}", op.name, op.operands.len()),
            ));
        }
        self.attrs_into(op)?;
        self.expect(":")?;
        self.same_type(op)?;
        Ok(())
    }

    /// `op %a, %b attrs : (A, B) -> R`.
    fn functional_form(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `chlo.op %a attrs : T -> R`.
    fn chlo_unary(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.attrs_into(op)?;
        self.expect(":")?;
        let operand = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        self.expect("->")?;
        let result = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        op.operand_types = vec![operand];
        op.result_types = vec![result];
        Ok(())
    }

    /// `chlo.op %a, %b attrs : A, B -> R`.
    fn chlo_binary(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        op.operands.push(self.value_use()?);
        self.attrs_into(op)?;
        self.expect(":")?;
        let lhs = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        self.expect(",")?;
        let rhs = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        self.expect("->")?;
        let result = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        op.operand_types = vec![lhs, rhs];
        op.result_types = vec![result];
        Ok(())
    }

    /// `chlo.top_k(%x, k = N) attrs : T -> (V, I)`.
    fn top_k(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect("(")?;
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        self.expect_keyword("k")?;
        self.expect("=")?;
        let k = self.integer()?;
        op.properties.push(NamedAttr::new("k", format!("{k} : i64")));
        self.expect(")")?;
        self.attrs_into(op)?;
        self.expect(":")?;
        let operand = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        self.expect("->")?;
        self.expect("(")?;
        let values = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        self.expect(",")?;
        let indices = self.lx.scan_type().map_err(|e| self.lex_error(e))?.to_string();
        self.expect(")")?;
        op.operand_types = vec![operand];
        op.result_types = vec![values, indices];
        Ok(())
    }

    /// `rng %a, %b, %shape, distribution = NORMAL attrs : (A, B, S) -> R` and
    /// `rng_bit_generator %state, algorithm = THREE_FRY attrs : (S) -> (S, R)`.
    fn rng(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        if op.operands.is_empty() {
            return self.expected("SSA value");
        }
        self.expect(",")?;
        let (keyword, prop) = op_table::rng_enum(&op.name);
        self.expect_keyword(keyword)?;
        self.expect("=")?;
        let value = self.enum_case(prop)?;
        op.properties.push(NamedAttr::new(prop, format!("#stablehlo<{prop} {value}>")));
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)
    }

    /// `select %p, %t, %f : P, T` or a functional type.
    fn select(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        self.attrs_into(op)?;
        self.expect(":")?;
        let at = self.here();
        if self.lx.peek() == Some(b'(') {
            self.functional_type(op)?;
        } else {
            let types = self.type_list()?;
            let [pred, value] = types.as_slice() else {
                return Err(self.error_at(at, "expected functional type or list of two types"));
            };
            if op.operands.len() != 3 {
                return Err(
                    self.error_at(at, format!("{} operands present, but expected 3", op.operands.len()))
                );
            }
            op.operand_types = vec![pred.clone(), value.clone(), value.clone()];
            op.result_types = vec![value.clone()];
        }
        Ok(())
    }

    /// `broadcast_in_dim`, `transpose`, `reverse`: `%x, dims = [..] attrs : type`.
    fn dims_form(&mut self, op: &mut Operation, format: Format) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        self.expect_keyword("dims")?;
        self.expect("=")?;
        let dims = self.integer_list()?;
        let prop = match format {
            Format::BroadcastInDim => "broadcast_dimensions",
            Format::Transpose => "permutation",
            _ => "dimensions",
        };
        op.properties.push(NamedAttr::new(prop, attr_text::i64_array(&dims)));
        self.attrs_into(op)?;
        self.expect(":")?;
        if format == Format::Reverse {
            self.same_type(op)?;
        } else {
            self.functional_type(op)?;
        }
        Ok(())
    }

    /// `iota dim = N attrs : T`.
    fn iota(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect_keyword("dim")?;
        self.expect("=")?;
        let dim = self.integer()?;
        op.properties.push(NamedAttr::new("iota_dimension", format!("{dim} : i64")));
        self.attrs_into(op)?;
        self.expect(":")?;
        op.result_types = vec![self.type_text()?];
        Ok(())
    }

    /// `concatenate %a, %b, dim = N attrs : (A, B) -> R`.
    fn concatenate(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        if !op.operands.is_empty() {
            self.expect(",")?;
        }
        self.expect_keyword("dim")?;
        self.expect("=")?;
        let dim = self.integer()?;
        op.properties.push(NamedAttr::new("dimension", format!("{dim} : i64")));
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `slice %x [0:2, 1:8:2] attrs : (T) -> R`.
    fn slice(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.slice_ranges(op)?;
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `pad %x, %v, low = [..], high = [..], interior = [..] attrs : (T, V) -> R`.
    fn pad(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        op.operands.push(self.value_use()?);
        for (kw, prop) in
            [("low", "edge_padding_low"), ("high", "edge_padding_high"), ("interior", "interior_padding")]
        {
            self.expect(",")?;
            self.expect_keyword(kw)?;
            self.expect("=")?;
            let values = self.integer_list()?;
            op.properties.push(NamedAttr::new(prop, attr_text::i64_array(&values)));
        }
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `dynamic_slice %x, %i, sizes = [..] attrs : (T, I) -> R`.
    fn dynamic_slice(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        if op.operands.is_empty() {
            return self.expected("SSA value");
        }
        self.expect(",")?;
        self.expect_keyword("sizes")?;
        self.expect("=")?;
        let sizes = self.integer_list()?;
        op.properties.push(NamedAttr::new("slice_sizes", attr_text::i64_array(&sizes)));
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `compare LT, %a, %b, FLOAT attrs : (A, B) -> R`.
    fn compare(&mut self, op: &mut Operation) -> PResult<()> {
        let direction = self.enum_case("comparison_direction")?;
        op.properties.push(NamedAttr::new(
            "comparison_direction",
            format!("#stablehlo<comparison_direction {direction}>"),
        ));
        self.expect(",")?;
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        op.operands.push(self.value_use()?);
        if self.lx.eat(",") {
            let kind = self.enum_case("comparison_type")?;
            op.properties.push(NamedAttr::new("compare_type", format!("#stablehlo<comparison_type {kind}>")));
        }
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `dot_general %a, %b, batching_dims = .., contracting_dims = .., precision = [..]`.
    fn dot_general(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        op.operands.push(self.value_use()?);
        self.expect(",")?;
        let mut dims = DotDims::default();
        if self.lx.eat_keyword("batching_dims") {
            self.expect("=")?;
            (dims.lhs_batching, dims.rhs_batching) = self.dims_pair()?;
            self.expect(",")?;
        }
        self.expect_keyword("contracting_dims")?;
        self.expect("=")?;
        (dims.lhs_contracting, dims.rhs_contracting) = self.dims_pair()?;
        op.properties.push(NamedAttr::new("dot_dimension_numbers", dims.attr()));
        if self.lx.eat(",") {
            if self.lx.at_keyword("precision") {
                self.precision(op)?;
                if self.lx.eat(",") {
                    self.algorithm(op)?;
                }
            } else {
                self.algorithm(op)?;
            }
        }
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `dot %a, %b, precision = [..] attrs : (A, B) -> R`.
    fn dot(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        op.operands.push(self.value_use()?);
        if self.lx.eat(",") {
            self.precision(op)?;
        }
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `stablehlo.return %a attrs : T`.
    fn stablehlo_return(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        self.attrs_into(op)?;
        self.operand_type_list(op)?;
        Ok(())
    }

    /// `return attrs %a : T`.
    fn func_return(&mut self, op: &mut Operation) -> PResult<()> {
        self.attrs_into(op)?;
        op.operands = self.value_use_list()?;
        self.operand_type_list(op)?;
        Ok(())
    }

    /// `optimization_barrier attrs %a, %b : A, B`.
    fn optimization_barrier(&mut self, op: &mut Operation) -> PResult<()> {
        self.attrs_into(op)?;
        op.operands = self.value_use_list()?;
        self.operand_type_list(op)?;
        op.result_types = op.operand_types.clone();
        Ok(())
    }

    /// `call @f(%a) attrs : (A) -> R` and `custom_call @target(%a) attrs : (A) -> R`.
    fn call_form(&mut self, op: &mut Operation, format: Format) -> PResult<()> {
        let target = self.symbol()?;
        let (prop, value) = if format == Format::FuncCall {
            ("callee", attr_text::symbol_ref(&target))
        } else {
            ("call_target_name", format!("\"{target}\""))
        };
        op.properties.push(NamedAttr::new(prop, value));
        self.expect("(")?;
        op.operands = self.value_use_list()?;
        self.expect(")")?;
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `get_tuple_element %t[N] attrs : (T) -> R`.
    fn get_tuple_element(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect("[")?;
        let index = self.integer()?;
        self.expect("]")?;
        op.properties.push(NamedAttr::new("index", format!("{index} : i32")));
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)?;
        Ok(())
    }

    /// `tuple %a, %b attrs : tuple<A, B>`.
    fn tuple(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        self.attrs_into(op)?;
        self.expect(":")?;
        let at = self.here();
        let ty = self.type_text()?;
        let parts = ty
            .strip_prefix("tuple<")
            .and_then(|t| t.strip_suffix('>'))
            .map(|inner| attr_text::split_top_level(inner, b','));
        match parts {
            Some(parts) if parts.len() == op.operands.len() => {
                op.operand_types = parts.iter().map(|s| s.to_string()).collect();
            }
            _ => return Err(self.error_at(at, "expected a tuple type with one element per operand")),
        }
        op.result_types = vec![ty];
        Ok(())
    }

    /// `after_all %a, %b attrs : !stablehlo.token`: the operands are tokens.
    fn after_all(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = self.value_use_list()?;
        op.operand_types = vec![op_table::TOKEN_TYPE.to_string(); op.operands.len()];
        self.result_type_form(op)
    }

    /// `attrs : R` (the whole of `replica_id`, the end of `after_all`).
    fn result_type_form(&mut self, op: &mut Operation) -> PResult<()> {
        self.attrs_into(op)?;
        self.expect(":")?;
        op.result_types = vec![self.type_text()?];
        Ok(())
    }

    /// `complex %a, %b attrs : R` (`custom<ComplexOpType>`: the operands
    /// are of R's real type) or `: (A, B) -> R`.
    fn complex(&mut self, op: &mut Operation) -> PResult<()> {
        let at = self.here();
        op.operands = self.value_use_list()?;
        if op.operands.len() != 2 {
            return Err(
                self.error_at(at, format!("'{}' takes 2 operand(s), found {}", op.name, op.operands.len()))
            );
        }
        self.attrs_into(op)?;
        self.expect(":")?;
        let at = self.here();
        match self.type_or_fn()? {
            TypeOrFn::Func(inputs, results) => self.assign_function_type(op, at, inputs, results),
            TypeOrFn::Single(ty) => {
                let Some(real) = attr_text::real_type(&ty) else {
                    return Err(self.error_at(at, "expected tensor with complex element type"));
                };
                op.operand_types = vec![real.clone(), real];
                op.result_types = vec![ty];
                Ok(())
            }
        }
    }

    /// `composite "name" %a, %b attrs : (A, B) -> R`.
    fn composite(&mut self, op: &mut Operation) -> PResult<()> {
        let name = self.string()?;
        op.properties.push(NamedAttr::new("name", name));
        op.operands = self.value_use_list()?;
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)
    }

    /// `dynamic_iota %shape, dim = N attrs : (S) -> R` and
    /// `get_dimension_size %x, dim = N attrs : (T) -> R`.
    fn operand_dim(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        self.expect_keyword("dim")?;
        self.expect("=")?;
        let dim = self.integer()?;
        op.properties.push(NamedAttr::new(op_table::dim_attr(&op.name), format!("{dim} : i64")));
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)
    }

    /// `fft %x, type = FFT, length = [..] attrs : (T) -> R`.
    fn fft(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        self.expect_keyword("type")?;
        self.expect("=")?;
        let kind = self.enum_case("fft_type")?;
        op.properties.push(NamedAttr::new("fft_type", format!("#stablehlo<fft_type {kind}>")));
        self.expect(",")?;
        self.expect_keyword("length")?;
        self.expect("=")?;
        let length = self.integer_list()?;
        op.properties.push(NamedAttr::new("fft_length", attr_text::i64_array(&length)));
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)
    }

    /// `reduce_precision %x, format = e5m10 attrs : T`
    /// (`custom<ExponentMantissa>`, `custom<SameOperandsAndResultType>`).
    fn reduce_precision(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect(",")?;
        self.expect_keyword("format")?;
        self.expect("=")?;
        let at = self.here();
        let word = self.ident("exponent mantissa in format e#m#")?;
        let Some((exponent, mantissa)) = attr_text::exponent_mantissa(word) else {
            return Err(self.error_at(at, format!("expected exponent mantissa in format e#m#, saw {word}")));
        };
        op.properties.push(NamedAttr::new("exponent_bits", format!("{exponent} : i32")));
        op.properties.push(NamedAttr::new("mantissa_bits", format!("{mantissa} : i32")));
        self.attrs_into(op)?;
        self.expect(":")?;
        self.same_type(op)
    }

    /// `sdy.mesh @name = <["data"=4]> attrs`.
    fn sdy_mesh(&mut self, op: &mut Operation) -> PResult<()> {
        let name = self.symbol()?;
        op.properties.push(NamedAttr::new("sym_name", format!("\"{name}\"")));
        self.expect("=")?;
        let mesh = self.sdy_attr(SdyAttr::Mesh)?;
        op.properties.push(NamedAttr::new("mesh", mesh));
        self.attrs_into(op)
    }

    /// `sdy.sharding_constraint %x <@mesh, [..]> attrs : T`, also `sdy.reshard`.
    fn sdy_sharding(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        let sharding = self.sdy_attr(SdyAttr::Sharding)?;
        op.properties.push(NamedAttr::new("sharding", sharding));
        self.attrs_into(op)?;
        self.expect(":")?;
        let ty = self.type_text()?;
        op.operand_types = vec![ty.clone()];
        op.result_types = vec![ty];
        Ok(())
    }

    /// `sdy.manual_computation(%a) in_shardings=[..] out_shardings=[..]
    /// manual_axes={..} (%arg1: A1) { body } attrs : (A) -> R`. The body
    /// sees no value from outside (the op is isolated from above).
    fn manual_computation(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect("(")?;
        op.operands = self.value_use_list()?;
        self.expect(")")?;
        for (prop, kind) in [
            ("in_shardings", SdyAttr::ShardingPerValue),
            ("out_shardings", SdyAttr::ShardingPerValue),
            ("manual_axes", SdyAttr::ManualAxes),
        ] {
            self.expect_keyword(prop)?;
            self.expect("=")?;
            let value = self.sdy_attr(kind)?;
            op.properties.push(NamedAttr::new(prop, value));
        }
        let dialect = op_table::default_dialect(&op.name);
        let body = self.isolated(|p| {
            p.expect("(")?;
            let mut args = Vec::new();
            if !p.lx.eat(")") {
                loop {
                    args.push(p.block_arg()?);
                    if p.lx.eat(")") {
                        break;
                    }
                    p.expect(",")?;
                }
            }
            p.region(Some(args), dialect)
        })?;
        op.regions.push(body);
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)
    }

    /// `sdy.sharding_group %x group_id=N attrs : T`.
    fn sharding_group(&mut self, op: &mut Operation) -> PResult<()> {
        op.operands = vec![self.value_use()?];
        self.expect_keyword("group_id")?;
        self.expect("=")?;
        let id = self.integer()?;
        op.properties.push(NamedAttr::new("group_id", format!("{id} : i64")));
        self.attrs_into(op)?;
        self.expect(":")?;
        op.operand_types = vec![self.type_text()?];
        Ok(())
    }

    /// A Shardy attribute in its pretty spelling, one bracket group kept as
    /// written (`<@mesh, [{"data"}]>`), returned in its generic spelling.
    fn sdy_attr(&mut self, kind: SdyAttr) -> PResult<String> {
        let open = char::from(kind.opening());
        if self.lx.peek() != Some(kind.opening()) {
            return self.expected(&format!("'{open}'"));
        }
        let text = self.lx.scan_group().map_err(|e| self.lex_error(e))?;
        Ok(kind.generic(text))
    }

    /// An optional attribute dictionary, split into inherent and discardable attributes.
    fn attrs_into(&mut self, op: &mut Operation) -> PResult<()> {
        for attr in self.opt_attr_dict()? {
            if is_inherent(&op.name, attr.key()) {
                op.properties.push(attr);
            } else {
                op.attributes.push(attr);
            }
        }
        Ok(())
    }

    /// `custom<SameOperandsAndResultType>`: one type for all, or a function type.
    fn same_type(&mut self, op: &mut Operation) -> PResult<()> {
        let at = self.here();
        match self.type_or_fn()? {
            TypeOrFn::Func(inputs, results) => self.assign_function_type(op, at, inputs, results),
            TypeOrFn::Single(ty) => {
                op.operand_types = vec![ty.clone(); op.operands.len()];
                op.result_types = vec![ty];
                Ok(())
            }
        }
    }

    /// `functional-type(operands, results)`.
    fn functional_type(&mut self, op: &mut Operation) -> PResult<()> {
        let at = self.here();
        let (inputs, results) = self.function_type()?;
        if inputs.len() != op.operands.len() {
            return Err(self.error_at(
                at,
                format!("{} operands present, but expected {}", op.operands.len(), inputs.len()),
            ));
        }
        op.operand_types = inputs;
        op.result_types = results;
        Ok(())
    }

    fn assign_function_type(
        &mut self,
        op: &mut Operation,
        at: usize,
        inputs: Vec<String>,
        results: Vec<String>,
    ) -> PResult<()> {
        if inputs.len() != op.operands.len() {
            return Err(self.error_at(
                at,
                format!("{} operands present, but expected {}", op.operands.len(), inputs.len()),
            ));
        }
        if results.len() != 1 {
            return Err(self.error_at(at, "expected single output"));
        }
        op.operand_types = inputs;
        op.result_types = results;
        Ok(())
    }

    /// `: t1, t2` giving the operand types, required when there are operands.
    fn operand_type_list(&mut self, op: &mut Operation) -> PResult<()> {
        if op.operands.is_empty() {
            return Ok(());
        }
        self.expect(":")?;
        let at = self.here();
        let types = self.type_list()?;
        if types.len() != op.operands.len() {
            return Err(self.error_at(
                at,
                format!("{} operands present, but {} types given", op.operands.len(), types.len()),
            ));
        }
        op.operand_types = types;
        Ok(())
    }

    /// `[0:2, 1:8:2]`.
    fn slice_ranges(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect("[")?;
        let (mut starts, mut limits, mut strides) = (Vec::new(), Vec::new(), Vec::new());
        if !self.lx.eat("]") {
            loop {
                starts.push(self.integer()?);
                self.expect(":")?;
                limits.push(self.integer()?);
                strides.push(if self.lx.eat(":") { self.integer()? } else { 1 });
                if self.lx.eat("]") {
                    break;
                }
                self.expect(",")?;
            }
        }
        op.properties.push(NamedAttr::new("start_indices", attr_text::i64_array(&starts)));
        op.properties.push(NamedAttr::new("limit_indices", attr_text::i64_array(&limits)));
        op.properties.push(NamedAttr::new("strides", attr_text::i64_array(&strides)));
        Ok(())
    }

    /// `[0, 1] x [0, 1]`.
    fn dims_pair(&mut self) -> PResult<(Vec<i64>, Vec<i64>)> {
        let lhs = self.integer_list()?;
        self.expect_keyword("x")?;
        let rhs = self.integer_list()?;
        Ok((lhs, rhs))
    }

    /// A value of the StableHLO enumeration `keyword` (`LT` of
    /// `comparison_direction`), spelled as the table in `enums` has it.
    fn enum_case(&mut self, keyword: &str) -> PResult<&'static str> {
        let at = self.here();
        let word = self.ident(keyword)?;
        enums::check(keyword, word).map_err(|message| self.error_at(at, message))
    }

    /// `precision = [DEFAULT, HIGHEST]`.
    fn precision(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect_keyword("precision")?;
        self.expect("=")?;
        self.expect("[")?;
        let mut names = Vec::new();
        if !self.lx.eat("]") {
            loop {
                names.push(self.enum_case("precision")?);
                if self.lx.eat("]") {
                    break;
                }
                self.expect(",")?;
            }
        }
        op.properties.push(NamedAttr::new("precision_config", attr_text::precisions_attr(&names)));
        Ok(())
    }

    /// `algorithm = <...>`.
    fn algorithm(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect_keyword("algorithm")?;
        self.expect("=")?;
        if self.lx.peek() != Some(b'<') {
            return self.expected("'<'");
        }
        let body = self.lx.scan_group().map_err(|e| self.lex_error(e))?;
        op.properties.push(NamedAttr::new("algorithm", format!("#stablehlo.dot_algorithm{body}")));
        Ok(())
    }

    /// `(%lhs, %rhs) dim_numbers = [b, 0, f]x[0, i, o]->[b, 0, f], window = {...} {attrs} : type`.
    fn convolution(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect("(")?;
        op.operands = self.value_use_list()?;
        self.expect(")")?;
        self.expect_keyword("dim_numbers")?;
        self.expect("=")?;
        let start = self.here();
        for (i, separator) in ["x", "->", ""].into_iter().enumerate() {
            if self.lx.peek() != Some(b'[') {
                return self.expected("'['");
            }
            self.lx.scan_group().map_err(|e| self.lex_error(e))?;
            if i < 2 {
                self.expect(separator)?;
            }
        }
        let text = self.lx.src.get(start..self.lx.pos).unwrap_or("");
        let Some(dims) = attr_text::conv_dims(text) else {
            return Err(self.error_at(
                start,
                "malformed convolution dimension numbers: each list needs its two letters (b and f, \
                 or i and o for the kernel) once and spatial dimensions 0, 1, ... once each",
            ));
        };
        op.properties.push(NamedAttr::new("dimension_numbers", format!("#stablehlo.conv<{dims}>")));
        self.expect(",")?;
        self.expect_keyword("window")?;
        self.expect("=")?;
        self.expect("{")?;
        let mut seen = HashSet::new();
        if !self.lx.eat("}") {
            loop {
                let at = self.here();
                let key = self.ident("window attribute (stride, pad, lhs_dilate, rhs_dilate, reverse)")?;
                if !seen.insert(key) {
                    return Err(self.error_at(at, format!("duplicate window attribute '{key}'")));
                }
                self.expect("=")?;
                let (prop, value) = match key {
                    "stride" => ("window_strides", attr_text::i64_array(&self.integer_list()?)),
                    "lhs_dilate" => ("lhs_dilation", attr_text::i64_array(&self.integer_list()?)),
                    "rhs_dilate" => ("rhs_dilation", attr_text::i64_array(&self.integer_list()?)),
                    "pad" => ("padding", attr_text::padding_attr(&self.padding_rows()?)),
                    "reverse" => ("window_reversal", attr_text::bool_array(&self.bool_list()?)),
                    _ => return Err(self.error_at(at, format!("unknown window attribute '{key}'"))),
                };
                op.properties.push(NamedAttr::new(prop, value));
                if self.lx.eat("}") {
                    break;
                }
                self.expect(",")?;
            }
        }
        self.attrs_into(op)?;
        self.expect(":")?;
        self.functional_type(op)
    }

    /// `[[lo, hi], ...]`.
    fn padding_rows(&mut self) -> PResult<Vec<(i64, i64)>> {
        self.expect("[")?;
        let mut rows = Vec::new();
        if self.lx.eat("]") {
            return Ok(rows);
        }
        loop {
            self.expect("[")?;
            let low = self.integer()?;
            self.expect(",")?;
            let high = self.integer()?;
            self.expect("]")?;
            rows.push((low, high));
            if self.lx.eat("]") {
                return Ok(rows);
            }
            self.expect(",")?;
        }
    }

    /// `[true, false]` (or `[1, 0]`).
    fn bool_list(&mut self) -> PResult<Vec<bool>> {
        self.expect("[")?;
        let mut values = Vec::new();
        if self.lx.eat("]") {
            return Ok(values);
        }
        loop {
            let value = if self.lx.eat_keyword("true") {
                true
            } else if self.lx.eat_keyword("false") {
                false
            } else {
                match self.lx.integer() {
                    Some(0) => false,
                    Some(1) => true,
                    _ => return self.expected("true or false"),
                }
            };
            values.push(value);
            if self.lx.eat("]") {
                return Ok(values);
            }
            self.expect(",")?;
        }
    }

    /// `attrs dense<...> : T`, or (StableHLO's alone) the generic-like
    /// `() <{value = ...}> attrs : () -> T`.
    fn constant(&mut self, op: &mut Operation) -> PResult<()> {
        if op.name == "stablehlo.constant" && self.lx.eat("(") {
            self.expect(")")?;
            if self.lx.eat("<") {
                op.properties = self.attr_dict()?;
                self.expect(">")?;
            }
            self.attrs_into(op)?;
            self.expect(":")?;
            self.expect("(")?;
            self.expect(")")?;
            self.expect("->")?;
            op.result_types = vec![self.type_text()?];
            return Ok(());
        }
        self.attrs_into(op)?;
        let at = self.here();
        let value = self.lx.scan_attr_atom().map_err(|e| self.lex_error(e))?;
        let Some((_, ty)) = attr_text::split_attr_type(value) else {
            return Err(self.error_at(at, "expected a typed constant value such as dense<1.0> : tensor<f32>"));
        };
        self.check_i1_hex(value)?;
        op.result_types = vec![ty.to_string()];
        op.properties.push(NamedAttr::new("value", value));
        Ok(())
    }

    /// `reduce(%x init: %i), ... applies op across dimensions = [..] : type`,
    /// or `... across dimensions = [..] : type reducer(%a: T, %b: T) {...}`.
    fn reduce(&mut self, op: &mut Operation, pos: Pos) -> PResult<()> {
        let (mut inputs, mut inits) = (Vec::new(), Vec::new());
        loop {
            self.expect("(")?;
            inputs.push(self.value_use()?);
            self.expect_keyword("init")?;
            self.expect(":")?;
            inits.push(self.value_use()?);
            self.expect(")")?;
            if !self.lx.eat(",") {
                break;
            }
        }
        op.operands = inputs;
        op.operands.extend(inits);
        let compact = if self.lx.eat_keyword("applies") {
            let at = self.here();
            let inner = self.ident("operation name")?;
            if !op_table::is_commutative_binary(inner) {
                return Err(self.error_at(
                    at,
                    "expected the inner-op to be a commutative binary-op from the stablehlo dialect, \
                     with zero region, producing single result",
                ));
            }
            Some(inner.to_string())
        } else {
            None
        };
        self.expect_keyword("across")?;
        self.expect_keyword("dimensions")?;
        self.expect("=")?;
        let dims = self.integer_list()?;
        op.properties.push(NamedAttr::new("dimensions", attr_text::i64_array(&dims)));
        self.attrs_into(op)?;
        self.expect(":")?;
        let at = self.here();
        self.functional_type(op)?;
        let Some(inner) = compact else {
            self.expect_keyword("reducer")?;
            self.push_scope();
            let (mut elems, mut accs) = (Vec::new(), Vec::new());
            while self.lx.eat("(") {
                elems.push(self.block_arg()?);
                self.expect(",")?;
                accs.push(self.block_arg()?);
                self.expect(")")?;
            }
            elems.extend(accs);
            let region = self.region(Some(elems), "");
            let closed = self.pop_scope();
            op.regions.push(region?);
            return closed;
        };
        let Some(first) = op.operand_types.first() else {
            return Err(self.error_at(at, "input types missing in reduce-op function type"));
        };
        let ty = format!("tensor<{}>", attr_text::element_type(first));
        op.loc = self.opt_loc()?;
        let (lhs, rhs, result) = (self.synthetic_name(), self.synthetic_name(), self.synthetic_name());
        let arg = |name: &String| BlockArg {
            name: name.clone(),
            ty: ty.clone(),
            loc: op.loc.clone(),
            pos: Some(pos),
        };
        let args = vec![arg(&lhs), arg(&rhs)];
        let inner_op = Operation {
            results: vec![ResultGroup { name: result.clone(), count: 1 }],
            name: inner,
            operands: vec![ValueRef::new(lhs), ValueRef::new(rhs)],
            operand_types: vec![ty.clone(), ty.clone()],
            result_types: vec![ty.clone()],
            loc: op.loc.clone(),
            pos: Some(pos),
            ..Operation::default()
        };
        let ret = Operation {
            name: "stablehlo.return".to_string(),
            operands: vec![ValueRef::new(result)],
            operand_types: vec![ty],
            loc: op.loc.clone(),
            pos: Some(pos),
            ..Operation::default()
        };
        op.regions.push(Region { blocks: vec![Block { label: None, args, ops: vec![inner_op, ret] }] });
        Ok(())
    }

    /// `while(%iterArg = %x, ...) : T, ... attributes {...} cond {...} do {...}`.
    fn while_op(&mut self, op: &mut Operation) -> PResult<()> {
        self.expect("(")?;
        let mut args = Vec::new();
        let mut names = Vec::new();
        if !self.lx.eat(")") {
            loop {
                let at = self.here();
                let Some(name) = self.lx.value_name() else { return self.expected("iteration argument") };
                names.push((name, at));
                let pos = Some(self.pos_of(at));
                args.push(BlockArg { name: name.to_string(), pos, ..BlockArg::default() });
                self.expect("=")?;
                op.operands.push(self.value_use()?);
                if self.lx.eat(")") {
                    break;
                }
                self.expect(",")?;
            }
        }
        if !op.operands.is_empty() {
            self.expect(":")?;
            let at = self.here();
            let types = self.type_list()?;
            if types.len() != op.operands.len() {
                return Err(self.error_at(
                    at,
                    format!("{} operands present, but {} types given", op.operands.len(), types.len()),
                ));
            }
            for (arg, ty) in args.iter_mut().zip(&types) {
                arg.ty = ty.clone();
            }
            op.operand_types = types.clone();
            op.result_types = types;
        }
        if self.lx.eat_keyword("attributes") {
            let dict = self.attr_dict()?;
            op.attributes.extend(dict);
        }
        for keyword in ["cond", "do"] {
            self.expect_keyword(keyword)?;
            self.push_scope();
            for &(name, at) in &names {
                self.define(name, 1, at)?;
            }
            let region = self.region(Some(args.clone()), "");
            let closed = self.pop_scope();
            op.regions.push(region?);
            closed?;
        }
        Ok(())
    }
}
