/* A small program on libactorgraph: reads articles, builds their actor
 * network with the built-in lexicon, prints each edge with its first evidence
 * sentence, and writes the HTML report.
 *
 * Build against an installed actorgraph:
 *   cc network_summary.c $(pkg-config --cflags --libs --static actorgraph) -o network_summary
 * or with CMake: find_package(actorgraph) and target_link_libraries(... actorgraph::actorgraph).
 * Run: ./network_summary report.html ARTICLE_OR_DIR... */
#include <stdio.h>

#include <actorgraph/actorgraph.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s REPORT.html INPUT...\n", argv[0]);
        return 2;
    }
    ag_error err = {0};
    ag_lexicon *lex = NULL;
    ag_reader *reader = NULL;
    ag_network *net = NULL;
    ag_sink *sink = NULL;
    int rc = 1;

    if (ag_lexicon_load_default(&lex, &err) != AG_OK || ag_network_new(&net) != AG_OK ||
        ag_reader_open((const char *const *)argv + 2, (size_t)(argc - 2), NULL, &reader, &err) != AG_OK ||
        ag_pipeline_run(reader, lex, NULL, NULL, net, &err) != AG_OK) {
        fprintf(stderr, "network_summary: %s\n", err.message);
        goto done;
    }
    const ag_graph_info *g = ag_network_graph(net);
    printf("%llu documents, %zu edges\n", (unsigned long long)g->documents, ag_network_edge_count(net));
    for (size_t i = 0; i < ag_network_edge_count(net); i++) {
        const ag_edge_info *e = ag_network_edge(net, i);
        printf("%s -- %s: weight %llu, stance %+.2f\n", ag_network_node(net, e->source)->id,
               ag_network_node(net, e->target)->id, (unsigned long long)e->total.weight, e->stance);
        if (e->n_evidence > 0)
            printf("    \"%s\" (%s, sentence %llu)\n", e->evidence[0].text, e->evidence[0].doc,
                   (unsigned long long)e->evidence[0].sentence);
    }

    ag_export_options opt;
    ag_export_options_init(&opt);
    opt.title = "Example report";
    if (ag_sink_open_file(argv[1], &sink, &err) != AG_OK || ag_export_html(net, &opt, sink, &err) != AG_OK ||
        ag_sink_close(&sink, &err) != AG_OK) {
        fprintf(stderr, "network_summary: %s\n", err.message);
        goto done;
    }
    rc = 0;
done:
    ag_sink_abort(&sink);
    ag_reader_free(&reader);
    ag_network_free(&net);
    ag_lexicon_free(&lex);
    return rc;
}
