/* Fuzz target: bytes as network JSON (ag_network_load_buffer, and
 * ag_network_load_next over concatenated networks). A network that loads is
 * written back with ag_export_json(); that text must load again and come out
 * byte for byte the same, and merging the network into an empty one must not
 * change it. A network that does not load must say why in one line that names
 * the file. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/actorgraph.h"
#include "fuzz.h"

static char *to_json(const ag_network *net, size_t *len)
{
    ag_sink *sink = NULL;
    ag_error err = {0};
    AG_FUZZ_CHECK(ag_sink_open_buffer(&sink) == AG_OK);
    AG_FUZZ_CHECK(ag_export_json(net, NULL, sink, &err) == AG_OK);
    size_t n = 0;
    const char *data = ag_sink_data(sink, &n);
    AG_FUZZ_CHECK(data != NULL);
    char *copy = malloc(n + 1);
    if (!copy)
        abort();
    memcpy(copy, data, n + 1);
    ag_sink_abort(&sink);
    *len = n;
    return copy;
}

static void check_failure(ag_status st, const ag_error *err)
{
    AG_FUZZ_CHECK(st == AG_EPARSE || st == AG_ENOMEM);
    AG_FUZZ_CHECK(strncmp(err->message, "fuzz.json", 9) == 0);
    AG_FUZZ_CHECK(strchr(err->message, '\n') == NULL);
}

static void round_trip(const ag_network *net)
{
    ag_error err = {0};
    size_t n1 = 0, n2 = 0, n3 = 0;
    char *j1 = to_json(net, &n1);
    ag_network *again = NULL;
    ag_status st = ag_network_load_buffer(j1, n1, "written.json", &again, &err);
    if (st != AG_OK) {
        fprintf(stderr, "written network does not load: %s\n", err.message);
        abort();
    }
    char *j2 = to_json(again, &n2);
    AG_FUZZ_CHECK(n1 == n2 && memcmp(j1, j2, n1) == 0);

    ag_network *merged = NULL;
    AG_FUZZ_CHECK(ag_network_new(&merged) == AG_OK);
    st = ag_network_merge(merged, net, &err);
    AG_FUZZ_CHECK(st == AG_OK || st == AG_ENOMEM);
    if (st == AG_OK) {
        char *j3 = to_json(merged, &n3);
        AG_FUZZ_CHECK(n1 == n3 && memcmp(j1, j3, n1) == 0);
        /* Merging a network into a copy of itself doubles it; it must not fail. */
        st = ag_network_merge(again, net, &err);
        AG_FUZZ_CHECK(st == AG_OK || st == AG_ENOMEM);
        free(j3);
    }
    ag_network_free(&merged);
    ag_network_free(&again);
    free(j1);
    free(j2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *json = (const char *)data;
    ag_network *net = NULL;
    ag_error err = {0};
    ag_status st = ag_network_load_buffer(json, size, "fuzz.json", &net, &err);
    if (st == AG_OK) {
        AG_FUZZ_CHECK(net != NULL);
        round_trip(net);
        ag_network_free(&net);
    } else {
        AG_FUZZ_CHECK(net == NULL);
        check_failure(st, &err);
    }

    /* The same bytes as a stream of networks. */
    size_t offset = 0;
    for (int i = 0; i < 64; i++) {
        size_t before = offset;
        err.message[0] = '\0';
        st = ag_network_load_next(json, size, &offset, "fuzz.json", &net, &err);
        if (st != AG_OK) {
            AG_FUZZ_CHECK(net == NULL);
            check_failure(st, &err);
            break;
        }
        if (!net)
            break;
        AG_FUZZ_CHECK(offset > before && offset <= size);
        ag_network_free(&net);
    }
    return 0;
}
