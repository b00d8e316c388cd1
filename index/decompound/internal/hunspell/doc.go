// Package hunspell reads a Hunspell dictionary (the .aff affix file and the
// .dic word list, as the OpenTaal Dutch dictionary in Debian's hunspell-nl
// ships them) far enough to tell, for each word form it generates from its
// entries and affix rules, whether Hunspell lists it as a word of its own
// and whether its entry may take part in a compound (the COMPOUNDBEGIN,
// COMPOUNDMIDDLE and COMPOUNDEND flags). Package decompound's generator uses
// it to mark the words of its dictionary; nothing of it runs in the
// service.
//
// Only what the OpenTaal dictionary uses is read: FLAG long (two-character
// flags), SFX and PFX rules with strip, add, continuation flags and
// conditions, the compound flags, FORBIDDENWORD, ONLYINCOMPOUND and OCONV.
// Suffixes are applied twice at most (a rule's continuation flags may
// name further suffixes) and prefixes combine with suffixes when both are
// cross-product rules.
package hunspell
