/* The cgraph graph shared by the DOT and SVG writers (not part of the public API).
 *
 * Graphviz keeps global state (error handler, string tables, plugins): none of
 * this is thread-safe; build, write and render from one thread at a time. */
#ifndef AG_EXPORT_GRAPH_BUILD_H
#define AG_EXPORT_GRAPH_BUILD_H

#include <cgraph.h>
#include <gvc.h>

#include "actorgraph/export.h"

/* The channel to give agwrite() for a graph from ag_i_build_cgraph(): its I/O
 * discipline writes to `sink` and keeps the first failure in `status`/`err`. */
typedef struct ag_i_gv_out {
    ag_sink *sink;
    ag_error *err;
    ag_status status;
} ag_i_gv_out;

/* Builds the diagram of @net: nodes with mentions > 0 (id order), their edges,
 * sizes, colours, tooltips, and a title/caption/legend label. @opt may be NULL.
 * On success *out receives the graph (free with agclose()). */
ag_status ag_i_build_cgraph(const ag_network *net, const ag_export_options *opt, Agraph_t **out,
                            ag_error *err);

/* The process's one Graphviz context, made on first use and kept (NULL when it
 * cannot be made). Not freed on purpose: Graphviz 2.42's pango text-layout
 * plugin keeps a pointer to a font name owned by the first context it saw, so
 * freeing a context and making another is a use-after-free inside Graphviz.
 * Every writer that lays out or renders (SVG, and PNG/PDF if added) must use this one. */
GVC_t *ag_i_gv_context(void);

/* Graphviz reports problems through agerr(), which prints to stderr by default.
 * Between begin and end its messages are kept instead (the library never prints). */
void ag_i_gv_capture_begin(void);
void ag_i_gv_capture_end(void);
/* The first captured error (without `Error: ` and the newline), or the first
 * message of any kind, or "" when there was none. */
const char *ag_i_gv_captured(void);

#endif
