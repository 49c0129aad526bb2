/* The table of formats and the default options. */
#include "actorgraph/export.h"

#include <string.h>

/* The node list that comes with the CSV edge list. */
static const ag_format csv_nodes = {"csv-nodes", "nodes.csv", ag_export_csv_nodes, NULL};

/* Fixed order: it is the order the CLI lists and writes them in. */
static const ag_format formats[] = {
    {"json", "json", ag_export_json, NULL},
    {"dot", "dot", ag_export_dot, NULL},
    {"svg", "svg", ag_export_svg, NULL},
    {"png", "png", ag_export_png, NULL},
    {"pdf", "pdf", ag_export_pdf, NULL},
    {"graphml", "graphml", ag_export_graphml, NULL},
    {"gexf", "gexf", ag_export_gexf, NULL},
    {"csv", "csv", ag_export_csv, &csv_nodes},
    {"html", "html", ag_export_html, NULL},
};

void ag_export_options_init(ag_export_options *opt)
{
    if (!opt)
        return;
    opt->title = NULL;
    opt->layout = "neato";
    opt->directed = 0;
    opt->json_style = AG_JSON_NODE_LINK;
}

ag_status ag_json_style_parse(const char *name, ag_json_style *style)
{
    static const struct {
        const char *name;
        ag_json_style style;
    } styles[] = {{"node-link", AG_JSON_NODE_LINK}, {"cytoscape", AG_JSON_CYTOSCAPE}, {"graphology", AG_JSON_GRAPHOLOGY}};
    for (size_t i = 0; name && style && i < sizeof styles / sizeof styles[0]; i++)
        if (strcmp(styles[i].name, name) == 0) {
            *style = styles[i].style;
            return AG_OK;
        }
    return AG_EINVAL;
}

const ag_format *ag_export_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    if (strcmp(csv_nodes.name, name) == 0)
        return &csv_nodes;
    return NULL;
}

const ag_format *ag_export_formats(size_t *n)
{
    if (n)
        *n = sizeof formats / sizeof formats[0];
    return formats;
}

ag_status ag_export_check_layout(const char *name, ag_error *err)
{
    static const char *const engines[] = {"neato", "dot", "fdp", "sfdp", "circo", "twopi"};
    if (!name)
        return AG_OK;
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++)
        if (strcmp(engines[i], name) == 0)
            return AG_OK;
    return ag_error_set(err, AG_EINVAL, "unknown layout engine \"%s\" (use neato, dot, fdp, sfdp, circo or twopi)",
                        name);
}
