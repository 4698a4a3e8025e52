// The jaxr dialect's C++ declarations: generated ODS code plus the verify hook.
#ifndef JAXR_DIALECT_H
#define JAXR_DIALECT_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "JaxrEnums.h.inc"
#include "JaxrDialect.h.inc"

namespace jaxr {
// Runs the shape rules written in Rust (installed with jaxrSetVerifyHook).
::llvm::LogicalResult verifyWithShapeRules(::mlir::Operation *op);
} // namespace jaxr

#define GET_OP_CLASSES
#include "JaxrOps.h.inc"

#endif // JAXR_DIALECT_H
