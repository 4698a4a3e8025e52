// The stablehlo, chlo and sdy dialects' C++ declarations: generated ODS code.
#ifndef JAXR_HLO_DIALECTS_H
#define JAXR_HLO_DIALECTS_H

#include "JaxrDialect.h"

#include "StablehloDialect.h.inc"
#define GET_TYPEDEF_CLASSES
#include "StablehloTypes.h.inc"
#define GET_OP_CLASSES
#include "StablehloOps.h.inc"

#include "ChloDialect.h.inc"
#define GET_OP_CLASSES
#include "ChloOps.h.inc"

#include "SdyDialect.h.inc"
#define GET_OP_CLASSES
#include "SdyOps.h.inc"

#endif // JAXR_HLO_DIALECTS_H
