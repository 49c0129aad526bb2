#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "actorgraph/export.h"

char *ag_t_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *p = realloc(buf, cap * 2 + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

int ag_t_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(data, 1, len, f);
    int rc = fclose(f);
    return (w == len && rc == 0) ? 0 : -1;
}

char *ag_t_tempdir(void)
{
    char tmpl[] = "/tmp/agtest.XXXXXX";
    char *p = mkdtemp(tmpl);
    return p ? strdup(p) : NULL;
}

int ag_t_run(const char *cmd, char **out, char **err)
{
    char *dir = ag_t_tempdir();
    if (!dir)
        return -1;
    size_t need = strlen(cmd) + 2 * strlen(dir) + 64;
    char *full = malloc(need);
    snprintf(full, need, "(%s) >%s/out 2>%s/err", cmd, dir, dir);
    int st = system(full);
    free(full);
    char path[4096];
    if (out) {
        snprintf(path, sizeof path, "%s/out", dir);
        *out = ag_t_read_file(path, NULL);
    }
    if (err) {
        snprintf(path, sizeof path, "%s/err", dir);
        *err = ag_t_read_file(path, NULL);
    }
    snprintf(path, sizeof path, "%s/out", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/err", dir);
    unlink(path);
    rmdir(dir);
    free(dir);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

int ag_t_have_shared(void)
{
    struct stat st;
    return stat(AG_SHARED_DIR "/gold/seeds-expected.json", &st) == 0;
}

char *ag_t_network_json(const ag_network *net)
{
    ag_sink *sink = NULL;
    char *s = NULL;
    if (ag_sink_open_buffer(&sink) != AG_OK)
        return NULL;
    if (ag_export_json(net, NULL, sink, NULL) == AG_OK)
        s = strdup(ag_sink_data(sink, NULL));
    ag_sink_abort(&sink);
    return s;
}
