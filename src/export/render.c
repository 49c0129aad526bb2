/* Diagrams: the cgraph graph of a network laid out and rendered by gvc (SVG, PNG, PDF).
 *
 * Not thread-safe: Graphviz layout and rendering use global state; lay out and
 * render from one thread at a time. Every render goes through the one
 * process-wide context (ag_i_gv_context()). The output is deterministic for a
 * given Graphviz, cairo and font set (fixed seed `start=1`, no timestamp), but
 * text widths come from the installed fonts, so other machines may place
 * things slightly differently. */
#include "export/graph_build.h"

#include <string.h>

/* Plugin names by kind, asked of gvc once and kept: the context and its plugins
 * live as long as the process, and Graphviz 2.42's gvPluginList() leaks the
 * copies of repeated names on every call (tests/valgrind.supp names it). */
typedef struct plugin_list {
    const char *kind;
    char **names;
    int n, asked;
} plugin_list;

static plugin_list plugin_lists[] = {{"render", NULL, 0, 0}, {"device", NULL, 0, 0}};

/* 1 when gvc lists a plugin of @kind (`render`, `device`) named @name. */
static int have_plugin(GVC_t *gvc, const char *kind, const char *name)
{
    for (size_t k = 0; k < sizeof plugin_lists / sizeof plugin_lists[0]; k++) {
        plugin_list *l = &plugin_lists[k];
        if (strcmp(l->kind, kind) != 0)
            continue;
        if (!l->asked) {
            l->names = gvPluginList(gvc, kind, &l->n, NULL);
            l->asked = l->names != NULL; /* none (or out of memory): ask again next time */
        }
        for (int i = 0; l->names && i < l->n; i++)
            if (l->names[i] && strcmp(l->names[i], name) == 0)
                return 1;
    }
    return 0;
}

/* Graphviz says "renderer for X is unavailable" (2.42) or "Format: X not recognized"
 * (older) when a device plugin is missing or cannot be loaded. */
static int missing_plugin_message(const char *msg)
{
    return strstr(msg, "unavailable") != NULL || strstr(msg, "not recognized") != NULL ||
           strstr(msg, "Could not load") != NULL;
}

ag_status ag_i_render(const ag_network *net, const ag_export_options *opt, const ag_i_render_spec *spec,
                      ag_sink *sink, ag_error *err)
{
    ag_status st = AG_OK;
    Agraph_t *g = NULL;
    GVC_t *gvc = NULL;
    int laid_out = 0;
    char *data = NULL;
    unsigned int len = 0;
    const char *layout = opt && opt->layout ? opt->layout : "neato";
    if (!net || !sink || !spec)
        return ag_error_set(err, AG_EINVAL, "export: no network or no sink");
    if ((st = ag_export_check_layout(layout, err)) != AG_OK)
        return st;
    ag_i_gv_capture_begin();
    gvc = ag_i_gv_context();
    if (!gvc) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot create a context");
        goto cleanup;
    }
    /* Found out before the layout, which is the expensive part. */
    if (spec->missing && (!have_plugin(gvc, "render", "cairo") || !have_plugin(gvc, "device", spec->device_type))) {
        st = ag_error_set(err, AG_EUNSUPPORTED, "%s", spec->missing);
        goto cleanup;
    }
    st = ag_i_build_cgraph(net, opt, &g, err);
    if (st != AG_OK)
        goto cleanup;
    for (const char *const *a = spec->attrs; a && a[0] && a[1]; a += 2)
        if (agsafeset(g, (char *)a[0], (char *)a[1], "") != 0) {
            st = ag_error_set(err, AG_ENOMEM, "Graphviz: cannot set an attribute");
            goto cleanup;
        }
    if (gvLayout(gvc, g, layout) != 0) {
        st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: %s layout failed: %s", layout, ag_i_gv_captured());
        goto cleanup;
    }
    laid_out = 1;
    if (gvRenderData(gvc, g, spec->device, &data, &len) != 0 || !data) {
        const char *why = ag_i_gv_captured();
        if (spec->missing && missing_plugin_message(why))
            st = ag_error_set(err, AG_EUNSUPPORTED, "%s", spec->missing);
        else
            st = ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: %s rendering failed: %s", spec->what, why);
        goto cleanup;
    }
    if (spec->fixup)
        spec->fixup(data, len);
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
