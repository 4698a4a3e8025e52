// The plugin trust checks of docs/security.md, on a copy of the CPU plugin
// that scripts/setup installed (%cpu_plugin).
//
// The plugin jaxr-run finds by itself is pinned: a tampered copy in the cache
// directory ($JAXR_CACHE_DIR) is refused before it is loaded, naming both hashes.
// RUN: rm -rf %t.cache && mkdir -p %t.cache/pjrt-cpu-0.11.2
// RUN: cp %cpu_plugin %t.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so
// RUN: printf x >> %t.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so
// RUN: env -u JAXR_PJRT_PLUGIN JAXR_CACHE_DIR=%t.cache not jaxr-run %S/Inputs/functions.mlir --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=TAMPERED
// RUN: env JAXR_PJRT_PLUGIN=cpu JAXR_CACHE_DIR=%t.cache not jaxr-run %S/Inputs/functions.mlir --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=TAMPERED
// RUN: env -u JAXR_PJRT_PLUGIN JAXR_CACHE_DIR=%t.cache not jaxr-run %S/Inputs/functions.mlir --plugin=cpu --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=TAMPERED
// TAMPERED: jaxr-run: error: refusing PJRT plugin {{.*}}.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so: SHA-256 mismatch: it is not a pinned cpu plugin build
// TAMPERED-NEXT: expected ad1309ac822b1b24d51b7f9947c7c9fa9ef5d67f390584cbc3d1fa2428fed9c2 (lammps-jax-pjrt-cpu==0.11.2 pjrt_c_api_cpu_plugin.so (manylinux_2_27_x86_64))
// TAMPERED-NEXT: found {{ *}}{{[0-9a-f]+$}}
// TAMPERED-NOT: ad1309ac822b1b24d51b7f9947c7c9fa9ef5d67f390584cbc3d1fa2428fed9c2
// TAMPERED-NOT: result[0]
//
// An explicit path is the user's choice: loaded as given (unpinned), and
// --verbose names it with its hash.
// RUN: env -u JAXR_PJRT_PLUGIN jaxr-run %S/Inputs/functions.mlir --plugin=%t.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so --verbose --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=EXPLICIT
// RUN: env JAXR_PJRT_PLUGIN=%t.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so jaxr-run %S/Inputs/functions.mlir --verbose --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=EXPLICIT
// EXPLICIT: jaxr-run: plugin {{.*}}.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so (sha256 {{[0-9a-f]+}}, not a pinned build: loaded as given)
// EXPLICIT: result[0]: tensor<3x2xf32>
//
// The pinned plugin is named as such.
// RUN: env -u JAXR_PJRT_PLUGIN jaxr-run %S/Inputs/functions.mlir --plugin=%cpu_plugin --verbose --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=PINNED
// PINNED: jaxr-run: plugin {{.*}}pjrt_c_api_cpu_plugin.so (sha256 ad1309ac822b1b24d51b7f9947c7c9fa9ef5d67f390584cbc3d1fa2428fed9c2, pinned build lammps-jax-pjrt-cpu==0.11.2 pjrt_c_api_cpu_plugin.so (manylinux_2_27_x86_64))
//
// A plugin file others could change is refused, explicit or not, naming its mode.
// RUN: chmod 0775 %t.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so
// RUN: env -u JAXR_PJRT_PLUGIN not jaxr-run %S/Inputs/functions.mlir --plugin=%t.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=MODE
// MODE: jaxr-run: error: refusing PJRT plugin {{.*}}: the plugin file {{.*}}.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so is writable by group or others (mode 0775)
// RUN: chmod 0755 %t.cache/pjrt-cpu-0.11.2/pjrt_c_api_cpu_plugin.so && chmod 0777 %t.cache/pjrt-cpu-0.11.2
// RUN: env -u JAXR_PJRT_PLUGIN JAXR_CACHE_DIR=%t.cache not jaxr-run %S/Inputs/functions.mlir --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=DIRMODE
// DIRMODE: jaxr-run: error: refusing PJRT plugin {{.*}}: its directory {{.*}}.cache/pjrt-cpu-0.11.2 is writable by group or others (mode 0777)
// RUN: rm -rf %t.cache
//
// Loading and client creation run under a time limit.
// RUN: not jaxr-run %S/Inputs/functions.mlir --plugin-timeout-secs=0.001 --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=TIMEOUT
// TIMEOUT: jaxr-run: error: loading the PJRT plugin{{.*}} and creating its client did not finish within 0.001 s; allow more time with --plugin-timeout-secs=N
// RUN: not jaxr-run %S/Inputs/functions.mlir --plugin-timeout-secs=0 --input='2x3xf32=1' 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: '0' is not a positive number of seconds
