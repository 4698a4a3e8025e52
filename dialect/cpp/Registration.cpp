// The upstream dialects and passes jaxr registers: func (with its inliner
// extension, and cf, which inlining multi-block callees may need), quant
// (StableHLO's quantized element types, !quant.uniform<...>) and MLIR's
// generic transformations (canonicalize, cse, inline, symbol-dce,
// sccp, strip-debuginfo, ...). Registering only these, instead of every
// upstream dialect and pass, lets the linker leave the rest of MLIR out of
// jaxr's binaries: smaller files and a shorter start-up.
#include "mlir-c/IR.h"
#include "mlir/CAPI/IR.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/Extensions/InlinerExtension.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Transforms/Passes.h"

extern "C" void jaxrRegisterUpstreamDialects(MlirDialectRegistry registry) {
  mlir::DialectRegistry *r = unwrap(registry);
  r->insert<mlir::func::FuncDialect, mlir::cf::ControlFlowDialect, mlir::quant::QuantDialect>();
  mlir::func::registerInlinerExtension(*r);
}

extern "C" void jaxrRegisterUpstreamPasses() { mlir::registerTransformsPasses(); }
