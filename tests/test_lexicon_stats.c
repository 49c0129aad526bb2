/* Lexicon match counts (ag_lexicon_stats_*): what the extractor sees, entry by entry, with places. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/corpus.h"
#include "actorgraph/lexicon.h"
#include "actorgraph/scan.h"
#include "support.h"

#define FAULTS AG_SOURCE_DIR "/tests/lexicons/faults.json"
#define CORPUS AG_SOURCE_DIR "/tests/lexicons/corpus"

/* An entry's counts, its strings copied. */
typedef struct got {
    char file[512], path[128], text[64], what[32], actor[16];
    size_t line, col, matches, documents;
    int kind, directed, strength;
} got;

typedef struct gots {
    got items[96];
    size_t n;
} gots;

static void keep(void *userdata, const ag_lexicon_entry_count *e)
{
    gots *g = userdata;
    cr_assert_lt(g->n, 96);
    got *r = &g->items[g->n++];
    snprintf(r->file, sizeof r->file, "%s", e->file ? e->file : "(none)");
    snprintf(r->path, sizeof r->path, "%s", e->path);
    snprintf(r->text, sizeof r->text, "%s", e->text);
    snprintf(r->what, sizeof r->what, "%s", e->what);
    snprintf(r->actor, sizeof r->actor, "%s", e->actor ? e->actor : "-");
    r->line = e->line;
    r->col = e->col;
    r->matches = e->matches;
    r->documents = e->documents;
    r->kind = e->kind;
    r->directed = e->directed;
    r->strength = e->strength;
}

/* The entry of this kind and text; fails the test when there is none. */
static const got *entry(const gots *g, const char *what, const char *text)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].what, what) == 0 && strcmp(g->items[i].text, text) == 0)
            return &g->items[i];
    cr_assert_fail("no %s \"%s\" among %zu entries", what, text, g->n);
    return NULL;
}

static int has_entry(const gots *g, const char *what, const char *text)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].what, what) == 0 && strcmp(g->items[i].text, text) == 0)
            return 1;
    return 0;
}

static void expect_counts(const gots *g, const char *what, const char *text, size_t matches, size_t documents)
{
    const got *r = entry(g, what, text);
    cr_expect_eq(r->matches, matches, "%s \"%s\": %zu matches, want %zu", what, text, r->matches, matches);
    cr_expect_eq(r->documents, documents, "%s \"%s\": %zu documents, want %zu", what, text, r->documents, documents);
}

typedef struct warned {
    size_t n;
    char last[512];
} warned;

static void on_warn(void *userdata, const char *message)
{
    warned *w = userdata;
    w->n++;
    snprintf(w->last, sizeof w->last, "%s", message);
}

/* Counts the fixture corpus with the faults lexicon; fills *g. */
static void count_fixture(gots *g, warned *w, size_t *documents, size_t *sentences)
{
    ag_lexicon *lex = NULL;
    ag_lexicon_stats *stats = NULL;
    ag_reader *reader = NULL;
    ag_error err = {0};
    ag_reader_options opt;
    ag_reader_options_init(&opt);
    opt.warn = on_warn;
    opt.warn_userdata = w;
    const char *paths[] = {CORPUS};
    cr_assert_eq(ag_lexicon_load_file(FAULTS, &lex, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_reader_open(paths, 1, &opt, &reader, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_lexicon_stats_new(lex, &stats, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_lexicon_stats_read(stats, reader, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_lexicon_stats_entries_file(stats, FAULTS, keep, g, &err), AG_OK, "%s", err.message);
    *documents = ag_lexicon_stats_documents(stats);
    *sentences = ag_lexicon_stats_sentences(stats);
    ag_lexicon_stats_free(&stats);
    cr_expect_null(stats);
    ag_reader_free(&reader);
    ag_lexicon_free(&lex);
}

Test(lexicon_stats, counts_what_the_extractor_sees)
{
    gots g = {0};
    warned w = {0};
    size_t documents = 0, sentences = 0;
    count_fixture(&g, &w, &documents, &sentences);
    /* a.txt, and two of the three JSONL lines: the third is no JSON, skipped with a warning as by build */
    cr_expect_eq(documents, 3);
    cr_expect_eq(w.n, 1);
    cr_expect(strstr(w.last, "b.jsonl:3:") != NULL, "%s", w.last);
    /* a.txt 4 (the `Read more:` line is boilerplate), b1 1, b2 2 */
    cr_expect_eq(sentences, 7);
    /* `Alpha Centauri` hides its Alpha; the boilerplate line's Alpha is not read; b2 repeats a sentence */
    expect_counts(&g, "alias", "Alpha", 6, 3);
    expect_counts(&g, "exclusion", "Alpha Centauri", 1, 1);
    expect_counts(&g, "exclusion", "Alpha Romeo", 0, 0);
    expect_counts(&g, "alias", "Never", 1, 1);
    expect_counts(&g, "alias", "Gamma Republic", 0, 0);
    expect_counts(&g, "alias", "Beta", 5, 2);
    expect_counts(&g, "alias", "WHO", 1, 1); /* case-sensitive: `who` is not B */
    expect_counts(&g, "alias", "--", 1, 1);
    expect_counts(&g, "cooperation cue", "agreed", 3, 2);
    expect_counts(&g, "cooperation cue", "backed", 0, 0); /* only on the boilerplate line */
    expect_counts(&g, "conflict cue", "accused", 2, 2);   /* `accuse` is another word */
    expect_counts(&g, "conflict cue", "denounced", 0, 0);
    expect_counts(&g, "clause break", "without", 1, 1);
    expect_counts(&g, "clause break", "but", 1, 1);
    expect_counts(&g, "negator", "not", 1, 1);
    expect_counts(&g, "coordinator", "and", 1, 1);
    /* the listed clause break `without` took the default negator's place; the alias took `never` */
    cr_expect(!has_entry(&g, "negator", "without"));
    cr_expect(!has_entry(&g, "negator", "never"));
}

Test(lexicon_stats, places_and_attributes)
{
    gots g = {0};
    warned w = {0};
    size_t documents = 0, sentences = 0;
    count_fixture(&g, &w, &documents, &sentences);
    /* file order first: 5 aliases, 2 exclusions, 4 cues, 2 clause breaks; then the built-in defaults */
    cr_assert_geq(g.n, 14);
    static const char *const order[] = {"Alpha",  "Never",  "Gamma Republic", "Alpha Centauri", "Alpha Romeo",
                                         "Beta",   "WHO",    "--",             "agreed",         "backed",
                                         "accused", "denounced", "without",    "but"};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        cr_expect_str_eq(g.items[i].text, order[i], "entry %zu", i);
        cr_expect_str_eq(g.items[i].file, FAULTS);
        cr_expect_gt(g.items[i].line, 0, "entry %zu has a line", i);
    }
    const got *r = entry(&g, "alias", "Alpha");
    cr_expect_eq(r->line, 4);
    cr_expect_eq(r->col, 29);
    cr_expect_str_eq(r->path, "actors[0].aliases[0]");
    cr_expect_str_eq(r->actor, "A");
    cr_expect_eq(r->kind, AG_MATCH_ACTOR);
    cr_expect_eq(r->strength, 0);
    r = entry(&g, "exclusion", "Alpha Romeo");
    cr_expect_str_eq(r->path, "actors[0].exclude[1]");
    cr_expect_eq(r->line, 5);
    cr_expect_eq(r->col, 36);
    cr_expect_str_eq(r->actor, "A");
    r = entry(&g, "conflict cue", "denounced");
    cr_expect_str_eq(r->path, "cues.conflict.directed[1]");
    cr_expect_eq(r->line, 10);
    cr_expect_eq(r->col, 59);
    cr_expect_eq(r->directed, 1);
    cr_expect_eq(r->strength, 2);
    cr_expect_str_eq(r->actor, "-");
    r = entry(&g, "cooperation cue", "agreed");
    cr_expect_eq(r->directed, 0);
    cr_expect_eq(r->strength, 1);
    /* a built-in default: no file, no line, its list as the path */
    r = entry(&g, "negator", "not");
    cr_expect_str_eq(r->file, "(none)");
    cr_expect_eq(r->line, 0);
    cr_expect_str_eq(r->path, "negators");
    r = entry(&g, "neutral phrase", "attack helicopters");
    cr_expect_str_eq(r->path, "neutral");
    cr_expect_str_eq(r->actor, "-");
    for (size_t i = sizeof order / sizeof order[0]; i < g.n; i++)
        cr_expect_eq(g.items[i].line, 0, "defaults come last: %s", g.items[i].text);
}

/* Counts one text with a lexicon given as JSON text; fills *g (with places when with_json). */
static void count_text(const char *lexicon, const char *text, int with_json, gots *g, size_t *documents)
{
    ag_lexicon *lex = NULL;
    ag_lexicon_stats *stats = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_lexicon_load_buffer(lexicon, strlen(lexicon), "t.json", &lex, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_lexicon_stats_new(lex, &stats, &err), AG_OK, "%s", err.message);
    ag_document doc = {"d", text, strlen(text), NULL, NULL, NULL, "-", 0, 0, 0};
    cr_assert_eq(ag_lexicon_stats_add(stats, &doc, &err), AG_OK, "%s", err.message);
    cr_assert_eq(ag_lexicon_stats_entries_buffer(stats, with_json ? lexicon : NULL, strlen(lexicon), "t.json", keep,
                                                 g, &err),
                 AG_OK, "%s", err.message);
    *documents = ag_lexicon_stats_documents(stats);
    ag_lexicon_stats_free(&stats);
    ag_lexicon_free(&lex);
}

Test(lexicon_stats, case_sensitive_alias_and_default_word_both_count)
{
    gots g = {0};
    size_t docs = 0;
    count_text("{\"actors\": [{\"id\": \"W\", \"aliases\": [\"WHO\"]}]}", "The WHO said who met whom. Who knows.", 1,
               &g, &docs);
    cr_expect_eq(docs, 1);
    expect_counts(&g, "alias", "WHO", 1, 1);
    expect_counts(&g, "clause break", "who", 2, 1); /* `who` and `Who` */
    expect_counts(&g, "clause break", "whom", 1, 1);
}

Test(lexicon_stats, longest_match_wins)
{
    /* leftmost-longest, as the scanner resolves overlaps: `peace talks` is not also `talks`, and the
       neutral phrase hides the cue inside it */
    gots g = {0};
    size_t docs = 0;
    count_text("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Alpha\"]}], \"cues\": {\"cooperation\": {\"symmetric\":"
               " [\"talks\", \"peace talks\"]}}, \"neutral\": [\"peace talks collapse\"]}",
               "Alpha held peace talks. The talks went on. The peace talks collapse came later.", 1, &g, &docs);
    expect_counts(&g, "cooperation cue", "peace talks", 1, 1);
    expect_counts(&g, "cooperation cue", "talks", 1, 1);
    expect_counts(&g, "neutral phrase", "peace talks collapse", 1, 1);
}

Test(lexicon_stats, without_json_the_patterns_have_no_place)
{
    gots g = {0};
    size_t docs = 0;
    count_text("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Alpha\"]}], \"negators\": [\"not\"]}", "Alpha did not.",
               0, &g, &docs);
    const got *r = entry(&g, "alias", "Alpha");
    cr_expect_eq(r->line, 0);
    cr_expect_str_eq(r->file, "(none)");
    cr_expect_str_eq(r->path, "aliases");
    expect_counts(&g, "negator", "not", 1, 1);
}

Test(lexicon_stats, pieces_of_one_document_count_once)
{
    ag_lexicon *lex = NULL;
    ag_lexicon_stats *stats = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_lexicon_load_default(&lex, &err), AG_OK);
    cr_assert_eq(ag_lexicon_stats_new(lex, &stats, &err), AG_OK);
    const char *a = "Moscow backed Islamabad.\n\n", *b = "Moscow accused Washington.\n";
    ag_document p1 = {"big", a, strlen(a), NULL, NULL, NULL, "big.txt", 0, 0, 1};
    ag_document p2 = {"big", b, strlen(b), NULL, NULL, NULL, "big.txt", 0, strlen(a), 0};
    ag_document other = {"small", b, strlen(b), NULL, NULL, NULL, "small.txt", 0, 0, 0};
    cr_expect_eq(ag_lexicon_stats_add(stats, &p1, &err), AG_OK);
    cr_expect_eq(ag_lexicon_stats_add(stats, &p2, &err), AG_OK);
    cr_expect_eq(ag_lexicon_stats_documents(stats), 1);
    cr_expect_eq(ag_lexicon_stats_add(stats, &other, &err), AG_OK);
    cr_expect_eq(ag_lexicon_stats_documents(stats), 2);
    cr_expect_eq(ag_lexicon_stats_sentences(stats), 3);
    ag_lexicon_stats_free(&stats);
    ag_lexicon_free(&lex);
}

Test(lexicon_stats, json_of_another_lexicon_is_refused)
{
    const char *lexicon = "{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Alpha\"]}]}";
    const char *other = "{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Alpha\", \"Alef\"]}]}";
    ag_lexicon *lex = NULL;
    ag_lexicon_stats *stats = NULL;
    ag_error err = {0};
    gots g = {0};
    cr_assert_eq(ag_lexicon_load_buffer(lexicon, strlen(lexicon), "t.json", &lex, &err), AG_OK);
    cr_assert_eq(ag_lexicon_stats_new(lex, &stats, &err), AG_OK);
    cr_expect_eq(ag_lexicon_stats_entries_buffer(stats, other, strlen(other), "o.json", keep, &g, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "o.json: actors[0].aliases[1]: alias \"Alef\" is not in the lexicon counted");
    cr_expect_eq(ag_lexicon_stats_entries_buffer(stats, "{", 1, "o.json", keep, &g, &err), AG_EPARSE);
    cr_expect_eq(ag_lexicon_stats_entries_file(stats, "/nonexistent/x.json", keep, &g, &err), AG_EIO);
    ag_lexicon_stats *none = stats;
    cr_expect_eq(ag_lexicon_stats_new(NULL, &none, &err), AG_EINVAL);
    cr_expect_null(none);
    ag_lexicon_stats_free(&stats);
    ag_lexicon_stats_free(&stats);
    ag_lexicon_stats_free(NULL);
    ag_lexicon_free(&lex);
}
