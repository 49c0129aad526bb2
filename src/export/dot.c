/* Graphviz DOT, written by cgraph's agwrite() straight into the sink.
 * Not thread-safe: cgraph has global state (see graph_build.h). */
#include "actorgraph/export.h"

#include "export/graph_build.h"

ag_status ag_export_dot(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    ag_status st = AG_OK;
    Agraph_t *g = NULL;
    if (!net || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no network or no sink");
    ag_i_gv_capture_begin();
    st = ag_i_build_cgraph(net, opt, &g, err);
    if (st != AG_OK)
        goto cleanup;
    ag_i_gv_out out = {sink, err, AG_OK};
    if (agwrite(g, &out) != 0) {
        /* A sink failure carries its own message; otherwise it was cgraph. */
        st = out.status != AG_OK ? out.status
                                 : ag_error_set(err, AG_EGRAPHVIZ, "Graphviz: cannot write DOT: %s",
                                                ag_i_gv_captured());
    }
cleanup:
    if (g)
        agclose(g);
    ag_i_gv_capture_end();
    return st;
}
