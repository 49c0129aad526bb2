/* Whole-file reads with a size limit and a NUL check; see slurp.h. */
#include "util/slurp.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define CHUNK ((size_t)1 << 16)

ag_status ag_i_read_json(FILE *f, const char *name, size_t limit, char **buf, size_t *len, ag_error *err)
{
    ag_status st = AG_OK;
    size_t cap = 0, n = 0;
    char *b = NULL;

    *buf = NULL;
    *len = 0;
    for (;;) {
        if (ag_i_grow((void **)&b, &cap, n + CHUNK + 1, 1)) {
            st = ag_error_set(err, AG_ENOMEM, "%s: out of memory", name);
            goto done;
        }
        errno = 0;
        size_t got = fread(b + n, 1, CHUNK, f);
        const char *nul = got ? memchr(b + n, '\0', got) : NULL;
        if (nul) {
            st = ag_error_set(err, AG_EPARSE, "%s: not JSON text: NUL byte at offset %zu", name,
                              n + (size_t)(nul - (b + n)));
            goto done;
        }
        n += got;
        if (n > limit) {
            st = ag_error_set(err, AG_EPARSE, "%s: not read: larger than %zu MiB", name, limit >> 20);
            goto done;
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        /* e.g. EISDIR for a directory, which fopen() happily opens */
        st = ag_error_set(err, AG_EIO, "%s: %s", name, errno ? strerror(errno) : "read error");
        goto done;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    b = NULL;
done:
    free(b);
    return st;
}

ag_status ag_i_read_json_file(const char *path, size_t limit, char **buf, size_t *len, ag_error *err)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    ag_status st = ag_i_read_json(f, path, limit, buf, len, err);
    fclose(f); /* read-only: nothing to lose on a failed close */
    return st;
}
