//! SSA name scoping as MLIR's parser applies it: a name may not be defined
//! twice where it is visible; uses may refer forward (graph regions, later
//! blocks) and are resolved when their region closes; regions of operations
//! isolated from above start from a fresh scope. A use that stays
//! undefined, or names a result number its definition does not bind, is an
//! error at the use.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::lexer::LexError;

/// The names visible at the current point of the parse.
pub(crate) struct NameScopes<'a> {
    /// The visible names, with how many results each binds.
    live: HashMap<&'a str, u32, BuildHasherDefault<NameHasher>>,
    /// The open scopes (one per region being parsed), innermost last.
    scopes: Vec<Scope<'a>>,
}

/// What one open region defined, and the uses in it not yet resolved.
#[derive(Default)]
struct Scope<'a> {
    defs: Vec<&'a str>,
    pending: Vec<Use<'a>>,
}

/// A use of a name not defined yet where it was written.
struct Use<'a> {
    name: &'a str,
    index: u32,
    at: usize,
}

impl Default for NameScopes<'_> {
    /// One open, outermost scope.
    fn default() -> Self {
        NameScopes { live: HashMap::default(), scopes: vec![Scope::default()] }
    }
}

impl<'a> NameScopes<'a> {
    /// Opens a scope.
    pub(crate) fn push(&mut self) {
        self.scopes.push(Scope::default());
    }

    /// Closes the innermost scope: resolves its forward references (handing
    /// those still undefined to the enclosing scope, or reporting them when
    /// it is the outermost) and forgets its names.
    pub(crate) fn pop(&mut self) -> Result<(), LexError> {
        let Some(scope) = self.scopes.pop() else { return Ok(()) };
        let mut result = Ok(());
        for u in scope.pending {
            if let Some(&count) = self.live.get(u.name) {
                if result.is_ok() {
                    result = check_index(u.name, u.index, count, u.at);
                }
            } else if let Some(parent) = self.scopes.last_mut() {
                parent.pending.push(u);
            } else if result.is_ok() {
                result = Err((u.at, format!("use of undefined SSA value '%{}'", u.name)));
            }
        }
        for name in scope.defs {
            self.live.remove(name);
        }
        result
    }

    /// Back to one open, empty outermost scope, keeping the allocations.
    pub(crate) fn reset(&mut self) {
        self.live.clear();
        self.scopes.clear();
        self.scopes.push(Scope::default());
    }

    /// Closes every scope.
    pub(crate) fn finish(&mut self) -> Result<(), LexError> {
        while !self.scopes.is_empty() {
            self.pop()?;
        }
        Ok(())
    }

    /// Defines `name`, binding `count` results, written at `at`.
    pub(crate) fn define(&mut self, name: &'a str, count: u32, at: usize) -> Result<(), LexError> {
        if self.live.insert(name, count).is_some() {
            return Err((at, format!("redefinition of SSA value '%{name}'")));
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.defs.push(name);
        }
        Ok(())
    }

    /// Notes a use of result `index` of `name`, written at `at`.
    pub(crate) fn use_value(&mut self, name: &'a str, index: u32, at: usize) -> Result<(), LexError> {
        match self.live.get(name) {
            Some(&count) => check_index(name, index, count, at),
            None => {
                if let Some(scope) = self.scopes.last_mut() {
                    scope.pending.push(Use { name, index, at });
                }
                Ok(())
            }
        }
    }
}

fn check_index(name: &str, index: u32, count: u32, at: usize) -> Result<(), LexError> {
    if index < count {
        Ok(())
    } else {
        Err((at, format!("result number {index} is out of range: '%{name}' binds {count} result(s)")))
    }
}

/// A fast hasher for short names (the multiply-rotate scheme of rustc's
/// `FxHasher`): every definition and use is hashed.
#[derive(Default)]
struct NameHasher {
    hash: u64,
}

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            for (w, b) in word.iter_mut().zip(chunk) {
                *w = *b;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}
