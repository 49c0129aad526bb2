/* Lexicon loading: the default lexicon, the case rule, and every kind of error message. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actorgraph/lexicon.h"
#include "lexicon_internal.h"
#include "support.h"

/* Loads JSON text under the name `t.json`; returns the status, message in *err. */
static ag_status load(const char *json, ag_lexicon **lex, ag_error *err)
{
    memset(err, 0, sizeof *err);
    return ag_lexicon_load_buffer(json, strlen(json), "t.json", lex, err);
}

/* Expects JSON text to fail with AG_EPARSE and exactly this message. */
static void expect_error(const char *json, const char *message)
{
    ag_lexicon *lex = NULL;
    ag_error err;
    ag_status st = load(json, &lex, &err);
    cr_expect_eq(st, AG_EPARSE, "status %d for %s", st, json);
    cr_expect_eq(err.status, AG_EPARSE);
    cr_expect_str_eq(err.message, message, "for %s\n  got  %s\n  want %s", json, err.message, message);
    cr_expect_null(lex);
    ag_lexicon_free(&lex);
}

/* Expects JSON text to fail with AG_EPARSE and a message containing @p part. */
static void expect_error_part(const char *json, const char *part)
{
    ag_lexicon *lex = NULL;
    ag_error err;
    ag_status st = load(json, &lex, &err);
    cr_expect_eq(st, AG_EPARSE, "status %d for %s", st, json);
    cr_expect(strstr(err.message, part) != NULL, "message \"%s\" lacks \"%s\"", err.message, part);
    cr_expect_null(lex);
    ag_lexicon_free(&lex);
}

/* The pattern with this text and kind, or NULL. */
static const ag_i_pattern *find_pattern(const ag_lexicon *lex, const char *text, ag_match_kind kind)
{
    for (size_t i = 0; i < lex->n_patterns; i++)
        if (lex->patterns[i].kind == kind && strcmp(lex->patterns[i].text, text) == 0)
            return &lex->patterns[i];
    return NULL;
}

static size_t count_kind(const ag_lexicon *lex, ag_match_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < lex->n_patterns; i++)
        n += lex->patterns[i].kind == kind;
    return n;
}

/* ---- the default lexicon ---------------------------------------------------- */

Test(lexicon, default_has_six_actors_in_order)
{
    static const char *const ids[] = {"Russia", "Pakistan", "US", "India", "Taliban", "IS"};
    static const char *const labels[] = {"Russia", "Pakistan", "United States", "India", "Taliban",
                                         "Islamic State"};
    static const char *const groups[] = {"state", "state", "state", "state", "armed group", "armed group"};
    ag_lexicon *lex = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_lexicon_load_default(&lex, &err), AG_OK, "%s", err.message);
    cr_expect_str_eq(ag_lexicon_name(lex), "default");
    cr_assert_eq(ag_lexicon_actor_count(lex), 6);
    for (size_t i = 0; i < 6; i++) {
        cr_expect_str_eq(ag_lexicon_actor_id(lex, i), ids[i]);
        cr_expect_str_eq(ag_lexicon_actor_label(lex, i), labels[i]);
        cr_expect_str_eq(ag_lexicon_actor_group(lex, i), groups[i]);
        const char *c = ag_lexicon_actor_color(lex, i);
        cr_assert_not_null(c);
        cr_expect_eq(strlen(c), 7);
        cr_expect_eq(c[0], '#');
        cr_expect_eq(ag_lexicon_find_actor(lex, ids[i]), (long)i);
    }
    cr_expect_null(ag_lexicon_actor_id(lex, 6));
    cr_expect_eq(ag_lexicon_find_actor(lex, "China"), -1);
    cr_expect_eq(ag_lexicon_find_actor(lex, "russia"), -1, "ids are exact");
    cr_expect_gt(count_kind(lex, AG_MATCH_COOPERATION) + count_kind(lex, AG_MATCH_CONFLICT), 200);
    cr_expect_gt(lex->n_boilerplate, 20);
    ag_lexicon_free(&lex);
}

Test(lexicon, default_json_is_the_file_byte_for_byte)
{
    size_t file_len = 0, len = 0;
    char *file = ag_t_read_file(AG_SOURCE_DIR "/lexicons/default.json", &file_len);
    cr_assert_not_null(file);
    const char *json = ag_lexicon_default_json(&len);
    cr_assert_not_null(json);
    cr_expect_eq(len, file_len);
    cr_expect(len == file_len && memcmp(json, file, len) == 0, "embedded lexicon differs from the file");
    cr_expect_eq(json[len], '\0');
    cr_expect_eq(ag_lexicon_default_json(NULL), json, "the length pointer may be NULL");
    free(file);
}

/* Every alias the seed articles and their gold file rely on is there, for the right actor. */
Test(lexicon, default_covers_the_seed_aliases)
{
    static const struct {
        const char *alias, *actor;
    } want[] = {
        {"Russia", "Russia"}, {"Russian", "Russia"}, {"Russian Federation", "Russia"},
        {"Moscow", "Russia"}, {"Kremlin", "Russia"}, {"Lavrov", "Russia"}, {"Sergei Lavrov", "Russia"},
        {"Sergey Lavrov", "Russia"}, {"Putin", "Russia"}, {"Soviet Union", "Russia"}, {"USSR", "Russia"},
        {"Ryabkov", "Russia"}, {"Sergey Ryabkov", "Russia"},
        {"Pakistan", "Pakistan"}, {"Pakistani", "Pakistan"}, {"Pak", "Pakistan"}, {"Islamabad", "Pakistan"},
        {"Khawaja Asif", "Pakistan"}, {"Khwaja Asif", "Pakistan"}, {"Khawaja", "Pakistan"},
        {"Khwaja", "Pakistan"}, {"Asif", "Pakistan"}, {"ISI", "Pakistan"},
        {"United States", "US"}, {"U.S.", "US"}, {"US", "US"}, {"USA", "US"}, {"America", "US"},
        {"American", "US"}, {"Washington", "US"}, {"Pentagon", "US"}, {"White House", "US"},
        {"India", "India"}, {"Indian", "India"}, {"Indo", "India"}, {"New Delhi", "India"},
        {"Delhi", "India"}, {"Modi", "India"},
        {"Taliban", "Taliban"}, {"Afghan Taliban", "Taliban"},
        {"Islamic State", "IS"}, {"IS", "IS"}, {"ISIS", "IS"}, {"ISIL", "IS"}, {"Daesh", "IS"},
        {"ISKP", "IS"},
    };
    ag_lexicon *lex = NULL;
    cr_assert_eq(ag_lexicon_load_default(&lex, NULL), AG_OK);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const ag_i_pattern *p = find_pattern(lex, want[i].alias, AG_MATCH_ACTOR);
        cr_expect_not_null(p, "alias %s is missing", want[i].alias);
        if (p)
            cr_expect_str_eq(lex->actors[p->actor].id, want[i].actor, "alias %s", want[i].alias);
    }
    /* The gold's no_actor sentences need these to be case-sensitive. */
    cr_expect(find_pattern(lex, "US", AG_MATCH_ACTOR)->case_sensitive);
    cr_expect(find_pattern(lex, "IS", AG_MATCH_ACTOR)->case_sensitive);
    cr_expect(find_pattern(lex, "Pak", AG_MATCH_ACTOR)->case_sensitive);
    cr_expect_null(find_pattern(lex, "Foreign Office", AG_MATCH_ACTOR), "too generic");
    /* Negators are not cues. */
    cr_expect_null(find_pattern(lex, "stop", AG_MATCH_COOPERATION));
    cr_expect_null(find_pattern(lex, "stopped", AG_MATCH_CONFLICT));
    cr_expect_not_null(find_pattern(lex, "stopped", AG_MATCH_REVERSER));
    const ag_i_pattern *war = find_pattern(lex, "war", AG_MATCH_CONFLICT);
    cr_assert_not_null(war);
    cr_expect_eq(war->strength, 2);
    cr_expect_eq(war->directed, 0);
    const ag_i_pattern *accused = find_pattern(lex, "accused", AG_MATCH_CONFLICT);
    cr_assert_not_null(accused);
    cr_expect_eq(accused->directed, 1);
    cr_expect_eq(accused->strength, 1);
    cr_expect_not_null(find_pattern(lex, "US Open", AG_MATCH_EXCLUDE));
    cr_expect_not_null(find_pattern(lex, "Indian Ocean", AG_MATCH_EXCLUDE));
    ag_lexicon_free(&lex);
}

Test(lexicon, south_asia_loads)
{
    ag_lexicon *lex = NULL;
    ag_error err = {0};
    cr_assert_eq(ag_lexicon_load_file(AG_SOURCE_DIR "/lexicons/south-asia.json", &lex, &err), AG_OK, "%s",
                 err.message);
    cr_expect_str_eq(ag_lexicon_name(lex), "south-asia");
    cr_expect_geq(ag_lexicon_actor_count(lex), 12);
    static const char *const ids[] = {"Russia", "Pakistan", "US", "India", "Taliban", "IS",
                                      "China", "Afghanistan", "Iran", "NATO", "UN", "EU", "Bangladesh"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        cr_expect_geq(ag_lexicon_find_actor(lex, ids[i]), 0, "%s", ids[i]);
    ag_lexicon_free(&lex);
}

/* ---- rules ------------------------------------------------------------------- */

Test(lexicon, case_rule)
{
    ag_lexicon *lex = NULL;
    ag_error err;
    cr_assert_eq(load("{\"actors\": ["
                      "{\"id\": \"US\", \"aliases\": [\"US\", \"U.S.\", \"United States\", \"Us\","
                      " {\"text\": \"USA\", \"case\": \"insensitive\"}]},"
                      "{\"id\": \"Russia\", \"aliases\": [\"Russia\", \"USSR\", \"NATOS\", \"UNESCO\","
                      " {\"text\": \"Kremlin\", \"case\": \"sensitive\"}, \"1999\", \"Émigré\"]}]}",
                      &lex, &err),
                 AG_OK, "%s", err.message);
    static const struct {
        const char *text;
        int sensitive;
    } want[] = {{"US", 1},     {"U.S.", 1},   {"United States", 0}, {"Us", 0},      {"USA", 0},
                {"Russia", 0}, {"USSR", 1},   {"NATOS", 1},         {"UNESCO", 0},  {"Kremlin", 1},
                {"1999", 0},   {"Émigré", 0}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const ag_i_pattern *p = find_pattern(lex, want[i].text, AG_MATCH_ACTOR);
        cr_assert_not_null(p, "%s", want[i].text);
        cr_expect_eq(p->case_sensitive, want[i].sensitive, "%s", want[i].text);
    }
    cr_expect_eq(find_pattern(lex, "US", AG_MATCH_ACTOR)->actor, 0);
    cr_expect_eq(find_pattern(lex, "USSR", AG_MATCH_ACTOR)->actor, 1);
    ag_lexicon_free(&lex);
}

Test(lexicon, fields_defaults_and_word_lists)
{
    ag_lexicon *lex = NULL;
    ag_error err;
    cr_assert_eq(load("{\"future\": {\"x\": [1, 2.5, null, true]},"
                      " \"actors\": [{\"id\": \"A\", \"color\": \"#AbCdEf\", \"aliases\": [\"Alpha\", \"alpha\","
                      " \"Alpha\"], \"exclude\": [\"Alpha Centauri\"], \"group\": null}],"
                      " \"cues\": {\"cooperation\": {\"symmetric\": [\"talks\", {\"text\": \"treaty\", \"strength\": 2}]},"
                      " \"conflict\": {\"directed\": [\"accused\"]}},"
                      " \"negators\": [], \"binders\": [\"betwixt\"]}",
                      &lex, &err),
                 AG_OK, "%s", err.message);
    cr_expect_str_eq(ag_lexicon_name(lex), "t.json", "a buffer is named by its name");
    cr_expect_str_eq(ag_lexicon_actor_label(lex, 0), "A", "label defaults to the id");
    cr_expect_null(ag_lexicon_actor_group(lex, 0));
    cr_expect_str_eq(ag_lexicon_actor_color(lex, 0), "#abcdef", "colours are stored in lower case");
    cr_expect_eq(count_kind(lex, AG_MATCH_ACTOR), 1, "a repeated alias of one actor is dropped");
    const ag_i_pattern *ex = find_pattern(lex, "Alpha Centauri", AG_MATCH_EXCLUDE);
    cr_assert_not_null(ex);
    cr_expect_eq(ex->actor, 0);
    cr_expect_eq(ex->case_sensitive, 0);
    const ag_i_pattern *talks = find_pattern(lex, "talks", AG_MATCH_COOPERATION);
    cr_assert_not_null(talks);
    cr_expect_eq(talks->strength, 1);
    cr_expect_eq(talks->directed, 0);
    cr_expect_eq(talks->actor, -1);
    cr_expect_eq(find_pattern(lex, "treaty", AG_MATCH_COOPERATION)->strength, 2);
    cr_expect_eq(find_pattern(lex, "accused", AG_MATCH_CONFLICT)->directed, 1);
    cr_expect_eq(count_kind(lex, AG_MATCH_NEGATOR), 0, "an explicit empty list means none");
    cr_expect_eq(count_kind(lex, AG_MATCH_BINDER), 1);
    cr_expect_not_null(find_pattern(lex, "betwixt", AG_MATCH_BINDER));
    cr_expect_eq(count_kind(lex, AG_MATCH_CLAUSE), 11, "English defaults when absent");
    cr_expect_not_null(find_pattern(lex, "whereas", AG_MATCH_CLAUSE));
    cr_expect_eq(count_kind(lex, AG_MATCH_COORD), 6);
    cr_expect_not_null(find_pattern(lex, "as well as", AG_MATCH_COORD));
    cr_expect_eq(lex->n_boilerplate, 26);
    cr_expect_str_eq(lex->boilerplate[0], "Read more");
    ag_lexicon_free(&lex);
}

Test(lexicon, defaults_yield_to_listed_words)
{
    /* "cut" is a default negator; a lexicon that makes it a cue keeps the cue. */
    ag_lexicon *lex = NULL;
    ag_error err;
    cr_assert_eq(load("{\"actors\": [{\"id\": \"A\"}],"
                      " \"cues\": {\"conflict\": {\"directed\": [\"cut\"]}}}",
                      &lex, &err),
                 AG_OK, "%s", err.message);
    cr_expect_not_null(find_pattern(lex, "cut", AG_MATCH_CONFLICT));
    cr_expect_null(find_pattern(lex, "cut", AG_MATCH_NEGATOR));
    cr_expect_not_null(find_pattern(lex, "never", AG_MATCH_NEGATOR));
    ag_lexicon_free(&lex);
}

Test(lexicon, name_field_and_bom)
{
    ag_lexicon *lex = NULL;
    ag_error err;
    cr_assert_eq(load("\xEF\xBB\xBF{\"name\": \"mine\", \"actors\": [{\"id\": \"A\"}]}", &lex, &err), AG_OK,
                 "%s", err.message);
    cr_expect_str_eq(ag_lexicon_name(lex), "mine");
    ag_lexicon_free(&lex);
    /* Positions after a BOM still count from the first real character. */
    expect_error("\xEF\xBB\xBF{\"actors\": [1,]}", "t.json:1:14: trailing comma before ']'");
}

Test(lexicon, alias_length_limit)
{
    char json[1024], alias[300];
    ag_lexicon *lex = NULL;
    ag_error err;
    memset(alias, 'a', 256);
    alias[256] = '\0';
    snprintf(json, sizeof json, "{\"actors\": [{\"id\": \"A\", \"aliases\": [\"%s\"]}]}", alias);
    cr_expect_eq(load(json, &lex, &err), AG_OK, "256 bytes are allowed: %s", err.message);
    ag_lexicon_free(&lex);
    alias[256] = 'a';
    alias[257] = '\0';
    snprintf(json, sizeof json, "{\"actors\": [{\"id\": \"A\", \"aliases\": [\"%s\"]}]}", alias);
    expect_error(json, "t.json:1:37: actors[0].aliases[0]: is longer than 256 bytes");
}

/* ---- JSON syntax errors ------------------------------------------------------ */

Test(lexicon, syntax_error_positions)
{
    expect_error("{\"actors\": [1,]}", "t.json:1:14: trailing comma before ']'");
    expect_error("{\n  \"actors\": [\n    {\"id\": \"A\"},\n  ],\n}\n",
                 "t.json:3:16: trailing comma before ']'");
    expect_error("{\"actors\": [{\"id\": \"A\"}]\n", "t.json:1:25: unexpected end of input");
    expect_error("{\n  \"actors\": [\n    x\n  ]\n}\n", "t.json:3:5: unexpected character 'x'");
    expect_error("{\n  \"actors\": [\n    {\"id\": \"Ünïcode\", \"label\" \"x\"}\n  ]\n}\n",
                 "t.json:3:31: expected ':'");
    expect_error("", "t.json:1:1: unexpected end of input");
    expect_error("  \n ", "t.json:1:1: unexpected end of input");
}

Test(lexicon, syntax_error_kinds)
{
    expect_error("// c\n{}", "t.json:1:1: comments are not allowed in JSON");
    expect_error("{\"actors\": [], /* c */}", "t.json:1:16: comments are not allowed in JSON");
    expect_error("{\"a\": NaN}", "t.json:1:7: \"NaN\" is not valid JSON");
    expect_error("{\"a\": -Infinity}", "t.json:1:7: \"-Infinity\" is not valid JSON");
    expect_error("{\"a\": 1.}", "t.json:1:7: invalid number");
    expect_error("{'a': 1}", "t.json:1:2: strings must use double quotes");
    expect_error("{\"a\": 'b'}", "t.json:1:7: strings must use double quotes");
    expect_error("{\"a\": \"x\ty\"}", "t.json:1:9: control character in string (write it as an escape)");
    expect_error("{\"a\": 1} {}", "t.json:1:10: unexpected character '{'");
    expect_error("{\"a\": tru}", "t.json:1:10: invalid literal (expected true or false)");
    expect_error("{\"a\": \"\\x\"}", "t.json:1:9: invalid escape in string");
    expect_error("{\"a\": \"\\'\"}", "t.json:1:9: invalid escape in string");
    expect_error("{\"a\": \"\xff\"}", "t.json:1:8: invalid UTF-8");
    expect_error("{\"a\" 1}", "t.json:1:6: expected ':'");
    expect_error("{\"a\": 1 \"b\": 2}", "t.json:1:9: expected ',' or '}'");
    expect_error("[1 2]", "t.json:1:4: expected ',' or ']'");
    expect_error("[1, 2]", "t.json:1:1: the lexicon must be a JSON object");
    expect_error("42", "t.json:1:1: the lexicon must be a JSON object");

    /* A NUL byte inside the given length is an error, not the end. */
    ag_lexicon *lex = NULL;
    ag_error err = {0};
    cr_expect_eq(ag_lexicon_load_buffer("{}\0 ", 4, "n.json", &lex, &err), AG_EPARSE);
    cr_expect_str_eq(err.message, "n.json:1:3: unexpected NUL byte");
    cr_expect_null(lex);
}

Test(lexicon, deep_nesting_is_an_error_not_a_crash)
{
    size_t n = 10000;
    char *json = malloc(n + 1);
    cr_assert_not_null(json);
    memset(json, '[', n);
    json[n] = '\0';
    expect_error(json, "t.json:1:33: nesting too deep (more than 32 levels)");
    /* Objects too: `{"a":{"a":...`, the 33rd object is one too many. */
    for (size_t i = 0; i + 5 <= n; i += 5)
        memcpy(json + i, "{\"a\":", 5);
    expect_error(json, "t.json:1:161: nesting too deep (more than 32 levels)");
    free(json);
}

/* ---- lexicon errors ------------------------------------------------------------ */

Test(lexicon, structure_errors)
{
    expect_error("{}", "t.json:1:1: missing \"actors\"");
    expect_error("{\"actors\": []}", "t.json:1:12: actors: must not be empty");
    expect_error("{\"actors\": {}}", "t.json:1:12: actors: must be an array");
    expect_error("{\"actors\": null}", "t.json:1:12: actors: must be an array");
    expect_error("{\"actors\": [\"A\"]}", "t.json:1:13: actors[0]: must be an object");
    expect_error("{\"actors\": [{\"label\": \"A\"}]}", "t.json:1:13: actors[0]: missing \"id\"");
    expect_error("{\"actors\": [{\"id\": \"\"}]}", "t.json:1:20: actors[0].id: must not be empty");
    expect_error("{\"actors\": [{\"id\": 7}]}", "t.json:1:20: actors[0].id: must be a string");
    expect_error("{\"actors\": [{\"id\": \"A\", \"label\": 3}]}", "t.json:1:34: actors[0].label: must be a string");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": \"A\"}]}",
                 "t.json:1:36: actors[0].aliases: must be an array");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [1]}]}",
                 "t.json:1:37: actors[0].aliases[0]: must be a string or an object with \"text\"");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [{\"case\": \"sensitive\"}]}]}",
                 "t.json:1:37: actors[0].aliases[0]: missing \"text\"");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [{\"text\": \"A\", \"case\": \"upper\"}]}]}",
                 "t.json:1:59: actors[0].aliases[0].case: must be \"sensitive\" or \"insensitive\"");
    expect_error("{\"actors\": [{\"id\": \"A\", \"exclude\": [\"\"]}]}",
                 "t.json:1:37: actors[0].exclude[0]: must not be empty");
    expect_error("{\"name\": 1, \"actors\": [{\"id\": \"A\"}]}", "t.json:1:10: name: must be a string");
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"cues\": []}", "t.json:1:35: cues: must be an object");
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"conflict\": [\"war\"]}}",
                 "t.json:1:48: cues.conflict: must be an object");
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"negators\": \"not\"}", "t.json:1:39: negators: must be an array");
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"boilerplate\": [\"\"]}",
                 "t.json:1:43: boilerplate[0]: must not be empty");
}

Test(lexicon, duplicate_actor_id)
{
    expect_error("{\n  \"actors\": [\n    {\"id\": \"US\"},\n    {\"id\": \"US\"}\n  ]\n}\n",
                 "t.json:4:12: actors[1].id: duplicate actor id \"US\"");
}

Test(lexicon, alias_listed_for_two_actors)
{
    expect_error("{\"actors\": [\n"
                 "  {\"id\": \"A\", \"aliases\": [\"Alpha\", \"Shared Name\"]},\n"
                 "  {\"id\": \"B\", \"aliases\": [\"Beta\", \"shared name\"]}\n"
                 "]}",
                 "t.json:3:35: actors[1].aliases[1]: alias \"shared name\" is listed for two actors (A and B)");
    /* Case-sensitive aliases clash only when identical. */
    ag_lexicon *lex = NULL;
    ag_error err;
    cr_expect_eq(load("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"AB\"]},"
                      " {\"id\": \"B\", \"aliases\": [{\"text\": \"Ab\", \"case\": \"sensitive\"}]}]}",
                      &lex, &err),
                 AG_OK, "%s", err.message);
    ag_lexicon_free(&lex);
    expect_error_part("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"AB\"]}, {\"id\": \"B\", \"aliases\": [\"Ab\"]}]}",
                      "alias \"Ab\" is listed for two actors (A and B)");
}

Test(lexicon, empty_and_bad_aliases)
{
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"\"]}]}",
                 "t.json:1:37: actors[0].aliases[0]: must not be empty");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [{\"text\": \"\"}]}]}",
                 "t.json:1:46: actors[0].aliases[0].text: must not be empty");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [\" A\"]}]}",
                 "t.json:1:37: actors[0].aliases[0]: must not start or end with white space");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"A\\nB\"]}]}",
                 "t.json:1:37: actors[0].aliases[0]: must not contain control characters");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"A\\u0000B\"]}]}",
                 "t.json:1:37: actors[0].aliases[0]: must not contain control characters");
}

Test(lexicon, bad_color)
{
    expect_error("{\"actors\": [{\"id\": \"A\", \"color\": \"red\"}]}",
                 "t.json:1:34: actors[0].color: must be a colour of the form #rrggbb, not \"red\"");
    expect_error_part("{\"actors\": [{\"id\": \"A\", \"color\": \"#12345g\"}]}", "#rrggbb");
    expect_error_part("{\"actors\": [{\"id\": \"A\", \"color\": \"#1234567\"}]}", "#rrggbb");
    expect_error_part("{\"actors\": [{\"id\": \"A\", \"color\": \"#123\"}]}", "#rrggbb");
}

Test(lexicon, cue_errors)
{
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"conflict\": {\"symmetric\": [\"war\", \"War\"]}}}",
                 "t.json:1:70: cues.conflict.symmetric[1]: cue \"War\" is listed twice");
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"cooperation\": {\"directed\": [\"backed\"]},"
                 " \"conflict\": {\"directed\": [\"backed\"]}}}",
                 "t.json:1:103: cues.conflict.directed[0]: \"backed\" is listed both as a cooperation cue and as"
                 " a conflict cue (first at 1:65, cues.cooperation.directed[0]); remove one of them");
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"conflict\": {\"directed\": [{\"text\": \"war\","
                 " \"strength\": 10}]}}}",
                 "t.json:1:90: cues.conflict.directed[0].strength: must be an integer from 1 to 9");
    expect_error_part("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"conflict\": {\"directed\": [{\"text\": \"war\","
                      " \"strength\": 0}]}}}",
                      "must be an integer from 1 to 9");
    expect_error_part("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"conflict\": {\"directed\": [{\"text\": \"war\","
                      " \"strength\": 2.0}]}}}",
                      "must be an integer from 1 to 9");
    expect_error_part("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"conflict\": {\"directed\": [{\"text\": \"war\","
                      " \"strength\": \"2\"}]}}}",
                      "must be an integer from 1 to 9");
    expect_error("{\"actors\": [{\"id\": \"A\"}], \"cues\": {\"conflict\": {\"directed\": [\"not\"]}},"
                 " \"negators\": [\"not\"]}",
                 "t.json:1:85: negators[0]: \"not\" is listed both as a conflict cue and as a negator (first at 1:62,"
                 " cues.conflict.directed[0]); remove one of them");
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Accord\"]}],"
                 " \"cues\": {\"cooperation\": {\"symmetric\": [\"accord\"]}}}",
                 "t.json:1:89: cues.cooperation.symmetric[0]: \"accord\" is listed both as an alias of A and as"
                 " a cooperation cue (first at 1:37, actors[0].aliases[0]); remove one of them");
}

/* ---- defaults that give way, and the lint of aliases that take a role ------------- */

Test(lexicon, default_word_gives_way_to_a_listed_one)
{
    /* `without` is a default negator; listed as a clause break it is one, not an error */
    ag_lexicon *lex = NULL;
    ag_error err;
    cr_assert_eq(load("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Alpha\"]}], \"clause_breaks\": [\"Without\"],"
                      " \"reversers\": [\"no\"]}",
                      &lex, &err),
                 AG_OK, "%s", err.message);
    cr_expect_not_null(find_pattern(lex, "Without", AG_MATCH_CLAUSE));
    cr_expect_null(find_pattern(lex, "without", AG_MATCH_NEGATOR));
    cr_expect_not_null(find_pattern(lex, "no", AG_MATCH_REVERSER));
    cr_expect_null(find_pattern(lex, "no", AG_MATCH_NEGATOR));
    cr_expect_not_null(find_pattern(lex, "not", AG_MATCH_NEGATOR), "the other defaults stay");
    ag_lexicon_free(&lex);
}

Test(lexicon, case_sensitive_alias_keeps_the_default_word)
{
    /* `WHO` (an acronym, case-sensitive) and the default clause break `who` live side by side;
       a case-insensitive alias takes the default word */
    ag_lexicon *lex = NULL;
    ag_error err;
    cr_assert_eq(load("{\"actors\": [{\"id\": \"W\", \"aliases\": [\"WHO\", \"Never\"]}]}", &lex, &err), AG_OK, "%s",
                 err.message);
    cr_expect_not_null(find_pattern(lex, "WHO", AG_MATCH_ACTOR));
    cr_expect_not_null(find_pattern(lex, "who", AG_MATCH_CLAUSE));
    cr_expect_not_null(find_pattern(lex, "Never", AG_MATCH_ACTOR));
    cr_expect_null(find_pattern(lex, "never", AG_MATCH_NEGATOR));
    ag_lexicon_free(&lex);
}

typedef struct warnings {
    char lines[8][700];
    size_t n;
} warnings;

static void keep_warning(void *userdata, const ag_lexicon_warning *w)
{
    warnings *ws = userdata;
    cr_assert_lt(ws->n, 8);
    snprintf(ws->lines[ws->n++], sizeof ws->lines[0], "%s:%zu:%zu: %s: %s", w->file, w->line, w->col, w->path,
             w->message);
}

/* Lints JSON text named t.json; expects AG_OK and exactly the warnings given (NULL-terminated). */
static void expect_warnings(const char *json, const char *const *want)
{
    warnings ws = {0};
    size_t n = 99, nw = 0;
    ag_error err = {0};
    cr_assert_eq(ag_lexicon_lint_buffer(json, strlen(json), "t.json", keep_warning, &ws, &n, &err), AG_OK, "%s",
                 err.message);
    while (want[nw])
        nw++;
    cr_expect_eq(n, nw, "%zu warnings for %s, want %zu", n, json, nw);
    cr_expect_eq(ws.n, n);
    for (size_t i = 0; i < nw && i < ws.n; i++)
        cr_expect_str_eq(ws.lines[i], want[i], "warning %zu\n  got  %s\n  want %s", i, ws.lines[i], want[i]);
}

Test(lint, alias_that_takes_a_default_word)
{
    static const char *const want[] = {
        "t.json:1:37: actors[0].aliases[0]: alias \"Never\" is also the default negator \"never\" (there is no "
        "\"negators\" list, so the English defaults apply); the alias wins, so \"never\" is not a negator any "
        "more; remove the alias, make it case-sensitive ({\"text\": \"Never\", \"case\": \"sensitive\"}), or give "
        "a \"negators\" list",
        "t.json:1:46: actors[0].aliases[1]: alias \"among\" is also the default binder \"among\" (there is no "
        "\"binders\" list, so the English defaults apply); the alias wins, so \"among\" is not a binder any more; "
        "remove the alias, make it case-sensitive ({\"text\": \"among\", \"case\": \"sensitive\"}), or give a "
        "\"binders\" list",
        NULL};
    expect_warnings("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Never\", \"among\", \"NOT\","
                    " {\"text\": \"Without\", \"case\": \"sensitive\"}]}]}",
                    want);
    /* once the list is given, the alias is what the lexicon says, and a negator it lists is an error */
    static const char *const none[] = {NULL};
    expect_warnings("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Never\"]}], \"negators\": [\"not\"]}", none);
    expect_error("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"Never\"]}], \"negators\": [\"never\"]}",
                 "t.json:1:62: negators[0]: \"never\" is listed both as an alias of A and as a negator (first at 1:37,"
                 " actors[0].aliases[0]); remove one of them");
}

Test(lint, alias_without_letters)
{
    static const char *const want[] = {
        "t.json:1:45: actors[0].aliases[1]: alias \"--\" has no letter or digit: it matches that punctuation "
        "wherever it stands, not a name; remove it",
        "t.json:1:51: actors[0].aliases[2]: alias \"...\" has no letter or digit: it matches that punctuation "
        "wherever it stands, not a name; remove it",
        NULL};
    expect_warnings("{\"actors\": [{\"id\": \"A\", \"aliases\": [\"U.S.\", \"--\", \"...\", \"7th Fleet\", \"\\u0420\\u0424\"]}]}",
                    want);
}

Test(lint, cue_of_both_polarities_names_both_places)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/lexicons/both-polarities.json", AG_SOURCE_DIR);
    ag_error err = {0};
    cr_expect_eq(ag_lexicon_lint_file(path, NULL, NULL, NULL, &err), AG_EPARSE);
    char want[1024];
    snprintf(want, sizeof want,
             "%s:5:42: cues.conflict.directed[1]: \"Talks\" is listed both as a cooperation cue and as a conflict cue"
             " (first at 4:45, cues.cooperation.symmetric[1]); remove one of them",
             path);
    cr_expect_str_eq(err.message, want);
}

/* ---- files and memory ------------------------------------------------------------ */

Test(lexicon, missing_file_is_eio_with_path)
{
    ag_lexicon *lex = (ag_lexicon *)1;
    ag_error err = {0};
    cr_expect_eq(ag_lexicon_load_file("/nonexistent/dir/lex.json", &lex, &err), AG_EIO);
    cr_expect_null(lex);
    cr_expect_eq(err.status, AG_EIO);
    cr_expect_str_eq(err.message, "/nonexistent/dir/lex.json: No such file or directory");
    char *dir = ag_t_tempdir();
    cr_assert_not_null(dir);
    cr_expect_eq(ag_lexicon_load_file(dir, &lex, &err), AG_EIO, "a directory");
    cr_expect(strncmp(err.message, dir, strlen(dir)) == 0, "%s", err.message);
    rmdir(dir);
    free(dir);
}

Test(lexicon, file_errors_name_the_path_and_name_comes_from_base_name)
{
    char *dir = ag_t_tempdir();
    cr_assert_not_null(dir);
    char path[4096], want[4200];
    snprintf(path, sizeof path, "%s/my-lex.json", dir);
    const char *bad = "{\n  \"actors\": [\n    {\"id\": \"A\",}\n  ]\n}\n";
    cr_assert_eq(ag_t_write_file(path, bad, strlen(bad)), 0);
    ag_lexicon *lex = NULL;
    ag_error err = {0};
    cr_expect_eq(ag_lexicon_load_file(path, &lex, &err), AG_EPARSE);
    snprintf(want, sizeof want, "%s:3:15: trailing comma before '}'", path);
    cr_expect_str_eq(err.message, want);
    const char *good = "{\"actors\": [{\"id\": \"A\"}]}";
    cr_assert_eq(ag_t_write_file(path, good, strlen(good)), 0);
    cr_expect_eq(ag_lexicon_load_file(path, &lex, &err), AG_OK, "%s", err.message);
    cr_expect_str_eq(ag_lexicon_name(lex), "my-lex");
    ag_lexicon_free(&lex);
    unlink(path);
    rmdir(dir);
    free(dir);
}

Test(lexicon, free_nulls_the_pointer)
{
    ag_lexicon *lex = NULL;
    cr_assert_eq(ag_lexicon_load_default(&lex, NULL), AG_OK);
    cr_assert_not_null(lex);
    ag_lexicon_free(&lex);
    cr_expect_null(lex);
    ag_lexicon_free(&lex);
    ag_lexicon_free(NULL);
    cr_expect_eq(ag_lexicon_actor_count(NULL), 0);
    cr_expect_null(ag_lexicon_name(NULL));
    cr_expect_eq(ag_lexicon_find_actor(NULL, "US"), -1);
}

Test(lexicon, bad_arguments)
{
    ag_error err = {0};
    cr_expect_eq(ag_lexicon_load_buffer("{}", 2, "x", NULL, &err), AG_EINVAL);
    ag_lexicon *lex = NULL;
    cr_expect_eq(ag_lexicon_load_buffer(NULL, 3, NULL, &lex, &err), AG_EINVAL);
    cr_expect_str_eq(err.message, "<buffer>: no input");
    cr_expect_eq(ag_lexicon_load_buffer(NULL, 0, NULL, &lex, &err), AG_EPARSE);
    cr_expect_str_eq(err.message, "<buffer>:1:1: unexpected end of input");
    cr_expect_eq(ag_lexicon_load_file(NULL, &lex, &err), AG_EINVAL);
    cr_expect_eq(ag_lexicon_load_buffer("{}", 2, "x", &lex, NULL), AG_EPARSE, "err may be NULL");
}
