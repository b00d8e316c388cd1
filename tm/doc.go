// Package tm is tolk's translation memory: bilingual Dutch–English
// segments, each with where it came from, and the rules every stored
// segment keeps (Segment.Validate). It knows nothing of storage, search or
// HTTP; the exchange formats live in subpackages (tm/tmx, tm/table,
// tm/pairs) and the sentence aligner in tm/align.
package tm
