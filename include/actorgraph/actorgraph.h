/**
 * @file actorgraph.h
 * @brief Umbrella header of libactorgraph: include this one.
 *
 * Pipeline: ::ag_reader (corpus.h) yields documents, ::ag_extractor
 * (extract.h) scans them with the lexicon's automaton (scan.h, text.h) into
 * an ::ag_network (network.h), and the writers of export.h write it out.
 */
#ifndef ACTORGRAPH_ACTORGRAPH_H
#define ACTORGRAPH_ACTORGRAPH_H

#include "actorgraph/compare.h"
#include "actorgraph/corpus.h"
#include "actorgraph/error.h"
#include "actorgraph/eval.h"
#include "actorgraph/export.h"
#include "actorgraph/extract.h"
#include "actorgraph/lexicon.h"
#include "actorgraph/network.h"
#include "actorgraph/pipeline.h"
#include "actorgraph/scan.h"
#include "actorgraph/text.h"
#include "actorgraph/version.h"

#endif
