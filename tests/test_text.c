/* Tests of text normalisation and sentence/paragraph segmentation. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actorgraph/text.h"
#include "lexicon_internal.h"
#include "support.h"

/* ---------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

/* Normalises len bytes and checks the result and flags. */
static void check_norm(const char *in, size_t len, const char *want, size_t want_len, unsigned want_flags)
{
    char *out = NULL;
    size_t outlen = 99;
    unsigned flags = 99;
    /* An exact-size copy so that ASan catches any read past len. */
    char *copy = malloc(len ? len : 1);
    cr_assert_not_null(copy);
    memcpy(copy, in, len);
    cr_assert_eq(ag_text_normalize(copy, len, &out, &outlen, &flags), AG_OK);
    cr_assert_not_null(out);
    cr_assert_eq(outlen, want_len, "length %zu, want %zu", outlen, want_len);
    cr_assert_eq(memcmp(out, want, want_len), 0);
    cr_assert_eq(out[outlen], '\0');
    cr_assert_eq(flags, want_flags, "flags %#x, want %#x", flags, want_flags);
    free(out);
    free(copy);
}

#define NORM(in, want, flags) check_norm(in, sizeof in - 1, want, sizeof want - 1, flags)
#define FFFD "\xEF\xBF\xBD"

/* Splits len bytes held in an exact-size buffer (no NUL after it). */
static void split_n(const char *text, size_t len, const ag_lexicon *lex, ag_sentences *out, char **copy)
{
    *copy = malloc(len ? len : 1);
    cr_assert_not_null(*copy);
    memcpy(*copy, text, len);
    cr_assert_eq(ag_text_split(*copy, len, lex, out), AG_OK);
}

/* Checks that text splits into exactly the n sentences want[] in paragraphs para[] (NULL: any). */
static void check_split(const char *text, const ag_lexicon *lex, size_t n, const char *const *want,
                        const size_t *para)
{
    ag_sentences s = {0};
    char *copy;
    split_n(text, strlen(text), lex, &s, &copy);
    for (size_t k = 0; k < s.count; k++)
        cr_log_info("  [%zu] p%zu \"%.*s\"", k, s.items[k].paragraph,
                    (int)(s.items[k].end - s.items[k].start), copy + s.items[k].start);
    cr_assert_eq(s.count, n, "%zu sentences, want %zu in: %s", s.count, n, text);
    for (size_t k = 0; k < n; k++) {
        size_t l = s.items[k].end - s.items[k].start;
        cr_assert(l == strlen(want[k]) && memcmp(copy + s.items[k].start, want[k], l) == 0,
                  "sentence %zu is \"%.*s\", want \"%s\"", k, (int)l, copy + s.items[k].start, want[k]);
        if (para)
            cr_assert_eq(s.items[k].paragraph, para[k], "sentence %zu in paragraph %zu, want %zu", k,
                         s.items[k].paragraph, para[k]);
    }
    ag_sentences_free(&s);
    free(copy);
}

#define SPLIT(text, ...)                                                                           \
    do {                                                                                           \
        static const char *const want_[] = {__VA_ARGS__};                                          \
        check_split(text, NULL, sizeof want_ / sizeof *want_, want_, NULL);                         \
    } while (0)

static size_t count_sentences(const char *text, const ag_lexicon *lex)
{
    ag_sentences s = {0};
    char *copy;
    split_n(text, strlen(text), lex, &s, &copy);
    size_t n = s.count;
    ag_sentences_free(&s);
    free(copy);
    return n;
}

static char *bp_prefixes[] = {"Read more", "Leave a Reply", "Pingback", "%d bloggers like this"};

/* A lexicon with only boilerplate prefixes, as the loader would build it. */
static struct ag_lexicon boiler_lexicon(void)
{
    struct ag_lexicon lex;
    memset(&lex, 0, sizeof lex);
    lex.name = "test";
    lex.boilerplate = bp_prefixes;
    lex.n_boilerplate = sizeof bp_prefixes / sizeof *bp_prefixes;
    return lex;
}

/* Checks the invariants of a split: ordered, trimmed, at most 64 KiB, in range. */
static void check_invariants(const char *t, size_t len, const ag_sentences *s)
{
    size_t prev_end = 0, prev_para = 0;
    for (size_t k = 0; k < s->count; k++) {
        const ag_sentence *x = &s->items[k];
        cr_assert(x->start < x->end && x->end <= len, "sentence %zu out of range", k);
        cr_assert(x->start >= prev_end, "sentence %zu overlaps", k);
        cr_assert(x->end - x->start <= 64 * 1024, "sentence %zu is %zu bytes", k, x->end - x->start);
        cr_assert(!strchr(" \t\n", t[x->start]) && !strchr(" \t\n", t[x->end - 1]), "sentence %zu untrimmed", k);
        cr_assert(x->paragraph >= prev_para, "paragraphs go back at %zu", k);
        prev_end = x->end;
        prev_para = x->paragraph;
    }
}

/* 1 when every non-space byte of t lies inside some sentence. */
static int covers_all(const char *t, size_t len, const ag_sentences *s)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        while (k < s->count && s->items[k].end <= i)
            k++;
        int inside = k < s->count && s->items[k].start <= i;
        if (!inside && !strchr(" \t\n", t[i]))
            return 0;
    }
    return 1;
}

/* ---------------------------------------------------------------------------
 * Normalisation
 * ------------------------------------------------------------------------ */

Test(normalize, clean_ascii_is_copied)
{
    NORM("Russia and Pakistan agreed.\n", "Russia and Pakistan agreed.\n", 0);
    NORM("", "", 0);
}

Test(normalize, valid_multibyte_is_kept)
{
    NORM("Russia\xE2\x80\x99s \xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF end",
         "Russia\xE2\x80\x99s \xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF end", 0);
}

Test(normalize, bom)
{
    NORM("\xEF\xBB\xBFHello", "Hello", AG_TEXT_HAD_BOM);
    NORM("\xEF\xBB\xBF", "", AG_TEXT_HAD_BOM);
    NORM("\xEF\xBB\xBF\xEF\xBB\xBFHi", "Hi", AG_TEXT_HAD_BOM);
    /* Only a leading BOM is removed; elsewhere it is an ordinary character (U+FEFF). */
    NORM("a\xEF\xBB\xBF", "a\xEF\xBB\xBF", 0);
}

Test(normalize, crlf)
{
    NORM("one\r\ntwo\r\n", "one\ntwo\n", AG_TEXT_HAD_CR);
    NORM("\xEF\xBB\xBFx\r\n", "x\n", AG_TEXT_HAD_BOM | AG_TEXT_HAD_CR);
}

Test(normalize, lone_cr)
{
    NORM("one\rtwo\r", "one\ntwo\n", AG_TEXT_HAD_CR);
    NORM("a\r\r\nb", "a\n\nb", AG_TEXT_HAD_CR);
    NORM("\r", "\n", AG_TEXT_HAD_CR);
}

Test(normalize, invalid_at_start_middle_end)
{
    NORM("\x80" "abc", FFFD "abc", AG_TEXT_REPAIRED_UTF8);
    NORM("ab\xFF" "cd", "ab" FFFD "cd", AG_TEXT_REPAIRED_UTF8);
    NORM("abc\xE2\x82", "abc" FFFD, AG_TEXT_REPAIRED_UTF8); /* truncated 3-byte: one subpart */
    NORM("abc\xC3", "abc" FFFD, AG_TEXT_REPAIRED_UTF8);
}

Test(normalize, overlong)
{
    /* C0 and C1 never start a sequence: each byte is its own subpart. */
    NORM("\xC0\xAF", FFFD FFFD, AG_TEXT_REPAIRED_UTF8);
    /* E0 80 is not a valid prefix (E0 needs A0..BF): three subparts. */
    NORM("\xE0\x80\xAF", FFFD FFFD FFFD, AG_TEXT_REPAIRED_UTF8);
    NORM("\xF0\x8F\xBF\xBF", FFFD FFFD FFFD FFFD, AG_TEXT_REPAIRED_UTF8);
}

Test(normalize, surrogate)
{
    NORM("\xED\xA0\x80", FFFD FFFD FFFD, AG_TEXT_REPAIRED_UTF8);
    NORM("x\xED\xBF\xBFy", "x" FFFD FFFD FFFD "y", AG_TEXT_REPAIRED_UTF8);
    NORM("\xED\x9F\xBF", "\xED\x9F\xBF", 0); /* U+D7FF is fine */
}

Test(normalize, beyond_u10ffff)
{
    NORM("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, AG_TEXT_REPAIRED_UTF8);
    NORM("\xF5\x80", FFFD FFFD, AG_TEXT_REPAIRED_UTF8);
    NORM("\xFE\xFF", FFFD FFFD, AG_TEXT_REPAIRED_UTF8);
}

Test(normalize, truncated_four_byte)
{
    NORM("\xF0\x9F\x98", FFFD, AG_TEXT_REPAIRED_UTF8);           /* at the end */
    NORM("\xF0\x9F\x98" "A", FFFD "A", AG_TEXT_REPAIRED_UTF8);   /* before ASCII */
    NORM("\xF0\x9F" "\xF0\x9F\x98\x80", FFFD "\xF0\x9F\x98\x80", AG_TEXT_REPAIRED_UTF8);
    /* Unicode's own example (3.9, Table 3-8): 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
    NORM("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
         "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", AG_TEXT_REPAIRED_UTF8);
}

Test(normalize, cr_and_invalid_together)
{
    NORM("\xEF\xBB\xBF" "ab\xFF\r\ncd\r\xC0", "ab" FFFD "\ncd\n" FFFD,
         AG_TEXT_HAD_BOM | AG_TEXT_HAD_CR | AG_TEXT_REPAIRED_UTF8);
}

/* A bad byte at every offset of mixed-script text, so each path of the scanner meets one. */
Test(normalize, bad_byte_at_every_offset)
{
    static const char base[] = "Russia \xD0\xA0\xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD1\x8F and Pakistan "
                               "\xE2\x80\x9C\xE5\x8D\x8F\xE8\xAE\xAE\xE2\x80\x9D \xF0\x9F\x98\x80 agreed on talks "
                               "with the United States of America today.";
    size_t bl = sizeof base - 1;
    char in[256], want[256];
    for (size_t off = 0; off <= bl; off++) {
        if (off < bl && ((unsigned char)base[off] & 0xC0) == 0x80)
            continue; /* only between characters */
        memcpy(in, base, off);
        in[off] = (char)0xFF;
        memcpy(in + off + 1, base + off, bl - off);
        memcpy(want, base, off);
        memcpy(want + off, FFFD, 3);
        memcpy(want + off + 3, base + off, bl - off);
        check_norm(in, bl + 1, want, bl + 3, AG_TEXT_REPAIRED_UTF8);
        in[off] = '\r';
        memcpy(want + off, "\n", 1);
        memcpy(want + off + 1, base + off, bl - off);
        check_norm(in, bl + 1, want, bl + 1, AG_TEXT_HAD_CR);
    }
    check_norm(base, bl, base, bl, 0);
    /* A character cut short at the end of the input, at every length. */
    for (size_t cut = 1; cut < 4; cut++) {
        memcpy(in, base, bl);
        memcpy(in + bl, "\xF0\x9F\x98\x80", cut);
        memcpy(want, base, bl);
        memcpy(want + bl, FFFD, 3);
        check_norm(in, bl + cut, want, bl + 3, AG_TEXT_REPAIRED_UTF8);
    }
}

Test(normalize, first_invalid_byte)
{
    cr_assert_eq(ag_text_invalid_utf8("", 0), 0);
    cr_assert_eq(ag_text_invalid_utf8(NULL, 0), 0);
    cr_assert_eq(ag_text_invalid_utf8("abc", 3), 3);
    cr_assert_eq(ag_text_invalid_utf8("\xFF" "abc", 4), 0);
    /* NUL and CR are valid; a multibyte character before the bad byte is skipped whole */
    cr_assert_eq(ag_text_invalid_utf8("a\0b\r\xC3\xA9\xC3(", 8), 6);
    cr_assert_eq(ag_text_invalid_utf8("Russia and \xC0\xAF", 13), 11);   /* overlong */
    cr_assert_eq(ag_text_invalid_utf8("x \xED\xA0\x80", 5), 2);          /* surrogate */
    cr_assert_eq(ag_text_invalid_utf8("agreed. \xE2\x80", 10), 8);        /* cut short */
    /* past the 16-byte bulk scan */
    const char long_clean[] = "0123456789abcdef0123456789abcdef\xF0\x9F\x8C\x8D \x80";
    cr_assert_eq(ag_text_invalid_utf8(long_clean, sizeof long_clean - 1), 37);
}

Test(normalize, positions_count_lines_and_characters)
{
    ag_text_pos pos = {1, 1};
    ag_text_pos_advance(&pos, "ab", 2);
    cr_assert_eq(pos.line, 1);
    cr_assert_eq(pos.col, 3);
    ag_text_pos_advance(&pos, "c\n\xC3\xA9t\xC3\xA9", 7); /* "c", LF, then 3 characters in 5 bytes */
    cr_assert_eq(pos.line, 2);
    cr_assert_eq(pos.col, 4);
    ag_text_pos_advance(&pos, "\n\n", 2);
    cr_assert_eq(pos.line, 4);
    cr_assert_eq(pos.col, 1);
    ag_text_pos_advance(&pos, NULL, 0);
    cr_assert_eq(pos.line, 4);
}

Test(normalize, nul_is_skipped)
{
    static const char cases[][12] = {"a\0b", "\0", "abcdefghij\0", "\xFF\0"};
    static const size_t lens[] = {3, 1, 11, 2};
    for (size_t k = 0; k < 4; k++) {
        char *out = (char *)1;
        size_t outlen = 7;
        unsigned flags = 0;
        cr_assert_eq(ag_text_normalize(cases[k], lens[k], &out, &outlen, &flags), AG_ESKIP);
        cr_assert_null(out);
        cr_assert_eq(outlen, 0);
        cr_assert(flags & AG_TEXT_HAS_NUL);
    }
    char *out = NULL;
    cr_assert_eq(ag_text_normalize("a\0", 2, &out, NULL, NULL), AG_ESKIP); /* flags may be NULL */
    cr_assert_null(out);
}

Test(normalize, many_repairs_grow_the_buffer)
{
    size_t n = 10000;
    char *in = malloc(n), *out = NULL;
    size_t outlen;
    unsigned flags;
    memset(in, 0xFF, n);
    cr_assert_eq(ag_text_normalize(in, n, &out, &outlen, &flags), AG_OK);
    cr_assert_eq(outlen, 3 * n);
    for (size_t k = 0; k < n; k++)
        cr_assert_eq(memcmp(out + 3 * k, FFFD, 3), 0);
    cr_assert_eq(flags, AG_TEXT_REPAIRED_UTF8);
    free(in);
    free(out);
}

Test(normalize, random_bytes_become_clean_and_stable)
{
    unsigned seed = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)(round * 37 % 500) + 1;
        char *in = malloc(n), *a = NULL, *b = NULL;
        size_t alen, blen;
        unsigned fa, fb;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) & 0xFF;
            /* Mostly text-like bytes, some CR and high bytes; no NUL. */
            in[k] = (char)(r < 0x60 ? 'a' + r % 26 : r < 0x70 ? '\r' : r < 0x78 ? '\n' : (r | 0x80));
        }
        cr_assert_eq(ag_text_normalize(in, n, &a, &alen, &fa), AG_OK);
        cr_assert_null(memchr(a, '\r', alen));
        /* Normalised text is a fixed point. */
        cr_assert_eq(ag_text_normalize(a, alen, &b, &blen, &fb), AG_OK);
        cr_assert_eq(fb, 0);
        cr_assert(blen == alen && memcmp(a, b, alen) == 0);
        free(in);
        free(a);
        free(b);
    }
}

Test(normalize, bad_arguments)
{
    cr_assert_eq(ag_text_normalize("x", 1, NULL, NULL, NULL), AG_EINVAL);
    char *out = NULL;
    cr_assert_eq(ag_text_normalize(NULL, 3, &out, NULL, NULL), AG_EINVAL);
    cr_assert_eq(ag_text_normalize(NULL, 0, &out, NULL, NULL), AG_OK);
    cr_assert_str_eq(out, "");
    free(out);
}

/* ---------------------------------------------------------------------------
 * Sentences
 * ------------------------------------------------------------------------ */

Test(split, acronym_before_lowercase)
{
    SPLIT("The U.S. and Russia met. Then Pakistan spoke.", "The U.S. and Russia met.", "Then Pakistan spoke.");
}

Test(split, military_titles)
{
    SPLIT("Lt. Gen. Nazir Ahmed Butt briefed the delegation.", "Lt. Gen. Nazir Ahmed Butt briefed the delegation.");
}

Test(split, titles_and_number)
{
    SPLIT("Mr. Smith met Dr. Jones at No. 5 Downing St. on Monday.",
          "Mr. Smith met Dr. Jones at No. 5 Downing St. on Monday.");
    SPLIT("It said No. Then it left.", "It said No.", "Then it left.");
}

Test(split, decimals)
{
    SPLIT("Growth was 3.5 percent. Prices rose.", "Growth was 3.5 percent.", "Prices rose.");
}

Test(split, closing_quote)
{
    SPLIT("He said: \"We agree.\" Then he left.", "He said: \"We agree.\"", "Then he left.");
    SPLIT("He said: \xE2\x80\x9CWe agree.\xE2\x80\x9D Then he left.", "He said: \xE2\x80\x9CWe agree.\xE2\x80\x9D",
          "Then he left.");
    SPLIT("(It rained.) Then it stopped.", "(It rained.)", "Then it stopped.");
    SPLIT("He asked \"why?\" and left.", "He asked \"why?\" and left.");
}

Test(split, initials)
{
    SPLIT("J. K. Rowling wrote.", "J. K. Rowling wrote.");
    SPLIT("J. A. Smith arrived.", "J. A. Smith arrived.");
}

Test(split, acronym_before_starter)
{
    SPLIT("Washington blamed the U.S. The next day, Moscow replied.", "Washington blamed the U.S.",
          "The next day, Moscow replied.");
    SPLIT("He moved to Washington, D.C. It was cold.", "He moved to Washington, D.C.", "It was cold.");
    /* a capitalised word that is no name part, then a lower-case word: a new sentence */
    SPLIT("Talks with the U.S. Russia joined later.", "Talks with the U.S.", "Russia joined later.");
    SPLIT("A bill in the U.S. Congress passed.", "A bill in the U.S. Congress passed.");
    SPLIT("The U.S. President Trump spoke.", "The U.S. President Trump spoke.");
    SPLIT("J. Smith said so.", "J. Smith said so.");
    SPLIT("They sold fruit, nuts, etc. However, prices fell.", "They sold fruit, nuts, etc.",
          "However, prices fell.");
}

Test(split, other_terminators)
{
    SPLIT("Is it true? Yes! Really.", "Is it true?", "Yes!", "Really.");
    SPLIT("What?! No way.", "What?!", "No way.");
    SPLIT("Wait... the rest follows.", "Wait... the rest follows.");
    SPLIT("Wait... The rest follows.", "Wait...", "The rest follows.");
    SPLIT("Wait\xE2\x80\xA6 the rest.", "Wait\xE2\x80\xA6 the rest.");
    SPLIT("Wait\xE2\x80\xA6 The rest.", "Wait\xE2\x80\xA6", "The rest.");
    /* A lone ellipsis is not a sentence: it opens the next one. */
    SPLIT("In Afghanistan. \xE2\x80\xA6 They are a threat.", "In Afghanistan.", "\xE2\x80\xA6 They are a threat.");
}

Test(split, no_break_space)
{
    SPLIT("It ended.\xC2\xA0The next.", "It ended.", "The next.");
    SPLIT("\xC2\xA0Title\xC2\xA0\nBody.\xC2\xA0", "Title", "Body.");
    static const char *const want[] = {"One.", "Two."};
    static const size_t para[] = {0, 1};
    check_split("One.\n\xC2\xA0 \xC2\xA0\nTwo.", NULL, 2, want, para);
}

Test(split, colon_and_semicolon_do_not_split)
{
    SPLIT("Moscow : The United States acted; Pakistan: it spoke.",
          "Moscow : The United States acted; Pakistan: it spoke.");
}

Test(split, no_whitespace_no_split)
{
    SPLIT("See U.S.'s role. Visit example.com now. End.Next", "See U.S.'s role.", "Visit example.com now.",
          "End.Next");
}

Test(split, list_numbers)
{
    SPLIT("1. First item\n2. Second item", "1. First item", "2. Second item");
    SPLIT("It was 2019. The year ended.", "It was 2019.", "The year ended.");
}

Test(split, headline_and_paragraph)
{
    static const char *const want[] = {"Russia-Pakistan to form joint military front",
                                       "Moscow : The United States has acted."};
    static const size_t para[] = {0, 1};
    check_split("Russia-Pakistan to form joint military front\n\nMoscow : The United States has acted.\n", NULL,
                2, want, para);
}

Test(split, headline_lines_without_blank)
{
    static const char *const want[] = {"Moscow and Islamabad unite", "News Analysis |",
                                       "Pakistan and Russia agreed."};
    static const size_t para[] = {0, 0, 0};
    check_split("Moscow and Islamabad unite\nNews Analysis |\nPakistan and Russia agreed.", NULL, 3, want, para);
}

Test(split, hard_wrapped_lines_join)
{
    static const char *const want[] = {"Russia and Pakistan have\nannounced a commission\n  to counter the threat.",
                                       "The US objected."};
    check_split("Russia and Pakistan have\nannounced a commission\n  to counter the threat.\nThe US objected.", NULL, 2,
                want, NULL);
    /* After a title abbreviation the line break does not end the sentence either. */
    SPLIT("It was briefed by Lt. Gen.\nButt on Monday.", "It was briefed by Lt. Gen.\nButt on Monday.");
    SPLIT("It rose.\nthen it fell.", "It rose.\nthen it fell.");
}

Test(split, blank_line_paragraphs)
{
    static const char *const want[] = {"A one.", "B two.", "B three.", "C four."};
    static const size_t para[] = {0, 1, 1, 2};
    check_split("\n\n  \nA one.\n\n\nB two. B three.\n \t \nC four.\n\n", NULL, 4, want, para);
}

Test(split, boilerplate_dropped)
{
    struct ag_lexicon lex = boiler_lexicon();
    static const char *const want[] = {"Para one.", "Para two."};
    static const size_t para[] = {0, 1};
    check_split("Para one.\n\nRead more: Moscow nervous as the US-North Korean tensions rise\n\nPara two.", &lex, 2,
                want, para);
    /* Indented list items and bullets; the line does not break the paragraph by itself. */
    static const char *const want2[] = {"One Response to \"Russian visit\"", "Para two."};
    static const size_t para2[] = {0, 0};
    check_split("One Response to \"Russian visit\"\n  1. Pingback: A composite mashup\nPara two.", &lex, 2, want2, para2);
    static const char *const want3[] = {"Text here.", "More text."};
    check_split("Text here.\n- read MORE: x\n\xE2\x80\xA2 Leave a Reply\n2) %D BLOGGERS LIKE THIS:\nMore text.", &lex, 2,
                want3, NULL);
    /* The sentence before a dropped line ends there, even if the next text is lower case. */
    static const char *const want4[] = {"the talks", "continued"};
    check_split("the talks\nRead more: x\ncontinued", &lex, 2, want4, NULL);
    /* Without a lexicon nothing is boilerplate. */
    cr_assert_eq(count_sentences("Para one.\n\nLeave a Reply\n\nPara two.", NULL), 3);
}

Test(split, boilerplate_limits)
{
    struct ag_lexicon lex = boiler_lexicon();
    /* A prefix must end at a word boundary. */
    cr_assert_eq(count_sentences("Pingbacks are links.", &lex), 1);
    /* A line over 300 bytes is text even with a prefix. */
    char long_line[400];
    memset(long_line, 'x', sizeof long_line);
    memcpy(long_line, "Read more about it ", 19);
    long_line[sizeof long_line - 1] = '\0';
    cr_assert_eq(count_sentences(long_line, &lex), 1);
    long_line[300] = '\0';
    cr_assert_eq(count_sentences(long_line, &lex), 0);
    long_line[301] = '\0';
    long_line[300] = 'x';
    cr_assert_eq(count_sentences(long_line, &lex), 1);
    /* Empty and NULL prefixes are ignored. */
    char *odd[] = {"", NULL, "Pingback"};
    lex.boilerplate = odd;
    lex.n_boilerplate = 3;
    cr_assert_eq(count_sentences("Text.\nPingback: x\n", &lex), 1);
}

Test(split, punctuation_lines_dropped)
{
    static const char *const want[] = {"A one.", "B two."};
    static const size_t para[] = {0, 0};
    check_split("A one.\n|\n---\n\xE2\x80\xA2 \xE2\x80\xA2 \xE2\x80\xA2\n* * *\nB two.", NULL, 2, want, para);
    SPLIT("| Welcome to Global Village Space", "| Welcome to Global Village Space");
}

Test(split, empty_and_whitespace)
{
    ag_sentences s = {0};
    cr_assert_eq(ag_text_split("", 0, NULL, &s), AG_OK);
    cr_assert_eq(s.count, 0);
    cr_assert_eq(ag_text_split(NULL, 0, NULL, &s), AG_OK);
    cr_assert_eq(s.count, 0);
    cr_assert_eq(count_sentences("   \n\t\n  \n", NULL), 0);
    cr_assert_eq(count_sentences("\n", NULL), 0);
    cr_assert_eq(count_sentences("...", NULL), 0);
    cr_assert_eq(ag_text_split(NULL, 4, NULL, &s), AG_EINVAL);
    cr_assert_eq(ag_text_split("x", 1, NULL, NULL), AG_EINVAL);
    ag_sentences_free(&s);
    ag_sentences_free(NULL);
}

Test(split, output_is_reused)
{
    ag_sentences s = {0};
    const char *a = "One. Two. Three. Four.", *b = "Five.";
    cr_assert_eq(ag_text_split(a, strlen(a), NULL, &s), AG_OK);
    cr_assert_eq(s.count, 4);
    ag_sentence *items = s.items;
    cr_assert_eq(ag_text_split(b, strlen(b), NULL, &s), AG_OK);
    cr_assert_eq(s.count, 1);
    cr_assert_eq(s.items, items, "the array is kept");
    cr_assert_eq(s.items[0].start, 0);
    cr_assert_eq(s.items[0].end, 5);
    ag_sentences_free(&s);
    cr_assert_null(s.items);
    cr_assert_eq(s.count + s.cap, 0);
}

Test(split, long_sentence_is_cut)
{
    size_t n = 200 * 1024;
    char *t = malloc(n);
    for (size_t k = 0; k < n; k++)
        t[k] = (k % 9 == 8) ? ' ' : (k % 5000 == 4999 ? '\n' : "abcdefgh"[k % 9 % 8]);
    ag_sentences s = {0};
    cr_assert_eq(ag_text_split(t, n, NULL, &s), AG_OK);
    cr_assert_geq(s.count, 4);
    check_invariants(t, n, &s);
    cr_assert(covers_all(t, n, &s), "all bytes are covered");
    for (size_t k = 0; k < s.count; k++) /* cut between words */
        cr_assert(s.items[k].end == n || t[s.items[k].end] == ' ' || t[s.items[k].end] == '\n', "piece %zu", k);
    ag_sentences_free(&s);
    free(t);
}

Test(split, long_token_is_cut_at_utf8_boundary)
{
    size_t n = 200 * 1024 + 1; /* "é" repeated, then one ASCII byte */
    char *t = malloc(n);
    for (size_t k = 0; k + 1 < n; k += 2) {
        t[k] = (char)0xC3;
        t[k + 1] = (char)0xA9;
    }
    t[n - 1] = 'x';
    ag_sentences s = {0};
    cr_assert_eq(ag_text_split(t, n, NULL, &s), AG_OK);
    cr_assert_eq(s.count, 4);
    check_invariants(t, n, &s);
    cr_assert(covers_all(t, n, &s));
    for (size_t k = 0; k < s.count; k++)
        cr_assert_neq((unsigned char)t[s.items[k].start] & 0xC0, 0x80, "piece %zu starts mid-character", k);
    ag_sentences_free(&s);
    free(t);
}

/* Inputs that would be quadratic for a naive splitter; they must finish quickly. */
Test(split, pathological_inputs_are_linear, .timeout = 60)
{
    static const char *const units[] = {". ", "a. ", "U.S. ", "!", "...", "Mr. ", "x", "\n", " \n", "-\n",
                                        "\xE2\x80\xA6 ", "a.", "1. "};
    size_t n = 5 * 1024 * 1024;
    char *t = malloc(n);
    ag_sentences s = {0};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t ul = strlen(units[u]);
        for (size_t k = 0; k < n; k++)
            t[k] = units[u][k % ul];
        cr_assert_eq(ag_text_split(t, n, NULL, &s), AG_OK);
        check_invariants(t, n, &s);
    }
    ag_sentences_free(&s);
    free(t);
}

Test(split, huge_line_without_newline, .timeout = 120)
{
    size_t n = 64 * 1024 * 1024;
    char *t = malloc(n);
    static const char unit[] = "Russia and Pakistan agreed on talks with the U.S. and India. ";
    for (size_t k = 0; k < n; k++)
        t[k] = unit[k % (sizeof unit - 1)];
    ag_sentences s = {0};
    cr_assert_eq(ag_text_split(t, n, NULL, &s), AG_OK);
    cr_assert_eq(s.count, (n + sizeof unit - 2) / (sizeof unit - 1));
    ag_sentences_free(&s);
    free(t);
}

/* Random soups of tricky tokens: the invariants hold and every letter or digit is kept. */
Test(split, random_token_soup)
{
    static const char *const tokens[] = {
        "Russia", "the", "U.S.", "Mr.", "No.", "5", "3.5", ".", "!", "?", "...", "\xE2\x80\xA6", "\"", "'",
        "\xE2\x80\x9D", "\xE2\x80\x99", ")", "(", "|", "-", "1.", "J.", "The", "etc.", "\xC3\xA9t\xC3\xA9",
        " ", " ", " ", "\n", "\n\n", "\t", "e.g.", "St.", "\xE2\x80\xA2", ":", ";"};
    size_t ntok = sizeof tokens / sizeof *tokens;
    unsigned seed = 42;
    ag_sentences s = {0};
    for (int round = 0; round < 2000; round++) {
        char buf[2048];
        size_t n = 0;
        seed = seed * 1103515245u + 12345u;
        size_t count = (seed >> 16) % 120;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *tok = tokens[(seed >> 16) % ntok];
            size_t l = strlen(tok);
            memcpy(buf + n, tok, l);
            n += l;
        }
        char *copy;
        split_n(buf, n, NULL, &s, &copy);
        check_invariants(copy, n, &s);
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            while (k < s.count && s.items[k].end <= i)
                k++;
            int alnum = (copy[i] >= 'a' && copy[i] <= 'z') || (copy[i] >= 'A' && copy[i] <= 'Z') ||
                        (copy[i] >= '0' && copy[i] <= '9');
            cr_assert(!alnum || (k < s.count && s.items[k].start <= i), "byte %zu lost in: %.*s", i, (int)n, copy);
        }
        free(copy);
    }
    ag_sentences_free(&s);
}

Test(split, seeds)
{
    if (!ag_t_have_shared())
        cr_skip("../shared not found");
    static const char *const files[] = {"000_03146d6d37fac7fa.txt", "001_b6c59353a36981e3.txt",
                                        "002_86bc19b1e0a8f9ad.txt", "003_b44e9500121a4328.txt",
                                        "004_4184d5d805e346e3.txt"};
    struct ag_lexicon lex = boiler_lexicon();
    ag_sentences s = {0};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        char path[4096];
        size_t rawlen, len;
        char *text = NULL;
        snprintf(path, sizeof path, "%s/seeds/%s", AG_SHARED_DIR, files[f]);
        char *raw = ag_t_read_file(path, &rawlen);
        if (!raw)
            cr_skip("../shared not found (%s)", path);
        cr_assert_eq(ag_text_normalize(raw, rawlen, &text, &len, NULL), AG_OK);
        cr_assert_eq(ag_text_split(text, len, &lex, &s), AG_OK);
        cr_log_info("%s: %zu sentences, %zu paragraphs", files[f], s.count,
                    s.count ? s.items[s.count - 1].paragraph + 1 : 0);
        /* Each article is 2.5-5 KB of news prose: 12 to 45 sentences. */
        cr_assert(s.count >= 12 && s.count <= 45, "%s: %zu sentences", files[f], s.count);
        cr_assert_geq(s.items[s.count - 1].paragraph, 4, "%s: too few paragraphs", files[f]);
        check_invariants(text, len, &s);
        for (size_t k = 0; k < s.count; k++) {
            const char *x = text + s.items[k].start;
            int l = (int)(s.items[k].end - s.items[k].start);
            cr_assert(!(x[0] >= 'a' && x[0] <= 'z'), "%s: sentence %zu starts in lower case: %.*s", files[f], k, l,
                      x);
            for (size_t b = 0; b < sizeof bp_prefixes / sizeof *bp_prefixes; b++) {
                const char *hit = strstr(x, bp_prefixes[b]);
                cr_assert(!hit || hit >= x + l, "%s: boilerplate kept: %.*s", files[f], l, x);
            }
        }
        free(raw);
        free(text);
    }
    ag_sentences_free(&s);
}

/* The sentences the seeds' gold file names must come out whole. */
Test(split, seed_sentences_whole)
{
    SPLIT("Lavrov additionally noted that Russia is \xE2\x80\x9C" "alarmed because unfortunately, U.S. military and "
          "NATO coalition in Afghanistan try to silence or deny these facts to give an impression that it [IS] is "
          "not a serious threat,\xE2\x80\x9D",
          "Lavrov additionally noted that Russia is \xE2\x80\x9C" "alarmed because unfortunately, U.S. military and "
          "NATO coalition in Afghanistan try to silence or deny these facts to give an impression that it [IS] is "
          "not a serious threat,\xE2\x80\x9D");
    SPLIT("Pakistan\xE2\x80\x99s Lt. Gen. Nazir Ahmed Butt briefed the Russian military delegation on this "
          "anti-terrorism campaign. Lt. Gen. Butt said that the Russian delegation appreciated it.",
          "Pakistan\xE2\x80\x99s Lt. Gen. Nazir Ahmed Butt briefed the Russian military delegation on this "
          "anti-terrorism campaign.",
          "Lt. Gen. Butt said that the Russian delegation appreciated it.");
}
