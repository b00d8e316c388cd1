// Package tmx reads and writes translation memories in TMX 1.4b, the
// exchange format of CAT tools (Trados, memoQ, OmegaT, DGT-TM).
//
// Read takes TMX as those tools write it: language codes in any case and
// with any region, the deprecated lang attribute, srclang="*all*", inline
// markup (the native codes in bpt, ept, ph, it and ut are dropped; the text
// of hi and sub is kept; a ph of code between two word characters stands
// for a space, a ph holding a variable such as {amount} for itself), props and notes, and the encodings an XML prolog
// may declare (UTF-8, UTF-16 with or without a byte-order mark, ISO-8859-1,
// windows-1252 and the others IANA names). A plain DOCTYPE line such as
// <!DOCTYPE tmx SYSTEM "tmx14.dtd"> is accepted and not fetched; an
// internal subset, entity declarations and undeclared entities are
// refused. Write produces TMX 1.4b that validates against tmx14.dtd.
package tmx
