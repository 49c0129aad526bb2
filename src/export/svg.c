/* SVG: the cgraph graph laid out and rendered by gvc.
 *
 * Not thread-safe: Graphviz layout and rendering use global state; lay out
 * and render from one thread at a time. The output is deterministic for a
 * given Graphviz and font set (fixed seed `start=1`, no timestamp), but text
 * widths come from the installed fonts, so other machines may place things
 * slightly differently. */
#include "actorgraph/export.h"

#include <string.h>

#include <gvc.h>

#include "export/graph_build.h"

/* The engines we offer; checked before gvLayout() so a typo gets a clear message. */
static const char *const engines[] = {"neato", "dot", "fdp", "sfdp", "circo", "twopi"};

static int known_engine(const char *name)
{
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++)
        if (strcmp(engines[i], name) == 0)
            return 1;
    return 0;
}

ag_status ag_export_svg(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    ag_status st = AG_OK;
    Agraph_t *g = NULL;
    GVC_t *gvc = NULL;
    int laid_out = 0;
    char *data = NULL;
    unsigned int len = 0;
    const char *layout = opt && opt->layout ? opt->layout : "neato";
    if (!net || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no network or no sink");
    if (!known_engine(layout))
        return ag_error_set(err, AG_EINVAL, "unknown layout engine \"%s\" (use neato, dot, fdp, sfdp, circo or twopi)",
                            layout);
    ag_i_gv_capture_begin();
    st = ag_i_build_cgraph(net, opt, &g, err);
    if (st != AG_OK)
        goto cleanup;
    gvc = ag_i_gv_context();
    if (!gvc) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot create a context");
        goto cleanup;
    }
    if (gvLayout(gvc, g, layout) != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: %s layout failed: %s", layout, ag_i_gv_captured());
        goto cleanup;
    }
    laid_out = 1;
    if (gvRenderData(gvc, g, "svg", &data, &len) != 0 || !data) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: SVG rendering failed: %s", ag_i_gv_captured());
        goto cleanup;
    }
    st = ag_sink_write(sink, data, len, err);
cleanup:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, g);
    if (g)
        agclose(g);
    ag_i_gv_capture_end();
    return st;
}
