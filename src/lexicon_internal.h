/* Layout of a compiled lexicon, shared by the loader, the scanner and the extractor. */
#ifndef AG_LEXICON_INTERNAL_H
#define AG_LEXICON_INTERNAL_H

#include <stddef.h>

#include "actorgraph/lexicon.h"
#include "actorgraph/scan.h"

typedef struct ag_i_actor {
    char *id;
    char *label;
    char *group; /* may be NULL */
    char *color; /* may be NULL */
} ag_i_actor;

typedef struct ag_i_pattern {
    char *text;                  /* as written in the lexicon */
    size_t len;
    unsigned char kind;          /* ag_match_kind */
    unsigned char case_sensitive;
    unsigned char directed;      /* cues only */
    short strength;              /* cues only, default 1 */
    int actor;                   /* AG_MATCH_ACTOR and AG_MATCH_EXCLUDE: actor index, else -1 */
} ag_i_pattern;

struct ag_lexicon {
    char *name;
    ag_i_actor *actors;
    size_t n_actors;
    ag_i_pattern *patterns; /* aliases, excludes, cues, negators, grammar words */
    size_t n_patterns;
    char **boilerplate;     /* line prefixes, compared case-insensitively */
    size_t n_boilerplate;
};

#endif
