// A pass whose body is written in Rust, registered under its own name so that
// textual pass pipelines (`jaxr-opt --pass-pipeline=...`) can name it and give
// it options in braces. The option string is handed to Rust verbatim, which
// validates it when the pipeline is parsed and reads it when the pass runs.
#include "mlir-c/IR.h"
#include "mlir-c/Support.h"
#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/TypeID.h"

#include <memory>
#include <string>

using namespace mlir;

extern "C" {
// Returns true when the pass succeeded; on failure the Rust side has already
// emitted a diagnostic at the failing op.
typedef bool (*JaxrRustPassRun)(size_t passIndex, MlirOperation op,
                                MlirStringRef options);
// Returns the length of an error message written into `message`, or 0 when
// the options are valid.
typedef size_t (*JaxrRustPassCheckOptions)(size_t passIndex,
                                           MlirStringRef options,
                                           char *message, size_t capacity);
}

namespace {
struct RustPassInfo {
  size_t index;
  std::string argument;
  std::string description;
  JaxrRustPassRun run;
  JaxrRustPassCheckOptions checkOptions;
  TypeID typeID;
};

class RustPass : public Pass {
public:
  RustPass(const RustPassInfo *info)
      : Pass(info->typeID, StringRef("builtin.module")), info(info) {}

  StringRef getArgument() const override { return info->argument; }
  StringRef getDescription() const override { return info->description; }
  StringRef getName() const override { return info->argument; }

  bool canScheduleOn(RegisteredOperationName opName) const override {
    return opName.getStringRef() == "builtin.module";
  }

  std::unique_ptr<Pass> clonePass() const override {
    auto copy = std::make_unique<RustPass>(info);
    copy->options = options;
    return copy;
  }

  LogicalResult
  initializeOptions(StringRef text,
                    function_ref<LogicalResult(const Twine &)> errorHandler)
      override {
    char message[1024];
    size_t length = info->checkOptions(info->index, wrap(text), message,
                                       sizeof(message));
    if (length != 0)
      return errorHandler(StringRef(message, std::min(length, sizeof(message))));
    options = text.str();
    return success();
  }

  void runOnOperation() override {
    if (!info->run(info->index, wrap(getOperation()), wrap(StringRef(options))))
      signalPassFailure();
  }

private:
  const RustPassInfo *info;
  std::string options;
};

// Allocates one TypeID per registered Rust pass; lives for the process.
TypeIDAllocator &typeIDs() {
  static TypeIDAllocator allocator;
  return allocator;
}
} // namespace

extern "C" void jaxrRegisterRustPass(size_t index, MlirStringRef argument,
                                     MlirStringRef description,
                                     JaxrRustPassRun run,
                                     JaxrRustPassCheckOptions checkOptions) {
  // Registered passes live for the whole process, as MLIR's registry does.
  auto *info = new RustPassInfo{index,
                                unwrap(argument).str(),
                                unwrap(description).str(),
                                run,
                                checkOptions,
                                typeIDs().allocate()};
  registerPass([info]() -> std::unique_ptr<Pass> {
    return std::make_unique<RustPass>(info);
  });
}
