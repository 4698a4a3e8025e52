//! Integer and bitwise laws. Integer arithmetic wraps modulo 2^bits and
//! bitwise ops act on each bit alone, so each law holds exactly; each
//! guard says which element types it is for (`i1` is a one-bit integer
//! whose only values are 0 and 1).

use super::{always, Law, Match, Rule};

fn int(m: &Match) -> bool {
    m.int("?x")
}

fn signed(m: &Match) -> bool {
    m.elem("?x").is_some_and(|e| e.is_signed_int())
}

fn bool1(m: &Match) -> bool {
    m.elem("?x") == Some(jaxr_dialect::ElemType::I1)
}

/// The laws of group `bits`.
pub const LAWS: &[Law] = &[
    // x & 0 = 0, x | 0 = x, x ^ 0 = x, x ^ x = 0: bit by bit.
    Law { name: "bits/and-zero", fast_math: false, lhs: "(and ?x 0)", rhs: "0", guard: always },
    Law { name: "bits/zero-and", fast_math: false, lhs: "(and 0 ?x)", rhs: "0", guard: always },
    Law { name: "bits/or-zero", fast_math: false, lhs: "(or ?x 0)", rhs: "?x", guard: always },
    Law { name: "bits/zero-or", fast_math: false, lhs: "(or 0 ?x)", rhs: "?x", guard: always },
    Law { name: "bits/xor-zero", fast_math: false, lhs: "(xor ?x 0)", rhs: "?x", guard: always },
    Law { name: "bits/zero-xor", fast_math: false, lhs: "(xor 0 ?x)", rhs: "?x", guard: always },
    Law { name: "bits/xor-self", fast_math: false, lhs: "(xor ?x ?x)", rhs: "0", guard: always },
    // x & -1 = x: -1 has every bit set (signed types; unsigned types have no -1).
    Law { name: "bits/and-ones", fast_math: false, lhs: "(and ?x -1)", rhs: "?x", guard: signed },
    Law { name: "bits/ones-and", fast_math: false, lhs: "(and -1 ?x)", rhs: "?x", guard: signed },
    // For i1, true is the all-ones value: x & true = x, x | true = true.
    Law { name: "bits/and-true", fast_math: false, lhs: "(and ?x 1)", rhs: "?x", guard: bool1 },
    Law { name: "bits/true-and", fast_math: false, lhs: "(and 1 ?x)", rhs: "?x", guard: bool1 },
    Law { name: "bits/or-true", fast_math: false, lhs: "(or ?x 1)", rhs: "1", guard: bool1 },
    Law { name: "bits/true-or", fast_math: false, lhs: "(or 1 ?x)", rhs: "1", guard: bool1 },
    // not(not(x)) = x: bitwise complement twice.
    Law { name: "bits/not-not", fast_math: false, lhs: "(not (not ?x))", rhs: "?x", guard: always },
    // x & ~x = 0 and x | ~x = all ones would need the all-ones constant of
    // unsigned types; x & ~x = 0 needs none.
    Law { name: "bits/and-not-self", fast_math: false, lhs: "(and ?x (not ?x))", rhs: "0", guard: always },
    // Shifting by zero bits leaves x.
    Law { name: "bits/shl-zero", fast_math: false, lhs: "(shift_left ?x 0)", rhs: "?x", guard: always },
    Law {
        name: "bits/shrl-zero",
        fast_math: false,
        lhs: "(shift_right_logical ?x 0)",
        rhs: "?x",
        guard: always,
    },
    Law {
        name: "bits/shra-zero",
        fast_math: false,
        lhs: "(shift_right_arithmetic ?x 0)",
        rhs: "?x",
        guard: always,
    },
    // Integers: x rem 1 = 0 (the remainder's magnitude is below 1), and
    // 0 - x = -x (two's complement negation is subtraction from zero; for
    // floats 0 - 0 = +0 while -0 is negative zero).
    Law { name: "bits/rem-one", fast_math: false, lhs: "(rem ?x 1)", rhs: "0", guard: int },
    Law { name: "bits/zero-sub", fast_math: false, lhs: "(sub 0 ?x)", rhs: "(neg ?x)", guard: signed },
];

/// The rules of group `bits`: all of them are laws.
pub const RULES: &[Rule] = &[];
