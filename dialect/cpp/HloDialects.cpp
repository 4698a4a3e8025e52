// The stablehlo, chlo and sdy dialects: registration, generated definitions,
// the attribute hook that keeps #stablehlo<...> / #chlo<...> / #sdy<...>
// values as text, and the inliner interface.
#include "HloDialects.h"

#include <atomic>

#include "mlir-c/IR.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/TypeSwitch.h"

#include "StablehloDialect.cpp.inc"
#define GET_TYPEDEF_CLASSES
#include "StablehloTypes.cpp.inc"
#define GET_OP_CLASSES
#include "StablehloOps.cpp.inc"

#include "ChloDialect.cpp.inc"
#define GET_OP_CLASSES
#include "ChloOps.cpp.inc"

#include "SdyDialect.cpp.inc"
#define GET_OP_CLASSES
#include "SdyOps.cpp.inc"

using namespace mlir;

namespace {
// Every op of these dialects may be inlined, and calls may be inlined into
// their regions (bodies are plain dataflow ending in stablehlo.return).
struct HloInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
};

// An attribute value of the dialect, kept as the text between `#dialect` and
// the end of the symbol (`<comparison_direction LT>` is kept as
// "comparison_direction LT", `.dot<...>` as "dot<...>"); MLIR prints such an
// attribute back exactly as it was written. The Rust verifier checks it.
Attribute parseAsText(const Dialect &dialect, DialectAsmParser &parser,
                      Type type) {
  MLIRContext *context = dialect.getContext();
  return OpaqueAttr::get(StringAttr::get(context, dialect.getNamespace()),
                         parser.getFullSymbolSpec(),
                         type ? type : NoneType::get(context));
}

void printAsText(Attribute attr, DialectAsmPrinter &printer) {
  if (auto text = llvm::dyn_cast<OpaqueAttr>(attr))
    printer << text.getAttrData();
}
} // namespace

void jaxr::stablehlo::StablehloDialect::initialize() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "StablehloTypes.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "StablehloOps.cpp.inc"
      >();
  addInterfaces<HloInlinerInterface>();
}

Attribute jaxr::stablehlo::StablehloDialect::parseAttribute(
    DialectAsmParser &parser, Type type) const {
  return parseAsText(*this, parser, type);
}

void jaxr::stablehlo::StablehloDialect::printAttribute(
    Attribute attr, DialectAsmPrinter &printer) const {
  printAsText(attr, printer);
}

void jaxr::chlo::ChloDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ChloOps.cpp.inc"
      >();
  addInterfaces<HloInlinerInterface>();
}

Attribute jaxr::chlo::ChloDialect::parseAttribute(DialectAsmParser &parser,
                                                  Type type) const {
  return parseAsText(*this, parser, type);
}

void jaxr::chlo::ChloDialect::printAttribute(Attribute attr,
                                             DialectAsmPrinter &printer) const {
  printAsText(attr, printer);
}

void jaxr::sdy::SdyDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "SdyOps.cpp.inc"
      >();
  addInterfaces<HloInlinerInterface>();
}

Attribute jaxr::sdy::SdyDialect::parseAttribute(DialectAsmParser &parser,
                                                Type type) const {
  return parseAsText(*this, parser, type);
}

void jaxr::sdy::SdyDialect::printAttribute(Attribute attr,
                                           DialectAsmPrinter &printer) const {
  printAsText(attr, printer);
}

// The Rust check of an `sdy.*` attribute on a region's argument or result
// (`sdy.sharding` on a function's): it writes a message of at most
// `capacity` bytes and returns its length, or returns 0 when it holds.
typedef size_t (*JaxrValueAttrHook)(MlirOperation op, bool result,
                                    unsigned index, MlirStringRef name,
                                    MlirAttribute value, char *message,
                                    size_t capacity);
static std::atomic<JaxrValueAttrHook> valueAttrHook{nullptr};

extern "C" void jaxrSetValueAttrHook(JaxrValueAttrHook hook) {
  valueAttrHook = hook;
}

static LogicalResult verifyValueAttr(Operation *op, bool result,
                                     unsigned index, NamedAttribute attr) {
  JaxrValueAttrHook hook = valueAttrHook.load();
  if (!hook)
    return success();
  char message[2048];
  size_t length = hook(wrap(op), result, index, wrap(attr.getName().strref()),
                       wrap(attr.getValue()), message, sizeof(message));
  if (length == 0)
    return success();
  return op->emitOpError(StringRef(message, std::min(length, sizeof(message))));
}

LogicalResult jaxr::sdy::SdyDialect::verifyRegionArgAttribute(
    Operation *op, unsigned region, unsigned argIndex, NamedAttribute attr) {
  return verifyValueAttr(op, false, argIndex, attr);
}

LogicalResult jaxr::sdy::SdyDialect::verifyRegionResultAttribute(
    Operation *op, unsigned region, unsigned resultIndex,
    NamedAttribute attr) {
  return verifyValueAttr(op, true, resultIndex, attr);
}

extern "C" {
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Stablehlo, stablehlo);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Chlo, chlo);
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Sdy, sdy);
}
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Stablehlo, stablehlo,
                                      jaxr::stablehlo::StablehloDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Chlo, chlo, jaxr::chlo::ChloDialect)
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Sdy, sdy, jaxr::sdy::SdyDialect)
