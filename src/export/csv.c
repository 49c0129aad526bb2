/* CSV: the edge list (PREFIX.csv) and the node list (PREFIX.nodes.csv), for
 * spreadsheets, pandas (`read_csv`), R (`read.csv`, igraph's
 * `graph_from_data_frame(edges, vertices = nodes, directed = FALSE)`, which
 * takes the first two columns as the ends — hence source, target first) and
 * Gephi's spreadsheet import.
 *
 * RFC 4180: a header row, CRLF after every record, a field in double quotes
 * when it holds a comma, a double quote, CR or LF (or starts or ends with a
 * space), quotes inside doubled. UTF-8 without BOM; invalid UTF-8 is repaired.
 * Columns are the JSON's figures; `directions` is flattened into forward_*
 * (source -> target) and backward_*, `evidence` is a JSON array. An absent
 * group or colour is an empty field. */
#include "actorgraph/export.h"

#include <stdlib.h>
#include <string.h>

#include "export/export_internal.h"

/* Appends @value as one field. */
static void field(ag_i_str *b, const char *value)
{
    char *clean = ag_i_text_dup(value ? value : "", AG_I_TEXT_PLAIN); /* repairs UTF-8 only */
    if (!clean) {
        b->oom = 1;
        return;
    }
    size_t n = strlen(clean);
    int quote = strpbrk(clean, ",\"\r\n") != NULL || (n > 0 && (clean[0] == ' ' || clean[n - 1] == ' '));
    if (!quote) {
        ag_i_str_add(b, clean, n);
    } else {
        ag_i_str_adds(b, "\"");
        const char *p = clean, *q;
        while ((q = strchr(p, '"')) != NULL) { /* each " becomes "" */
            ag_i_str_add(b, p, (size_t)(q - p) + 1);
            ag_i_str_add(b, "\"", 1);
            p = q + 1;
        }
        ag_i_str_adds(b, p);
        ag_i_str_adds(b, "\"");
    }
    free(clean);
}

static void header_row(ag_i_str *b, const ag_i_column *cols, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            ag_i_str_adds(b, ",");
        field(b, cols[i].name);
    }
    ag_i_str_adds(b, "\r\n");
}

/* Writes the header and one row per shown node (@nodes) or edge. */
static ag_status write_table(const ag_network *net, ag_sink *sink, int nodes, ag_error *err)
{
    ag_status st = AG_OK;
    ag_i_view v;
    ag_i_str b = {0}, val = {0};
    size_t n;
    if (!net || !sink)
        return ag_error_set(err, AG_EINVAL, "export: no network or no sink");
    const ag_i_column *cols = nodes ? ag_i_node_columns(&n) : ag_i_edge_columns(&n);
    st = ag_i_view_init(&v, net, err);
    if (st != AG_OK)
        goto cleanup;
    header_row(&b, cols, n);
    st = ag_i_str_flush(&b, sink, err);
    size_t rows = nodes ? v.n_nodes : v.n_edges;
    for (size_t i = 0; i < rows && st == AG_OK; i++) {
        if (!(nodes ? v.node_on[i] : v.edge_on[i]))
            continue;
        const ag_edge_info *e = nodes ? NULL : ag_network_edge(net, i);
        for (size_t c = 0; c < n; c++) {
            ag_i_str_clear(&val);
            int have = nodes ? ag_i_node_value(&v, i, cols[c].name, &val) : ag_i_edge_value(&v, e, cols[c].name, &val);
            if (c > 0)
                ag_i_str_adds(&b, ",");
            field(&b, have && !val.oom ? val.s : "");
        }
        b.oom |= val.oom;
        ag_i_str_adds(&b, "\r\n");
        st = ag_i_str_flush(&b, sink, err);
    }
cleanup:
    ag_i_str_free(&b);
    ag_i_str_free(&val);
    ag_i_view_free(&v);
    return st;
}

ag_status ag_export_csv(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    (void)opt; /* a data file: title, layout and arrows are for diagrams */
    return write_table(net, sink, 0, err);
}

ag_status ag_export_csv_nodes(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    (void)opt;
    return write_table(net, sink, 1, err);
}
