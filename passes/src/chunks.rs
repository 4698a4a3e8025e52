//! `--split-input-file` in linear time. Each chunk is parsed alone, under a
//! buffer name of its own, and its locations are then moved to the lines they
//! have in the whole file. (Padding each chunk with the newlines before it
//! would keep line numbers true too, but costs the size of the file per
//! chunk: quadratic.)

use std::collections::HashMap;

use melior::ir::Module;
use mlir_sys::{MlirContext, MlirLocation, MlirOperation, MlirStringRef};

use jaxr_dialect::raw::string_ref;

/// One `// -----`-separated part of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// How many lines of the file come before the chunk.
    pub first_line: usize,
}

/// Splits at lines `// -----`.
pub fn split_chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut first_line = 0;
    let mut line_no = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        line_no += 1;
        if line.trim_end() == "// -----" {
            chunks.push(Chunk { text: &text[start..at], first_line });
            start = at + line.len();
            first_line = line_no;
        }
        at += line.len();
    }
    chunks.push(Chunk { text: &text[start..], first_line });
    chunks
}

/// Where a chunk's locations go: those naming `from` are renamed `to`, their
/// lines moved down by `offset`.
pub struct LineShift<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub offset: usize,
}

/// Moves every location of `module` (ops and block arguments) by `shift`.
pub fn shift_locations(module: &Module, shift: &LineShift) {
    let module_op = module.as_operation().to_raw();
    // SAFETY: the module is alive; every handle below comes from it.
    let context = unsafe { mlir_sys::mlirOperationGetContext(module_op) };
    let mut mover = Mover { context, shift, seen: HashMap::new() };
    let mut pending = vec![module_op];
    while let Some(op) = pending.pop() {
        // SAFETY: `op` is a live op of the module.
        unsafe {
            let location = mover.moved(mlir_sys::mlirOperationGetLocation(op));
            mlir_sys::mlirOperationSetLocation(op, location);
            mover.move_regions(op, &mut pending);
        }
    }
}

struct Mover<'a> {
    context: MlirContext,
    shift: &'a LineShift<'a>,
    seen: HashMap<*const std::ffi::c_void, MlirLocation>,
}

impl Mover<'_> {
    /// Moves the block arguments of `op`'s regions and queues their ops.
    unsafe fn move_regions(&mut self, op: MlirOperation, pending: &mut Vec<MlirOperation>) {
        for r in 0..mlir_sys::mlirOperationGetNumRegions(op) {
            let mut block = mlir_sys::mlirRegionGetFirstBlock(mlir_sys::mlirOperationGetRegion(op, r));
            while !block.ptr.is_null() {
                for a in 0..mlir_sys::mlirBlockGetNumArguments(block) {
                    let argument = mlir_sys::mlirBlockGetArgument(block, a);
                    let location = self.moved(mlir_sys::mlirValueGetLocation(argument));
                    mlir_sys::mlirBlockArgumentSetLocation(argument, location);
                }
                let mut child = mlir_sys::mlirBlockGetFirstOperation(block);
                while !child.ptr.is_null() {
                    pending.push(child);
                    child = mlir_sys::mlirOperationGetNextInBlock(child);
                }
                block = mlir_sys::mlirBlockGetNextInRegion(block);
            }
        }
    }

    /// The moved form of a location (locations are uniqued, so each is
    /// rebuilt once). Nesting is bounded by the pre-scan's depth limit.
    unsafe fn moved(&mut self, location: MlirLocation) -> MlirLocation {
        if let Some(done) = self.seen.get(&location.ptr) {
            return *done;
        }
        let result = self.rebuild(location);
        self.seen.insert(location.ptr, result);
        result
    }

    unsafe fn rebuild(&mut self, location: MlirLocation) -> MlirLocation {
        use mlir_sys::*;
        if mlirLocationIsAFileLineColRange(location) {
            return self.rebuild_file(location);
        }
        if mlirLocationIsACallSite(location) {
            let callee = self.moved(mlirLocationCallSiteGetCallee(location));
            let caller = self.moved(mlirLocationCallSiteGetCaller(location));
            return mlirLocationCallSiteGet(callee, caller);
        }
        if mlirLocationIsAName(location) {
            let child = self.moved(mlirLocationNameGetChildLoc(location));
            let name = mlirIdentifierStr(mlirLocationNameGetName(location));
            return mlirLocationNameGet(self.context, name, child);
        }
        if mlirLocationIsAFused(location) {
            let count = mlirLocationFusedGetNumLocations(location);
            let mut parts = vec![mlirLocationUnknownGet(self.context); count as usize];
            mlirLocationFusedGetLocations(location, parts.as_mut_ptr());
            let parts: Vec<MlirLocation> = parts.into_iter().map(|p| self.moved(p)).collect();
            let metadata = mlirLocationFusedGetMetadata(location);
            return mlirLocationFusedGet(self.context, parts.len() as isize, parts.as_ptr(), metadata);
        }
        location
    }

    unsafe fn rebuild_file(&self, location: MlirLocation) -> MlirLocation {
        use mlir_sys::*;
        let name = mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(location));
        if str_of(name) != Some(self.shift.from) {
            return location;
        }
        let offset = self.shift.offset as u32;
        let line = mlirLocationFileLineColRangeGetStartLine(location) as u32 + offset;
        let column = mlirLocationFileLineColRangeGetStartColumn(location) as u32;
        let end_line = mlirLocationFileLineColRangeGetEndLine(location) as u32 + offset;
        let end_column = mlirLocationFileLineColRangeGetEndColumn(location) as u32;
        let to = string_ref(self.shift.to);
        if (end_line, end_column) == (line, column) {
            return mlirLocationFileLineColGet(self.context, to, line, column);
        }
        mlirLocationFileLineColRangeGet(self.context, to, line, column, end_line, end_column)
    }
}

/// The text of a string ref MLIR owns.
unsafe fn str_of<'a>(s: MlirStringRef) -> Option<&'a str> {
    if s.data.is_null() {
        return Some("");
    }
    std::str::from_utf8(std::slice::from_raw_parts(s.data.cast::<u8>(), s.length)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_know_their_first_line() {
        let chunks = split_chunks("a\nb\n// -----\nc\n// -----\nd\n");
        let firsts: Vec<(&str, usize)> = chunks.iter().map(|c| (c.text, c.first_line)).collect();
        assert_eq!(firsts, vec![("a\nb\n", 0), ("c\n", 3), ("d\n", 5)]);
        assert_eq!(split_chunks("x"), vec![Chunk { text: "x", first_line: 0 }]);
    }
}
