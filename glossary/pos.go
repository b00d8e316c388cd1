package glossary

// WordClass returns the class of a part of speech that flat exports pair
// terms by: a noun and a proper noun are both nominal ("noun"); every
// other part of speech is its own class; an empty one stays empty
// (unknown).
func WordClass(pos string) string {
	if pos == "properNoun" {
		return "noun"
	}
	return pos
}

// Pairable reports whether a source and a target term may stand as one
// pair of a flat export (a two-column TSV, an OmegaT line): they are of
// the same word class, or at least one of them has no part of speech. A
// concept that holds a verb and its action noun ("opschorten",
// "opschorting") must not export "opschorting → suspend".
func Pairable(a, b Term) bool {
	return a.POS == "" || b.POS == "" || WordClass(a.POS) == WordClass(b.POS)
}
