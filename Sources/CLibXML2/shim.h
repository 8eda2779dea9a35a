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

/* libxml2 reports some errors (a failed encoding conversion, I/O) only through its generic
   handler, which prints straight to stderr. engage-sync reports them itself (from
   xmlGetLastError), so the handler is made silent for the calling thread. Swift cannot write
   the C variadic handler, hence these two. */
static inline void engage_xml_ignore_generic(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void engage_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, engage_xml_ignore_generic);
}
#endif
