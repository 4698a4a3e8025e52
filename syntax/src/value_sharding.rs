//! A value's sharding as a module writes it, in either of JAX's forms: a
//! GSPMD `mhlo.sharding` string or a Shardy `sdy.sharding` with the mesh it
//! names. The runtime lays either out the same way
//! (`jaxr_runtime::Sharding::of_value`).

use std::fmt;

use super::shardy::{Mesh, TensorSharding};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueSharding {
    /// XLA's GSPMD sharding string (`{devices=[8,1]<=[8]}`).
    Gspmd(String),
    /// A Shardy sharding and the mesh it names.
    Shardy { mesh: Mesh, sharding: TensorSharding },
}

/// The attribute as the module writes it (`{devices=...}`, `#sdy.sharding<...>`).
impl fmt::Display for ValueSharding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueSharding::Gspmd(text) => f.write_str(text),
            ValueSharding::Shardy { sharding, .. } => write!(f, "{sharding}"),
        }
    }
}
