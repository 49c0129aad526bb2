/* PDF: the diagram rendered by Graphviz's cairo plugin, one page of the
 * diagram's size (the SVG's, no margin added), fonts embedded as subsets.
 *
 * cairo (1.16) stamps the Info dictionary with `/CreationDate (D:…)`, the time
 * of the run. We overwrite that entry (and a `/ModDate`, should a cairo write
 * one) with spaces of the same length: the dictionary stays valid, the
 * cross-reference offsets stay right, and the same network gives the same
 * bytes. Not thread-safe (see render.c). */
#include "actorgraph/export.h"

#include <string.h>

#include "export/graph_build.h"

/* Characters of a PDF date string: `D:YYYYMMDDHHmmSSOHH'mm'` (O is +, - or Z). */
static int date_char(char c)
{
    return (c >= '0' && c <= '9') || c == 'D' || c == ':' || c == '+' || c == '-' || c == 'Z' || c == '\'';
}

/* Blanks every `KEY (date)` entry in @data. */
static void blank_entry(char *data, size_t len, const char *key)
{
    size_t klen = strlen(key);
    for (size_t i = 0; i + klen < len; i++) {
        if (memcmp(data + i, key, klen) != 0)
            continue;
        size_t j = i + klen;
        while (j < len && j - i < klen + 40 && date_char(data[j]))
            j++;
        if (j < len && data[j] == ')' && j > i + klen) {
            memset(data + i, ' ', j + 1 - i);
            i = j;
        }
    }
}

static void blank_dates(char *data, size_t len)
{
    blank_entry(data, len, "/CreationDate (");
    blank_entry(data, len, "/ModDate (");
}

ag_status ag_export_pdf(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err)
{
    /* Graphviz gives paged devices a 0.5 inch margin; the diagram has its own pad. */
    static const char *const attrs[] = {"margin", "0", NULL};
    static const ag_i_render_spec pdf = {"pdf:cairo:cairo", "pdf", "PDF", attrs, blank_dates, AG_I_NEEDS_CAIRO("PDF")};
    return ag_i_render(net, opt, &pdf, sink, err);
}
