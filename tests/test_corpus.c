/* Corpus reader: directory walks, text files, JSON Lines and standard input. */
#include <criterion/criterion.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "actorgraph/corpus.h"
#include "support.h"
#include "util/json_fast.h"

#define MAX_ITEMS 64

typedef struct warnings {
    char *msg[MAX_ITEMS];
    size_t n;
} warnings;

static void on_warn(void *userdata, const char *message)
{
    warnings *w = userdata;
    if (w->n < MAX_ITEMS)
        w->msg[w->n++] = strdup(message);
}

static void warnings_free(warnings *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->msg[i]);
    w->n = 0;
}

/* What a test keeps of each document (the reader's strings die at the next call). */
typedef struct got {
    char *id[MAX_ITEMS];
    char *text[MAX_ITEMS];
    char *origin[MAX_ITEMS];
    char *title[MAX_ITEMS];
    char *date[MAX_ITEMS];
    char *source[MAX_ITEMS];
    size_t len[MAX_ITEMS];
    size_t line[MAX_ITEMS];
    size_t n;
} got;

static void got_free(got *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->id[i]);
        free(g->text[i]);
        free(g->origin[i]);
        free(g->title[i]);
        free(g->date[i]);
        free(g->source[i]);
    }
    g->n = 0;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Reads documents until the end or an error; returns the last status. */
static ag_status drain(ag_reader *r, got *g, ag_error *err)
{
    for (;;) {
        const ag_document *d = NULL;
        ag_status st = ag_reader_next(r, &d, err);
        if (st != AG_OK)
            return st;
        if (!d)
            return AG_OK;
        cr_assert_lt(g->n, MAX_ITEMS);
        cr_assert_eq(strlen(d->text), d->len, "text holds no NUL and len matches");
        g->id[g->n] = strdup(d->id);
        g->text[g->n] = strdup(d->text);
        g->origin[g->n] = strdup(d->origin);
        g->title[g->n] = dup_or_null(d->title);
        g->date[g->n] = dup_or_null(d->date);
        g->source[g->n] = dup_or_null(d->source);
        g->len[g->n] = d->len;
        g->line[g->n] = d->line;
        g->n++;
    }
}

/* Opens a reader over paths with warnings collected in w; asserts success. */
static ag_reader *open_ok(const char *const *paths, size_t n, int jsonl, int strict, warnings *w)
{
    ag_reader_options opt;
    ag_reader_options_init(&opt);
    opt.jsonl = jsonl;
    opt.strict = strict;
    opt.warn = on_warn;
    opt.warn_userdata = w;
    ag_reader *r = NULL;
    ag_error err = {0};
    ag_status st = ag_reader_open(paths, n, &opt, &r, &err);
    cr_assert_eq(st, AG_OK, "open failed: %s", err.message);
    cr_assert_not_null(r);
    return r;
}

static void put(const char *dir, const char *rel, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *s = path + strlen(dir) + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(path, 0755);
            *s = '/';
        }
    }
    cr_assert_eq(ag_t_write_file(path, data, len), 0, "cannot write %s", path);
}

#define PUT(dir, rel, lit) put(dir, rel, lit, sizeof(lit) - 1)

static char *path_in(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

static void remove_tree(char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", dir, dir);
    ag_t_run(cmd, NULL, NULL);
    free(dir);
}

/* Makes path the process's standard input (each Criterion test runs in its own process). */
static void stdin_from_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    cr_assert_geq(fd, 0);
    cr_assert_geq(dup2(fd, 0), 0);
    close(fd);
    clearerr(stdin);
}

static void stdin_from_pipe(const char *data, size_t len)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_assert_lt(len, 4096, "stays within the pipe buffer");
    cr_assert_eq(write(p[1], data, len), (ssize_t)len);
    close(p[1]);
    cr_assert_geq(dup2(p[0], 0), 0);
    close(p[0]);
    clearerr(stdin);
}

/* ---- directories and text files ---- */

Test(corpus, walks_directory_sorted_with_relative_ids)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "b.txt", "bee");
    PUT(dir, "a/z.txt", "zed");
    PUT(dir, "a/b/c.txt", "sea");
    PUT(dir, "a.txt", "ay");
    PUT(dir, ".hidden.txt", "no");
    PUT(dir, ".git/config", "no");
    PUT(dir, "a/.swp", "no");

    const char *paths[] = {dir};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK, "%s", err.message);
    cr_assert_eq(g.n, 4);
    /* Byte order of full paths: "a.txt" < "a/..." because '.' < '/'. */
    cr_assert_str_eq(g.id[0], "a.txt");
    cr_assert_str_eq(g.id[1], "a/b/c.txt");
    cr_assert_str_eq(g.id[2], "a/z.txt");
    cr_assert_str_eq(g.id[3], "b.txt");
    cr_assert_str_eq(g.text[1], "sea");
    cr_assert_eq(g.line[1], 0);
    cr_assert_null(g.title[1]);
    char *origin = path_in(dir, "a/b/c.txt");
    cr_assert_str_eq(g.origin[1], origin);
    free(origin);
    cr_assert_eq(w.n, 0);
    cr_assert_eq(ag_reader_skipped(r), 0);
    ag_reader_free(&r);
    cr_assert_null(r);
    got_free(&g);

    /* A trailing slash gives the same ids. */
    char *slashed = path_in(dir, "");
    const char *paths2[] = {slashed};
    r = open_ok(paths2, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 4);
    cr_assert_str_eq(g.id[0], "a.txt");
    cr_assert_str_eq(g.id[3], "b.txt");
    ag_reader_free(&r);
    got_free(&g);
    free(slashed);
    remove_tree(dir);
}

Test(corpus, symlinks_files_followed_directories_not)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "d/real.txt", "real");
    char *target = path_in(dir, "d/real.txt");
    char *link = path_in(dir, "d/link.txt");
    char *loop = path_in(dir, "d/loop");
    char *dangling = path_in(dir, "d/dangling.txt");
    char *sub = path_in(dir, "d");
    cr_assert_eq(symlink(target, link), 0);
    cr_assert_eq(symlink(dir, loop), 0);
    cr_assert_eq(symlink("/nonexistent/nowhere", dangling), 0);

    const char *paths[] = {sub};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK, "%s", err.message);
    cr_assert_eq(g.n, 2);
    cr_assert_str_eq(g.id[0], "link.txt");
    cr_assert_str_eq(g.id[1], "real.txt");
    cr_assert_str_eq(g.text[0], "real");
    ag_reader_free(&r);
    got_free(&g);
    free(target);
    free(link);
    free(loop);
    free(dangling);
    free(sub);
    remove_tree(dir);
}

Test(corpus, file_argument_keeps_path_as_id)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "x/one.txt", "one");
    PUT(dir, "two.txt", "two");
    char *one = path_in(dir, "x/one.txt");
    char *two = path_in(dir, "two.txt");
    /* Arguments keep their order; only a directory's own files are sorted. */
    const char *paths[] = {two, one};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 2, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 2);
    cr_assert_str_eq(g.id[0], two);
    cr_assert_str_eq(g.id[1], one);
    cr_assert_str_eq(g.origin[1], one);
    ag_reader_free(&r);
    got_free(&g);
    free(one);
    free(two);
    remove_tree(dir);
}

Test(corpus, relative_file_argument)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "sub/doc.txt", "text");
    cr_assert_eq(chdir(dir), 0);
    const char *paths[] = {"sub/doc.txt", "sub"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 2, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 2);
    cr_assert_str_eq(g.id[0], "sub/doc.txt");
    cr_assert_str_eq(g.id[1], "doc.txt");
    cr_assert_str_eq(g.origin[1], "sub/doc.txt");
    ag_reader_free(&r);
    got_free(&g);
    remove_tree(dir);
}

Test(corpus, missing_path_is_eio_before_anything_is_read)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "ok.txt", "fine");
    char *ok = path_in(dir, "ok.txt");
    char *missing = path_in(dir, "nope.txt");
    const char *paths[] = {ok, missing};
    ag_reader *r = (ag_reader *)1;
    ag_error err = {0};
    cr_assert_eq(ag_reader_open(paths, 2, NULL, &r, &err), AG_EIO);
    cr_assert_null(r);
    cr_assert_eq(err.status, AG_EIO);
    char want[4200];
    snprintf(want, sizeof want, "%s: No such file or directory", missing);
    cr_assert_str_eq(err.message, want);
    free(ok);
    free(missing);
    remove_tree(dir);
}

Test(corpus, bad_arguments)
{
    ag_reader *r = NULL;
    ag_error err = {0};
    const char *paths[] = {"-", "-"};
    cr_assert_eq(ag_reader_open(paths, 0, NULL, &r, &err), AG_EINVAL);
    cr_assert_str_eq(err.message, "no input given");
    cr_assert_eq(ag_reader_open(NULL, 1, NULL, &r, &err), AG_EINVAL);
    cr_assert_eq(ag_reader_open(paths, 2, NULL, &r, &err), AG_EINVAL);
    cr_assert_str_eq(err.message, "-: standard input given more than once");
    cr_assert_null(r);
    ag_reader_free(&r);
    ag_reader_free(NULL);
}

Test(corpus, unreadable_directory_is_eio)
{
    if (geteuid() == 0)
        cr_skip_test("root reads any directory");
    char *dir = ag_t_tempdir();
    PUT(dir, "locked/a.txt", "a");
    char *locked = path_in(dir, "locked");
    cr_assert_eq(chmod(locked, 0), 0);
    const char *paths[] = {dir};
    ag_reader *r = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_reader_open(paths, 1, NULL, &r, &err), AG_EIO);
    char want[4200];
    snprintf(want, sizeof want, "%s: Permission denied", locked);
    cr_assert_str_eq(err.message, want);
    free(locked);
    remove_tree(dir);
}

Test(corpus, empty_directory_has_no_documents)
{
    char *dir = ag_t_tempdir();
    const char *paths[] = {dir};
    warnings w = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    const ag_document *d = (const ag_document *)1;
    ag_error err = {0};
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_OK);
    cr_assert_null(d);
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_OK, "the end stays the end");
    cr_assert_null(d);
    ag_reader_free(&r);
    remove_tree(dir);
}

Test(corpus, empty_file_is_an_empty_document)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "empty.txt", "");
    const char *paths[] = {dir};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.len[0], 0);
    cr_assert_str_eq(g.text[0], "");
    cr_assert_eq(w.n, 0);
    ag_reader_free(&r);
    got_free(&g);
    remove_tree(dir);
}

Test(corpus, binary_file_skipped_with_warning)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "a.bin", "PK\0\3junk");
    PUT(dir, "b.txt", "words");
    const char *paths[] = {dir};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.id[0], "b.txt");
    cr_assert_eq(w.n, 1);
    char *bin = path_in(dir, "a.bin");
    char want[4200];
    snprintf(want, sizeof want, "%s: skipped: binary file (NUL bytes)", bin);
    cr_assert_str_eq(w.msg[0], want);
    cr_assert_eq(ag_reader_skipped(r), 1);
    cr_assert_eq(ag_reader_repaired(r), 0);
    ag_reader_free(&r);
    got_free(&g);
    warnings_free(&w);

    /* Strict: the same input is an error. */
    r = open_ok(paths, 1, 0, 1, &w);
    const ag_document *d = NULL;
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_ESKIP);
    cr_assert_null(d);
    cr_assert_str_eq(err.message, want);
    cr_assert_eq(w.n, 0);
    ag_reader_free(&r);
    free(bin);
    remove_tree(dir);
}

Test(corpus, invalid_utf8_repaired_with_warning)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "latin1.txt", "caf\xe9 au lait");
    const char *paths[] = {dir};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.text[0], "caf\xEF\xBF\xBD au lait");
    cr_assert_eq(w.n, 1);
    char *file = path_in(dir, "latin1.txt");
    char want[4200];
    snprintf(want, sizeof want, "%s:1:4: invalid UTF-8 replaced with U+FFFD", file);
    cr_assert_str_eq(w.msg[0], want);
    cr_assert_eq(ag_reader_repaired(r), 1);
    cr_assert_eq(ag_reader_skipped(r), 0);
    ag_reader_free(&r);
    got_free(&g);
    warnings_free(&w);

    r = open_ok(paths, 1, 0, 1, &w);
    const ag_document *d = NULL;
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_EPARSE);
    cr_assert_null(d);
    cr_assert_str_eq(err.message, want);
    ag_reader_free(&r);
    free(file);
    remove_tree(dir);
}

/* The first bad byte of a large file, read in pieces: lines of the earlier pieces
 * (CRLF here) are counted, columns count characters, later repairs are not reported. */
Test(corpus, invalid_utf8_position_in_a_later_piece)
{
    const char line[] = "\xC3\xA9t\xC3\xA9 India and Russia agreed.\r\n";
    size_t n_lines = (6u << 20) / (sizeof line - 1), total = n_lines * (sizeof line - 1) + 32;
    char *buf = malloc(total), *p = buf;
    for (size_t i = 0; i < n_lines; i++, p += sizeof line - 1)
        memcpy(p, line, sizeof line - 1);
    p += sprintf(p, "\xC3\xA9t\xC3\xA9 \xFF and \xFE.\n");
    char *dir = ag_t_tempdir();
    put(dir, "big.txt", buf, (size_t)(p - buf));
    free(buf);
    const char *paths[] = {dir};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK, "%s", err.message);
    cr_assert_gt(g.n, 1, "the file should arrive in pieces");
    cr_assert_eq(w.n, 1);
    char *file = path_in(dir, "big.txt");
    char want[4200];
    snprintf(want, sizeof want, "%s:%zu:5: invalid UTF-8 replaced with U+FFFD", file, n_lines + 1);
    cr_assert_str_eq(w.msg[0], want);
    cr_assert_eq(ag_reader_repaired(r), 1);
    ag_reader_free(&r);
    got_free(&g);
    warnings_free(&w);
    free(file);
    remove_tree(dir);
}

Test(corpus, bom_and_crlf_normalised)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "win.txt", "\xEF\xBB\xBFOne line.\r\nTwo line.\r\n\r\nOld Mac.\rEnd");
    const char *paths[] = {dir};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.text[0], "One line.\nTwo line.\n\nOld Mac.\nEnd");
    cr_assert_eq(w.n, 0);
    ag_reader_free(&r);
    got_free(&g);
    remove_tree(dir);
}

/* ---- JSON Lines ---- */

static const char jsonl_fixture[] =
    "{\"id\":\"a1\",\"text\":\"Alpha\",\"date\":\"2020-01-02\",\"source\":\"Dawn\"}\n" /* 1 */
    "\n"                                                                          /* 2 */
    "{\"text\": \"broken\",}\n"                                                   /* 3 */
    "{\"id\": 42, \"text\": \"Beta\"}\n"                                           /* 4 */
    "{\"title\": \"Head\", \"text\": \"Body\"}\n"                                  /* 5 */
    "{\"id\": \"x\"}\n"                                                           /* 6 */
    "{\"text\": 5}\n"                                                             /* 7 */
    "[1, 2]\n"                                                                    /* 8 */
    "{\"text\": \"Gamma\", \"date\": 7, \"id\": true}\n"                           /* 9 */
    "{\"text\":\"ok\xff\"}\n"                                                     /* 10 */
    "{\"text\":\"a\\u0000b\"}\n"                                                  /* 11 */
    "  {\"text\": \"Delta\\r\\nline\"}  \r\n"                                      /* 12 */
    "   \t \n"                                                                    /* 13 */
    "{\"id\": \"last\", \"text\": \"Omega\", \"source\": null}";                  /* 14 */

Test(corpus, jsonl_records_and_broken_lines)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "X.jsonl", jsonl_fixture);
    cr_assert_eq(chdir(dir), 0);
    const char *paths[] = {"X.jsonl"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK, "%s", err.message);

    cr_assert_eq(g.n, 6);
    cr_assert_str_eq(g.id[0], "a1");
    cr_assert_str_eq(g.text[0], "Alpha");
    cr_assert_str_eq(g.date[0], "2020-01-02");
    cr_assert_str_eq(g.source[0], "Dawn");
    cr_assert_str_eq(g.origin[0], "X.jsonl");
    cr_assert_eq(g.line[0], 1);

    cr_assert_str_eq(g.id[1], "42");
    cr_assert_str_eq(g.text[1], "Beta");
    cr_assert_eq(g.line[1], 4);
    cr_assert_null(g.date[1]);

    cr_assert_str_eq(g.id[2], "X.jsonl:5");
    cr_assert_str_eq(g.title[2], "Head");
    cr_assert_str_eq(g.text[2], "Head\n\nBody");
    cr_assert_eq(g.len[2], 10);

    cr_assert_str_eq(g.id[3], "X.jsonl:9");
    cr_assert_str_eq(g.text[3], "Gamma");
    cr_assert_null(g.date[3]);

    cr_assert_str_eq(g.id[4], "X.jsonl:12");
    cr_assert_str_eq(g.text[4], "Delta\nline");

    cr_assert_str_eq(g.id[5], "last");
    cr_assert_null(g.source[5]);
    cr_assert_eq(g.line[5], 14);

    const char *want[] = {
        "X.jsonl:3:19: skipped: invalid JSON: unexpected character",
        "X.jsonl:6: skipped: no \"text\" member",
        "X.jsonl:7: skipped: \"text\" is not a string",
        "X.jsonl:8: skipped: not a JSON object",
        "X.jsonl:9: \"id\" is not a string or number, ignored",
        "X.jsonl:9: \"date\" is not a string, ignored",
        "X.jsonl:10:12: skipped: invalid UTF-8",
        "X.jsonl:11: skipped: \"text\" holds NUL characters",
    };
    cr_assert_eq(w.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < w.n; i++)
        cr_assert_str_eq(w.msg[i], want[i]);
    cr_assert_eq(ag_reader_skipped(r), 6);
    cr_assert_eq(ag_reader_repaired(r), 0);
    ag_reader_free(&r);
    got_free(&g);
    warnings_free(&w);
    remove_tree(dir);
}

Test(corpus, jsonl_strict_makes_broken_line_fatal)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "X.jsonl", jsonl_fixture);
    cr_assert_eq(chdir(dir), 0);
    const char *paths[] = {"X.jsonl"};
    warnings w = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 1, &w);
    const ag_document *d = NULL;
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_OK);
    cr_assert_str_eq(d->id, "a1");
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_ESKIP);
    cr_assert_null(d);
    cr_assert_eq(err.status, AG_ESKIP);
    cr_assert_str_eq(err.message, "X.jsonl:3:19: skipped: invalid JSON: unexpected character");
    cr_assert_eq(w.n, 0);
    ag_reader_free(&r);
    remove_tree(dir);
}

Test(corpus, jsonl_other_broken_forms)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "y.ndjson",
        "{\"text\": \"unterminated\n"
        "{\"text\": \"a\"} {\"text\": \"b\"}\n"
        "42\n"
        "\"just a string\"\n"
        "{\"text\": \"fine\", \"title\": \"\"}\n"
        "{\"text\": \"x\", \"title\": 3, \"id\": \"\"}\n"
        "{\"text\": \"x\", \"id\": 1.50}\n");
    cr_assert_eq(chdir(dir), 0);
    const char *paths[] = {"y.ndjson"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 3);
    cr_assert_str_eq(g.text[0], "fine", "an empty title is no title");
    cr_assert_null(g.title[0]);
    cr_assert_str_eq(g.id[1], "y.ndjson:6");
    cr_assert_str_eq(g.id[2], "1.50", "a number id is kept as written");
    const char *want[] = {
        "y.ndjson:1:24: skipped: invalid JSON: unexpected end of data",
        "y.ndjson:2:15: skipped: invalid JSON: unexpected character",
        "y.ndjson:3: skipped: not a JSON object",
        "y.ndjson:4: skipped: not a JSON object",
        "y.ndjson:6: \"title\" is not a string, ignored",
        "y.ndjson:6: \"id\" is empty, ignored",
    };
    cr_assert_eq(w.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < w.n; i++)
        cr_assert_str_eq(w.msg[i], want[i]);
    ag_reader_free(&r);
    got_free(&g);
    warnings_free(&w);
    remove_tree(dir);
}

Test(corpus, jsonl_in_directory_and_forced)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "sub/feed.jsonl", "{\"text\":\"one\"}\n{\"text\":\"two\"}\n");
    PUT(dir, "notes.txt", "{\"text\":\"three\"}\n");
    const char *paths[] = {dir};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 3);
    cr_assert_str_eq(g.id[0], "notes.txt");
    cr_assert_str_eq(g.text[0], "{\"text\":\"three\"}\n", "a .txt file is text");
    cr_assert_str_eq(g.id[1], "sub/feed.jsonl:1");
    cr_assert_str_eq(g.id[2], "sub/feed.jsonl:2");
    char *feed = path_in(dir, "sub/feed.jsonl");
    cr_assert_str_eq(g.origin[2], feed);
    free(feed);
    ag_reader_free(&r);
    got_free(&g);

    r = open_ok(paths, 1, 1, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 3);
    cr_assert_str_eq(g.id[0], "notes.txt:1");
    cr_assert_str_eq(g.text[0], "three");
    ag_reader_free(&r);
    got_free(&g);
    remove_tree(dir);
}

Test(corpus, jsonl_bom_on_first_line)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "b.jsonl", "\xEF\xBB\xBF{\"text\":'x'}\n\xEF\xBB\xBF{\"text\":\"y\"}\n");
    cr_assert_eq(chdir(dir), 0);
    const char *paths[] = {"b.jsonl"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 0);
    cr_assert_eq(w.n, 2);
    /* Columns count characters; the BOM is not one (as in the lexicon's messages). */
    cr_assert_str_eq(w.msg[0], "b.jsonl:1:9: skipped: invalid JSON: unexpected character");
    /* A BOM later on is not stripped: the line is broken (json-c calls it invalid UTF-8). */
    cr_assert_eq(strncmp(w.msg[1], "b.jsonl:2:1: skipped: ", 22), 0, "%s", w.msg[1]);
    ag_reader_free(&r);
    warnings_free(&w);
    remove_tree(dir);
}

/* Each kind of byte the string decoder must stop at, at every offset around the
 * 16-byte steps of its fast scan: decoded as json-c would, or the line skipped
 * (invalid UTF-8). */
Test(corpus, jsonl_string_specials_at_every_offset)
{
    static const struct {
        const char *json, *text; /* text NULL: the line is skipped */
    } specials[] = {
        {"\\\"", "\""},        {"\\\\", "\\"},          {"\\n", "\n"},        {"\\u00e9", "\xC3\xA9"},
        {"\xC3\xA9", "\xC3\xA9"}, {"\xE2\x80\x94", "\xE2\x80\x94"}, {"\x7F", "\x7F"},
        {"\x01", "\x01"}, /* refused by the fast path; json-c, its judge, takes it */
        {"\xFF", NULL},
    };
    char *dir = ag_t_tempdir(), *fast = NULL;
    size_t fast_cap = 0;
    cr_assert_eq(chdir(dir), 0);
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        char line[256], want[128];
        /* offsets 0 to 39 of the special, each in its own record */
        FILE *f = fopen("s.jsonl", "wb");
        cr_assert_not_null(f);
        for (size_t off = 0; off < 40; off++) {
            char *b = line + sprintf(line, "{\"id\":\"x\",\"text\":\""), *w = want;
            for (size_t i = 0; i < off; i++)
                *b++ = *w++ = (char)('a' + i % 26);
            b += sprintf(b, "%s", specials[k].json);
            if (specials[k].text)
                w += sprintf(w, "%s", specials[k].text);
            b += sprintf(b, "tail of twenty bytes\"}\n");
            w += sprintf(w, "tail of twenty bytes");
            cr_assert_eq(fwrite(line, 1, (size_t)(b - line), f), (size_t)(b - line));
            /* the fast path itself: it decodes what it takes, and leaves the rest to json-c */
            ag_i_json_field field = {"text", 0, 0, 0};
            int taken = ag_i_json_fast_record(line, (size_t)(b - line - 1), &field, 1, &fast, &fast_cap);
            unsigned char first = (unsigned char)specials[k].json[0];
            if (first == '\\' || first == 0x7F || (first >= 0xC2 && first <= 0xF4)) {
                cr_assert_eq(taken, 1, "special %zu at offset %zu", k, off);
                cr_assert_str_eq(fast + field.offset, want, "special %zu at offset %zu", k, off);
            } else {
                cr_assert_eq(taken, 0, "special %zu at offset %zu", k, off);
            }
        }
        cr_assert_eq(fclose(f), 0);
        const char *paths[] = {"s.jsonl"};
        warnings wn = {0};
        got g = {0};
        ag_error err = {0};
        ag_reader *r = open_ok(paths, 1, 0, 0, &wn);
        cr_assert_eq(drain(r, &g, &err), AG_OK, "%s", err.message);
        if (!specials[k].text) {
            cr_assert_eq(g.n, 0, "special %zu", k);
            cr_assert_eq(wn.n, 40, "special %zu", k);
        } else {
            cr_assert_eq(g.n, 40, "special %zu", k);
            cr_assert_eq(wn.n, 0, "special %zu", k);
            for (size_t off = 0; off < 40; off++) {
                char expect[128];
                char *e = expect;
                for (size_t i = 0; i < off; i++)
                    *e++ = (char)('a' + i % 26);
                sprintf(e, "%stail of twenty bytes", specials[k].text);
                cr_assert_str_eq(g.text[off], expect, "special %zu at offset %zu", k, off);
            }
        }
        ag_reader_free(&r);
        got_free(&g);
        warnings_free(&wn);
    }
    free(fast);
    remove_tree(dir);
}

Test(corpus, jsonl_huge_line)
{
    size_t n = 5u * 1024 * 1024;
    const char head[] = "{\"id\":\"big\",\"text\":\"";
    const char tail[] = "\"}\n{\"text\":\"after\"}\n";
    size_t total = sizeof head - 1 + n + sizeof tail - 1;
    char *buf = malloc(total);
    memcpy(buf, head, sizeof head - 1);
    for (size_t i = 0; i < n; i++)
        buf[sizeof head - 1 + i] = (i % 8 == 7) ? ' ' : 'a';
    memcpy(buf + sizeof head - 1 + n, tail, sizeof tail - 1);
    char *dir = ag_t_tempdir();
    put(dir, "big.jsonl", buf, total);
    free(buf);

    const char *paths[] = {dir};
    warnings w = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    const ag_document *d = NULL;
    /* handed out in pieces of at most 4 MiB, cut after a space, that add up to the text */
    size_t total_len = 0, pieces = 0;
    do {
        cr_assert_eq(ag_reader_next(r, &d, &err), AG_OK, "%s", err.message);
        cr_assert_not_null(d);
        cr_assert_str_eq(d->id, "big");
        cr_assert_eq(d->line, 1);
        cr_assert_eq(d->offset, total_len);
        cr_assert_leq(d->len, (size_t)4 << 20);
        cr_assert(d->more ? d->text[d->len - 1] == ' ' : d->len + total_len == n);
        for (size_t i = 0; i < d->len; i++)
            cr_assert_eq(d->text[i], ((d->offset + i) % 8 == 7) ? ' ' : 'a', "byte %zu", d->offset + i);
        total_len += d->len;
        pieces++;
    } while (d->more);
    cr_assert_eq(total_len, n);
    cr_assert_eq(pieces, 2);
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_OK);
    cr_assert_eq(d->offset, 0);
    cr_assert_eq(d->more, 0);
    cr_assert_str_eq(d->text, "after");
    cr_assert_eq(ag_reader_next(r, &d, &err), AG_OK);
    cr_assert_null(d);
    cr_assert_eq(w.n, 0);
    ag_reader_free(&r);
    remove_tree(dir);
}

/* ---- standard input ---- */

Test(corpus, stdin_text_from_pipe)
{
    const char data[] = "  Islamabad and Moscow\r\nsigned a deal.";
    stdin_from_pipe(data, sizeof data - 1);
    const char *paths[] = {"-"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.id[0], "-");
    cr_assert_str_eq(g.origin[0], "-");
    cr_assert_str_eq(g.text[0], "  Islamabad and Moscow\nsigned a deal.");
    cr_assert_eq(g.line[0], 0);
    ag_reader_free(&r);
    got_free(&g);
}

Test(corpus, stdin_text_starting_with_bom_and_blank_lines)
{
    const char data[] = "\xEF\xBB\xBF\n\n[not json] text";
    stdin_from_pipe(data, sizeof data - 1);
    const char *paths[] = {"-"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.text[0], "\n\n[not json] text");
    ag_reader_free(&r);
    got_free(&g);
}

Test(corpus, stdin_empty_is_one_empty_document)
{
    stdin_from_pipe("", 0);
    const char *paths[] = {"-"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_eq(g.len[0], 0);
    ag_reader_free(&r);
    got_free(&g);
}

Test(corpus, stdin_binary_skipped)
{
    stdin_from_pipe("ab\0cd", 5);
    const char *paths[] = {"-"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 0);
    cr_assert_eq(w.n, 1);
    cr_assert_str_eq(w.msg[0], "-: skipped: binary file (NUL bytes)");
    ag_reader_free(&r);
    warnings_free(&w);
}

Test(corpus, stdin_jsonl_sniffed_from_file)
{
    char *dir = ag_t_tempdir();
    PUT(dir, "in", "\xEF\xBB\xBF\n\n  {\"text\":\"one\"}\n{\"text\":\"two\",}\n{\"id\":\"t\",\"text\":\"three\"}\n");
    char *file = path_in(dir, "in");
    stdin_from_file(file);
    free(file);
    char *txt = path_in(dir, "after.txt");
    PUT(dir, "after.txt", "plain");
    const char *paths[] = {"-", txt};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 2, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK, "%s", err.message);
    cr_assert_eq(g.n, 3);
    cr_assert_str_eq(g.id[0], "-:3");
    cr_assert_str_eq(g.text[0], "one");
    cr_assert_str_eq(g.origin[0], "-");
    cr_assert_eq(g.line[0], 3);
    cr_assert_str_eq(g.id[1], "t");
    cr_assert_eq(g.line[1], 5);
    cr_assert_str_eq(g.id[2], txt);
    cr_assert_eq(w.n, 1);
    cr_assert_str_eq(w.msg[0], "-:4:15: skipped: invalid JSON: unexpected character");
    ag_reader_free(&r);
    got_free(&g);
    warnings_free(&w);
    free(txt);
    remove_tree(dir);
}

Test(corpus, stdin_jsonl_column_after_sniffed_blanks)
{
    const char data[] = "\xEF\xBB\xBF  {\"text\":'x'}\n";
    stdin_from_pipe(data, sizeof data - 1);
    const char *paths[] = {"-"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 0);
    cr_assert_eq(w.n, 1);
    cr_assert_str_eq(w.msg[0], "-:1:11: skipped: invalid JSON: unexpected character");
    ag_reader_free(&r);
    warnings_free(&w);
}

Test(corpus, stdin_forced_jsonl)
{
    const char data[] = "\n{\"text\":\"a\"}\n";
    stdin_from_pipe(data, sizeof data - 1);
    const char *paths[] = {"-"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 1, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_eq(g.n, 1);
    cr_assert_str_eq(g.id[0], "-:2");
    ag_reader_free(&r);
    got_free(&g);
}

Test(corpus, seeds_directory_ids)
{
    if (!ag_t_have_shared())
        cr_skip_test("../shared is not beside the project");
    const char *paths[] = {AG_SHARED_DIR "/seeds"};
    warnings w = {0};
    got g = {0};
    ag_error err = {0};
    ag_reader *r = open_ok(paths, 1, 0, 0, &w);
    cr_assert_eq(drain(r, &g, &err), AG_OK);
    cr_assert_geq(g.n, 1);
    cr_assert_str_eq(g.id[0], "000_03146d6d37fac7fa.txt");
    for (size_t i = 1; i < g.n; i++)
        cr_assert_lt(strcmp(g.id[i - 1], g.id[i]), 0);
    ag_reader_free(&r);
    got_free(&g);
}

/* Reading /proc/self/mem from offset 0 fails with EIO on Linux: a file that breaks mid-read. */
Test(corpus, read_error_names_the_file)
{
    if (access("/proc/self/mem", R_OK) != 0)
        cr_skip_test("no /proc/self/mem");
    const char *paths[] = {"/proc/self/mem"};
    for (int jsonl = 0; jsonl <= 1; jsonl++) {
        warnings w = {0};
        ag_error err = {0};
        ag_reader *r = open_ok(paths, 1, jsonl, 0, &w);
        const ag_document *d = NULL;
        cr_assert_eq(ag_reader_next(r, &d, &err), AG_EIO);
        cr_assert_null(d);
        cr_assert_str_eq(err.message, "/proc/self/mem: Input/output error");
        ag_reader_free(&r);
    }
}
