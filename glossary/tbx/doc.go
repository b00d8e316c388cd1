// Package tbx reads and writes glossary concepts as TBX, the termbase
// exchange format of ISO 30042.
//
// Write produces TBX-Basic 3.0 in DCA style (ISO 30042:2019, namespace
// urn:iso:std:iso:30042:ed-2) that validates against the TBX core RELAX NG
// schema and the TBX-Basic DCA Schematron. Read accepts that and TBX v2
// (martif, termEntry, langSet, tig, ntig/termGrp) as IATE downloads,
// Weblate and Translate Toolkit produce.
//
// Mapping of the model onto TBX-Basic:
//
//	Concept.ID           conceptEntry/@id (an id that is not an XML name gets a leading "_")
//	Concept.Collection   conceptEntry/admin[@type=projectSubset]
//	Concept.Created      conceptEntry/transacGrp (origination, date)
//	Concept.CreatedBy    conceptEntry/transacGrp (origination, transacNote[@type=responsibility]);
//	                     on import also MultiTerm's <transac type="origination">name</transac>
//	Concept.Modified     conceptEntry/transacGrp (modification, date)
//	Concept.ModifiedBy   conceptEntry/transacGrp (modification, transacNote[@type=responsibility])
//	Concept.Subject      conceptEntry/descrip[@type=subjectField]
//	Concept.Definition   langSec/descrip[@type=definition]; for a language without
//	                     terms, conceptEntry/descrip[@type=definition][@xml:lang];
//	                     on import also a definition inside a term (termSec, tig:
//	                     MultiTerm) when the language has none, else the term's note
//	Concept.Source       conceptEntry/admin[@type=source]
//	Concept.Note         conceptEntry/note
//	Concept.Reliability  conceptEntry/note "Reliability: N"
//	Term.Text            termSec/term
//	Term.Status          termNote[@type=administrativeStatus] (preferredTerm-admn-sts, …)
//	Term.Type            termNote[@type=termType]
//	Term.POS             termNote[@type=partOfSpeech]; properNoun, which TBX-Basic
//	                     lacks, is written as noun plus a note "Part of speech: properNoun"
//	Term.Context, Source termSec/descripGrp(descrip[@type=context], admin[@type=source])
//	Term.Article         termSec/note "Article: de" (de/het is not grammatical gender)
//	Term.Plural          termSec/note "Plural: …"
//	Term.Reliability     termSec/note "Reliability: N" (TBX-Basic has no reliabilityCode)
//	Term.Note            termSec/note
//
// TBX-Basic has no data category for article, plural or reliability, so
// they travel as notes with a fixed English label. A free note that itself
// starts with one of those labels, or with "Note: ", is written with a
// "Note: " prefix, which Read removes, so every note reads back unchanged.
//
// Who wrote a note (TBX v2's <note from="translator">, as Weblate and
// Translate Toolkit write it) has no place in the model nor in TBX v3's
// note: Read puts it in front of the text, "Note from translator:
// eigennaam", and Write writes the note with that text.
//
// Read refuses a document type declaration with an internal subset or
// entity declarations (XXE, billion laughs); a DOCTYPE that only names an
// external DTD, as TBX v2 files carry, is ignored and never fetched.
package tbx
