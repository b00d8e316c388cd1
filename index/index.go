package index

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Field names in the index.
const (
	fieldText      = "text"       // stemmed Dutch, stored: the passage returned and highlighted
	fieldExact     = "text_exact" // folded, unstemmed, not stored: same text, same offsets
	fieldDoc       = "doc"        // keyword, doc values: filter and facet
	fieldSection   = "section"    // keyword, doc values: filter and facet
	fieldHeading   = "heading"    // the section heading, stemmed Dutch, not stored: low-weight matches
	fieldTitle     = "title"      // stored only
	fieldParagraph = "paragraph"  // stored only
	fieldStart     = "start"      // stored only
	fieldEnd       = "end"        // stored only
)

// analysisVersion identifies the analysis an index was built with. It is
// stored in the index; Open refuses an index built with another one, whose
// keys would not match the queries. Change it with anything that changes
// the tokens an analyzer emits, the compound splitter's rules included.
const analysisVersion = "tolk-analysis/30" // 30: a strong verb's pasts are forms of it where its root's past is no other word (pastHomographs), zijn has its forms, a stem with a diaeresis doubles its vowel (initiëren: initieerde) and ue does (evalueren: evalueerde); 29: a split separable verb is found after more strong pasts (schonk … in, vloog … uit; strongVerbs has lezen, genieten, schenken, vliegen and the other common strong verbs) and its verb is no longer taken for a strong one whose letters it ends in after a first part no word has (slopen: s+lopen); 28: a separable verb a clause splits (trekt de regeling in, op te schorten) is indexed under the whole verb's key at its particle, and in the exact field as its infinitive, with a Decompounder that has a word list (splitVerbs); 27: a full stop between a word and a capitalised one (verlengd.De, text extracted without the space after a sentence) cuts the word in two (gluedTokenizer); 26: the comparatives and superlatives of the adjective suffixes (rijker, rijkste, volste) are no compound heads (decompound notHead: belangrijkste is no belang); 25: indien, a conjunction whose Snowball key is indienen's, is a stop word (conjunctionsNL); 24: a listed compound the splitter keeps whole is indexed under its modifier and head too when both are productive (decompound SearchParts: omzetbelasting under belasting); 23: -rijk (belangrijk, invloedrijk) is no compound head, as -lijk and -baar are not (decompound notHead); 22: a doubled vowel after a vowel before a final consonant is shortened, as Snowball shortens it after a consonant (financieel = financiële, materiaal = materialen; undoubleAfterVowel); 21: English keys are inflection keys (lemmaEN), not Porter stems; 20: names listed after a plural title (de leden Koerhuis, Kops en Beckerman) and a motion named after its mover (de motie-Koerhuis) not split; 19: names after initials (S.A. Blok, C. van Nieuwenhuizen) and after abbreviated titles (dhr., mr., drs.) not split either, lid a title only after het, and the bulk path (Prepare) finds names too (nameScan); 18: a capitalised word after a title (de heer Koerhuis, minister Van Engelshoven) is a name and not split (nameFilter); 17: Latin and Greek plurals take their singular's key (crises → crisis, politici → politicus, criteria → criterium; the overrides' fourth rule); 16: a compound whose head is an irregular plural takes the singular compound's key when the word list has it (Kamerleden → Kamerlid; the overrides' third rule); 15: the irregular plurals (kinderen, steden, leden; irregularPlurals) take their singular's key; 14: a listed name stays whole when the corpus or the glossary has it too (Frankrijk, Bijleveld); 13: listed compounds with a linking -s- after a derivational suffix split whatever the counts say (decompound options.suffixLink); 12: section numbers left out of the heading field (headingWords); 11: a compound modifier's own parts indexed too (indexParts)

// internalKey is where the analysis version is stored.
var internalKey = []byte("tolk.analysis")

// ErrAnalysisChanged is returned by Open for an index built with a
// different analysis (another tolk version, or with/without a
// Decompounder): its passages must be indexed again.
var ErrAnalysisChanged = errors.New("index: built with a different analysis; rebuild it")

// Passage is one indexed unit: a paragraph of a document. ID must be unique
// across the index; when empty, Add uses Doc + "#" + Paragraph. Start and End
// are the paragraph's offsets in the document's normalised text.
type Passage struct {
	ID        string
	Doc       string
	Title     string
	Section   string
	Paragraph int
	Start     int
	End       int
	Text      string
	// TitleWords are indexed in the heading field beside the section's
	// heading: the document's title, on its first passage, when the
	// title is not part of its text (a Markdown "# Title", a Word Title
	// paragraph, a title given on upload), so that its words find the
	// document. Not stored.
	TitleWords string
	// Speaker is who said the passage (a speaking turn of the
	// proceedings), when its text begins with them as a label: "Minister
	// De Jonge: Ja." with Speaker "Minister De Jonge". The label is
	// indexed in the heading field, not in the text's: a search for the
	// speaker finds their turns as it finds the passages under a heading,
	// alike whatever their length, instead of through a word of the text,
	// where the length norm put their one-word turns ("Ja.") first.
	// The stored text keeps the label; a label the text does not begin
	// with is indexed in the heading field all the same (the pieces of
	// a long turn after its first). Not stored.
	Speaker string
}

// Options configure an Index.
type Options struct {
	// Decompounder, when set, splits Dutch compounds at index time so that a
	// part finds the compound. Nil indexes whole words only.
	Decompounder Decompounder
	// ResultCache is the size in bytes of the cache of recent search
	// answers (resultcache.go); 0 keeps none.
	ResultCache int64
}

// Index is a passage index. It is safe for concurrent use.
type Index struct {
	b     bleve.Index
	nl    analysis.Analyzer // stemmed field, with the Decompounder if any
	exact analysis.Analyzer // the exact field's analysis of query words
	// exactDoc is the exact field's analysis of a passage: exact's, and
	// the split separable verbs' infinitives (exactDocAnalyzer) when the
	// Decompounder has a word list.
	exactDoc analysis.Analyzer
	query    analysis.Analyzer // stemmed analysis of query words: no compound splitting
	en       analysis.Analyzer // English stems, for Keys

	decompounder Decompounder      // may be nil
	listed       func(string) bool // its word list, for split verbs (splitVerbs); nil for none
	words        *wordCache        // the stemmed field's keys per word, for Prepare

	slots sync.Pool // *[]int32: SearchWeighted's candidate slots, reused
	accs  sync.Pool // *accArrays: SearchWeighted's per-candidate arrays, reused

	facets facetTables // per segment: each passage's document and section

	cache *resultCache // recent answers on the current snapshot; nil for none

	// closed is set by Close: the evaluated search (evaluate.go) reads
	// the snapshot itself and must refuse as bleve's search does.
	closed atomic.Bool
}

// batchSize is the number of passages per bleve batch: STYLE's measurements
// found larger batches slower and heavier.
const batchSize = 1000

// Open opens the on-disk index in dir, creating it when dir does not exist
// or is empty. An existing index is reopened as it is, not rebuilt; one built
// with another analysis fails with ErrAnalysisChanged.
func Open(dir string, opt Options) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err == nil {
		b, err := bleve.OpenUsing(dir, scorchConfig())
		if err != nil {
			return nil, fmt.Errorf("index: open %s: %w", dir, err)
		}
		ix := newIndex(b, opt)
		v, err := b.GetInternal(internalKey)
		if err != nil {
			b.Close()
			return nil, fmt.Errorf("index: open %s: %w", dir, err)
		}
		if string(v) != ix.version(opt) {
			b.Close()
			return nil, fmt.Errorf("%w (%s has %q, want %q)", ErrAnalysisChanged, dir, v, ix.version(opt))
		}
		return ix, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("index: %s exists and is not an index: %w", dir, err)
	}
	return create(dir, opt)
}

// NewMemory returns an empty index held in memory (scorch without a path).
func NewMemory(opt Options) (*Index, error) { return create("", opt) }

func create(dir string, opt Options) (*Index, error) {
	b, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, scorchConfig())
	if err != nil {
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	ix := newIndex(b, opt)
	if err := b.SetInternal(internalKey, []byte(ix.version(opt))); err != nil {
		b.Close()
		return nil, fmt.Errorf("index: create %s: %w", dir, err)
	}
	return ix, nil
}

func newIndex(b bleve.Index, opt Options) *Index {
	table := overrides()
	return &Index{
		b:     b,
		nl:    newDutchAnalyzer(opt.Decompounder, table),
		exact: newExactAnalyzer(),
		exactDoc: func() analysis.Analyzer {
			if l := listedOf(opt.Decompounder); l != nil {
				return &exactDocAnalyzer{newExactAnalyzer(), l}
			}
			return newExactAnalyzer()
		}(),
		query: newDutchAnalyzer(nil, table),
		en:    newEnglishAnalyzer(),

		decompounder: opt.Decompounder,
		listed:       listedOf(opt.Decompounder),
		words:        newWordCache(opt.Decompounder, table),
		cache:        newResultCache(opt.ResultCache),
	}
}

// Analysis names the analysis this index's keys come from (what version
// stores), so that data built over the keys, such as a translation
// lexicon, can tell whether it still matches.
func (ix *Index) Analysis() string {
	return ix.analysis(Options{Decompounder: ix.decompounder})
}

// analysis names the analysis: the code's version, the override table's
// checksum (a regenerated table changes keys), whether compounds are split
// and, for a splitter that names its inputs (keyedDecompounder), what it
// was built from: a glossary with other terms splits other compounds.
func (ix *Index) analysis(opt Options) string {
	s := fmt.Sprintf("%s;overrides=%08x;decompound=%t", analysisVersion,
		crc32.ChecksumIEEE([]byte(overridesNLText)), opt.Decompounder != nil)
	if k, ok := opt.Decompounder.(keyedDecompounder); ok {
		s += ";splitter=" + k.Key()
	}
	return s
}

// keyedDecompounder is a Decompounder that names what it was built from
// (decompound.Splitter.Key): two with the same key split alike.
type keyedDecompounder interface {
	Decompounder
	Key() string
}

// fieldsVersion identifies what the index's fields hold of a passage
// beyond the analysis of its words; an index built with another is
// rebuilt as one built with another analysis is. 8: a speaking turn's
// speaker label ("Minister De Jonge:", Passage.Speaker) in the heading
// field instead of the stemmed and exact fields; 7: a split separable
// verb's extra token (splitVerbs) does not count in the lengths of the
// stemmed, exact and heading fields (indexText), so the norms are those of
// the passage's words; 6: a long table or
// paragraph is several passages, the pieces after a table's first with
// its header row in the heading field (the application's pieces: the
// analysis is the same, the passages are not); 5: a heading without a
// paragraph of its own in the heading field of the first passage after it
// (carried headings); 4: hyphenated words
// also joined in the stemmed field (hyphenJoins: lid-staten as lidstaten);
// 3: the compounds that
// suspended compounds imply are tokens of the stemmed field (at the
// suspended word's position), no longer a field of their own ("implied");
// 2: the title words of a document's first passage in the heading field
// (Passage.TitleWords).
const fieldsVersion = "fields/8"

// version is what an index stores and Open compares: the analysis and
// the fields.
func (ix *Index) version(opt Options) string {
	return ix.analysis(opt) + ";" + fieldsVersion
}

// newMapping describes the fields for bleve: the mapping stored with the
// index names the analyzers, keeps everything out of _all, and gives doc
// values only to the facet fields. Add builds the documents itself (with
// the same settings) so that each Index can carry its own Decompounder.
func newMapping() *mapping.IndexMappingImpl {
	text := func(name, analyzer string, store bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Name, f.Analyzer, f.Store = name, analyzer, store
		f.IncludeInAll, f.DocValues, f.IncludeTermVectors = false, false, true
		return f
	}
	kw := func(name string) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Name, f.Store, f.IncludeInAll, f.DocValues, f.IncludeTermVectors = name, true, false, true, false
		return f
	}
	stored := func(f *mapping.FieldMapping, name string) *mapping.FieldMapping {
		f.Name, f.Store, f.Index, f.IncludeInAll, f.DocValues, f.IncludeTermVectors = name, true, false, false, false, false
		return f
	}
	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fieldText, text(fieldText, AnalyzerDutch, true), text(fieldExact, AnalyzerExact, false))
	dm.AddFieldMappingsAt(fieldHeading, text(fieldHeading, AnalyzerDutch, false))
	dm.AddFieldMappingsAt(fieldDoc, kw(fieldDoc))
	dm.AddFieldMappingsAt(fieldSection, kw(fieldSection))
	dm.AddFieldMappingsAt(fieldTitle, stored(mapping.NewTextFieldMapping(), fieldTitle))
	for _, n := range []string{fieldParagraph, fieldStart, fieldEnd} {
		dm.AddFieldMappingsAt(n, stored(mapping.NewNumericFieldMapping(), n))
	}
	m := mapping.NewIndexMapping()
	m.DefaultMapping = dm
	m.DefaultAnalyzer = AnalyzerDutch
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	m.DefaultField = fieldText
	return m
}

// Close writes what is not yet on disk (Flush, for at most closeFlush)
// and closes the index. Should the disk refuse the writes (or the flush
// time out), the index is closed all the same and the error says so
// (wrapping ErrNotPersisted, or context.DeadlineExceeded).
func (ix *Index) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), closeFlush)
	defer cancel()
	ferr := ix.Flush(ctx)
	ix.closed.Store(true)
	if err := ix.b.Close(); err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	if ferr != nil {
		return fmt.Errorf("index: close: %w", ferr)
	}
	return nil
}

// closeFlush bounds how long Close waits for the persister.
const closeFlush = time.Minute

// Count returns the number of passages in the index.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.b.DocCount()
	if err != nil {
		return 0, fmt.Errorf("index: count: %w", err)
	}
	return n, nil
}

// Add indexes passages in batches, replacing passages with the same ID. It
// stops between batches when ctx is done. It returns once the passages are
// searchable; they reach the disk soon after (Flush waits for that), and a
// full disk does not fail Add (see scorchConfig).
func (ix *Index) Add(ctx context.Context, ps []Passage) error {
	batch := ix.b.NewBatch()
	for i, p := range ps {
		if err := batch.IndexAdvanced(ix.document(p)); err != nil {
			return fmt.Errorf("index: add passage %q: %w", p.ID, err)
		}
		if batch.Size() >= batchSize || i == len(ps)-1 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("index: add: %w", err)
			}
			if err := ix.b.Batch(batch); err != nil {
				return fmt.Errorf("index: add: %w", err)
			}
			batch.Reset()
		}
	}
	return nil
}

// SplitHeadingNumber splits a leading section number ("1.", "2.3") off a
// heading: "1. Recente ontwikkelingen" → "1.", "Recente ontwikkelingen". A
// heading that is only a number, or whose number is part of its words
// (Artikel 1), has no number to split: "", h.
func SplitHeadingNumber(h string) (number, rest string) {
	i := 0
	for i < len(h) && (h[i] >= '0' && h[i] <= '9' || h[i] == '.') {
		i++
	}
	if i == 0 || i == len(h) || h[i] != ' ' || h[0] == '.' {
		return "", h
	}
	return h[:i], strings.TrimSpace(h[i:])
}

// headingWords returns what the heading field indexes of a section
// heading: the heading without its number, so that a number in a query (1
// september, artikel 3) does not match every passage of a numbered
// section.
func headingWords(h string) string {
	_, rest := SplitHeadingNumber(h)
	return rest
}

// passageHeading is what the heading field of p indexes: its section's
// heading without the number, the title words it carries and its
// speaker, each on a line of its own.
func passageHeading(p Passage) string {
	var lines []string
	for _, l := range []string{headingWords(p.Section), p.TitleWords, p.Speaker} {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// speakerLabel returns the length in bytes of the speaker label p.Text
// begins with ("Minister De Jonge: "), which the text's fields leave out
// (Passage.Speaker), or 0.
func speakerLabel(p Passage) int {
	if p.Speaker == "" || !strings.HasPrefix(p.Text, p.Speaker+":") {
		return 0
	}
	return len(p.Speaker) + 1
}

// passageID is the document ID of p in the index.
func passageID(p Passage) string {
	if p.ID != "" {
		return p.ID
	}
	return p.Doc + "#" + strconv.Itoa(p.Paragraph)
}

// document builds the bleve document of p with the settings newMapping
// declares.
func (ix *Index) document(p Passage) *document.Document {
	const (
		textOpts   = bindex.IndexField | bindex.IncludeTermVectors
		keyOpts    = bindex.IndexField | bindex.StoreField | bindex.DocValues
		storedOpts = bindex.StoreField
	)
	d := document.NewDocument(passageID(p))
	text, label := []byte(p.Text), speakerLabel(p)
	d.AddField(newTextField(fieldText, text, label, textOpts|bindex.StoreField, ix.nl))
	d.AddField(newTextField(fieldExact, text, label, textOpts, ix.exactDoc))
	// A nil analyzer indexes the whole value as one term (a keyword).
	d.AddField(document.NewTextFieldCustom(fieldDoc, nil, []byte(p.Doc), keyOpts, nil))
	if p.Section != "" {
		d.AddField(document.NewTextFieldCustom(fieldSection, nil, []byte(p.Section), keyOpts, nil))
	}
	if h := passageHeading(p); h != "" {
		d.AddField(newTextField(fieldHeading, []byte(h), 0, textOpts, ix.nl))
	}
	d.AddField(document.NewTextFieldCustom(fieldTitle, nil, []byte(p.Title), storedOpts, nil))
	d.AddField(document.NewNumericFieldWithIndexingOptions(fieldParagraph, nil, float64(p.Paragraph), storedOpts))
	d.AddField(document.NewNumericFieldWithIndexingOptions(fieldStart, nil, float64(p.Start), storedOpts))
	d.AddField(document.NewNumericFieldWithIndexingOptions(fieldEnd, nil, float64(p.End), storedOpts))
	return d
}

// DeleteDoc removes every passage of document doc.
func (ix *Index) DeleteDoc(ctx context.Context, doc string) error {
	for {
		q := bleve.NewTermQuery(doc)
		q.SetField(fieldDoc)
		req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
		res, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("index: delete %q: %w", doc, err)
		}
		if len(res.Hits) == 0 {
			return nil
		}
		batch := ix.b.NewBatch()
		for _, h := range res.Hits {
			batch.Delete(h.ID)
		}
		if err := ix.b.Batch(batch); err != nil {
			return fmt.Errorf("index: delete %q: %w", doc, err)
		}
	}
}

// Compact merges the on-disk index's segments into as few as it can and
// waits for it: after a bulk load, every search would otherwise visit each
// small segment the load left behind. An index in memory is left as it is.
func (ix *Index) Compact(ctx context.Context) error {
	adv, err := ix.b.Advanced()
	if err != nil {
		return fmt.Errorf("index: compact: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	// The last batches are still in memory until the persister writes
	// them; a forced merge covers only what is on disk.
	stat := func(k string) uint64 { v, _ := s.StatsMap()[k].(uint64); return v }
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for stat("num_root_memorysegments") > 0 {
		select {
		case <-ctx.Done():
			return fmt.Errorf("index: compact: %w", ctx.Err())
		case <-tick.C:
		}
	}
	if err := s.ForceMerge(ctx, nil); err != nil {
		return fmt.Errorf("index: compact: %w", err)
	}
	return nil
}

// Segments returns the number of segments the index has in memory and on
// disk: each search visits every one of them.
func (ix *Index) Segments() (memory, file uint64) {
	adv, err := ix.b.Advanced()
	if err != nil {
		return 0, 0
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return 0, 0
	}
	m := s.StatsMap()
	memory, _ = m["num_root_memorysegments"].(uint64)
	file, _ = m["num_root_filesegments"].(uint64)
	return memory, file
}
