//! The pretty (custom assembly) form of each operation listed in
//! `op_table`, written exactly as MLIR with the StableHLO dialect prints it.
//! An operation whose data does not fit its pretty form (a missing
//! attribute, a type the form cannot express) falls back to the generic form,
//! which MLIR accepts anywhere.

use std::fmt::Write as _;

use super::ast::{Module, NamedAttr, Operation, ValueRef};
use super::attr_text::{self, DotDims, SdyAttr};
use super::naming;
use super::op_table::{self, Format};
use super::printer::{Mode, Printer};

/// Prints `module` in the pretty syntax, with MLIR's SSA names; written
/// locations are kept when `locations` is true.
pub(crate) fn print(module: &Module, locations: bool) -> String {
    let renamed = naming::rename(module);
    let mut printer = Printer { out: String::new(), mode: Mode::Pretty, locations, file: None };
    printer.module(&renamed);
    printer.out
}

impl Printer<'_> {
    /// Writes `op` (after its result names) in its pretty form, if it has
    /// one that fits; returns whether it did.
    pub(crate) fn pretty_op(&mut self, op: &Operation, indent: usize, dialect: &str) -> bool {
        let Some(format) = op_table::format_of(&op.name) else { return false };
        if op.operands.len() != op.operand_types.len() {
            return false;
        }
        let start = self.out.len();
        self.out.push_str(short_name(&op.name, dialect));
        let ok = self.pretty_body(op, format, indent);
        if !ok {
            self.out.truncate(start);
        }
        ok
    }

    fn pretty_body(&mut self, op: &Operation, format: Format, indent: usize) -> bool {
        let no_regions = op.regions.is_empty() && op.successors.is_empty();
        let one_result = op.result_types.len() == 1;
        match format {
            Format::SameType
                if no_regions && one_result && op.operands.len() == op_table::same_type_arity(&op.name) =>
            {
                if !op.operands.is_empty() {
                    self.out.push(' ');
                    self.values(&op.operands);
                }
                self.rest_attrs(op, &[]);
                self.out.push_str(" : ");
                self.same_type(op);
            }
            Format::Functional if no_regions => {
                if !op.operands.is_empty() {
                    self.out.push(' ');
                    self.values(&op.operands);
                }
                self.rest_attrs(op, &[]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::ChloUnary if no_regions && one_result && op.operands.len() == 1 => {
                self.out.push(' ');
                self.values(&op.operands);
                self.rest_attrs(op, &[]);
                let (Some(operand), Some(result)) = (op.operand_types.first(), op.result_types.first())
                else {
                    return false;
                };
                let _ = write!(self.out, " : {operand} -> {result}");
            }
            Format::ChloBinary if no_regions && one_result && op.operands.len() == 2 => {
                let ([lhs, rhs], [result]) = (op.operand_types.as_slice(), op.result_types.as_slice()) else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                self.rest_attrs(op, &[]);
                let _ = write!(self.out, " : {lhs}, {rhs} -> {result}");
            }
            Format::TopK if no_regions && op.operands.len() == 1 => {
                let Some(k) = prop_value(op, "k").and_then(|v| attr_text::parse_typed_int(v, "i64")) else {
                    return false;
                };
                let ([operand], [values, indices]) =
                    (op.operand_types.as_slice(), op.result_types.as_slice())
                else {
                    return false;
                };
                self.out.push('(');
                self.values(&op.operands);
                let _ = write!(self.out, ", k = {k})");
                self.rest_attrs(op, &["k"]);
                let _ = write!(self.out, " : {operand} -> ({values}, {indices})");
            }
            Format::Rng if no_regions && !op.operands.is_empty() => {
                let (keyword, prop) = op_table::rng_enum(&op.name);
                let Some(value) = prop_value(op, prop).and_then(|v| attr_text::parse_enum(v, prop)) else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, ", {keyword} = {value}");
                self.rest_attrs(op, &[prop]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Select if no_regions && one_result && op.operands.len() == 3 => {
                self.out.push(' ');
                self.values(&op.operands);
                self.rest_attrs(op, &[]);
                self.out.push_str(" : ");
                match (op.operand_types.as_slice(), op.result_types.first()) {
                    ([pred, on_true, on_false], Some(result)) if on_true == result && on_false == result => {
                        let _ = write!(self.out, "{pred}, {result}");
                    }
                    _ => self.functional_type(&op.operand_types, &op.result_types),
                }
            }
            Format::BroadcastInDim | Format::Transpose | Format::Reverse
                if no_regions && one_result && op.operands.len() == 1 =>
            {
                let prop = match format {
                    Format::BroadcastInDim => "broadcast_dimensions",
                    Format::Transpose => "permutation",
                    _ => "dimensions",
                };
                let Some(dims) = prop_value(op, prop).and_then(attr_text::parse_i64_array) else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, ", dims = {}", attr_text::int_list(&dims));
                self.rest_attrs(op, &[prop]);
                self.out.push_str(" : ");
                if format == Format::Reverse {
                    self.same_type(op);
                } else {
                    self.functional_type(&op.operand_types, &op.result_types);
                }
            }
            Format::Iota if no_regions && one_result && op.operands.is_empty() => {
                let Some(dim) =
                    prop_value(op, "iota_dimension").and_then(|v| attr_text::parse_typed_int(v, "i64"))
                else {
                    return false;
                };
                let _ = write!(self.out, " dim = {dim}");
                self.rest_attrs(op, &["iota_dimension"]);
                self.out.push_str(" : ");
                self.result_types(&op.result_types);
            }
            Format::Concatenate if no_regions && one_result && !op.operands.is_empty() => {
                let Some(dim) =
                    prop_value(op, "dimension").and_then(|v| attr_text::parse_typed_int(v, "i64"))
                else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, ", dim = {dim}");
                self.rest_attrs(op, &["dimension"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Slice if no_regions && one_result && op.operands.len() == 1 => {
                let array = |name| prop_value(op, name).and_then(attr_text::parse_i64_array);
                let (Some(starts), Some(limits), Some(strides)) =
                    (array("start_indices"), array("limit_indices"), array("strides"))
                else {
                    return false;
                };
                if starts.len() != limits.len() || starts.len() != strides.len() {
                    return false;
                }
                self.out.push(' ');
                self.values(&op.operands);
                self.out.push_str(" [");
                for (i, ((start, limit), stride)) in starts.iter().zip(&limits).zip(&strides).enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    let _ = write!(self.out, "{start}:{limit}");
                    if *stride != 1 {
                        let _ = write!(self.out, ":{stride}");
                    }
                }
                self.out.push(']');
                self.rest_attrs(op, &["start_indices", "limit_indices", "strides"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Pad if no_regions && one_result && op.operands.len() == 2 => {
                let names = ["edge_padding_low", "edge_padding_high", "interior_padding"];
                let lists: Option<Vec<Vec<i64>>> =
                    names.iter().map(|n| prop_value(op, n).and_then(attr_text::parse_i64_array)).collect();
                let Some(lists) = lists else { return false };
                self.out.push(' ');
                self.values(&op.operands);
                for (kw, list) in ["low", "high", "interior"].iter().zip(&lists) {
                    let _ = write!(self.out, ", {kw} = {}", attr_text::int_list(list));
                }
                self.rest_attrs(op, &names);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::DynamicSlice if no_regions && one_result && !op.operands.is_empty() => {
                let Some(sizes) = prop_value(op, "slice_sizes").and_then(attr_text::parse_i64_array) else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, ", sizes = {}", attr_text::int_list(&sizes));
                self.rest_attrs(op, &["slice_sizes"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Compare if no_regions && one_result && op.operands.len() == 2 => {
                let Some(direction) = prop_value(op, "comparison_direction")
                    .and_then(|v| attr_text::parse_enum(v, "comparison_direction"))
                else {
                    return false;
                };
                let kind = match prop_value(op, "compare_type") {
                    Some(v) => match attr_text::parse_enum(v, "comparison_type") {
                        Some(kind) => Some(kind),
                        None => return false,
                    },
                    None => None,
                };
                let _ = write!(self.out, " {direction}, ");
                self.values(&op.operands);
                if let Some(kind) = kind {
                    let _ = write!(self.out, ", {kind}");
                }
                self.rest_attrs(op, &["comparison_direction", "compare_type"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::DotGeneral if no_regions && one_result && op.operands.len() == 2 => {
                let Some(dims) = prop_value(op, "dot_dimension_numbers").and_then(DotDims::parse) else {
                    return false;
                };
                let Some(precision) = opt_precision(op) else { return false };
                let algorithm = match prop_value(op, "algorithm") {
                    Some(v) => match v.strip_prefix("#stablehlo.dot_algorithm") {
                        Some(body) if body.starts_with('<') => Some(body),
                        _ => return false,
                    },
                    None => None,
                };
                self.out.push(' ');
                self.values(&op.operands);
                self.out.push_str(", ");
                self.out.push_str(&dims.pretty());
                self.precision(precision.as_deref());
                if let Some(algorithm) = algorithm {
                    let _ = write!(self.out, ", algorithm = {algorithm}");
                }
                self.rest_attrs(op, &["dot_dimension_numbers", "precision_config", "algorithm"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Dot if no_regions && one_result && op.operands.len() == 2 => {
                let Some(precision) = opt_precision(op) else { return false };
                self.out.push(' ');
                self.values(&op.operands);
                self.precision(precision.as_deref());
                self.rest_attrs(op, &["precision_config"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Convolution if no_regions && one_result && op.operands.len() == 2 => {
                return self.convolution(op);
            }
            Format::Constant if no_regions && one_result && op.operands.is_empty() => {
                return self.constant(op, indent);
            }
            Format::Reduce => return self.reduce(op, indent),
            Format::While => return self.while_op(op, indent),
            Format::StablehloReturn if no_regions && op.result_types.is_empty() => {
                if !op.operands.is_empty() {
                    self.out.push(' ');
                    self.values(&op.operands);
                }
                self.rest_attrs(op, &[]);
                if !op.operands.is_empty() {
                    self.out.push_str(" : ");
                    self.types(&op.operand_types);
                }
            }
            Format::FuncReturn if no_regions && op.result_types.is_empty() => {
                self.rest_attrs(op, &[]);
                if !op.operands.is_empty() {
                    self.out.push(' ');
                    self.values(&op.operands);
                    self.out.push_str(" : ");
                    self.types(&op.operand_types);
                }
            }
            Format::OptimizationBarrier if no_regions && op.result_types == op.operand_types => {
                self.rest_attrs(op, &[]);
                if !op.operands.is_empty() {
                    self.out.push(' ');
                    self.values(&op.operands);
                    self.out.push_str(" : ");
                    self.types(&op.operand_types);
                }
            }
            Format::FuncCall | Format::CustomCall if no_regions => {
                let prop = if format == Format::FuncCall { "callee" } else { "call_target_name" };
                let target = match (format, prop_value(op, prop)) {
                    (Format::FuncCall, Some(v)) if is_symbol_ref(v) => v.to_string(),
                    (Format::CustomCall, Some(v))
                        if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') =>
                    {
                        attr_text::symbol_ref(super::parser::unquote(v))
                    }
                    _ => return false,
                };
                let _ = write!(self.out, " {target}(");
                self.values(&op.operands);
                self.out.push(')');
                self.rest_attrs(op, &[prop]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::GetTupleElement if no_regions && one_result && op.operands.len() == 1 => {
                let Some(index) = prop_value(op, "index").and_then(|v| attr_text::parse_typed_int(v, "i32"))
                else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, "[{index}]");
                self.rest_attrs(op, &["index"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Tuple if no_regions && one_result => {
                let expected = format!("tuple<{}>", op.operand_types.join(", "));
                if op.result_types.first() != Some(&expected) {
                    return false;
                }
                if !op.operands.is_empty() {
                    self.out.push(' ');
                    self.values(&op.operands);
                }
                self.rest_attrs(op, &[]);
                self.out.push_str(" : ");
                self.out.push_str(&expected);
            }
            Format::AfterAll
                if no_regions && one_result && op.operand_types.iter().all(|t| t == op_table::TOKEN_TYPE) =>
            {
                // MLIR writes the space before the operand list even when
                // it is empty: `after_all  : !stablehlo.token`.
                self.out.push(' ');
                self.values(&op.operands);
                self.rest_attrs(op, &[]);
                self.out.push_str(" : ");
                self.result_types(&op.result_types);
            }
            Format::ResultType if no_regions && one_result && op.operands.is_empty() => {
                self.rest_attrs(op, &[]);
                self.out.push_str(" : ");
                self.result_types(&op.result_types);
            }
            Format::Complex if no_regions && one_result && op.operands.len() == 2 => {
                self.out.push(' ');
                self.values(&op.operands);
                self.rest_attrs(op, &[]);
                self.out.push_str(" : ");
                let result = op.result_types.first().map_or("", String::as_str);
                match attr_text::real_type(result) {
                    Some(real) if op.operand_types.iter().all(|t| *t == real) => self.out.push_str(result),
                    _ => self.functional_type(&op.operand_types, &op.result_types),
                }
            }
            Format::Composite if no_regions => {
                let Some(name) =
                    prop_value(op, "name").filter(|v| super::parser::string_literal(v).is_some())
                else {
                    return false;
                };
                // As after_all: a space, then the operands, even if none.
                let _ = write!(self.out, " {name} ");
                self.values(&op.operands);
                self.rest_attrs(op, &["name"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::OperandDim if no_regions && one_result && op.operands.len() == 1 => {
                let prop = op_table::dim_attr(&op.name);
                let Some(dim) = prop_value(op, prop).and_then(|v| attr_text::parse_typed_int(v, "i64"))
                else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, ", dim = {dim}");
                self.rest_attrs(op, &[prop]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::Fft if no_regions && one_result && op.operands.len() == 1 => {
                let kind = prop_value(op, "fft_type").and_then(|v| attr_text::parse_enum(v, "fft_type"));
                let length = prop_value(op, "fft_length").and_then(attr_text::parse_i64_array);
                let (Some(kind), Some(length)) = (kind, length) else { return false };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, ", type = {kind}, length = {}", attr_text::int_list(&length));
                self.rest_attrs(op, &["fft_type", "fft_length"]);
                self.out.push_str(" : ");
                self.functional_type(&op.operand_types, &op.result_types);
            }
            Format::ReducePrecision if no_regions && one_result && op.operands.len() == 1 => {
                let bits = |name| {
                    prop_value(op, name)
                        .and_then(|v| attr_text::parse_typed_int(v, "i32"))
                        .filter(|b| *b >= 0)
                };
                let (Some(exponent), Some(mantissa)) = (bits("exponent_bits"), bits("mantissa_bits")) else {
                    return false;
                };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, ", format = e{exponent}m{mantissa}");
                self.rest_attrs(op, &["exponent_bits", "mantissa_bits"]);
                self.out.push_str(" : ");
                self.same_type(op);
            }
            Format::SdyMesh if no_regions && op.operands.is_empty() && op.result_types.is_empty() => {
                let name = prop_value(op, "sym_name").and_then(super::parser::string_literal);
                let mesh = prop_value(op, "mesh").and_then(|v| SdyAttr::Mesh.pretty(v));
                let (Some(name), Some(mesh)) = (name, mesh) else { return false };
                let _ = write!(self.out, " {} = {mesh}", attr_text::symbol_ref(name));
                self.rest_attrs(op, &["sym_name", "mesh"]);
            }
            Format::SdySharding
                if no_regions && op.operands.len() == 1 && op.result_types == op.operand_types =>
            {
                let sharding = prop_value(op, "sharding").and_then(|v| SdyAttr::Sharding.pretty(v));
                let (Some(sharding), [ty]) = (sharding, op.result_types.as_slice()) else { return false };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, " {sharding}");
                self.rest_attrs(op, &["sharding"]);
                let _ = write!(self.out, " : {ty}");
            }
            Format::SdyManualComputation if op.successors.is_empty() => {
                return self.manual_computation(op, indent)
            }
            Format::SdyShardingGroup if no_regions && op.result_types.is_empty() => {
                let Some(id) = prop_value(op, "group_id").and_then(|v| attr_text::parse_typed_int(v, "i64"))
                else {
                    return false;
                };
                let [ty] = op.operand_types.as_slice() else { return false };
                self.out.push(' ');
                self.values(&op.operands);
                let _ = write!(self.out, " group_id={id}");
                self.rest_attrs(op, &["group_id"]);
                let _ = write!(self.out, " : {ty}");
            }
            _ => return false,
        }
        true
    }

    /// The attribute dictionary of a pretty form: every attribute, inherent
    /// or not, except those the form spells itself.
    fn rest_attrs(&mut self, op: &Operation, consumed: &[&str]) {
        let rest: Vec<&NamedAttr> = op
            .properties
            .iter()
            .chain(&op.attributes)
            .filter(|a| !consumed.contains(&a.key()) && !is_default_property(op, a))
            .collect();
        self.opt_dict(&rest);
    }

    /// `custom<SameOperandsAndResultType>`.
    fn same_type(&mut self, op: &Operation) {
        match op.result_types.as_slice() {
            [result] if op.operand_types.iter().all(|t| t == result) => self.out.push_str(result),
            _ => self.functional_type(&op.operand_types, &op.result_types),
        }
    }

    /// `, precision = [A, B]` when present.
    fn precision(&mut self, precision: Option<&[&str]>) {
        if let Some(names) = precision {
            let _ = write!(self.out, ", precision = [{}]", names.join(", "));
        }
    }

    fn convolution(&mut self, op: &Operation) -> bool {
        let Some(dims) = prop_value(op, "dimension_numbers")
            .and_then(|v| v.strip_prefix("#stablehlo.conv<"))
            .and_then(|v| v.strip_suffix('>'))
            .and_then(attr_text::conv_dims)
        else {
            return false;
        };
        let mut window = Vec::new();
        for (prop, key) in [
            ("window_strides", "stride"),
            ("padding", "pad"),
            ("lhs_dilation", "lhs_dilate"),
            ("rhs_dilation", "rhs_dilate"),
            ("window_reversal", "reverse"),
        ] {
            let Some(value) = prop_value(op, prop) else { continue };
            let text = match prop {
                "padding" => attr_text::parse_padding(value).map(|rows| attr_text::padding_list(&rows)),
                "window_reversal" => attr_text::parse_bool_array(value)
                    .map(|b| format!("[{}]", b.iter().map(bool::to_string).collect::<Vec<_>>().join(", "))),
                _ => attr_text::parse_i64_array(value).map(|v| attr_text::int_list(&v)),
            };
            let Some(text) = text else { return false };
            window.push(format!("{key} = {text}"));
        }
        self.out.push('(');
        self.values(&op.operands);
        let _ = write!(self.out, ") dim_numbers = {dims}, window = {{{}}}", window.join(", "));
        self.rest_attrs(
            op,
            &[
                "dimension_numbers",
                "window_strides",
                "padding",
                "lhs_dilation",
                "rhs_dilation",
                "window_reversal",
            ],
        );
        self.out.push_str(" : ");
        self.functional_type(&op.operand_types, &op.result_types);
        true
    }

    /// `attrs value`; a value that does not give the result type falls back
    /// to StableHLO's `constant() <{value = ...}> : () -> T`, or for CHLO's
    /// constant (whose result type is the value's) to the generic form.
    fn constant(&mut self, op: &Operation, indent: usize) -> bool {
        let value = prop_value(op, "value");
        let typed = value.and_then(attr_text::split_attr_type).map(|(_, ty)| ty);
        match (value, typed) {
            (Some(value), Some(ty))
                if op.result_types.first().is_some_and(|r| r == ty) && is_one_value(value) =>
            {
                self.rest_attrs(op, &["value"]);
                self.out.push(' ');
                self.attr_value(value);
            }
            _ if op.name == "stablehlo.constant" => self.generic_op(op, indent, true),
            _ => return false,
        }
        true
    }

    fn reduce(&mut self, op: &Operation, indent: usize) -> bool {
        let n = op.operands.len() / 2;
        let [region] = op.regions.as_slice() else { return false };
        let Some(entry) = region.blocks.first() else { return false };
        if n == 0
            || !op.operands.len().is_multiple_of(2)
            || !op.successors.is_empty()
            || entry.args.len() != 2 * n
        {
            return false;
        }
        let Some(dims) = prop_value(op, "dimensions").and_then(attr_text::parse_i64_array) else {
            return false;
        };
        let compact = compact_reducer(op);
        for i in 0..n {
            if i > 0 {
                self.out.push_str(", ");
            }
            let (Some(input), Some(init)) = (op.operands.get(i), op.operands.get(i + n)) else {
                return false;
            };
            self.out.push('(');
            self.value(input);
            self.out.push_str(" init: ");
            self.value(init);
            self.out.push(')');
        }
        if let Some(inner) = compact {
            self.out.push_str(" applies ");
            self.out.push_str(inner);
        }
        let _ = write!(self.out, " across dimensions = {}", attr_text::int_list(&dims));
        self.rest_attrs(op, &["dimensions"]);
        self.out.push_str(" : ");
        self.functional_type(&op.operand_types, &op.result_types);
        if compact.is_none() {
            self.out.push('\n');
            self.indent(indent);
            self.out.push_str(" reducer");
            for i in 0..n {
                let (Some(elem), Some(acc)) = (entry.args.get(i), entry.args.get(i + n)) else {
                    return false;
                };
                self.out.push('(');
                self.block_arg(elem);
                self.out.push_str(", ");
                self.block_arg(acc);
                self.out.push_str(") ");
            }
            self.out.push(' ');
            self.region(region, indent, false, false, "", None);
        }
        true
    }

    /// `(%a) in_shardings=[..] out_shardings=[..] manual_axes={..} (%arg1: A1)
    /// { body } attrs : (A) -> R`, for a body of at most one block.
    fn manual_computation(&mut self, op: &Operation, indent: usize) -> bool {
        let [body] = op.regions.as_slice() else { return false };
        if body.blocks.len() > 1 {
            return false;
        }
        let shardings = |name| prop_value(op, name).and_then(|v| SdyAttr::ShardingPerValue.pretty(v));
        let axes = prop_value(op, "manual_axes").and_then(|v| SdyAttr::ManualAxes.pretty(v));
        let (Some(ins), Some(outs), Some(axes)) =
            (shardings("in_shardings"), shardings("out_shardings"), axes)
        else {
            return false;
        };
        self.out.push('(');
        self.values(&op.operands);
        let _ = write!(self.out, ") in_shardings={ins} out_shardings={outs} manual_axes={axes} (");
        let args = body.blocks.first().map_or(&[][..], |block| block.args.as_slice());
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.block_arg(arg);
        }
        self.out.push_str(") ");
        self.region(body, indent, false, false, op_table::default_dialect(&op.name), None);
        self.rest_attrs(op, &["in_shardings", "out_shardings", "manual_axes"]);
        self.out.push_str(" : ");
        self.functional_type(&op.operand_types, &op.result_types);
        true
    }

    fn while_op(&mut self, op: &Operation, indent: usize) -> bool {
        let [cond, body] = op.regions.as_slice() else { return false };
        let (Some(cond_entry), Some(body_entry)) = (cond.blocks.first(), body.blocks.first()) else {
            return false;
        };
        let n = op.operands.len();
        let fits = op.result_types == op.operand_types
            && op.successors.is_empty()
            && op.properties.is_empty()
            && cond_entry.args.len() == n
            && body_entry.args.len() == n
            && cond_entry
                .args
                .iter()
                .zip(&body_entry.args)
                .zip(&op.operand_types)
                .all(|((c, b), t)| c.name == b.name && &c.ty == t && &b.ty == t);
        if !fits {
            return false;
        }
        self.out.push('(');
        for (i, (arg, init)) in body_entry.args.iter().zip(&op.operands).enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.value(&ValueRef::new(arg.name.clone()));
            self.out.push_str(" = ");
            self.value(init);
        }
        self.out.push(')');
        if n > 0 {
            self.out.push_str(" : ");
            self.types(&op.operand_types);
        }
        if !op.attributes.is_empty() {
            self.out.push_str(" attributes ");
            let attrs: Vec<&NamedAttr> = op.attributes.iter().collect();
            self.dict(&attrs);
        }
        self.out.push('\n');
        self.indent(indent);
        self.out.push_str("cond ");
        self.region(cond, indent, false, false, "", None);
        self.out.push_str(" do ");
        self.region(body, indent, false, false, "", None);
        true
    }
}

/// Whether `value` reads back as one attribute value with its type (a
/// constant's value is not delimited in the pretty form).
fn is_one_value(value: &str) -> bool {
    let mut lexer = super::lexer::Lexer::new(value);
    lexer.scan_attr_atom().is_ok() && lexer.at_end()
}

/// Whether `value` is exactly a flat symbol reference (`@name`, `@"name"`).
fn is_symbol_ref(value: &str) -> bool {
    let Some(rest) = value.strip_prefix('@') else { return false };
    super::lexer::is_bare_identifier(rest) || super::parser::string_literal(rest).is_some()
}

/// `name` without the default dialect prefix (`call` in a function body).
fn short_name<'a>(name: &'a str, dialect: &str) -> &'a str {
    match name.strip_prefix(dialect).and_then(|rest| rest.strip_prefix('.')) {
        Some(rest) if !dialect.is_empty() && !rest.contains('.') => rest,
        _ => name,
    }
}

/// The raw value of the inherent or discardable attribute `name`.
fn prop_value<'a>(op: &'a Operation, name: &str) -> Option<&'a str> {
    op.attr(name).and_then(|a| a.value.as_deref())
}

/// `Some(None)` without a precision config, `Some(Some(names))` with a
/// readable one, `None` with an unreadable one.
fn opt_precision(op: &Operation) -> Option<Option<Vec<&str>>> {
    match prop_value(op, "precision_config") {
        None => Some(None),
        Some(v) => attr_text::parse_precisions(v).map(Some),
    }
}

/// The inner operation a `reduce` is printed with in its compact form
/// (`applies stablehlo.add`), when the body is exactly that operation
/// applied to the block arguments and returned (StableHLO's criteria).
fn compact_reducer(op: &Operation) -> Option<&str> {
    let [region] = op.regions.as_slice() else { return None };
    let [block] = region.blocks.as_slice() else { return None };
    let [inner, ret] = block.ops.as_slice() else { return None };
    let [lhs, rhs] = block.args.as_slice() else { return None };
    let input = op.operand_types.first()?;
    let scalar = format!("tensor<{}>", attr_text::element_type(input));
    let simple = op_table::is_commutative_binary(&inner.name)
        && inner.regions.is_empty()
        && inner.properties.is_empty()
        && inner.attributes.is_empty()
        && inner.successors.is_empty()
        && inner.result_types.len() == 1
        && inner.operand_types.len() == 2
        && inner.operand_types.iter().chain(&inner.result_types).all(|t| *t == scalar);
    let forwards_args = inner.operands == [ValueRef::new(lhs.name.clone()), ValueRef::new(rhs.name.clone())];
    let [result] = inner.results.as_slice() else { return None };
    let returns_result = ret.name.rsplit('.').next() == Some("return")
        && ret.regions.is_empty()
        && ret.operands == [ValueRef::new(result.name.clone())];
    (simple && forwards_args && returns_result).then_some(inner.name.as_str())
}

/// Whether `attr` is an inherent attribute at its default value, which
/// StableHLO's printer leaves out (`result_accuracy` of DEFAULT mode, a
/// composite's `version = 0 : i32` and empty `composite_attributes`).
fn is_default_property(op: &Operation, attr: &NamedAttr) -> bool {
    let default = match (op.name.as_str(), attr.key()) {
        (_, "result_accuracy") => {
            "#stablehlo.result_accuracy<mode = #stablehlo.result_accuracy_mode<DEFAULT>>"
        }
        ("stablehlo.composite", "version") => "0 : i32",
        ("stablehlo.composite", "composite_attributes") => "{}",
        _ => return false,
    };
    op.properties.iter().any(|p| std::ptr::eq(p, attr)) && attr.value.as_deref() == Some(default)
}
