// libxml2 for Swift.
#ifndef TIDINGS_CLIBXML2_SHIM_H
#define TIDINGS_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; its headers then clash with Foundation's ICU module
// ("'UErrorCode' has different definitions in different modules"). Tidings needs no ICU from libxml2.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer, which Swift 6 rejects as not concurrency-safe.
static inline void tidings_xml_free(void *pointer) { xmlFree(pointer); }
#endif
