//! The enumerations of the StableHLO specification, as their attribute
//! values print (`#stablehlo<comparison_direction LT>`). MLIR keeps such
//! values as text; these tables say which spellings exist.

/// Each enumeration's keyword and its values.
pub const ENUMS: &[(&str, &[&str])] = &[
    ("comparison_direction", &["EQ", "NE", "GE", "GT", "LE", "LT"]),
    ("comparison_type", &["NOTYPE", "FLOAT", "TOTALORDER", "SIGNED", "UNSIGNED"]),
    ("precision", &["DEFAULT", "HIGH", "HIGHEST"]),
    ("fft_type", &["FFT", "IFFT", "RFFT", "IRFFT"]),
    ("rng_distribution", &["UNIFORM", "NORMAL"]),
    ("rng_algorithm", &["DEFAULT", "THREE_FRY", "PHILOX"]),
    ("transpose", &["TRANSPOSE_INVALID", "NO_TRANSPOSE", "TRANSPOSE", "ADJOINT"]),
];

/// The value of an enumeration attribute `#<dialect><<keyword> VALUE>`, or
/// why `text` is not one.
pub fn enum_value<'t>(text: &'t str, dialect: &str, keyword: &str) -> Result<&'t str, String> {
    let expected = || format!("expected #{dialect}<{keyword} ...>, found {text}");
    let body = text
        .strip_prefix('#')
        .and_then(|t| t.strip_prefix(dialect))
        .and_then(|t| t.strip_prefix('<'))
        .and_then(|t| t.strip_suffix('>'))
        .ok_or_else(expected)?;
    let value = body.strip_prefix(keyword).and_then(|v| v.strip_prefix(' ')).ok_or_else(expected)?.trim();
    let allowed = ENUMS.iter().find(|(k, _)| *k == keyword).map(|(_, values)| *values).unwrap_or_default();
    if allowed.contains(&value) {
        Ok(value)
    } else {
        Err(format!("unknown {keyword} '{value}' (expected one of {})", allowed.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_are_read_and_unknown_ones_named() {
        assert_eq!(
            enum_value("#stablehlo<comparison_direction LT>", "stablehlo", "comparison_direction"),
            Ok("LT")
        );
        assert_eq!(enum_value("#chlo<comparison_type FLOAT>", "chlo", "comparison_type"), Ok("FLOAT"));
        let err = enum_value("#stablehlo<comparison_direction LQ>", "stablehlo", "comparison_direction")
            .unwrap_err();
        assert_eq!(err, "unknown comparison_direction 'LQ' (expected one of EQ, NE, GE, GT, LE, LT)");
        let err = enum_value("#stablehlo<precision DEFAULT>", "stablehlo", "comparison_type").unwrap_err();
        assert!(err.starts_with("expected #stablehlo<comparison_type ...>"), "{err}");
        assert!(enum_value("1 : i32", "stablehlo", "precision").is_err());
    }
}
