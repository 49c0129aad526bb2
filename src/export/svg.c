/* SVG: the diagram rendered by Graphviz's own SVG renderer (core plugin).
 * Nodes and edges carry tooltips (`<a xlink:title>`) with the figures and the
 * first evidence sentences. Not thread-safe (see render.c). */
#include "actorgraph/export.h"

#include "export/graph_build.h"

ag_status ag_export_svg(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    static const ag_i_render_spec svg = {"svg", "svg", "SVG", NULL, NULL, NULL};
    return ag_i_render(net, opt, &svg, sink, err);
}
