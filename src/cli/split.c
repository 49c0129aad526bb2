/* actorgraph build --split-by: one network per group of documents (JSONL
 * `source`, or the month, year or ISO week of `date`), each written as
 * PREFIX/GROUP.EXT. Documents are read once, in order, and each is extracted
 * into its group's network (one network per group in memory). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "actorgraph/actorgraph.h"
#include "cli/split.h"

enum { BY_SOURCE, BY_MONTH, BY_YEAR, BY_WEEK };

typedef struct group {
    char *name;
    ag_network *net;
    ag_extractor *ex;
} group;

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Day of the week of a date, 1 = Monday ... 7 = Sunday (Sakamoto). */
static int weekday(int y, int m, int d)
{
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 3)
        y--;
    int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; /* 0 = Sunday */
    return w == 0 ? 7 : w;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int weeks_in_year(int y)
{
    int p = (y + y / 4 - y / 100 + y / 400) % 7, q = ((y - 1) + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) % 7;
    return p == 4 || q == 3 ? 53 : 52;
}

/* The group of a date (`YYYY`, `YYYY-MM`, `YYYY-Www`) into @out; 0 when the date does not say. */
static int date_group(const char *date, int by, char *out, size_t cap)
{
    if (!date || strlen(date) < 4 || !is_digits(date, 4))
        return 0;
    int y = atoi(date);
    if (by == BY_YEAR) {
        snprintf(out, cap, "%04d", y);
        return 1;
    }
    if (strlen(date) < 7 || date[4] != '-' || !is_digits(date + 5, 2))
        return 0;
    int m = (date[5] - '0') * 10 + (date[6] - '0');
    if (m < 1 || m > 12)
        return 0;
    if (by == BY_MONTH) {
        snprintf(out, cap, "%04d-%02d", y, m);
        return 1;
    }
    if (strlen(date) < 10 || date[7] != '-' || !is_digits(date + 8, 2))
        return 0;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int d = (date[8] - '0') * 10 + (date[9] - '0');
    if (d < 1 || d > mdays[m - 1] + (m == 2 && leap(y)))
        return 0;
    int ordinal = d;
    for (int k = 1; k < m; k++)
        ordinal += mdays[k - 1] + (k == 2 && leap(y));
    int week = (ordinal - weekday(y, m, d) + 10) / 7, wy = y;
    if (week < 1) {
        wy = y - 1;
        week = weeks_in_year(wy);
    } else if (week > weeks_in_year(y)) {
        wy = y + 1;
        week = 1;
    }
    snprintf(out, cap, "%04d-W%02d", wy, week);
    return 1;
}

/* A file name from a source: letters, digits, `.`, `-`, `_` kept, anything else `_`;
 * no leading dot; at most 100 bytes. */
static void safe_name(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; s && *s && n + 1 < cap && n < 100; s++) {
        char c = *s;
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                   c == '_' || (c == '.' && n > 0);
        out[n++] = keep ? c : '_';
    }
    out[n] = '\0';
}

static int parse_by(const char *by)
{
    static const char *const names[] = {"source", "month", "year", "week"};
    for (int i = 0; i < 4; i++)
        if (strcmp(by, names[i]) == 0)
            return i;
    return -1;
}

static void warn_cb(void *userdata, const char *message)
{
    (void)userdata;
    ag_cli_warn("%s", message);
}

int ag_cli_split_build(const char *by, char *const *inputs, size_t n_inputs, const ag_reader_options *ropt,
                       const ag_lexicon *lex, const ag_extract_options *xopt, const ag_export_options *eopt,
                       const char *prefix, const ag_format *const *formats, size_t n_formats, int quiet)
{
    int how = parse_by(by), rc = AG_EXIT_FAILURE;
    ag_reader *reader = NULL;
    group *groups = NULL;
    size_t n_groups = 0, cap = 0, written = 0;
    ag_error err = {0};
    const ag_document *doc = NULL;
    group *cur = NULL; /* the group of the document whose pieces are being read */
    ag_reader_options ro = *ropt;
    if (how < 0) {
        ag_cli_error("invalid --split-by \"%s\" (use source, month, year or week)", by);
        return AG_EXIT_USAGE;
    }
    if (strcmp(prefix, "-") == 0) {
        ag_cli_error("--split-by writes one network per group: give a directory with -o, not '-'");
        return AG_EXIT_USAGE;
    }
    if (!ro.warn)
        ro.warn = warn_cb;
    ag_status st = ag_reader_open((const char *const *)inputs, n_inputs, &ro, &reader, &err);
    if (st != AG_OK) {
        ag_cli_error("%s", err.message);
        return st == AG_EIO || st == AG_EINVAL ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
    }
    for (;;) {
        st = ag_reader_next(reader, &doc, &err);
        if (st != AG_OK) {
            ag_cli_error("%s", err.message[0] ? err.message : ag_strerror(st));
            rc = (st == AG_ESKIP || st == AG_EPARSE) ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
            goto done;
        }
        if (!doc)
            break;
        if (doc->offset == 0 || !cur) {
            char name[128] = "";
            if (how == BY_SOURCE)
                safe_name(doc->source, name, sizeof name);
            else if (!date_group(doc->date, how, name, sizeof name))
                name[0] = '\0';
            if (!name[0])
                snprintf(name, sizeof name, "unknown");
            cur = NULL;
            for (size_t i = 0; i < n_groups && !cur; i++)
                if (strcmp(groups[i].name, name) == 0)
                    cur = &groups[i];
            if (!cur) {
                if (n_groups == cap) {
                    size_t ncap = cap ? cap * 2 : 16;
                    group *g = realloc(groups, ncap * sizeof *g);
                    if (!g)
                        goto oom;
                    groups = g;
                    cap = ncap;
                }
                cur = &groups[n_groups];
                memset(cur, 0, sizeof *cur);
                n_groups++;
                cur->name = strdup(name);
                if (!cur->name || ag_network_new(&cur->net) != AG_OK)
                    goto oom;
                st = ag_extractor_new(lex, xopt, cur->net, &cur->ex, &err);
                if (st != AG_OK) {
                    ag_cli_error("%s", err.message);
                    goto done;
                }
            }
        }
        st = ag_extract_document(cur->ex, doc, &err);
        if (st != AG_OK) {
            ag_cli_error("%s", err.message[0] ? err.message : ag_strerror(st));
            rc = (st == AG_ESKIP || st == AG_EPARSE) ? AG_EXIT_USAGE : AG_EXIT_FAILURE;
            goto done;
        }
    }
    if (n_groups == 0)
        ag_cli_warn("no documents found in the input");
    /* Groups in name order, so the summary (and any error) comes in a fixed order. */
    for (size_t i = 1; i < n_groups; i++)
        for (size_t k = i; k > 0 && strcmp(groups[k - 1].name, groups[k].name) > 0; k--) {
            group t = groups[k];
            groups[k] = groups[k - 1];
            groups[k - 1] = t;
        }
    for (size_t i = 0; i < n_groups; i++) {
        ag_extractor_free(&groups[i].ex);
        char path[4096], title[512];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", prefix, groups[i].name) >= sizeof path) {
            ag_cli_error("%s: output path too long", prefix);
            goto done;
        }
        ag_export_options o = *eopt;
        if (eopt->title && *eopt->title)
            snprintf(title, sizeof title, "%s: %s", eopt->title, groups[i].name);
        else
            snprintf(title, sizeof title, "%s", groups[i].name);
        o.title = title;
        int w = ag_cli_write_outputs(groups[i].net, &o, path, formats, n_formats);
        if (w < 0)
            goto done;
        written += w > 0;
    }
    if (!quiet)
        fprintf(stderr, "actorgraph: %zu group%s by %s -> %s/GROUP.*\n", n_groups, n_groups == 1 ? "" : "s", by,
                prefix);
    rc = written ? AG_EXIT_FAILURE : AG_EXIT_OK;
    goto done;
oom:
    ag_cli_error("out of memory");
done:
    for (size_t i = 0; i < n_groups; i++) {
        ag_extractor_free(&groups[i].ex);
        ag_network_free(&groups[i].net);
        free(groups[i].name);
    }
    free(groups);
    ag_reader_free(&reader);
    return rc;
}
