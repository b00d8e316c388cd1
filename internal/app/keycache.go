package app

import (
	"hash/maphash"
	"strings"
	"sync"

	"github.com/tolk-nl/tolk/index"
)

// nlKeys remembers the Dutch index keys of passage words for explaining
// hits: explain stems every word of each hit's passage until one matches,
// and a Snowball stem costs about a microsecond, which made explaining a
// tenth of a search's CPU. Keys depend on the word alone, so a cached key
// is always right.
var nlKeys = newWordCache(func(w string) string { return strings.Clone(index.Key("nl", w)) })

// keyCacheMax bounds the words a wordCache remembers (a few MB); once a
// shard is full it stops taking words — the frequent words come first.
const (
	keyCacheMax = 1 << 17
	keyShards   = 16
)

// wordCache remembers the answers of a function of a word alone (a key,
// a compound split): safe for concurrent use, bounded by keyCacheMax.
type wordCache[V any] struct {
	f      func(string) V
	seed   maphash.Seed
	shards [keyShards]struct {
		mu sync.RWMutex
		m  map[string]V
	}
}

func newWordCache[V any](f func(string) V) *wordCache[V] {
	return &wordCache[V]{f: f, seed: maphash.MakeSeed()}
}

// key returns f(w), from the cache when it can. What f returns is kept:
// it must not share memory with w.
func (c *wordCache[V]) key(w string) V {
	s := &c.shards[maphash.String(c.seed, w)%keyShards]
	s.mu.RLock()
	v, ok := s.m[w]
	s.mu.RUnlock()
	if ok {
		return v
	}
	v = c.f(w)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]V{}
	}
	if len(s.m) < keyCacheMax/keyShards {
		// copied: w may be a slice of a passage the cache must not pin
		s.m[strings.Clone(w)] = v
	}
	s.mu.Unlock()
	return v
}

// cachedSplit returns split remembering its answers (nil for nil): a
// compound's parts depend on the word and the splitter alone, and
// explaining hits and annotating passages split the same passage words
// on every search. The parts it returns are shared: callers must not
// change them.
func cachedSplit(split func(string) []string) func(string) []string {
	if split == nil {
		return nil
	}
	return newWordCache(func(w string) []string {
		// copied: a part may be a slice of w, and w of a passage
		ps := split(w)
		for i, p := range ps {
			ps[i] = strings.Clone(p)
		}
		return ps
	}).key
}
