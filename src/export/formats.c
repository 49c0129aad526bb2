/* The table of formats and the default options. */
#include "actorgraph/export.h"

#include <string.h>

/* Fixed order: it is the order the CLI lists and writes them in. */
static const ag_format formats[] = {
    {"json", "json", ag_export_json},
    {"dot", "dot", ag_export_dot},
    {"svg", "svg", ag_export_svg},
};

void ag_export_options_init(ag_export_options *opt)
{
    if (!opt)
        return;
    opt->title = NULL;
    opt->layout = "neato";
    opt->directed = 0;
}

const ag_format *ag_export_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return &formats[i];
    return NULL;
}

const ag_format *ag_export_formats(size_t *n)
{
    if (n)
        *n = sizeof formats / sizeof formats[0];
    return formats;
}
