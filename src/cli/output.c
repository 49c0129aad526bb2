/* Output files shared by the subcommands: format lists, prefixes, atomic writing. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "actorgraph/export.h"
#include "cli/cli.h"

/* Default prefix: the first input's base name (without extension) in the current directory. */
char *ag_cli_default_prefix(const char *input)
{
    if (strcmp(input, "-") == 0)
        return strdup("stdin");
    size_t n = strlen(input);
    while (n > 1 && input[n - 1] == '/')
        n--;
    size_t b = n;
    while (b > 0 && input[b - 1] != '/')
        b--;
    size_t e = n;
    for (size_t i = n; i > b + 1; i--)
        if (input[i - 1] == '.') {
            e = i - 1;
            break;
        }
    if (e == b || (e - b == 1 && input[b] == '.') || (e - b == 2 && input[b] == '.' && input[b + 1] == '.'))
        return strdup("network");
    char *p = malloc(e - b + 1);
    if (p) {
        memcpy(p, input + b, e - b);
        p[e - b] = '\0';
    }
    return p;
}

/* mkdir -p of the directory part of prefix. */
static int make_parent_dirs(const char *prefix)
{
    char *dir = strdup(prefix);
    if (!dir)
        return -1;
    int rc = 0;
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; *p && rc == 0; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                rc = -1;
            *p = '/';
        }
        if (rc == 0 && mkdir(dir, 0777) != 0 && errno != EEXIST)
            rc = -1;
        if (rc != 0)
            ag_cli_error("%s: %s", dir, strerror(errno));
    }
    free(dir);
    return rc;
}

/* Appends @f to out[] unless it is there already. */
static void add_format(const ag_format **out, size_t *n, const ag_format *f)
{
    for (size_t i = 0; i < *n; i++)
        if (out[i] == f)
            return;
    if (*n < AG_CLI_MAX_FORMATS)
        out[(*n)++] = f;
}

int ag_cli_parse_formats(const char *list, const ag_format **out, size_t *n)
{
    *n = 0;
    char *copy = strdup(list);
    if (!copy)
        return -1;
    int rc = 0;
    size_t nf;
    const ag_format *all = ag_export_formats(&nf);
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        const ag_format *f = ag_export_find(tok);
        if (strcmp(tok, "all") == 0) {
            for (size_t i = 0; i < nf; i++)
                add_format(out, n, &all[i]);
        } else if (f) {
            add_format(out, n, f);
        } else {
            char names[256] = "";
            for (size_t i = 0; i < nf; i++) {
                strncat(names, all[i].name, sizeof names - strlen(names) - 1);
                strncat(names, ", ", sizeof names - strlen(names) - 1);
            }
            ag_cli_error("unknown format \"%s\" (choose from %sor all)", tok, names);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && *n == 0) {
        ag_cli_error("no output format given");
        rc = -1;
    }
    free(copy);
    return rc;
}

/* Writes PREFIX.EXT for each format and its extra file (csv: PREFIX.nodes.csv),
 * or one format to standard output for `-` (the format itself, not its extra).
 * Everything goes to temporaries first; the renames happen only when every
 * writer succeeded — except that a format whose Graphviz plugin is missing
 * (AG_EUNSUPPORTED: PNG, PDF without the cairo plugin) is reported and skipped
 * while the others are still written.
 * Returns 0 when all were written, 1 when some were skipped as unsupported and
 * the rest written, -1 on failure (nothing written). Prints the errors. */
int ag_cli_write_outputs(const ag_network *net, const ag_export_options *eopt, const char *prefix,
                         const ag_format *const *formats, size_t n_formats)
{
    enum { MAX_FILES = 2 * AG_CLI_MAX_FORMATS };
    int to_stdout = strcmp(prefix, "-") == 0, rc = -1, skipped = 0;
    const ag_format *files[MAX_FILES];
    ag_sink *sinks[MAX_FILES] = {0};
    size_t n_files = 0;
    ag_error err = {0};
    for (size_t i = 0; i < n_formats && n_files < MAX_FILES; i++) {
        files[n_files++] = formats[i];
        if (formats[i]->extra && !to_stdout && n_files < MAX_FILES)
            files[n_files++] = formats[i]->extra;
    }
    if (!to_stdout && make_parent_dirs(prefix) != 0)
        return -1;
    for (size_t i = 0; i < n_files; i++) {
        char path[4096];
        if (to_stdout)
            snprintf(path, sizeof path, "-");
        else if ((size_t)snprintf(path, sizeof path, "%s.%s", prefix, files[i]->extension) >= sizeof path) {
            ag_cli_error("%s: output path too long", prefix);
            goto done;
        }
        if (ag_sink_open_file(path, &sinks[i], &err) != AG_OK) {
            ag_cli_error("%s", err.message);
            goto done;
        }
        ag_status st = files[i]->write(net, eopt, sinks[i], &err);
        if (st == AG_EUNSUPPORTED) {
            ag_cli_error("%s not written: %s", to_stdout ? files[i]->name : path, err.message);
            ag_sink_abort(&sinks[i]);
            skipped++;
        } else if (st != AG_OK) {
            ag_cli_error("%s", err.message);
            goto done;
        }
    }
    /* the renames happen all or none: a signal waits until they are done */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    rc = skipped ? 1 : 0;
    for (size_t i = 0; i < n_files && rc >= 0; i++)
        if (sinks[i] && ag_sink_close(&sinks[i], &err) != AG_OK) {
            ag_cli_error("%s", err.message);
            rc = -1;
        }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
done:
    for (size_t i = 0; i < n_files; i++)
        ag_sink_abort(&sinks[i]);
    return rc;
}
