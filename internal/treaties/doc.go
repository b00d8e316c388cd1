// Package treaties reads the article-aligned English–Dutch treaty pairs of
// the Dutch treaty database (../shared/data/bwb-treaties-nl-en) and holds
// the rule that splits them into training and development material.
//
// The development ("dev") set is a fixed tenth of the treaties, chosen by
// a hash of the treaty's document id (Dev), so that every article of a
// treaty falls on the same side: a lexicon trained on the other treaties
// has seen neither the dev articles nor their siblings. Nothing trained
// from these pairs may use a pair whose treaty is Dev.
//
// Heading and FirstSentence turn an article's Markdown into what a
// translator would copy from the rendered page: the article's heading, and
// the first sentence of its text without link targets, emphasis marks,
// HTML tags or the database's Dutch status notes.
package treaties
