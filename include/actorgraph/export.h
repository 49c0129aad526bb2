/**
 * @file export.h
 * @brief Writers of a network: one per format, one signature, writing to a sink.
 *
 * A sink is a file written atomically (a temporary name in the target
 * directory, flushed, synced and renamed on ag_sink_close(), removed on
 * ag_sink_abort()), standard output, or a memory buffer for tests.
 */
#ifndef ACTORGRAPH_EXPORT_H
#define ACTORGRAPH_EXPORT_H

#include <stddef.h>

#include "actorgraph/error.h"
#include "actorgraph/network.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where a writer's bytes go (opaque). */
typedef struct ag_sink ag_sink;

/**
 * @brief Opens a sink that writes @p path atomically (`-` is standard output).
 * @param path target file.
 * @param out  receives the sink; finish with ag_sink_close() or ag_sink_abort().
 * @param err  receives `path: why` on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_sink_open_file(const char *path, ag_sink **out, ag_error *err);

/**
 * @brief Opens a sink that collects bytes in memory.
 * @param out receives the sink; read with ag_sink_data(), free with ag_sink_abort().
 * @return ::AG_OK or ::AG_ENOMEM.
 */
ag_status ag_sink_open_buffer(ag_sink **out);

/**
 * @brief Appends bytes.
 * @param sink the sink.
 * @param data the bytes.
 * @param len  their number.
 * @param err  receives `path: why` on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO (the message names the file) or ::AG_ENOMEM.
 */
ag_status ag_sink_write(ag_sink *sink, const void *data, size_t len, ag_error *err);

/**
 * @brief Appends a NUL-terminated string.
 * @param sink the sink.
 * @param s    the string.
 * @param err  receives a message on failure (may be NULL).
 * @return as ag_sink_write().
 */
ag_status ag_sink_puts(ag_sink *sink, const char *s, ag_error *err);

/**
 * @brief The bytes collected by a memory sink (NUL-terminated), or NULL for a file sink.
 * @param sink the sink.
 * @param len  receives the length (may be NULL).
 * @return the bytes, owned by the sink.
 */
const char *ag_sink_data(const ag_sink *sink, size_t *len);

/**
 * @brief Finishes a sink: a file is flushed, synced and renamed into place.
 *        The sink is freed and the pointer set to NULL, also on failure.
 * @param sink address of the sink pointer.
 * @param err  receives `path: why` on failure (may be NULL).
 * @return ::AG_OK or ::AG_EIO.
 */
ag_status ag_sink_close(ag_sink **sink, ag_error *err);

/**
 * @brief Discards a sink: a file's temporary is removed, nothing replaces the
 *        target. Frees the sink and sets the pointer to NULL (NULL-safe).
 * @param sink address of the sink pointer.
 */
void ag_sink_abort(ag_sink **sink);

/**
 * @brief Removes the temporary files of every open file sink. Async-signal-safe:
 *        meant for a SIGINT/SIGTERM handler, so an interrupted run leaves no
 *        temporary behind (targets are only ever replaced whole, by rename).
 */
void ag_sink_remove_temporaries(void);

/** The shape of the JSON that ag_export_json() writes. */
typedef enum ag_json_style {
    /** Node-link (default): `{directed, multigraph, graph, nodes, links}`; networkx and D3
     *  read it as it is, and ag_network_load_file() reads it back. */
    AG_JSON_NODE_LINK = 0,
    /** cytoscape.js: `{data, directed, multigraph, elements: {nodes: [{data}], edges: [{data}]}}`,
     *  each `data` holding the node-link figures. */
    AG_JSON_CYTOSCAPE = 1,
    /** graphology's serialized graph (sigma.js): `{attributes, options, nodes: [{key, attributes}],
     *  edges: [{key, source, target, undirected, attributes}]}`. */
    AG_JSON_GRAPHOLOGY = 2
} ag_json_style;

/** Options shared by the writers. Initialise with ag_export_options_init(). */
typedef struct ag_export_options {
    const char *title;      /**< Diagram title (NULL: none). */
    const char *layout;     /**< Graphviz layout engine for diagrams (default `neato`). */
    int directed;           /**< Nonzero: show directed observations as arrows. */
    ag_json_style json_style; /**< Shape of the JSON (default ::AG_JSON_NODE_LINK). */
} ag_export_options;

/**
 * @brief Looks a JSON style up by name: `node-link`, `cytoscape` or `graphology`.
 * @param name  the name.
 * @param style receives the style.
 * @return ::AG_OK, or ::AG_EINVAL when the name is unknown (@p style unchanged).
 */
ag_status ag_json_style_parse(const char *name, ag_json_style *style);

/**
 * @brief Sets @p opt to the defaults (layout `neato`, no title, undirected, node-link JSON).
 * @param opt the options to initialise.
 */
void ag_export_options_init(ag_export_options *opt);

/** The signature every writer has. */
typedef ag_status (*ag_export_fn)(const ag_network *net, const ag_export_options *opt, ag_sink *sink,
                                  ag_error *err);

/**
 * @brief Writes node-link JSON (networkx, D3), with json-c; or the cytoscape.js or
 *        graphology shape of the same figures (ag_export_options::json_style).
 * @param net  the network.
 * @param opt  options (may be NULL for defaults); only ag_export_options::json_style is used.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_export_json(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes Graphviz DOT, built with cgraph. Not thread-safe (cgraph keeps global state).
 * @param net  the network.
 * @param opt  options (may be NULL for defaults).
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO, ::AG_EGRAPHVIZ or ::AG_ENOMEM.
 */
ag_status ag_export_dot(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes SVG, laid out and rendered with gvc. Not thread-safe (Graphviz is not).
 *
 * A title (ag_export_options::title), a caption (documents, sentences, date
 * range, window, lexicon) and a legend (edge colour, width, dashes, node size)
 * head the diagram; nodes and edges have tooltips with their figures and the
 * first evidence sentences.
 * @param net  the network.
 * @param opt  options (may be NULL for defaults); ag_export_options::layout picks the engine.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EINVAL (unknown layout), ::AG_EIO, ::AG_EGRAPHVIZ or ::AG_ENOMEM.
 */
ag_status ag_export_svg(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes PNG (192 dpi): the SVG's diagram rendered by Graphviz's cairo plugin.
 *        Not thread-safe (Graphviz is not).
 * @param net  the network.
 * @param opt  options (may be NULL for defaults), as for ag_export_svg().
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return as ag_export_svg(), and ::AG_EUNSUPPORTED when the cairo plugin
 *         (libgvplugin_pango) is missing; nothing is written then.
 */
ag_status ag_export_png(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes PDF (one page, fonts embedded): the SVG's diagram rendered by
 *        Graphviz's cairo plugin, without the creation date cairo stamps, so the
 *        same network gives the same bytes. Not thread-safe (Graphviz is not).
 * @param net  the network.
 * @param opt  options (may be NULL for defaults), as for ag_export_svg().
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return as ag_export_png().
 */
ag_status ag_export_pdf(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes GraphML (yEd, Gephi, networkx, igraph): every figure declared by a
 *        `<key>`, undirected with a boolean `directed` edge key, evidence as a JSON string.
 * @param net  the network.
 * @param opt  ignored (may be NULL): a data file does not depend on diagram options.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_export_graphml(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes GEXF 1.2 (Gephi, networkx) in the `http://www.gexf.net/1.2draft`
 *        namespace: attributes declared, the edge `weight` = windows.
 * @param net  the network.
 * @param opt  ignored (may be NULL).
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_export_gexf(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes the edge list as CSV (RFC 4180: header row, CRLF, quoting):
 *        source, target, id, weight, …, evidence (a JSON array).
 * @param net  the network.
 * @param opt  ignored (may be NULL).
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_export_csv(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);
/**
 * @brief Writes the node list as CSV, like ag_export_csv(): id, label, group,
 *        color, mentions, documents, degree, weighted_degree.
 * @param net  the network.
 * @param opt  ignored (may be NULL).
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return ::AG_OK, ::AG_EIO or ::AG_ENOMEM.
 */
ag_status ag_export_csv_nodes(const ag_network *net, const ag_export_options *opt, ag_sink *sink,
                              ag_error *err);

/**
 * @brief Writes an HTML report: one self-contained page (no network access) with the
 *        diagram (as ag_export_svg()), a sortable table of the edges, and an evidence
 *        panel that shows the sentences behind an edge or a node when it is clicked,
 *        actor names and cue words highlighted. The network JSON (as ag_export_json())
 *        is embedded in a `<script type="application/json" id="ag-data">` block.
 *        `#edge=SOURCE--TARGET` or `#node=ID` in the address selects on load.
 *        Not thread-safe (Graphviz is not).
 * @param net  the network.
 * @param opt  options (may be NULL for defaults), as for ag_export_svg(); the title heads the page.
 * @param sink where the bytes go.
 * @param err  receives a message on failure (may be NULL).
 * @return as ag_export_svg().
 */
ag_status ag_export_html(const ag_network *net, const ag_export_options *opt, ag_sink *sink, ag_error *err);

/** A format: its name, file extension and writer. */
typedef struct ag_format {
    const char *name;      /**< e.g. `json`. */
    const char *extension; /**< e.g. `json` (no dot). */
    ag_export_fn write;    /**< The writer. */
    /** A second file the format always comes with, or NULL: `csv` (the edges,
     *  PREFIX.csv) brings `csv-nodes` (the nodes, PREFIX.nodes.csv). */
    const struct ag_format *extra;
} ag_format;

/**
 * @brief Looks a format up by name (case-sensitive): one of ag_export_formats()
 *        or an extra file of one (`csv-nodes`).
 * @param name e.g. `json`.
 * @return the format, or NULL when unknown.
 */
const ag_format *ag_export_find(const char *name);

/**
 * @brief All formats, in a fixed order: json, dot, svg, png, pdf, graphml, gexf,
 *        csv, html (extra files such as `csv-nodes` are reached through ag_format::extra).
 * @param n receives the count.
 * @return a static array.
 */
const ag_format *ag_export_formats(size_t *n);

/**
 * @brief Checks a Graphviz layout engine name against those offered (neato, dot,
 *        fdp, sfdp, circo, twopi), so a typo is caught before any layout work.
 * @param name the engine; NULL means the default (`neato`).
 * @param err  receives `unknown layout engine "x" (use ...)` (may be NULL).
 * @return ::AG_OK or ::AG_EINVAL.
 */
ag_status ag_export_check_layout(const char *name, ag_error *err);

#ifdef __cplusplus
}
#endif
#endif
