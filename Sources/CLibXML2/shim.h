#ifndef ENGAGE_SYNC_CLIBXML2_SHIM_H
#define ENGAGE_SYNC_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 pulls in the system ICU, which clashes with Foundation's copy. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

/* xmlFree is a global function pointer, which Swift 6 strict concurrency rejects. */
static inline void engage_xml_free(void *p) { xmlFree(p); }
#endif
