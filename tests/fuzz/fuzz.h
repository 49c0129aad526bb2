/* Shared by the fuzz targets: checks that abort (so libFuzzer records a crash)
 * and the entry point every target defines. */
#ifndef AG_FUZZ_H
#define AG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Targets that keep an extractor between inputs for speed start a fresh one for
 * every input when this is 1 (the replay programs: every input replays alone). */
#ifndef AG_FUZZ_ALWAYS_FRESH
#define AG_FUZZ_ALWAYS_FRESH 0
#endif

/* An invariant of the library: when it does not hold, abort with the place. */
#define AG_FUZZ_CHECK(cond)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Aborts unless s[0..n) is valid UTF-8 (no overlong forms, no surrogates, at most U+10FFFF). */
static inline void ag_fuzz_check_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t k;
        unsigned min, cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1, min = 0x80, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2, min = 0x800, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3, min = 0x10000, cp = c & 0x07;
        } else {
            AG_FUZZ_CHECK(!"invalid UTF-8 lead byte in output");
            return;
        }
        for (size_t j = 1; j <= k; j++) {
            AG_FUZZ_CHECK(i + j < n && (p[i + j] & 0xC0) == 0x80);
            cp = (cp << 6) | (p[i + j] & 0x3F);
        }
        AG_FUZZ_CHECK(cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
        i += k + 1;
    }
}

#endif
