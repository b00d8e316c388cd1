package match

import (
	"strings"
	"sync"
)

// keyCacheMax bounds the words a Matcher remembers per language: about
// 8 MB at most. Once a shard is full it stops taking words; the words seen
// first are mostly the frequent ones, so an eviction policy would gain
// little.
const keyCacheMax = 1 << 17

// keyShards spreads the words over locks so that concurrent Annotate
// calls seldom wait for one another.
const keyShards = 16

// keyCache remembers the key numbers of text words that are no term word,
// across calls: computing a key (a Snowball stemmer, with index.TermKey) costs
// about a microsecond, and the words of one document recur in the next.
// Term words need no cache (Matcher.vocab). It is the only part of a
// Matcher that changes after NewMatcher; what it holds depends on the
// words alone, so results never depend on what was annotated before.
type keyCache struct {
	shards [keyShards]keyShard
}

type keyShard struct {
	mu sync.RWMutex
	m  map[string]int32 // folded word → key number or noKey
}

// shard picks a shard from a word's ends and length: cheap, and spread
// enough for 16 locks.
func (c *keyCache) shard(w string) *keyShard {
	h := uint(len(w)) * 7
	if len(w) > 0 {
		h += uint(w[0]) + uint(w[len(w)-1])*31
	}
	return &c.shards[h%keyShards]
}

func (c *keyCache) get(w string) (int32, bool) {
	s := c.shard(w)
	s.mu.RLock()
	id, ok := s.m[w]
	s.mu.RUnlock()
	return id, ok
}

// put remembers w's key number unless the shard is full. The word is
// copied: it may be a slice of a large text the cache must not pin.
func (c *keyCache) put(w string, id int32) {
	s := c.shard(w)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]int32{}
	}
	if len(s.m) < keyCacheMax/keyShards {
		s.m[strings.Clone(w)] = id
	}
	s.mu.Unlock()
}
