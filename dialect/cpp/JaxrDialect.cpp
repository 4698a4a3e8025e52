// The jaxr dialect: registration, generated definitions and the bridge from
// each op's verify() to the shape rules written in Rust.
#include "JaxrDialect.h"

#include "mlir-c/IR.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/Transforms/InliningUtils.h"

#include <atomic>

#include "JaxrEnums.cpp.inc"
#include "JaxrDialect.cpp.inc"

// `custom<OperandAndResultType>`: `T` when the result has the operand's
// type, as elementwise ops print, and `T -> R` when it differs (the abs of a
// complex value is real).
static mlir::ParseResult parseOperandAndResultType(mlir::OpAsmParser &parser,
                                                   mlir::Type &operand,
                                                   mlir::Type &result) {
  if (parser.parseType(operand))
    return mlir::failure();
  if (mlir::succeeded(parser.parseOptionalArrow()))
    return parser.parseType(result);
  result = operand;
  return mlir::success();
}

static void printOperandAndResultType(mlir::OpAsmPrinter &printer,
                                      mlir::Operation *, mlir::Type operand,
                                      mlir::Type result) {
  printer << operand;
  if (result != operand)
    printer << " -> " << result;
}

#define GET_OP_CLASSES
#include "JaxrOps.cpp.inc"

using namespace mlir;

namespace {
// Every jaxr op may be inlined, and calls may be inlined into the regions of
// jaxr.while, jaxr.cond and jaxr.reduce_window (their bodies are plain
// dataflow), which lets the upstream `inline` pass work on jaxr functions.
struct JaxrInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *, Region *, bool, IRMapping &) const final {
    return true;
  }
  // A callee body may be inlined into a region of a jaxr op.
  bool isLegalToInline(Region *, Region *, bool, IRMapping &) const final {
    return true;
  }
};
} // namespace

void jaxr::JaxrDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "JaxrOps.cpp.inc"
      >();
  addInterfaces<JaxrInlinerInterface>();
}

Operation *jaxr::JaxrDialect::materializeConstant(OpBuilder &builder,
                                                  Attribute value, Type type,
                                                  Location loc) {
  auto elements = llvm::dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return builder.create<ConstantOp>(loc, type, elements);
}

// The hook writes a message of at most `capacity` bytes into `message` and
// returns its length, or returns 0 when the op satisfies its shape rules.
typedef size_t (*JaxrVerifyHook)(MlirOperation op, char *message,
                                 size_t capacity);
static std::atomic<JaxrVerifyHook> verifyHook{nullptr};

extern "C" void jaxrSetVerifyHook(JaxrVerifyHook hook) { verifyHook = hook; }

LogicalResult jaxr::verifyWithShapeRules(Operation *op) {
  JaxrVerifyHook hook = verifyHook.load();
  if (!hook)
    return op->emitOpError("jaxr shape rules are not installed (register the "
                           "dialect through jaxr_dialect::create_context)");
  char message[2048];
  size_t length = hook(wrap(op), message, sizeof(message));
  if (length == 0)
    return success();
  return op->emitOpError(StringRef(message, std::min(length, sizeof(message))));
}

extern "C" {
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Jaxr, jaxr);
}
MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Jaxr, jaxr, jaxr::JaxrDialect)

// Whether diagnostics on an op carry a "see current operation" note with the
// op printed (mlir-opt turns this off under --verify-diagnostics).
extern "C" void jaxrContextSetPrintOpOnDiagnostic(MlirContext context,
                                                  bool enable) {
  unwrap(context)->printOpOnDiagnostic(enable);
}

// Emits a warning at a location (the C API only offers mlirEmitError).
extern "C" void jaxrEmitWarning(MlirLocation location, const char *message) {
  mlir::emitWarning(unwrap(location)) << message;
}
