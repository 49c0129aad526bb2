/* Helpers shared by the writers in src/export/ (not part of the public API). */
#ifndef AG_EXPORT_INTERNAL_H
#define AG_EXPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "actorgraph/export.h"

/* Longest text ag_i_format_decimal() writes, NUL included. */
#define AG_I_DECIMAL_MAX 32

/* Writes v rounded to `decimals` places (0..6) as `[-]D.D…`: always a dot and at
 * least one decimal, trailing zeros trimmed, never `-0.0`, non-finite as `0.0`.
 * Locale-independent (a CLI that calls setlocale() must not turn 0.5 into 0,5). */
void ag_i_format_decimal(double v, int decimals, char buf[AG_I_DECIMAL_MAX]);

/* v rounded to `decimals` places, with non-finite values as 0 and -0 as 0. */
double ag_i_round_decimal(double v, int decimals);

/* What the writers show: nodes with mentions > 0, edges with weight > 0 between
 * two shown nodes; degrees are counted over the shown edges only. */
typedef struct ag_i_view {
    const ag_network *net;
    const ag_graph_info *graph;
    size_t n_nodes, n_edges;   /* in the network */
    unsigned char *node_on;    /* per node index (id order) */
    unsigned char *edge_on;    /* per edge index */
    uint64_t *degree;          /* per node: shown edges */
    uint64_t *wdegree;         /* per node: summed weight of shown edges */
    size_t shown_nodes, shown_edges;
    uint64_t max_mentions;     /* over shown nodes (0 when none) */
    uint64_t max_weight;       /* over shown edges (0 when none) */
} ag_i_view;

/* Fills @v from @net; free with ag_i_view_free() (also after a failure). */
ag_status ag_i_view_init(ag_i_view *v, const ag_network *net, ag_error *err);
void ag_i_view_free(ag_i_view *v);

/* A growable NUL-terminated string; `oom` sticks once an append failed. */
typedef struct ag_i_str {
    char *s;
    size_t len, cap;
    int oom;
} ag_i_str;

void ag_i_str_add(ag_i_str *b, const char *s, size_t n);
void ag_i_str_adds(ag_i_str *b, const char *s);
void ag_i_str_addf(ag_i_str *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Empties the string, keeping its buffer (and a sticky oom). */
void ag_i_str_clear(ag_i_str *b);
/* Takes the string (never NULL unless oom); the buffer is reset. */
char *ag_i_str_take(ag_i_str *b);
void ag_i_str_free(ag_i_str *b);

/* How ag_i_str_text() escapes. */
enum {
    AG_I_TEXT_PLAIN = 0,   /* repair UTF-8 only */
    AG_I_TEXT_GV = 1,      /* + `\` doubled, control characters as spaces (Graphviz escString) */
    AG_I_TEXT_HTML = 2,    /* + `& < > "` as entities, control characters as spaces (HTML-like labels) */
    AG_I_TEXT_XML = 3      /* XML 1.0 text and attribute values: `& < > " '` as entities, tab, LF and CR as
                            * character references (they survive attribute normalisation), other control
                            * characters as spaces, U+FFFE and U+FFFF (not XML characters) as U+FFFD */
};

/* Appends @s (NULL: nothing) escaped as @mode. Invalid UTF-8 becomes U+FFFD.
 * @max > 0 cuts the text after about @max bytes at a character boundary and adds `…`. */
void ag_i_str_text(ag_i_str *b, const char *s, int mode, size_t max);

/* Copy of @s escaped as @mode (NULL on out of memory). */
char *ag_i_text_dup(const char *s, int mode);

/* Parses `#rrggbb`; 0 on success. */
int ag_i_parse_rgb(const char *s, unsigned rgb[3]);

/* Writes @b's text to @sink and empties @b (the buffer is kept for reuse).
 * ::AG_ENOMEM when an append to @b had failed, else as ag_sink_write(). */
ag_status ag_i_str_flush(ag_i_str *b, ag_sink *sink, ag_error *err);

/* --- The attribute formats (table.c): GraphML, GEXF, CSV ------------------ */

enum { AG_I_COL_STRING, AG_I_COL_LONG, AG_I_COL_DOUBLE, AG_I_COL_BOOL };

/* A node or edge figure: its name (as in the JSON), type and a description. */
typedef struct ag_i_column {
    const char *name;
    int type; /* AG_I_COL_* */
    const char *desc;
} ag_i_column;

/* The node columns (id, label, group, color, mentions, ...) and the edge columns
 * (source, target, id, weight, ..., forward_*, backward_*, evidence), in file order. */
const ag_i_column *ag_i_node_columns(size_t *n);
const ag_i_column *ag_i_edge_columns(size_t *n);

/* Appends the unescaped value of column @name of node @i / edge @e to @out:
 * integers in decimal, stance with 4 decimals, booleans as true/false,
 * evidence as a JSON array. Returns 0 (nothing appended) when the node has no
 * such value (no group, no colour). Out of memory sticks in out->oom. */
int ag_i_node_value(const ag_i_view *v, size_t i, const char *name, ag_i_str *out);
int ag_i_edge_value(const ag_i_view *v, const ag_edge_info *e, const char *name, ag_i_str *out);

/* The evidence of @e as a compact JSON array (json.c): objects with doc,
 * sentence, start, end, text, stance, cues, as in the network JSON.
 * malloc'd; NULL when out of memory. */
char *ag_i_evidence_json(const ag_edge_info *e);

/* The diagrams' colour of a stance in [-1, 1] (`#rrggbb`, graph_build.c). */
const char *ag_i_stance_color(double stance);

#endif
