/* PNG: the diagram rendered by Graphviz's cairo plugin at 192 dpi (twice the
 * screen size, sharp on high-density screens and in print). libpng writes no
 * time chunk, so the bytes depend only on the network and the installed
 * Graphviz, cairo, pango and fonts. Not thread-safe (see render.c). */
#include "actorgraph/export.h"

#include "export/graph_build.h"

ag_status ag_export_png(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    static const char *const attrs[] = {"dpi", "192", NULL};
    static const ag_i_render_spec png = {"png:cairo:cairo", "png", "PNG", attrs, NULL, AG_I_NEEDS_CAIRO("PNG")};
    return ag_i_render(net, opt, &png, sink, err);
}
