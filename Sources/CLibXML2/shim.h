#include <libxml/xmlversion.h>
// Foundation ships its own ICU; libxml2's optional ICU include clashes with it
// ('UErrorCode' has different definitions in different modules). Sitrep does
// not use libxml2's ICU support, so turn the include off.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
