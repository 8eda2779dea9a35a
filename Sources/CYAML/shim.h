#ifndef ENGAGE_SYNC_CYAML_SHIM_H
#define ENGAGE_SYNC_CYAML_SHIM_H
#include <yaml.h>
#endif
