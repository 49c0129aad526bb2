/* Sinks: a file written atomically, standard output, or a memory buffer.
 *
 * A file sink writes to `DIR/.NAME.tmp.XXXXXX` beside the target and renames it
 * onto the target only after a successful flush + fsync + close, so readers
 * see either the old file or the whole new one, never a half-written file.
 * A symbolic link is followed (the file it points to is replaced, the link
 * stays). A target that exists but is not a regular file (`/dev/null`, a FIFO,
 * `/dev/stdout`) is written in place: renaming over it would replace the
 * device or pipe with a file. */
/* realpath() is XSI in glibc's headers; X/Open 7 includes POSIX 2008. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include "actorgraph/export.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"

enum sink_kind { SINK_FILE, SINK_DIRECT, SINK_STDOUT, SINK_MEMORY };

/* Temporaries of open file sinks, for ag_sink_remove_temporaries() in a signal handler:
 * the handler only reads the table and calls unlink(), both async-signal-safe. */
#define MAX_PENDING 64
static char *volatile pending[MAX_PENDING];
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;

static void pending_add(char *tmp)
{
    pthread_mutex_lock(&pending_lock);
    for (size_t i = 0; i < MAX_PENDING; i++)
        if (!pending[i]) {
            pending[i] = tmp;
            break;
        }
    pthread_mutex_unlock(&pending_lock);
}

static void pending_remove(const char *tmp)
{
    pthread_mutex_lock(&pending_lock);
    for (size_t i = 0; i < MAX_PENDING; i++)
        if (pending[i] == tmp)
            pending[i] = NULL;
    pthread_mutex_unlock(&pending_lock);
}

void ag_sink_remove_temporaries(void)
{
    for (size_t i = 0; i < MAX_PENDING; i++) {
        char *tmp = pending[i];
        if (tmp)
            (void)unlink(tmp);
    }
}

struct ag_sink {
    enum sink_kind kind;
    FILE *fp;       /* SINK_FILE: the temporary; SINK_DIRECT: the target; SINK_STDOUT: stdout */
    char *path;     /* the target as given, for messages */
    char *target;   /* SINK_FILE: what the temporary replaces (links resolved) */
    char *tmp;      /* SINK_FILE: the temporary's path */
    char *data;     /* SINK_MEMORY: the bytes, NUL-terminated */
    size_t len, cap;
    int failed_errno; /* first write error (0: none); a failed sink is never renamed */
};

#define STDOUT_NAME "standard output"

static void sink_free(ag_sink *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->target);
    free(s->tmp);
    free(s->data);
    free(s);
}

static ag_status io_error(ag_error *err, const char *path, int errnum)
{
    return ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errnum ? errnum : EIO));
}

/* Builds `DIR/.NAME.tmp.XXXXXX` for @path (DIR is omitted when @path has no slash). */
static char *temp_template(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    const char *name = path + dir_len;
    size_t need = dir_len + 1 + strlen(name) + sizeof ".tmp.XXXXXX";
    char *t = malloc(need);
    if (!t)
        return NULL;
    snprintf(t, need, "%.*s.%s.tmp.XXXXXX", (int)dir_len, path, name);
    return t;
}

/* Best effort: makes the rename durable. Not every file system supports it. */
static void sync_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? ag_i_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : ag_i_strdup(".");
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        (void)close(fd);
    }
    free(dir);
}

ag_status ag_sink_open_file(const char *path, ag_sink **out, ag_error *err)
{
    ag_status st = AG_OK;
    int fd = -1;
    ag_sink *s = NULL;
    if (!out || !path || !*path) {
        st = ag_error_set(err, AG_EINVAL, "no output file given");
        goto cleanup;
    }
    *out = NULL;
    s = calloc(1, sizeof *s);
    if (!s || !(s->path = ag_i_strdup(path))) {
        st = ag_error_set(err, AG_ENOMEM, "%s: out of memory", path);
        goto cleanup;
    }
    if (strcmp(path, "-") == 0) {
        s->kind = SINK_STDOUT;
        s->fp = stdout;
        *out = s;
        s = NULL;
        goto cleanup;
    }
    s->kind = SINK_FILE;
    const char *slash = strrchr(path, '/');
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if ((slash && slash[1] == '\0') || (exists && S_ISDIR(sb.st_mode))) {
        st = io_error(err, path, EISDIR); /* found now rather than at rename */
        goto cleanup;
    }
    if (exists && !S_ISREG(sb.st_mode)) {
        s->kind = SINK_DIRECT;
        if (!(s->fp = fopen(path, "wb"))) {
            st = io_error(err, path, errno);
            goto cleanup;
        }
        *out = s;
        s = NULL;
        goto cleanup;
    }
    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
        s->target = realpath(path, NULL); /* NULL (dangling link): the link itself is replaced */
    if (!s->target && !(s->target = ag_i_strdup(path))) {
        st = ag_error_set(err, AG_ENOMEM, "%s: out of memory", path);
        goto cleanup;
    }
    if (!(s->tmp = temp_template(s->target))) {
        st = ag_error_set(err, AG_ENOMEM, "%s: out of memory", path);
        goto cleanup;
    }
    fd = mkstemp(s->tmp);
    if (fd < 0) {
        st = io_error(err, path, errno);
        free(s->tmp); /* nothing was created: nothing to unlink */
        s->tmp = NULL;
        goto cleanup;
    }
    pending_add(s->tmp); /* from here on a signal handler can remove it */
    /* mkstemp creates 0600; an output file is meant to be read by others. */
    if (fchmod(fd, 0644) != 0 || !(s->fp = fdopen(fd, "wb"))) {
        st = io_error(err, path, errno);
        goto cleanup;
    }
    fd = -1; /* owned by s->fp now */
    *out = s;
    s = NULL;
cleanup:
    if (fd >= 0)
        (void)close(fd);
    if (s && s->tmp) {
        pending_remove(s->tmp);
        (void)unlink(s->tmp);
    }
    sink_free(s);
    return st;
}

ag_status ag_sink_open_buffer(ag_sink **out)
{
    if (!out)
        return AG_EINVAL;
    *out = NULL;
    ag_sink *s = calloc(1, sizeof *s);
    if (!s)
        return AG_ENOMEM;
    s->kind = SINK_MEMORY;
    s->cap = 256;
    s->data = malloc(s->cap);
    if (!s->data) {
        free(s);
        return AG_ENOMEM;
    }
    s->data[0] = '\0';
    *out = s;
    return AG_OK;
}

ag_status ag_sink_write(ag_sink *sink, const void *data, size_t len, ag_error *err)
{
    if (!sink || (!data && len > 0))
        return ag_error_set(err, AG_EINVAL, "invalid sink write");
    const char *name = sink->kind == SINK_STDOUT ? STDOUT_NAME : sink->path ? sink->path : "memory";
    if (sink->failed_errno)
        return io_error(err, name, sink->failed_errno);
    if (len == 0)
        return AG_OK;
    if (sink->kind == SINK_MEMORY) {
        if (len > (size_t)-1 - sink->len - 1 ||
            ag_i_grow((void **)&sink->data, &sink->cap, sink->len + len + 1, 1))
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        memcpy(sink->data + sink->len, data, len);
        sink->len += len;
        sink->data[sink->len] = '\0';
        return AG_OK;
    }
    errno = 0;
    if (fwrite(data, 1, len, sink->fp) != len) {
        sink->failed_errno = errno ? errno : EIO;
        return io_error(err, name, sink->failed_errno);
    }
    sink->len += len;
    return AG_OK;
}

ag_status ag_sink_puts(ag_sink *sink, const char *s, ag_error *err)
{
    if (!s)
        return ag_error_set(err, AG_EINVAL, "invalid sink write");
    return ag_sink_write(sink, s, strlen(s), err);
}

const char *ag_sink_data(const ag_sink *sink, size_t *len)
{
    if (!sink || sink->kind != SINK_MEMORY) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = sink->len;
    return sink->data;
}

ag_status ag_sink_close(ag_sink **psink, ag_error *err)
{
    ag_status st = AG_OK;
    if (!psink || !*psink)
        return AG_OK;
    ag_sink *s = *psink;
    *psink = NULL;
    if (s->kind == SINK_MEMORY)
        goto cleanup;
    if (s->kind == SINK_STDOUT) {
        errno = 0;
        if (s->failed_errno)
            st = io_error(err, STDOUT_NAME, s->failed_errno);
        else if (fflush(stdout) != 0)
            st = io_error(err, STDOUT_NAME, errno);
        goto cleanup;
    }
    if (s->kind == SINK_DIRECT) {
        /* A device or pipe: no fsync (not supported there), no rename. */
        int errnum = s->failed_errno;
        errno = 0;
        if (!errnum && fflush(s->fp) != 0)
            errnum = errno ? errno : EIO;
        if (fclose(s->fp) != 0 && !errnum)
            errnum = errno ? errno : EIO;
        s->fp = NULL;
        if (errnum)
            st = io_error(err, s->path, errnum);
        goto cleanup;
    }
    /* A file: each step must succeed before the temporary may replace the target. */
    FILE *fp = s->fp;
    s->fp = NULL;
    int errnum = s->failed_errno;
    errno = 0;
    if (!errnum && fflush(fp) != 0)
        errnum = errno ? errno : EIO;
    if (!errnum && fsync(fileno(fp)) != 0)
        errnum = errno;
    if (fclose(fp) != 0 && !errnum)
        errnum = errno ? errno : EIO;
    if (!errnum && rename(s->tmp, s->target) != 0)
        errnum = errno;
    pending_remove(s->tmp);
    if (errnum) {
        st = io_error(err, s->path, errnum);
        goto cleanup;
    }
    free(s->tmp); /* renamed: nothing left to remove */
    s->tmp = NULL;
    sync_parent_dir(s->target);
cleanup:
    if (s->kind == SINK_FILE && s->tmp)
        (void)unlink(s->tmp);
    sink_free(s);
    return st;
}

void ag_sink_abort(ag_sink **psink)
{
    if (!psink || !*psink)
        return;
    ag_sink *s = *psink;
    *psink = NULL;
    if (s->kind == SINK_FILE || s->kind == SINK_DIRECT) {
        if (s->fp)
            (void)fclose(s->fp); /* SINK_DIRECT: what went out cannot be taken back */
        if (s->tmp) {
            pending_remove(s->tmp);
            (void)unlink(s->tmp);
        }
    } else if (s->kind == SINK_STDOUT) {
        (void)fflush(stdout); /* what was written is out already; nothing to undo */
    }
    sink_free(s);
}
