package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/tm"
)

// Problem names a kind of difference CheckData finds.
type Problem string

// The differences CheckData reports. The store is the truth; the index, the
// termbase and the translation memory's segments are derived from it.
const (
	// ProblemMissing: a stored document none of whose passages the index holds.
	ProblemMissing Problem = "missing"
	// ProblemIncomplete: a stored document the index holds only some passages of.
	ProblemIncomplete Problem = "incomplete"
	// ProblemVersion: passages of a stored document in a version the store
	// does not hold (the text changed behind the index's back, or a
	// replacement was interrupted).
	ProblemVersion Problem = "version"
	// ProblemOrphan: passages of a document the store does not hold.
	ProblemOrphan Problem = "orphan"
	// ProblemContent: a passage of the stored version whose indexed text or
	// fields differ from the stored document's paragraph (CheckOptions.Content).
	ProblemContent Problem = "content"
	// ProblemConcept: a stored concept the termbase lacks or holds
	// otherwise, or a termbase concept the store lacks.
	ProblemConcept Problem = "concept"
	// ProblemInvalid: a stored concept that fails Concept.Validate (stored
	// before validation refused it). Not repaired: edit or delete it.
	ProblemInvalid Problem = "invalid"
	// ProblemSegment: a stored translation-memory segment the in-memory
	// memory lacks or holds otherwise, or one it holds that is not stored.
	ProblemSegment Problem = "segment"
)

// Finding is one difference: what kind, which document, concept or
// segment, how many passages it concerns, and in words.
type Finding struct {
	Problem  Problem `json:"problem"`
	ID       string  `json:"id"`
	Passages int     `json:"passages,omitempty"`
	Detail   string  `json:"detail"`
}

// CheckOptions say how far CheckData looks and whether it repairs.
type CheckOptions struct {
	// Content also compares every indexed passage of the stored versions
	// with the stored document's paragraph (reads each passage's stored
	// fields); without it only passage IDs are compared, which finds every
	// missing, orphan and other-version passage in one pass over the IDs.
	Content bool
	// Repair makes the index, the termbase and the segments match the
	// store, then checks again.
	Repair bool
}

// CheckReport is what CheckData found. Findings are sorted by problem, then id.
type CheckReport struct {
	Documents int       `json:"documents"` // stored documents
	Passages  int       `json:"passages"`  // indexed passages, before any repair
	Concepts  int       `json:"concepts"`  // stored concepts
	Segments  int       `json:"segments"`  // stored translation-memory segments
	Findings  []Finding `json:"findings"`
	// Repaired is set when Repair was asked and the repair ran; Remaining
	// is what a second check found after it (invalid concepts, which are
	// not repaired, and anything the repair could not fix).
	Repaired  bool      `json:"repaired"`
	Remaining []Finding `json:"remaining,omitempty"`
}

// Clean reports whether the store and what is derived from it agree (after
// the repair, when one ran).
func (r *CheckReport) Clean() bool {
	if r.Repaired {
		return len(r.Remaining) == 0
	}
	return len(r.Findings) == 0
}

// CheckData compares the store with the index document by document (and the
// stored glossary and translation memory with the termbase and segments
// held in memory) and reports every difference; with opt.Repair it
// repairs them from the store. It runs beside searches; document writes
// wait for it (the index must not change while its IDs are compared).
func (a *App) CheckData(ctx context.Context, opt CheckOptions) (*CheckReport, error) {
	a.wmu.Lock()
	defer a.wmu.Unlock()
	r, fix, err := a.check(ctx, opt.Content)
	if err != nil || !opt.Repair {
		return r, err
	}
	if err := a.repair(ctx, fix); err != nil {
		return r, err
	}
	again, _, err := a.check(ctx, opt.Content)
	if err != nil {
		return r, err
	}
	r.Repaired, r.Remaining = true, again.Findings
	return r, nil
}

// fix is what a repair does: the passages to delete and to (re)index,
// the concepts to publish and withdraw, the segments to put.
type fix struct {
	del      []string
	add      []index.Passage
	reindex  int // documents whose passages are (re)indexed
	publish  []glossary.Concept
	withdraw []string
	segs     []tm.Segment
}

func (a *App) check(ctx context.Context, content bool) (*CheckReport, *fix, error) {
	r, f, err := a.checkIndex(ctx, content)
	if err != nil {
		return nil, nil, err
	}
	if err := a.checkGlossary(r, f); err != nil {
		return nil, nil, err
	}
	if err := a.checkSegments(r, f); err != nil {
		return nil, nil, err
	}
	sort.SliceStable(r.Findings, func(i, j int) bool {
		x, y := r.Findings[i], r.Findings[j]
		if x.Problem != y.Problem {
			return x.Problem < y.Problem
		}
		return x.ID < y.ID
	})
	return r, f, nil
}

// checkIndex compares the index's passage IDs, which carry each
// document's version ("doc@version#n"), with the passages of the stored
// version of every stored document; with content it also reads the
// stored fields of the passages that are there.
func (a *App) checkIndex(ctx context.Context, content bool) (*CheckReport, *fix, error) {
	ids, err := a.idx.PassageIDs(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("app: check: %w", err)
	}
	a.mu.RLock()
	docs := make([]*DocInfo, 0, len(a.infos))
	for _, d := range a.infos {
		docs = append(docs, d)
	}
	a.mu.RUnlock()
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })

	r := &CheckReport{Documents: len(docs), Passages: len(ids)}
	f := &fix{}
	have := make(map[string]bool, len(ids))
	byDoc := map[string][]string{} // the IDs of passages of each document
	for _, id := range ids {
		have[id] = true
		d := docOf(id)
		byDoc[d] = append(byDoc[d], id)
	}
	stored := make(map[string]bool, len(docs))
	var present []index.Passage // passages of the stored versions the index holds, for checkContent
	for _, doc := range docs {
		stored[doc.ID] = true
		// The IDs alone tell what is missing; the document is read
		// from the store only to rebuild missing passages or to
		// compare their content.
		pids := passageIDs(doc)
		nMissing := 0
		for _, id := range pids {
			if !have[id] {
				nMissing++
			}
		}
		var missing []index.Passage
		if nMissing > 0 || content {
			d, err := a.scanDocument(doc.ID)
			if err != nil {
				return nil, nil, fmt.Errorf("app: check: %w", err)
			}
			for _, p := range passages(d) {
				if have[p.ID] {
					if content {
						present = append(present, p)
					}
				} else {
					missing = append(missing, p)
				}
			}
		}
		ps := pids
		if content && len(present) >= checkContentBatch {
			if err := a.checkContent(ctx, present, r, f); err != nil {
				return nil, nil, err
			}
			present = present[:0]
		}
		var other []string
		versions := map[string]bool{}
		for _, id := range byDoc[doc.ID] {
			if v := versionOf(id); v != doc.Version {
				other = append(other, id)
				if v == "" {
					v = "(none)"
				}
				versions[v] = true
			}
		}
		switch {
		case len(other) > 0:
			r.Findings = append(r.Findings, Finding{Problem: ProblemVersion, ID: doc.ID, Passages: len(other),
				Detail: fmt.Sprintf("the store holds version %s (%d passages, %d of them indexed); the index also holds version %s (%d passages)",
					doc.Version, len(ps), len(ps)-len(missing), strings.Join(sortedKeys(versions), ", "), len(other))})
		case len(missing) == len(ps) && len(ps) > 0:
			r.Findings = append(r.Findings, Finding{Problem: ProblemMissing, ID: doc.ID, Passages: len(missing),
				Detail: fmt.Sprintf("stored (version %s, %d passages) but not in the index", doc.Version, len(ps))})
		case len(missing) > 0:
			r.Findings = append(r.Findings, Finding{Problem: ProblemIncomplete, ID: doc.ID, Passages: len(missing),
				Detail: fmt.Sprintf("the index lacks %d of the %d passages of version %s", len(missing), len(ps), doc.Version)})
		}
		f.del = append(f.del, other...)
		f.add = append(f.add, missing...)
		if len(missing) > 0 {
			f.reindex++
		}
	}
	var orphans []string
	for d := range byDoc {
		if !stored[d] {
			orphans = append(orphans, d)
		}
	}
	for _, d := range orphans {
		r.Findings = append(r.Findings, Finding{Problem: ProblemOrphan, ID: d, Passages: len(byDoc[d]),
			Detail: fmt.Sprintf("%d passages of a document the store does not hold", len(byDoc[d]))})
		f.del = append(f.del, byDoc[d]...)
	}
	if content && len(present) > 0 {
		if err := a.checkContent(ctx, present, r, f); err != nil {
			return nil, nil, err
		}
	}
	return r, f, nil
}

// checkContentBatch is how many passages checkIndex gathers before it
// compares their content: the check holds that many, not the corpus.
const checkContentBatch = 2000

// checkContent compares the stored fields of the indexed passages of the
// stored versions with the passages the stored documents give.
func (a *App) checkContent(ctx context.Context, want []index.Passage, r *CheckReport, f *fix) error {
	ids := make([]string, len(want))
	for i, p := range want {
		ids[i] = p.ID
	}
	got, err := a.idx.Stored(ctx, ids)
	if err != nil {
		return fmt.Errorf("app: check: %w", err)
	}
	bad := map[string][]index.Passage{}
	var order []string
	for _, p := range want {
		g, ok := got[p.ID]
		stored := p
		stored.TitleWords, stored.Speaker = "", "" // indexed, not stored
		if !ok || g == stored {
			// Gone between the two reads is impossible under wmu; a
			// passage the search did not return is left to the ID check.
			continue
		}
		if len(bad[p.Doc]) == 0 {
			order = append(order, p.Doc)
		}
		bad[p.Doc] = append(bad[p.Doc], p)
	}
	for _, d := range order {
		ps := bad[d]
		r.Findings = append(r.Findings, Finding{Problem: ProblemContent, ID: d, Passages: len(ps),
			Detail: fmt.Sprintf("%d indexed passages differ from the stored text (first: paragraph %d)", len(ps), ps[0].Paragraph)})
		f.add = append(f.add, ps...)
		f.reindex++
	}
	return nil
}

// checkGlossary compares the stored concepts with the termbase and
// validates each stored concept.
func (a *App) checkGlossary(r *CheckReport, f *fix) error {
	if a.store == nil {
		r.Concepts = a.terms.Len()
		return nil
	}
	// Concept writes hold a.gl.mu while they write the store and the
	// termbase: under it the two must agree.
	a.gl.mu.Lock()
	stored, err := a.store.Concepts()
	held := a.terms.All()
	a.gl.mu.Unlock()
	if err != nil {
		return fmt.Errorf("app: check: %w", err)
	}
	r.Concepts = len(stored)
	inMemory := make(map[string]glossary.Concept, len(held))
	for _, c := range held {
		inMemory[c.ID] = c
	}
	if n := a.terms.Len(); n != len(held) {
		r.Findings = append(r.Findings, Finding{Problem: ProblemConcept, ID: "(termbase)",
			Detail: fmt.Sprintf("the termbase holds %d concepts but lists %d in order", n, len(held))})
	}
	for _, c := range stored {
		if err := c.Validate(); err != nil {
			r.Findings = append(r.Findings, Finding{Problem: ProblemInvalid, ID: c.ID, Detail: err.Error()})
		}
		m, ok := inMemory[c.ID]
		delete(inMemory, c.ID)
		switch {
		case !ok:
			r.Findings = append(r.Findings, Finding{Problem: ProblemConcept, ID: c.ID, Detail: "stored but not in the termbase"})
		case !sameJSON(c, m):
			r.Findings = append(r.Findings, Finding{Problem: ProblemConcept, ID: c.ID, Detail: "the termbase holds another version than the store"})
		default:
			continue
		}
		f.publish = append(f.publish, c)
	}
	for id := range inMemory {
		r.Findings = append(r.Findings, Finding{Problem: ProblemConcept, ID: id, Detail: "in the termbase but not stored"})
		f.withdraw = append(f.withdraw, id)
	}
	return nil
}

// checkSegments compares the stored translation-memory segments with the
// ones held in memory.
func (a *App) checkSegments(r *CheckReport, f *fix) error {
	if err := a.tmReady(); err != nil {
		return err
	}
	t := a.tmem
	if a.store == nil || t == nil {
		return nil
	}
	// Writers hold t.wmu across the store and the map.
	t.wmu.Lock()
	stored, err := a.store.Segments()
	t.mu.RLock()
	held := make(map[string]tm.Segment, len(t.segs))
	for k, s := range t.segs {
		held[k] = s
	}
	t.mu.RUnlock()
	t.wmu.Unlock()
	if err != nil {
		return fmt.Errorf("app: check: %w", err)
	}
	r.Segments = len(stored)
	for _, s := range stored {
		k := s.Key()
		m, ok := held[k]
		delete(held, k)
		switch {
		case !ok:
			r.Findings = append(r.Findings, Finding{Problem: ProblemSegment, ID: segmentName(k), Detail: "stored but not in the translation memory"})
		case !sameJSON(s, m):
			r.Findings = append(r.Findings, Finding{Problem: ProblemSegment, ID: segmentName(k), Detail: "the translation memory holds another version than the store"})
		default:
			continue
		}
		f.segs = append(f.segs, s)
	}
	for k := range held {
		// The segment index has no delete: a restart rebuilds it.
		r.Findings = append(r.Findings, Finding{Problem: ProblemSegment, ID: segmentName(k), Detail: "in the translation memory but not stored (a restart rebuilds it from the store)"})
	}
	return nil
}

// repair applies f: the index first (delete, then add: an ID both
// deletes and adds does not occur), then the termbase and the segments.
func (a *App) repair(ctx context.Context, f *fix) error {
	if err := a.idx.Delete(ctx, f.del); err != nil {
		return fmt.Errorf("app: repair: %w", err)
	}
	// In batches, saying how far it is every few seconds: a rebuild of a
	// large corpus at start-up (another analysis) takes minutes with the
	// port still closed, and said nothing until it was done.
	start, said := time.Now(), time.Now()
	for i := 0; i < len(f.add); i += repairBatch {
		end := min(i+repairBatch, len(f.add))
		if err := a.idx.Add(ctx, f.add[i:end]); err != nil {
			return fmt.Errorf("app: repair: %w", err)
		}
		if end < len(f.add) && time.Since(said) >= progressEvery {
			took := time.Since(start)
			left := time.Duration(float64(took) / float64(end) * float64(len(f.add)-end))
			a.log.Info("indexing passages", "done", end, "of", len(f.add), "eta", left.Round(time.Second))
			said = time.Now()
		}
	}
	if len(f.publish) > 0 || len(f.withdraw) > 0 {
		a.gl.mu.Lock()
		for _, id := range f.withdraw {
			a.terms.Delete(id)
		}
		a.publish(f.publish...)
		a.gl.mu.Unlock()
		a.rebuildMatcher()
	}
	if len(f.segs) > 0 {
		a.tmem.wmu.Lock()
		err := a.tmem.put(ctx, f.segs)
		a.tmem.wmu.Unlock()
		if err != nil {
			return fmt.Errorf("app: repair: %w", err)
		}
	}
	return nil
}

// repairBatch is how many passages repair indexes at a time, and
// progressEvery how often it says how far it is.
const (
	repairBatch   = 10000
	progressEvery = 5 * time.Second
)

// reconcile is the check start-up runs: passage IDs only, and with repair
// it makes the index hold exactly the passages of the stored version of
// every stored document, adding what is missing (a crash before a write
// was indexed) and removing every other passage (of a version the store
// does not hold, of a deleted document, or from before passage IDs
// carried versions).
func (a *App) reconcile(ctx context.Context, repair bool) error {
	r, f, err := a.checkIndex(ctx, false)
	if err != nil {
		return err
	}
	// A few differences are named; many (an index rebuilt from scratch)
	// are counted. After a planned rebuild (another analysis) a missing
	// document is what is expected: one line says how many will be
	// indexed, and only other differences are warnings.
	const named = 10
	findings := r.Findings
	if a.rebuilding {
		findings = slices.DeleteFunc(slices.Clone(findings), func(x Finding) bool { return x.Problem == ProblemMissing })
		a.log.Info("indexing the stored documents into the rebuilt index", "documents", len(r.Findings)-len(findings))
	}
	for _, x := range findings[:min(len(findings), named)] {
		a.log.Warn("index differs from the store", "problem", x.Problem, "doc", x.ID, "passages", x.Passages, "detail", x.Detail)
	}
	if len(findings) > named {
		byProblem := map[Problem]int{}
		for _, x := range findings {
			byProblem[x.Problem]++
		}
		a.log.Warn("index differs from the store for more documents", "documents", len(findings), "named", named, "by problem", byProblem)
	}
	if !repair || (len(f.del) == 0 && len(f.add) == 0) {
		return nil
	}
	if err := a.repair(ctx, f); err != nil {
		return err
	}
	a.log.Info("index reconciled with the store", "documents reindexed", f.reindex, "passages removed", len(f.del))
	return nil
}

// docOf returns the document part of a passage ID: "doc@v#n" and the
// older "doc#n" both give doc.
func docOf(id string) string {
	if at := strings.LastIndexByte(id, '@'); at >= 0 {
		return id[:at]
	}
	if h := strings.LastIndexByte(id, '#'); h >= 0 {
		return id[:h]
	}
	return id
}

func segmentName(key string) string { return strings.ReplaceAll(key, "\x00", "/") }

func sortedKeys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// sameJSON reports whether a and b encode alike: concepts and segments
// hold times whose in-memory form differs after a JSON round trip.
func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
