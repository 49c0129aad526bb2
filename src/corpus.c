/* Corpus reader: files, directory trees, JSON Lines and standard input become a
 * stream of normalised documents. Only one file (or one JSONL line) is held at a
 * time, so memory stays flat however large the corpus is. */
#include "actorgraph/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <json.h>

#include "actorgraph/text.h"
#include "util/buf.h"
#include "util/json_fast.h"

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

typedef struct input {
    char *path;              /* as opened; "-" for standard input */
    size_t id_off;           /* the id of a text file is path + id_off (relative to its walked directory) */
    unsigned char is_stdin;
    unsigned char jsonl;     /* known to be JSON Lines; standard input may still sniff to it */
} input;

struct ag_reader {
    ag_reader_options opt;
    input *inputs;
    size_t n_inputs, cap_inputs;
    size_t next;             /* next input to open */

    const input *cur;        /* JSON Lines input being read, with its stream */
    FILE *fp;
    size_t lineno;           /* number of the last line read from fp */
    size_t bias_line;        /* on this line, columns start bias characters in (eaten by sniffing) */
    size_t bias;
    char *line;
    size_t line_cap;
    json_tokener *tok;

    char *raw;               /* bytes of the current text file not yet handed out, reused */
    size_t raw_len, raw_cap;
    const input *tin;        /* text input being read in pieces, with its stream */
    FILE *tfp;
    size_t piece_off;        /* normalised bytes of tin handed out so far */
    int tin_repaired;        /* tin's repair was already reported */
    ag_text_pos tpos;        /* where the current piece starts, until the first repair */

    json_object *rec;        /* current JSONL record: owns the id/date/source strings of doc */
    char *fast;              /* or: the members the fast path decoded (see util/json_fast.h) */
    size_t fast_cap;
    char *text;              /* normalised text of doc (of a JSONL record: all of it) */
    size_t rec_len;          /* length of a JSONL record's text handed out in pieces */
    char *title;             /* normalised title of doc */
    char *id;                /* generated `file:line` id */
    size_t id_cap;
    ag_document doc;

    size_t skipped, repaired;
};

static void warn(const ag_reader *r, const char *fmt, ...) PRINTF_LIKE(2, 3);
static ag_status skip(ag_reader *r, ag_error *err, const char *fmt, ...) PRINTF_LIKE(3, 4);
static ag_status repair(ag_reader *r, ag_error *err, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void warn(const ag_reader *r, const char *fmt, ...)
{
    if (!r->opt.warn)
        return;
    char msg[AG_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->opt.warn(r->opt.warn_userdata, msg);
}

/* Input that is left out: a counted warning, or the error itself in strict mode.
 * Returns AG_OK when the caller should carry on with the next input. */
static ag_status skip(ag_reader *r, ag_error *err, const char *fmt, ...)
{
    char msg[AG_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->opt.strict)
        return ag_error_set(err, AG_ESKIP, "%s", msg);
    r->skipped++;
    if (r->opt.warn)
        r->opt.warn(r->opt.warn_userdata, msg);
    return AG_OK;
}

/* Input whose invalid UTF-8 was replaced: a counted warning, or AG_EPARSE in strict mode. */
static ag_status repair(ag_reader *r, ag_error *err, const char *fmt, ...)
{
    char msg[AG_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->opt.strict)
        return ag_error_set(err, AG_EPARSE, "%s", msg);
    r->repaired++;
    if (r->opt.warn)
        r->opt.warn(r->opt.warn_userdata, msg);
    return AG_OK;
}

static ag_status io_error(ag_error *err, const char *path, int e)
{
    return ag_error_set(err, e == ENOMEM ? AG_ENOMEM : AG_EIO, "%s: %s", path,
                        e ? strerror(e) : "read error");
}

void ag_reader_options_init(ag_reader_options *opt)
{
    if (opt)
        memset(opt, 0, sizeof *opt);
}

/* ---- opening: every path is checked before any document is read ---- */

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static int is_jsonl(const ag_reader *r, const char *path)
{
    return r->opt.jsonl || has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson");
}

/* Appends an input; takes ownership of path (freed on failure). */
static ag_status add_input(ag_reader *r, char *path, size_t id_off, int is_stdin, ag_error *err)
{
    if (!path || ag_i_grow((void **)&r->inputs, &r->cap_inputs, r->n_inputs + 1, sizeof *r->inputs)) {
        free(path);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    input *in = &r->inputs[r->n_inputs++];
    in->path = path;
    in->id_off = id_off;
    in->is_stdin = (unsigned char)(is_stdin != 0);
    in->jsonl = (unsigned char)(r->opt.jsonl || (!is_stdin && is_jsonl(r, path)));
    return AG_OK;
}

static char *join(const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    int slash = d > 0 && dir[d - 1] != '/';
    char *p = malloc(d + (size_t)slash + n + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, d); /* NOLINT(bugprone-not-null-terminated-result): the NUL comes with name */
    if (slash)
        p[d] = '/';
    memcpy(p + d + (size_t)slash, name, n + 1);
    return p;
}

static int cmp_input(const void *a, const void *b)
{
    return strcmp(((const input *)a)->path, ((const input *)b)->path);
}

/* Adds the regular files under root, sorted by path so runs repeat. Directories
 * wait on a work list, so one is open at a time however deep the tree. Hidden
 * entries are skipped; symlinked files are read but symlinked directories are
 * not followed (no loops); other special files are not documents. */
static ag_status walk(ag_reader *r, const char *root, ag_error *err)
{
    ag_status st = AG_OK;
    char **todo = NULL;
    size_t n_todo = 0, cap_todo = 0;
    char *dir = NULL, *path = NULL;
    DIR *d = NULL;
    size_t first = r->n_inputs;
    size_t rootlen = strlen(root);
    size_t id_off = rootlen + (rootlen > 0 && root[rootlen - 1] != '/');

    dir = ag_i_strdup(root);
    if (!dir) {
        st = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto done;
    }
    for (;;) {
        d = opendir(dir);
        if (!d) {
            st = io_error(err, dir, errno);
            goto done;
        }
        for (;;) {
            errno = 0;
            struct dirent *e = readdir(d);
            if (!e) {
                if (errno) {
                    st = io_error(err, dir, errno);
                    goto done;
                }
                break;
            }
            if (e->d_name[0] == '.')
                continue;
            path = join(dir, e->d_name);
            if (!path) {
                st = ag_error_set(err, AG_ENOMEM, "out of memory");
                goto done;
            }
            struct stat sb;
            if (lstat(path, &sb) != 0) {
                st = io_error(err, path, errno);
                goto done;
            }
            if (S_ISLNK(sb.st_mode) && (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))) {
                free(path);
                path = NULL;
                continue;
            }
            if (S_ISDIR(sb.st_mode)) {
                if (ag_i_grow((void **)&todo, &cap_todo, n_todo + 1, sizeof *todo)) {
                    st = ag_error_set(err, AG_ENOMEM, "out of memory");
                    goto done;
                }
                todo[n_todo++] = path;
            } else if (S_ISREG(sb.st_mode)) {
                if (access(path, R_OK) != 0) {
                    st = io_error(err, path, errno);
                    goto done;
                }
                st = add_input(r, path, id_off, 0, err); /* takes path, also on failure */
                path = NULL;
                if (st)
                    goto done;
            } else {
                free(path);
            }
            path = NULL;
        }
        closedir(d);
        d = NULL;
        free(dir);
        dir = NULL;
        if (n_todo == 0)
            break;
        dir = todo[--n_todo];
    }
    if (r->n_inputs > first)
        qsort(r->inputs + first, r->n_inputs - first, sizeof *r->inputs, cmp_input);
done:
    if (d)
        closedir(d);
    free(path);
    free(dir);
    while (n_todo > 0)
        free(todo[--n_todo]);
    free(todo);
    return st;
}

static ag_status add_path(ag_reader *r, const char *path, int *have_stdin, ag_error *err)
{
    struct stat sb;
    if (!path)
        return ag_error_set(err, AG_EINVAL, "input path is NULL");
    if (strcmp(path, "-") == 0) {
        if (*have_stdin)
            return ag_error_set(err, AG_EINVAL, "-: standard input given more than once");
        *have_stdin = 1;
        return add_input(r, ag_i_strdup(path), 0, 1, err);
    }
    if (stat(path, &sb) != 0)
        return io_error(err, path, errno);
    if (S_ISDIR(sb.st_mode))
        return walk(r, path, err);
    /* Anything else the user names is read as a file (pipes such as <(cmd) included). */
    if (access(path, R_OK) != 0)
        return io_error(err, path, errno);
    return add_input(r, ag_i_strdup(path), 0, 0, err);
}

ag_status ag_reader_open(const char *const *paths, size_t n, const ag_reader_options *opt,
                         ag_reader **out, ag_error *err)
{
    ag_status st = AG_OK;
    ag_reader *r = NULL;
    int have_stdin = 0;

    if (!out)
        return ag_error_set(err, AG_EINVAL, "no place to return the reader");
    *out = NULL;
    if (!paths || n == 0)
        return ag_error_set(err, AG_EINVAL, "no input given");
    r = calloc(1, sizeof *r);
    if (!r)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    if (opt)
        r->opt = *opt;
    else
        ag_reader_options_init(&r->opt);
    r->tok = json_tokener_new();
    if (!r->tok) {
        st = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto done;
    }
    json_tokener_set_flags(r->tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    for (size_t i = 0; i < n; i++) {
        st = add_path(r, paths[i], &have_stdin, err);
        if (st)
            goto done;
    }
    *out = r;
    r = NULL;
done:
    ag_reader_free(&r);
    return st;
}

/* ---- reading ---- */

static void clear_doc(ag_reader *r)
{
    json_object_put(r->rec);
    r->rec = NULL;
    free(r->text);
    r->text = NULL;
    free(r->title);
    r->title = NULL;
    memset(&r->doc, 0, sizeof r->doc);
}

static void close_text(ag_reader *r)
{
    if (r->tfp && r->tfp != stdin)
        fclose(r->tfp); /* read-only: nothing to lose */
    r->tfp = NULL;
    r->tin = NULL;
}

static void close_stream(ag_reader *r)
{
    if (r->fp && r->fp != stdin)
        fclose(r->fp); /* read-only: nothing to lose; read errors were seen through ferror */
    r->fp = NULL;
    r->cur = NULL;
}

/* Text files are read in pieces of about AG_PIECE bytes, so memory stays flat however large
 * a file is; a piece ends at a paragraph break where there is one, else at a line end, a
 * space, or a character boundary. The extractor keeps the document's counts across pieces. */
#define AG_PIECE ((size_t)4 << 20)

/* Where to cut raw[0, n) so the piece ends on a boundary: after a blank line, a line end,
 * a likely sentence end (a lower-case letter, `.`, `!` or `?`, a space) or a space in the
 * second half, else after the last complete UTF-8 character. A sentence cut in two is
 * two sentences, so the sentence ends matter for text without line breaks. */
static size_t cut_piece(const char *raw, size_t n)
{
    size_t half = n / 2;
    for (size_t i = n; i-- > half + 1;)
        if (raw[i] == '\n' && raw[i - 1] == '\n')
            return i + 1;
    for (size_t i = n; i-- > half;)
        if (raw[i] == '\n')
            return i + 1;
    for (size_t i = n; i-- > half + 2;)
        if (raw[i] == ' ' && (raw[i - 1] == '.' || raw[i - 1] == '!' || raw[i - 1] == '?') &&
            raw[i - 2] >= 'a' && raw[i - 2] <= 'z')
            return i + 1;
    for (size_t i = n; i-- > half;)
        if (raw[i] == ' ')
            return i + 1;
    size_t i = n;
    while (i > 0 && ((unsigned char)raw[i - 1] & 0xC0) == 0x80 && n - i < 3)
        i--;
    if (i > 0 && (unsigned char)raw[i - 1] >= 0xC0)
        return i - 1;
    return n;
}

/* Reports the first invalid UTF-8 of the piece r->raw[0, cut) at FILE:LINE:COL. */
static ag_status repair_piece(ag_reader *r, size_t cut, ag_error *err)
{
    size_t b = 0, plen = 0;
    char *prefix = NULL;
    ag_text_pos pos = r->tpos;
    while (cut - b >= 3 && memcmp(r->raw + b, "\xEF\xBB\xBF", 3) == 0)
        b += 3; /* as ag_text_normalize() drops them */
    size_t bad = ag_text_invalid_utf8(r->raw + b, cut - b);
    /* the valid prefix, normalised, so that CRLF and CR count as one line end */
    if (ag_text_normalize(r->raw + b, bad, &prefix, &plen, NULL) != AG_OK)
        return ag_error_set(err, AG_ENOMEM, "%s: out of memory", r->tin->path);
    ag_text_pos_advance(&pos, prefix, plen);
    free(prefix);
    return repair(r, err, "%s:%zu:%zu: invalid UTF-8 replaced with U+FFFD", r->tin->path, pos.line, pos.col);
}

/* Hands out the next piece of r->tin as the current document. */
static ag_status next_piece(ag_reader *r, int *produced, ag_error *err)
{
    const input *in = r->tin;
    if (ag_i_grow((void **)&r->raw, &r->raw_cap, AG_PIECE + 1, 1))
        return ag_error_set(err, AG_ENOMEM, "%s: out of memory", in->path);
    while (r->raw_len < AG_PIECE) {
        size_t k = fread(r->raw + r->raw_len, 1, AG_PIECE - r->raw_len, r->tfp);
        r->raw_len += k;
        if (k == 0)
            break;
    }
    if (ferror(r->tfp)) {
        ag_status st = io_error(err, in->path, errno);
        close_text(r);
        return st;
    }
    int last = r->raw_len < AG_PIECE || feof(r->tfp);
    size_t cut = last ? r->raw_len : cut_piece(r->raw, r->raw_len);
    unsigned flags = 0;
    size_t len = 0;
    ag_status st = ag_text_normalize(r->raw, cut, &r->text, &len, &flags);
    if (st == AG_ESKIP) {
        close_text(r);
        if (r->piece_off == 0)
            return skip(r, err, "%s: skipped: binary file (NUL bytes)", in->path);
        /* a large file turned binary after its first pieces: end the document there */
        st = skip(r, err, "%s: skipped from byte %zu on: binary data (NUL bytes)", in->path, r->piece_off);
        if (st)
            return st;
        r->text = NULL;
        len = 0;
        last = 1;
    } else if (st) {
        close_text(r);
        return ag_error_set(err, st, "%s: %s", in->path, ag_strerror(st));
    } else if ((flags & AG_TEXT_REPAIRED_UTF8) && !r->tin_repaired) {
        r->tin_repaired = 1;
        st = repair_piece(r, cut, err);
        if (st) {
            close_text(r);
            return st;
        }
    } else if (!r->tin_repaired) {
        ag_text_pos_advance(&r->tpos, r->text, len);
    }
    r->doc.id = in->path + in->id_off;
    r->doc.text = r->text ? r->text : "";
    r->doc.len = len;
    r->doc.origin = in->path;
    r->doc.offset = r->piece_off;
    r->doc.more = !last;
    r->piece_off += len;
    if (r->tin) {
        memmove(r->raw, r->raw + cut, r->raw_len - cut);
        r->raw_len -= cut;
        if (last)
            close_text(r);
    }
    *produced = 1;
    return AG_OK;
}

/* Starts reading a text input in pieces; the first piece is handed out at once. */
static ag_status start_text(ag_reader *r, const input *in, FILE *f, int *produced, ag_error *err)
{
    r->tin = in;
    r->tfp = f;
    r->piece_off = 0;
    r->tin_repaired = 0;
    r->tpos = (ag_text_pos){1, 1};
    return next_piece(r, produced, err);
}

static ag_status read_text_file(ag_reader *r, const input *in, int *produced, ag_error *err)
{
    FILE *f = fopen(in->path, "rb");
    if (!f)
        return io_error(err, in->path, errno);
    r->raw_len = 0;
    return start_text(r, in, f, produced, err);
}

/* Standard input is JSON Lines when its first non-blank byte (after a BOM) is `{`.
 * The blank prefix is kept in r->raw for text; for JSON Lines the brace is pushed
 * back and the eaten lines and columns are remembered so positions stay right. */
static ag_status read_stdin(ag_reader *r, const input *in, int *produced, ag_error *err)
{
    static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
    size_t lines = 0, col = 0, matched = 0;
    int c;

    r->raw_len = 0;
    while ((c = getc(stdin)) != EOF) {
        if (ag_i_grow((void **)&r->raw, &r->raw_cap, r->raw_len + 1, 1))
            return ag_error_set(err, AG_ENOMEM, "-: out of memory");
        r->raw[r->raw_len++] = (char)c;
        if (r->raw_len <= 3 && matched == r->raw_len - 1 && (unsigned char)c == bom[matched]) {
            matched++;
            continue;
        }
        if (matched > 0 && matched < 3)
            break; /* starts with a byte that is not blank and not `{` */
        if (c == '\n') {
            lines++;
            col = 0;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            col++;
        } else {
            break;
        }
    }
    if (ferror(stdin))
        return io_error(err, "-", errno);
    if (c == '{' && (matched == 0 || matched == 3)) {
        if (ungetc(c, stdin) == EOF)
            return ag_error_set(err, AG_EIO, "-: cannot push back input");
        r->cur = in;
        r->fp = stdin;
        r->lineno = lines;
        r->bias_line = lines + 1;
        r->bias = col; /* a BOM is not a column, as in the lexicon's messages */
        return AG_OK;
    }
    return start_text(r, in, stdin, produced, err);
}

static ag_status open_input(ag_reader *r, const input *in, int *produced, ag_error *err)
{
    if (!in->jsonl)
        return in->is_stdin ? read_stdin(r, in, produced, err) : read_text_file(r, in, produced, err);
    FILE *f = in->is_stdin ? stdin : fopen(in->path, "rb");
    if (!f)
        return io_error(err, in->path, errno);
    r->cur = in;
    r->fp = f;
    r->lineno = 0;
    r->bias_line = 0;
    r->bias = 0;
    return AG_OK;
}

static int is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return 0;
    return 1;
}

/* The value of an optional member: NULL when absent or null, with a warning when
 * it has another type than the one wanted. */
static json_object *member(const ag_reader *r, const char *key, json_type want)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(r->rec, key, &v) || !v)
        return NULL;
    if (json_object_is_type(v, want))
        return v;
    warn(r, "%s:%zu: \"%s\" is not a string, ignored", r->cur->path, r->lineno, key);
    return NULL;
}

/* The generated id of a record without one: `file:line`. */
static ag_status line_id(ag_reader *r, ag_error *err)
{
    const char *file = r->cur->path + r->cur->id_off;
    int n = snprintf(NULL, 0, "%s:%zu", file, r->lineno);
    if (n < 0 || ag_i_grow((void **)&r->id, &r->id_cap, (size_t)n + 1, 1))
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    snprintf(r->id, r->id_cap, "%s:%zu", file, r->lineno);
    r->doc.id = r->id;
    return AG_OK;
}

/* The id of a JSONL record: its `id` (string, or number as written), else `file:line`. */
static ag_status record_id(ag_reader *r, ag_error *err)
{
    const input *in = r->cur;
    json_object *v = NULL;
    if (json_object_object_get_ex(r->rec, "id", &v) && v) {
        if (json_object_is_type(v, json_type_string) && json_object_get_string_len(v) > 0) {
            r->doc.id = json_object_get_string(v);
            return AG_OK;
        }
        if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)) {
            r->doc.id = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
            if (!r->doc.id)
                return ag_error_set(err, AG_ENOMEM, "out of memory");
            return AG_OK;
        }
        if (json_object_is_type(v, json_type_string))
            warn(r, "%s:%zu: \"id\" is empty, ignored", in->path, r->lineno);
        else
            warn(r, "%s:%zu: \"id\" is not a string or number, ignored", in->path, r->lineno);
    }
    return line_id(r, err);
}

/* A long record's text goes out in pieces, as a text file's does, so the extractor's
 * per-piece memory (matches, sentences) stays bounded; the record stays in r. */
static void first_record_piece(ag_reader *r)
{
    r->doc.offset = 0;
    r->doc.len = r->rec_len > AG_PIECE ? cut_piece(r->text, AG_PIECE) : r->rec_len;
    r->doc.more = r->doc.len < r->rec_len;
}

static void next_record_piece(ag_reader *r)
{
    size_t off = r->doc.offset + r->doc.len, rest = r->rec_len - off;
    r->doc.text = r->text + off;
    r->doc.offset = off;
    r->doc.len = rest > AG_PIECE ? cut_piece(r->doc.text, AG_PIECE) : rest;
    r->doc.more = r->doc.len < rest;
}

/* Makes the current document of a record from its members (strings that outlive the doc:
 * owned by r->rec or r->fast). title, id, date and source may be NULL. */
static ag_status build_doc(ag_reader *r, const char *text, size_t text_len, const char *title, size_t title_len,
                           const char *id, const char *date, const char *source, int *produced, ag_error *err)
{
    const char *path = r->cur->path;
    size_t ln = r->lineno;
    char *body = NULL;
    size_t tlen = 0, blen = 0;
    unsigned tflags = 0, bflags = 0;
    ag_status st;

    if (title && title_len > 0) {
        st = ag_text_normalize(title, title_len, &r->title, &tlen, &tflags);
        if (st == AG_ESKIP)
            return skip(r, err, "%s:%zu: skipped: \"title\" holds NUL characters", path, ln);
        if (st)
            return ag_error_set(err, st, "%s:%zu: %s", path, ln, ag_strerror(st));
    }
    st = ag_text_normalize(text, text_len, &body, &blen, &bflags);
    if (st == AG_ESKIP)
        return skip(r, err, "%s:%zu: skipped: \"text\" holds NUL characters", path, ln);
    if (st)
        return ag_error_set(err, st, "%s:%zu: %s", path, ln, ag_strerror(st));
    if (r->title) {
        /* The headline becomes the first paragraph of the text. */
        r->text = malloc(tlen + 2 + blen + 1);
        if (!r->text) {
            free(body);
            return ag_error_set(err, AG_ENOMEM, "%s:%zu: out of memory", path, ln);
        }
        memcpy(r->text, r->title, tlen);
        memcpy(r->text + tlen, "\n\n", 2);
        memcpy(r->text + tlen + 2, body, blen + 1);
        free(body);
        blen += tlen + 2;
    } else {
        r->text = body;
    }
    if ((tflags | bflags) & AG_TEXT_REPAIRED_UTF8) {
        st = repair(r, err, "%s:%zu: invalid UTF-8 replaced with U+FFFD", path, ln);
        if (st)
            return st;
    }
    if (id)
        r->doc.id = id;
    else if ((st = line_id(r, err)) != AG_OK)
        return st;
    r->doc.date = date;
    r->doc.source = source;
    r->doc.title = r->title;
    r->doc.text = r->text;
    r->doc.len = blen;
    r->doc.origin = path;
    r->doc.line = ln;
    r->rec_len = blen;
    first_record_piece(r);
    *produced = 1;
    return AG_OK;
}

/* Turns the record in r->rec into the current document (or skips it). */
static ag_status record_doc(ag_reader *r, int *produced, ag_error *err)
{
    const char *path = r->cur->path;
    size_t ln = r->lineno;
    json_object *t = NULL, *title;
    ag_status st;

    if (!json_object_is_type(r->rec, json_type_object))
        return skip(r, err, "%s:%zu: skipped: not a JSON object", path, ln);
    if (!json_object_object_get_ex(r->rec, "text", &t))
        return skip(r, err, "%s:%zu: skipped: no \"text\" member", path, ln);
    if (!json_object_is_type(t, json_type_string))
        return skip(r, err, "%s:%zu: skipped: \"text\" is not a string", path, ln);
    title = member(r, "title", json_type_string);
    st = record_id(r, err);
    if (st)
        return st;
    const char *id = r->doc.id;
    json_object *d = member(r, "date", json_type_string), *so = member(r, "source", json_type_string);
    return build_doc(r, json_object_get_string(t), (size_t)json_object_get_string_len(t),
                     title ? json_object_get_string(title) : NULL,
                     title ? (size_t)json_object_get_string_len(title) : 0, id,
                     d ? json_object_get_string(d) : NULL, so ? json_object_get_string(so) : NULL, produced, err);
}

/* The fast path for a plain record; 1 when it made the document, 0 to ask json-c. */
static int fast_record(ag_reader *r, const char *p, size_t len, int *produced, ag_status *st, ag_error *err)
{
    enum { TEXT, TITLE, ID, DATE, SOURCE, N };
    ag_i_json_field f[N] = {{"text", 0, 0, 0}, {"title", 0, 0, 0}, {"id", 0, 0, 0}, {"date", 0, 0, 0},
                            {"source", 0, 0, 0}};
    int rc = ag_i_json_fast_record(p, len, f, N, &r->fast, &r->fast_cap);
    if (rc < 0) {
        *st = ag_error_set(err, AG_ENOMEM, "%s:%zu: out of memory", r->cur->path, r->lineno);
        return 1;
    }
    /* absent text and empty ids have their own warnings: json-c's path words them */
    if (rc == 0 || !f[TEXT].present || (f[ID].present && f[ID].len == 0))
        return 0;
    const char *b = r->fast;
    *st = build_doc(r, b + f[TEXT].offset, f[TEXT].len, f[TITLE].present ? b + f[TITLE].offset : NULL,
                    f[TITLE].present ? f[TITLE].len : 0, f[ID].present ? b + f[ID].offset : NULL,
                    f[DATE].present ? b + f[DATE].offset : NULL, f[SOURCE].present ? b + f[SOURCE].offset : NULL,
                    produced, err);
    return 1;
}

/* Parses line r->lineno (len bytes in r->line) into the current document, if it holds one. */
static ag_status parse_line(ag_reader *r, size_t len, int *produced, ag_error *err)
{
    const char *path = r->cur->path;
    size_t ln = r->lineno;
    size_t bias = ln == r->bias_line ? r->bias : 0;
    char *p = r->line;
    ag_status st = AG_OK;

    while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
        len--;
    p[len] = '\0';
    if (ln == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        len -= 3;
    }
    if (is_blank(p, len))
        goto done;
    if (memchr(p, '\0', len)) {
        st = skip(r, err, "%s:%zu: skipped: binary data (NUL bytes)", path, ln);
        goto done;
    }
    if (len >= INT_MAX) {
        st = skip(r, err, "%s:%zu: skipped: line longer than %d bytes", path, ln, INT_MAX - 1);
        goto done;
    }
    if (fast_record(r, p, len, produced, &st, err))
        goto done;
    json_tokener_reset(r->tok);
    /* Passing the terminating NUL too lets json-c finish a bare value at the line end. */
    r->rec = json_tokener_parse_ex(r->tok, p, (int)len + 1);
    if (!r->rec) {
        enum json_tokener_error je = json_tokener_get_error(r->tok);
        ag_text_pos pos = {1, 1 + bias}; /* columns count characters */
        ag_text_pos_advance(&pos, p, json_tokener_get_parse_end(r->tok));
        size_t col = pos.col;
        if (je == json_tokener_error_parse_utf8_string)
            st = skip(r, err, "%s:%zu:%zu: skipped: invalid UTF-8", path, ln, col);
        else
            st = skip(r, err, "%s:%zu:%zu: skipped: invalid JSON: %s", path, ln, col,
                      je == json_tokener_continue ? "unexpected end of line" : json_tokener_error_desc(je));
        goto done;
    }
    st = record_doc(r, produced, err);
done:
    if (!*produced)
        clear_doc(r);
    return st;
}

static ag_status next_line(ag_reader *r, int *produced, ag_error *err)
{
    errno = 0;
    ssize_t k = getline(&r->line, &r->line_cap, r->fp);
    if (k < 0) {
        ag_status st = AG_OK;
        if (ferror(r->fp) || !feof(r->fp))
            st = io_error(err, r->cur->path, errno);
        close_stream(r);
        return st;
    }
    r->lineno++;
    ag_status st = parse_line(r, (size_t)k, produced, err);
    if (r->line_cap > AG_PIECE) { /* nothing points into it: do not hold a huge line's buffer */
        free(r->line);
        r->line = NULL;
        r->line_cap = 0;
    }
    return st;
}

ag_status ag_reader_next(ag_reader *r, const ag_document **doc, ag_error *err)
{
    ag_status st = AG_OK;
    int produced = 0;

    if (!doc)
        return ag_error_set(err, AG_EINVAL, "no place to return the document");
    *doc = NULL;
    if (!r)
        return ag_error_set(err, AG_EINVAL, "no reader");
    if (r->doc.more && !r->tfp && r->text) { /* the next piece of a long JSONL record */
        next_record_piece(r);
        *doc = &r->doc;
        return AG_OK;
    }
    clear_doc(r);
    while (!produced && st == AG_OK) {
        if (r->tfp)
            st = next_piece(r, &produced, err);
        else if (r->fp)
            st = next_line(r, &produced, err);
        else if (r->next < r->n_inputs)
            st = open_input(r, &r->inputs[r->next++], &produced, err);
        else
            break;
    }
    if (produced && st == AG_OK)
        *doc = &r->doc;
    return st;
}

size_t ag_reader_skipped(const ag_reader *r)
{
    return r ? r->skipped : 0;
}

size_t ag_reader_repaired(const ag_reader *r)
{
    return r ? r->repaired : 0;
}

void ag_reader_free(ag_reader **r)
{
    if (!r || !*r)
        return;
    ag_reader *p = *r;
    close_text(p);
    close_stream(p);
    clear_doc(p);
    for (size_t i = 0; i < p->n_inputs; i++)
        free(p->inputs[i].path);
    free(p->inputs);
    free(p->line);
    free(p->fast);
    free(p->raw);
    free(p->id);
    if (p->tok)
        json_tokener_free(p->tok);
    free(p);
    *r = NULL;
}
