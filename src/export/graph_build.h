/* The cgraph graph shared by the DOT, SVG, PNG and PDF writers (not part of the public API).
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
 * Every writer that lays out or renders (SVG, PNG, PDF: ag_i_render()) uses this one. */
GVC_t *ag_i_gv_context(void);

/* How ag_i_render() renders one format. */
typedef struct ag_i_render_spec {
    const char *device;      /* gvRenderData() format, e.g. `svg`, `png:cairo:cairo` */
    const char *device_type; /* the device as gvPluginList() names it, e.g. `png` */
    const char *what;        /* the format in messages, e.g. `PNG` */
    const char *const *attrs; /* graph attributes for this render only: name, value, ..., NULL (may be NULL) */
    void (*fixup)(char *data, size_t len); /* edits the rendered bytes in place (NULL: none) */
    const char *missing;     /* NULL: no plugin needed beyond the core; else the cairo plugin is
                              * needed and this is the ::AG_EUNSUPPORTED message when it is missing */
} ag_i_render_spec;

/* The message of a format that needs the cairo plugin (libgvplugin_pango). */
#define AG_I_NEEDS_CAIRO(WHAT)                                                                     \
    WHAT " output needs Graphviz's cairo plugin (libgvplugin_pango, in Debian's libgvc6 package; " \
         "if it is installed, register it as root with 'dot -c')"

/* Builds the diagram of @net, lays it out with opt->layout (default neato) and
 * renders it as @spec says into @sink. ::AG_EINVAL for an unknown engine,
 * ::AG_EUNSUPPORTED when the plugin @spec needs is missing (found before the
 * layout), ::AG_EGRAPHVIZ when Graphviz fails, else as ag_sink_write(). */
ag_status ag_i_render(const ag_network *net, const ag_export_options *opt, const ag_i_render_spec *spec,
                      ag_sink *sink, ag_error *err);

/* Graphviz reports problems through agerr(), which prints to stderr by default.
 * Between begin and end its messages are kept instead (the library never prints). */
void ag_i_gv_capture_begin(void);
void ag_i_gv_capture_end(void);
/* The first captured error (without `Error: ` and the newline), or the first
 * message of any kind, or "" when there was none. */
const char *ag_i_gv_captured(void);

#endif
