//! The enumerations of the StableHLO specification, as their attribute
//! values print (`#stablehlo<comparison_direction LT>`). MLIR keeps such
//! values as text; this table says which spellings exist, for the dialect's
//! verifiers (`jaxr_dialect::stablehlo::enums`) and for this crate's reader
//! and printer alike.

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

/// The values of the enumeration `keyword` (`comparison_direction`), if it is one.
pub fn values(keyword: &str) -> Option<&'static [&'static str]> {
    ENUMS.iter().find(|(k, _)| *k == keyword).map(|(_, values)| *values)
}

/// `value` as the spelling of a value of the enumeration `keyword`, or why
/// it is none: `unknown comparison_direction 'LQ' (expected one of EQ, ...)`.
pub fn check(keyword: &str, value: &str) -> Result<&'static str, String> {
    let allowed = values(keyword).unwrap_or_default();
    match allowed.iter().find(|v| **v == value) {
        Some(known) => Ok(known),
        None => Err(format!("unknown {keyword} '{value}' (expected one of {})", allowed.join(", "))),
    }
}

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
    check(keyword, value).map(|_| value)
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

    #[test]
    fn every_enumeration_is_looked_up_by_its_keyword() {
        for (keyword, spellings) in ENUMS {
            assert_eq!(values(keyword), Some(*spellings));
            for spelling in *spellings {
                assert_eq!(check(keyword, spelling), Ok(*spelling));
            }
        }
        assert_eq!(values("comparison"), None);
        assert_eq!(
            check("precision", "DEFAUeT"),
            Err("unknown precision 'DEFAUeT' (expected one of DEFAULT, HIGH, HIGHEST)".to_string())
        );
        assert!(check("comparison_type", "FUZZY").is_err());
        assert!(check("comparison_direction", "lt").is_err(), "spellings are case-sensitive");
    }
}
