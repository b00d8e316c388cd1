package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tolk-nl/tolk/index"
	"github.com/tolk-nl/tolk/internal/ingest"
	"github.com/tolk-nl/tolk/internal/store"
)

// BulkFile is one letter of a bulk load: its name and how to read it.
// Read is called once, by one of the load's workers, so that only the
// files being worked on are held in memory.
type BulkFile struct {
	Name string
	Read func() ([]byte, error)
	// Size is the file's size in bytes when it is known before the file
	// is read (0: not known). With the sizes the progress counts bytes
	// too (BulkProgress.Bytes), which tell how far a load is better than
	// the number of files when their sizes differ.
	Size int64
}

// BulkOptions say how AddDocuments loads.
type BulkOptions struct {
	// Replace replaces stored documents with the same id (ReplaceDocument);
	// without it such a file is refused (AddDocument), and so is a second
	// file with the id of one loaded before it.
	Replace bool
	// SkipUnchanged leaves out a file whose document is stored, when the
	// load starts, with the version the file gives (as Unchanged says);
	// its number goes in the report's Unchanged. The check costs nothing
	// more: a worker parses the file anyway.
	SkipUnchanged bool
	// Ingest is passed to the parser for every file.
	Ingest ingest.Options
	// Workers parse and analyse files at once; 0 means GOMAXPROCS.
	Workers int
	// BatchPassages is how many passages make one commit: one bleve batch
	// (one segment) and one store transaction. 0 means
	// DefaultBatchPassages. A document is never split between commits.
	BatchPassages int
	// Segments is how many segments each commit's passages are built
	// into at once, on as many goroutines (index.AddPreparedIn); 0 means 1.
	// Building a segment is the one part of a bulk load on a single
	// goroutine; see docs/PERFORMANCE.md ("Bulk indexing") for what more
	// segments cost and bring.
	Segments int
	// Progress, when set, is called after every commit, from the
	// goroutine that called AddDocuments.
	Progress func(BulkProgress)
}

// DefaultBatchPassages is the commit size of a bulk load: large enough
// that a corpus makes few segments and few store commits (each one an
// fsync), small enough that a batch's analysed passages stay some tens
// of MiB. Measured in docs/PERFORMANCE.md ("Bulk indexing").
const DefaultBatchPassages = 2000

// BulkProgress is how far a bulk load has come.
type BulkProgress struct {
	Done     int // files handled: committed, refused or unchanged
	Total    int
	Failed   int // files refused (parse errors, existing ids)
	Passages int // passages committed
	Commits  int // batches committed
	Elapsed  time.Duration
	// Bytes is the size of the files handled, of TotalBytes: the sum of
	// the files' BulkFile.Size (0 when no size was given).
	Bytes, TotalBytes int64
}

// BulkFailure is a file AddDocuments refused; nothing of it is stored.
type BulkFailure struct {
	File int // its place in the files given
	Name string
	Err  error // an *ExistsError, a parse error, the read error
}

// BulkReport is what a bulk load did.
type BulkReport struct {
	Added, Replaced int
	Passages        int
	Commits         int
	Stored          []BulkStored // the files committed, in the order given
	Failed          []BulkFailure
	Unchanged       []int // the files left out by SkipUnchanged, by place in the files given
}

// BulkStored is a file AddDocuments stored.
type BulkStored struct {
	File     int // its place in the files given
	Info     *DocInfo
	Replaced bool // it replaced a stored document with its id
}

// AddDocuments parses, stores and indexes files as AddDocument (or, with
// opt.Replace, ReplaceDocument) does one by one, but for bulk loads: the
// files are read, parsed and analysed on opt.Workers goroutines while the
// passages analysed before them are indexed, and every opt.BatchPassages
// passages are committed together: one bleve batch and one store
// transaction (one fsync). Files are committed in the order given.
//
// Each document is all or nothing, across crashes too. A crash (even
// SIGKILL) leaves either the stored document, whose passages start-up
// re-adds if the disk lacks them, or passages of a document the store
// lacks, which start-up removes (reconcile). A replaced document's
// passages are indexed before the store transaction that holds its new
// version commits; for new documents the two run at once. A batch whose
// index or store step fails stores none of its documents (should taking
// them out of the store again fail too, start-up indexes them: they are
// whole all the same); AddDocuments then stops and returns the error,
// with the report of the batches committed before.
// A file that cannot be read or parsed, or whose id is taken, is refused
// (in the report's Failed) and the load goes on. When ctx ends the load
// stops after the batch being committed.
//
// Other writers wait while a batch commits, not for the whole load.
func (a *App) AddDocuments(ctx context.Context, files []BulkFile, opt BulkOptions) (BulkReport, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	limit := opt.BatchPassages
	if limit <= 0 {
		limit = DefaultBatchPassages
	}
	start := time.Now()
	var stored map[string]string // id → version when the load starts, for SkipUnchanged
	if opt.SkipUnchanged {
		a.mu.RLock()
		stored = make(map[string]string, len(a.infos))
		for id, info := range a.infos {
			stored[id] = info.Version
		}
		a.mu.RUnlock()
	}
	ids := a.loadIDs(files, opt.Ingest)
	ctx, cancel := context.WithCancel(ctx)

	// Workers take file numbers in order and hand back prepared files;
	// window bounds how far they run ahead of the commits: far enough to
	// keep them busy while a batch is committed.
	window := max(8*workers, 32)
	jobs := make(chan int)
	out := make([]chan *bulkItem, len(files))
	for i := range out {
		out[i] = make(chan *bulkItem, 1)
	}
	slots := make(chan struct{}, window)
	bud := newByteBudget(bulkBytesAhead)
	// done ends with AddDocuments, not with ctx: a worker feeding the
	// chunks of a document to a commit under way keeps feeding it.
	done := make(chan struct{})
	var wg sync.WaitGroup
	// On every return: stop the feeder and the workers, then wait for them.
	defer func() { cancel(); close(done); bud.close(); wg.Wait() }()
	wg.Add(1)
	go func() { // feeder
		defer wg.Done()
		defer close(jobs)
		for i := range files {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	an := analysers{ix: a.idx, cores: make(chan struct{}, workers)}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				data, err := files[i].Read()
				if err != nil {
					out[i] <- &bulkItem{err: fmt.Errorf("app: %w", err)}
					continue
				}
				iopt := opt.Ingest
				iopt.ID = ids[i]
				if opt.Replace {
					iopt, err = a.replacementOptions(ingest.CleanName(files[i].Name), iopt)
					if err != nil {
						out[i] <- &bulkItem{err: err}
						continue
					}
				}
				an.cores <- struct{}{}
				it, ps := a.parseFile(files[i].Name, data, iopt, limit, stored)
				<-an.cores
				// The budget bounds the analysed passages (some 40 times
				// their text), not the parsed document: a worker waiting
				// for it has parsed its file on a core that would
				// otherwise have been idle.
				bud.acquire(i, len(data))
				if it.err == nil && !it.unchanged && it.chunks == nil {
					an.cores <- struct{}{}
					it.prep = an.prepare(ps)
					<-an.cores
				}
				it.size = len(data)
				out[i] <- it
				if it.chunks != nil {
					a.prepareChunks(it, bigChunk(limit), done, an)
				}
			}
		}()
	}

	var (
		rep   BulkReport
		batch bulkBatch
		seen  = map[string]string{} // ids loaded so far → file name
	)
	commit := func() error {
		if len(batch.items) == 0 {
			return nil
		}
		err := a.commitBatch(ctx, &batch, opt.Replace, opt.Segments)
		rep.Failed = append(rep.Failed, batch.refused...)
		if err != nil {
			return err
		}
		for _, it := range batch.items { // those commitBatch kept
			if it.replaced {
				rep.Replaced++
			} else {
				rep.Added++
			}
			rep.Passages += it.n
			rep.Stored = append(rep.Stored, BulkStored{File: it.file, Info: it.info, Replaced: it.replaced})
		}
		bud.release(batch.size)
		if len(batch.items) > 0 {
			rep.Commits++
		}
		batch = bulkBatch{}
		return nil
	}
	// sizes[k] is the size of the first k files (BulkFile.Size).
	sizes := make([]int64, len(files)+1)
	for i, f := range files {
		sizes[i+1] = sizes[i] + max(f.Size, 0)
	}
	var last BulkProgress // the last reported, so that the end is not reported twice
	progress := func(done int) {
		p := BulkProgress{Done: done, Total: len(files), Failed: len(rep.Failed),
			Passages: rep.Passages, Commits: rep.Commits, Bytes: sizes[done], TotalBytes: sizes[len(files)]}
		if opt.Progress == nil || (done == len(files) && p == last) {
			return
		}
		last = p
		p.Elapsed = time.Since(start)
		opt.Progress(p)
	}
	for i := range files {
		bud.next(i)
		var it *bulkItem
		select {
		case it = <-out[i]:
		case <-ctx.Done():
			return rep, fmt.Errorf("app: bulk load: %w", ctx.Err())
		}
		<-slots
		if it.err != nil || it.unchanged || seenBefore(seen, it) {
			bud.release(it.size)
		}
		if it.unchanged {
			rep.Unchanged = append(rep.Unchanged, i)
			continue
		}
		if it.err != nil {
			rep.Failed = append(rep.Failed, BulkFailure{File: i, Name: files[i].Name, Err: it.err})
			continue
		}
		id := it.doc.ID
		if prev, ok := seen[id]; ok {
			// Two files of one load that give one id (gmb.xml, gmb.html)
			// are a naming clash, not a new version: with Replace the
			// second silently took the first one's place.
			it.leave()
			rep.Failed = append(rep.Failed, BulkFailure{File: i, Name: files[i].Name, Err: &SameIDError{ID: id, Name: prev}})
			continue
		}
		seen[id] = it.doc.Name
		it.file = i
		batch.add(it)
		if batch.passages >= limit {
			if err := commit(); err != nil {
				return rep, err
			}
			progress(i + 1)
		}
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("app: bulk load: %w", err)
		}
	}
	if err := commit(); err != nil {
		return rep, err
	}
	progress(len(files))
	return rep, nil
}

// loadIDs returns the id each file of a load is stored under, chosen as
// putDocument chooses one (docID) against the documents stored when the
// load starts and the files before it in the load: stb.html and stb.xml
// of one load are stb and stb-xml. It is "" for a file whose name gives
// no id (its identifier or title does, which only parsing tells: it
// keeps that one), and for every file when opt names the id.
func (a *App) loadIDs(files []BulkFile, opt ingest.Options) []string {
	ids := make([]string, len(files))
	if opt.ID != "" {
		return ids
	}
	mine := map[string]string{} // ids given to files of this load → file name
	held := func(id string) (string, bool) {
		if name, ok := mine[id]; ok {
			return name, true
		}
		return a.heldBy(id)
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	for i, f := range files {
		name := ingest.CleanName(f.Name)
		id, ok := ingest.NameID(name)
		if !ok {
			continue
		}
		ids[i] = docID(id, name, held)
		if _, ok := mine[ids[i]]; !ok {
			mine[ids[i]] = name
		}
	}
	return ids
}

// bulkItem is one file, parsed and analysed, or why not.
type bulkItem struct {
	doc      *Document
	info     *DocInfo
	rec      store.DocRecord
	ids      []string // passage IDs
	prep     []*index.Prepared
	n        int  // passages
	file     int  // place in the files given
	replaced bool // commitBatch replaced a stored document with it
	size     int  // source bytes, held in the byte budget until committed
	err      error

	unchanged bool // stored already in this version (BulkOptions.SkipUnchanged): nothing else is set

	// A document of more than a batch comes instead of prep as chunks
	// of at most a batch, analysed by the worker that parsed it while its
	// commit indexes the chunks before (prepareChunks), so that its
	// analysis (some 50 times its text) is never held whole. chunks is
	// closed after the last one, or early when the load ends.
	big    []index.Passage
	chunks chan []*index.Prepared
	quit   chan struct{} // closed (leave) when it is not committed after all
	left   bool          // the writer's: quit is closed
}

// leave stops the analysis of a document that will not be committed
// (refused at its commit or before). Only the writer calls it.
func (it *bulkItem) leave() {
	if it.quit != nil && !it.left {
		it.left = true
		close(it.quit)
	}
}

// parseFile does the first part of a file's work that needs no lock:
// parsing and encoding the stored form. It returns the passages to
// analyse (an.prepare) into the item's prep, unless the item is refused,
// unchanged or a document of more than limit passages (analysed in
// chunks by prepareChunks). A document whose version is its id's
// in stored (when not nil) is only marked unchanged.
func (a *App) parseFile(name string, data []byte, opt ingest.Options, limit int, stored map[string]string) (*bulkItem, []index.Passage) {
	name = ingest.CleanName(name)
	d, err := ingest.Parse(name, data, a.ingestOptions(opt))
	if err != nil {
		return &bulkItem{err: err}, nil
	}
	meta, err := encodeDocument(d)
	if err != nil {
		return &bulkItem{err: fmt.Errorf("app: %w", err)}, nil
	}
	doc := &Document{Document: d, Name: name, Added: time.Now().UTC(), version: version(meta)}
	if v, ok := stored[d.ID]; ok && v == doc.version {
		return &bulkItem{unchanged: true}, nil
	}
	info := doc.info()
	raw, err := json.Marshal(info)
	if err != nil {
		return &bulkItem{err: fmt.Errorf("app: %w", err)}, nil
	}
	ps := passages(doc)
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	it := &bulkItem{
		doc:  doc,
		info: info,
		rec:  store.DocRecord{ID: d.ID, Name: name, Title: d.Title, Format: string(d.Format), Added: doc.Added, Source: data, Meta: meta, Info: raw},
		ids:  ids,
		n:    len(ps),
	}
	if len(ps) > limit {
		it.big, it.chunks, it.quit = ps, make(chan []*index.Prepared), make(chan struct{})
		return it, nil
	}
	return it, ps
}

// prepareChunks analyses it.big limit passages at a time and hands each
// chunk to it.chunks, where the commit of it takes them one by one
// (indexChunks); it stops early when done closes or it is left.
func (a *App) prepareChunks(it *bulkItem, limit int, done <-chan struct{}, an analysers) {
	defer close(it.chunks)
	for ps := it.big; len(ps) > 0; {
		chunk := ps[:min(limit, len(ps))]
		ps = ps[len(chunk):]
		an.cores <- struct{}{}
		sets := an.prepare(chunk)
		<-an.cores
		select {
		case it.chunks <- sets:
		case <-done:
			return
		case <-it.quit:
			return
		}
	}
}

// indexChunks indexes the chunks of a document of more than a batch,
// each as one batch once the one before is on disk, while the worker
// analyses the next.
func (a *App) indexChunks(ctx context.Context, it *bulkItem) error {
	n := 0
	for sets := range it.chunks {
		if err := a.idx.Flush(ctx); err != nil {
			return err
		}
		if err := a.idx.AddPrepared(ctx, sets...); err != nil {
			return err
		}
		for _, p := range sets {
			n += p.Len()
		}
	}
	if n != it.n {
		return fmt.Errorf("app: %s: %d of %d passages analysed: the load was stopped", it.doc.Name, n, it.n)
	}
	return nil
}

// analysers analyse passages on the cores the bulk load's workers leave
// idle. A worker holds one of cores while it parses and analyses a file
// (not while it reads, waits for the byte budget or hands chunks to a
// commit); a file's passages are cut into pieces that it analyses itself
// and that any free core takes too. Without this a worker waiting for the
// budget left a core idle while the commit waited for the one file the
// other worker was analysing (a fifth of the cores' time, measured).
type analysers struct {
	ix    *index.Index
	cores chan struct{} // as many as workers
}

// analysisPiece is how many passages are analysed at a time: small
// enough to share a file between cores, large enough that a piece costs
// more than handing it over (some milliseconds).
const analysisPiece = 128

// prepare analyses ps in pieces, in order, on the calling goroutine and
// on as many more as cores are free.
func (an analysers) prepare(ps []index.Passage) []*index.Prepared {
	n := (len(ps) + analysisPiece - 1) / analysisPiece
	if n <= 1 {
		return []*index.Prepared{an.ix.Prepare(ps)}
	}
	out := make([]*index.Prepared, n)
	var next atomic.Int64
	piece := func() bool {
		k := int(next.Add(1) - 1)
		if k >= n {
			return false
		}
		out[k] = an.ix.Prepare(ps[k*analysisPiece : min((k+1)*analysisPiece, len(ps))])
		return true
	}
	var wg sync.WaitGroup
	for {
		select {
		case an.cores <- struct{}{}: // a free core helps until the pieces run out
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-an.cores }()
				for piece() {
				}
			}()
			continue
		default:
		}
		if !piece() {
			break
		}
	}
	wg.Wait()
	return out
}

// bulkBatch is the files of one commit.
type bulkBatch struct {
	items    []*bulkItem
	passages int
	size     int // source bytes
	refused  []BulkFailure
}

func (b *bulkBatch) add(it *bulkItem) {
	b.items = append(b.items, it)
	b.passages += it.n
	b.size += it.size
}

// commitBatch indexes and stores one batch, under the write lock. With a
// replaced document among them, in the order putDocument does for one
// document: passages first, then the store commit (the commit point of
// every document of the batch), then the passages of replaced versions
// go; with new documents only, the passages and the store commit at once.
// Without Replace, a document whose id is stored already is left out: it
// would not be known before the lock. What it keeps stays in b.items, each
// marked replaced when it replaced a stored document.
func (a *App) commitBatch(ctx context.Context, b *bulkBatch, replace bool, segments int) error {
	a.wmu.Lock()
	defer a.wmu.Unlock()
	// The batch is written whole whatever happens to ctx from here on,
	// like a single document's write.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer cancel()
	keep := b.items[:0]
	olds := make([]*DocInfo, 0, len(b.items))
	a.mu.RLock()
	for _, it := range b.items {
		old := a.infos[it.doc.ID]
		// A document from another file took the id after the load
		// chose it (loadIDs): it is not replaced.
		if old != nil && (!replace || !ingest.SameFile(old.Name, it.doc.Name)) {
			it.leave()
			b.refused = append(b.refused, BulkFailure{File: it.file, Name: it.doc.Name, Err: &ExistsError{ID: old.ID, Name: old.Name}})
			continue
		}
		keep = append(keep, it)
		olds = append(olds, old)
	}
	a.mu.RUnlock()
	b.items = keep
	if len(keep) == 0 {
		return nil
	}
	var sets []*index.Prepared
	var bigs []*bulkItem
	recs := make([]store.DocRecord, len(keep))
	for i, it := range keep {
		if olds[i] != nil {
			// A replacement keeps the added time of what it replaces.
			info, rec, err := it.doc.succeed(olds[i], it.rec)
			if err != nil {
				return err
			}
			it.info, it.rec = info, rec
		}
		recs[i] = it.rec
		if it.prep != nil {
			sets = append(sets, it.prep...)
		} else {
			bigs = append(bigs, it)
		}
	}
	drop := func() {
		for i, it := range keep {
			a.dropIDs(it.ids, olds[i])
		}
	}
	// Unsafe batches return before bleve's persister has written them:
	// waiting here until the last batch is on disk keeps at most one
	// batch's segment in memory however far the persister lags (a loaded
	// machine), and a disk that refuses writes stops the load.
	if err := a.idx.Flush(wctx); err != nil {
		return fmt.Errorf("app: bulk load: %w", err)
	}
	indexAll := func() error {
		if err := a.idx.AddPreparedIn(wctx, segments, sets...); err != nil {
			return err
		}
		for _, it := range bigs {
			if err := a.indexChunks(wctx, it); err != nil {
				return err
			}
		}
		return nil
	}
	putAll := func() error { return a.step("store", func() error { return a.store.PutDocuments(recs) }) }
	if a.store != nil && !slices.ContainsFunc(olds, func(old *DocInfo) bool { return old != nil }) {
		// New documents only: the store commit (bbolt's write and two
		// fsyncs) runs while the passages are indexed instead of after
		// them. A crash between the two is repaired at start-up either
		// way (reconcile), as after a single document's write; if the
		// passages fail, the documents are taken out of the store again.
		stored := make(chan error, 1)
		go func() { stored <- putAll() }()
		ierr := a.step("index", indexAll)
		if serr := <-stored; serr != nil {
			drop()
			return fmt.Errorf("app: bulk load: %w", errors.Join(ierr, serr))
		}
		if ierr != nil {
			a.unstore(recs)
			drop()
			return fmt.Errorf("app: bulk load: %w", ierr)
		}
	} else {
		// A replaced document's old record is not kept: its new one
		// is stored only once its passages are in.
		if err := a.step("index", indexAll); err != nil {
			drop()
			return fmt.Errorf("app: bulk load: %w", err)
		}
		if a.store != nil {
			if err := putAll(); err != nil {
				drop()
				return fmt.Errorf("app: bulk load: %w", err)
			}
		}
	}
	var stale []string
	a.mu.Lock()
	for i, it := range keep {
		a.infos[it.doc.ID] = it.info
		if a.store == nil {
			a.mem[it.doc.ID] = it.doc
		}
		if old := olds[i]; old != nil {
			it.replaced = true
			if old.Version != it.doc.version {
				stale = append(stale, passageIDs(old)...)
			}
		}
	}
	a.mu.Unlock()
	for i, it := range keep {
		if olds[i] != nil {
			a.cache.remove(it.doc.ID) // not filled: a bulk load would only churn it
		}
	}
	if len(stale) > 0 {
		if err := a.step("index-delete", func() error { return a.idx.Delete(wctx, stale) }); err != nil {
			a.log.Error("removing the replaced versions' passages", "passages", len(stale), "err", err)
		}
	}
	return nil
}

// unstore removes from the store the new documents of a batch whose
// passages could not be indexed. What it cannot remove stays stored
// without passages, which start-up then indexes (reconcile): the
// documents are whole after all.
func (a *App) unstore(recs []store.DocRecord) {
	for _, r := range recs {
		if err := a.store.DeleteDocument(r.ID); err != nil {
			a.log.Error("removing a stored document whose passages failed; start-up will index it", "id", r.ID, "err", err)
		}
	}
}

// dropIDs is dropPassages for passage IDs.
func (a *App) dropIDs(ids []string, current *DocInfo) {
	if current != nil && len(ids) > 0 && current.Version == versionOf(ids[0]) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), writeTimeout)
	defer cancel()
	if err := a.idx.Delete(ctx, ids); err != nil {
		a.log.Error("removing the passages of a failed bulk write", "err", err)
	}
}

// SameIDError refuses a file of a load that gives the document id an
// earlier file of the same load gives.
type SameIDError struct {
	ID   string // the id both give
	Name string // the earlier file's name
}

func (e *SameIDError) Error() string {
	return fmt.Sprintf("app: gives the document id %q, as %q of this load does: one load cannot store two files as one document; rename one of them", e.ID, e.Name)
}

// Unwrap makes errors.Is(err, ErrBadRequest) hold.
func (e *SameIDError) Unwrap() error { return ErrBadRequest }

func seenBefore(seen map[string]string, it *bulkItem) bool {
	if it.err != nil {
		return false
	}
	_, ok := seen[it.doc.ID]
	return ok
}

// bulkBytesAhead is how many bytes of source the files being analysed
// and those waiting for their commit may hold together. Analysed
// passages take some 40 times their text (token frequencies and
// positions of three fields), so this bounds a bulk load's memory
// (docs/PERFORMANCE.md, "Bulk indexing"); the file the writer needs next
// is always let through, however large. 1 MiB is about three batches
// of the default size: enough to keep the workers ahead of the commits.
const bulkBytesAhead = 1 << 20

// bigChunk is how many passages of a document over a batch are analysed
// and indexed at a time: half a batch, because the worker analyses the
// next chunk while the commit indexes one, and the heap of a bulk load
// peaks in those documents (docs/PERFORMANCE.md, "Bulk indexing,
// session 6").
func bigChunk(limit int) int { return max(limit/2, 1) }

// byteBudget bounds the source bytes a bulk load holds between reading
// a file and committing it.
type byteBudget struct {
	mu     sync.Mutex
	cond   *sync.Cond
	used   int
	max    int
	want   int // the file the writer waits for
	closed bool
}

func newByteBudget(max int) *byteBudget {
	b := &byteBudget{max: max}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire takes n bytes for file i, waiting while the budget is spent,
// unless i is the file the writer waits for (or the load has stopped).
func (b *byteBudget) acquire(i, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.closed && b.used > 0 && b.used+n > b.max && i > b.want {
		b.cond.Wait()
	}
	b.used += n
}

func (b *byteBudget) release(n int) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// next says the writer now waits for file i.
func (b *byteBudget) next(i int) {
	b.mu.Lock()
	b.want = i
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *byteBudget) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
}
