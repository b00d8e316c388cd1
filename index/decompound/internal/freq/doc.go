// Package freq counts the words of a Dutch text collection and writes and
// reads the word-frequency table that package decompound embeds: how often
// each word occurs as a word of its own, the signal Koehn and Knight's
// compound splitter weighs splits by (a compound that is more frequent than
// its parts is a word of its own, not a combination).
//
// Count tokenises as the analyzer does before it calls the splitter (letters
// only, lower-cased, diacritics removed) and skips the markup of the
// Basiswettenbestand Markdown (HTML tags, link targets). Write prunes the
// counts and writes a gzip-compressed text table whose header records the
// source and the command; Read reads it back. The output depends only on the
// input bytes, so regenerating from the same files reproduces the committed
// artefact byte for byte.
package freq
