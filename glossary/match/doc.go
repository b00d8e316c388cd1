// Package match recognises glossary terms in running text, checks a
// translation against the glossary, and proposes term candidates the
// glossary does not cover yet.
//
// A Matcher is built once from a set of concepts (NewMatcher) and is then
// safe for concurrent use; rebuild it when the glossary changes. Its only
// changing part is a bounded cache of the keys of text words, which makes
// later calls faster and never changes a result. It knows no language by itself: stemming (Options.Key) and
// compound splitting (Options.Split) are passed in, so this package imports
// neither index nor internal/....
//
// # Offsets
//
// Every offset this package reports (Annotation.Start, Annotation.End) is a
// BYTE offset into the UTF-8 input string, so text[a.Start:a.End] == a.Text.
// Offsets always fall on rune boundaries and on word edges: no annotation
// starts or ends inside a word.
//
// # How text is matched
//
// Text and terms are cut into words the same way: maximal runs of letters,
// digits and combining marks, with an apostrophe between letters kept inside
// the word (programma’s, d'état). Hyphens separate words, so VN-missie is the
// two words VN and missie, joined by a hyphen. A term matches a word sequence
// when its words match one by one and the separators agree: a space, a
// hyphen and a hyphen at a line break all count as the same separator;
// anything else (a comma, a full stop) must be the same punctuation. Each
// word pair is compared from strict to loose, and the loosest comparison a
// match needed becomes its Via:
//
//   - exact: the words are identical;
//   - fold: identical after Fold (case, diacritics, curly apostrophe);
//     but a term word whose accents make another word of a function word
//     (één, vóór: not een, voor) matches only a text word that has an
//     accent too (Options.Function);
//   - stem: identical after Options.Key (inflection: staatsgrepen → staatsgreep),
//     or a form of the term from Options.Forms (veroordeelde, op te
//     schorten, militaire); a form beats another concept's term that
//     matches through the key alone, so "militaire" is the adjective;
//   - acronym: the term is an acronym (AU, EU, CNSP) and matched
//     case-sensitively as a whole word, optionally with a possessive or
//     plural 's (NGO's) and, for an English term, the plural -s (MPs,
//     NGOs); an acronym never matches inside a word (augustus) nor in
//     another case (Au);
//   - hyphen: the match is one part of a hyphenated word (VN in VN-missie,
//     ECOWAS in ECOWAS-top, lidstaten in EU-lidstaten);
//   - compound: a single word none of whose readings is a term, but one of
//     whose parts under Options.Split is (trainingsmissie → missie); not
//     a capitalised word that does not open a sentence, a name (Jan
//     Arendsland is no land).
//
// A compound match marks the WHOLE word, with Term set to the term its part
// matched. We chose the whole word over the part's span because the split
// function returns normalised parts (linking sounds dropped, case folded)
// that need not occur verbatim in the word, and because an annotation
// inside a word would break the rule that annotations sit on word edges.
// The head (last part) is preferred, as it names what the compound is.
//
// A word of two or three capital letters only (ER, AU, VN) is taken to be an
// acronym and matches acronym terms only: the Dutch adverb er in a
// dictionary must not claim the Europese Raad's ER.
//
// # Separated forms
//
// A Dutch main clause puts a verb term's finite verb second and the rest
// of the term at the clause's end: oproepen tot becomes "roept de junta
// op tot", steun uitspreken "spreekt zijn steun uit". Options.Separated
// gives such forms (index.SeparatedForms: the finite verbs, the rest, and
// whether the rest ends its clause). A separated match needs the verb as
// written (folded), then 1 to maxSeparation words of the same clause (no
// punctuation, no paragraph break, no word that opens another clause:
// dat, die, omdat …; a hyphenated word counts once), then the rest. A
// verb form after an article, a preposition or te is no finite verb (bij
// het stellen); a bare stem (roep, and wel, met, was, which are stems
// too) only beside ik, je or jij or opening a clause. A rest that ends
// the clause must be followed by punctuation, the text's end, a
// preposition or a conjunction (not: voert troepen uit Mali af), and a
// particle that a pronoun before it strands (daar hecht ik aan) does not
// count. The annotation holds the rest; its Verb the verb, which no other
// annotation overlaps (a separated match whose verb another match covers
// is dropped). Spread turns the verb into an annotation of its own for a
// view that marks stretches of text.
//
// English phrasal verbs separate too, with only their object between
// (carry it out, phase them out, set the mission up): for such a form
// (Separated.ByKey, Separated.Max) the verb is compared by key, in any
// inflection, and at most Max words stand between.
//
// # Verbs that look like a noun's plural
//
// A Dutch noun's plural in -en is often an infinitive too (onderzoeken,
// besluiten, voorstellen). The form of a noun term (part of speech noun)
// is not taken for the term where the clause uses it as a verb: right
// after te (te onderzoeken), or at the clause's end (before punctuation,
// the text's end or a subordinating word: onderzoeken of …) with an
// auxiliary earlier in the clause (zullen, kunnen, moeten, willen, mogen,
// gaan, laten, blijven, komen, hoeven, durven) and no article,
// determiner, numeral, preposition or inflected adjective right before
// it (tot nieuwe onderzoeken stays the noun). With Options.Word the word
// list must also have the verb's third person (onderzoekt). Annotate,
// CheckAll and the document term lists then do not count it; a verb term
// of its own, where the glossary has one, still matches it. In five
// Tweede Kamer Handelingen (about 2,100 annotations) this took 12
// occurrences of onderzoek, all verbs; the Mali letter lost none.
//
// # Nouns that look like a verb
//
// The converse: a Dutch verb's infinitive and stem are often nouns
// (besluiten: het besluit, de besluiten; voorstellen: het voorstel;
// verzoeken: het verzoek). A verb term (part of speech verb) whose first
// word is its verb (besluiten, oproepen tot) does not match its
// infinitive or stem where the words around make it a noun: a
// determiner right before it (de, het, een, dit, dat, deze, die, a
// possessive, elk, ieder, geen, welk, alle, a numeral …: het besluit,
// dat verzoek, de voorstellen, zijn oproep tot), an inflected adjective
// right before it (een politieke besluit; before the infinitive only
// after a determiner, de nieuwe besluiten, as in de grootste bijdrage
// leveren the -e word is the verb's object), or van right after it
// (op verzoek van, voorstellen van de commissie). The verb's own uses
// stay: the infinitive after het, dit or een is the verbal noun (het
// indienen van moties), after die or dat at its clause's end a verb (de
// leden die besluiten.), after haar, hun or ons with an auxiliary before
// a verb (ik wil haar verzoeken); its other forms (besloot, besloten,
// stelt … voor) are never taken for a noun. A noun concept of the stem
// (voorstel) still matches there. With the curated glossary, the Mali
// letter and 14 Tweede Kamer Handelingen (3,429 annotations) lost 4 (a
// noun afbouw three times, zijn oproep tot once), all nouns; with verb
// concepts besluiten, voorstellen and verzoeken added they lost 50, all
// nouns. Noun uses left to the verb: after an uninflected adjective (een
// nieuw voorstel), a bare plural (met voorstellen te komen).
//
// A word broken across a line with a hyphen (veroor-\ndeeld) is also tried
// as the joined word (veroordeeld) when the next line starts in lower case.
//
// Where matches overlap, the longest (in bytes) wins; among equally long
// matches at the same place the stricter Via wins, then the concept given
// first to NewMatcher. The output never overlaps and is sorted by Start.
package match
