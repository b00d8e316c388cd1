package app

import (
	"strings"
	"sync"

	"github.com/tolk-nl/tolk/index"
)

// nlKeys remembers the Dutch index keys of passage words for explaining
// hits: explain stems every word of each hit's passage until one matches,
// and a Snowball stem costs about a microsecond, which made explaining a
// tenth of a search's CPU. Keys depend on the word alone, so a cached key
// is always right.
var nlKeys keyCache

// keyCacheMax bounds the words remembered (a few MB); once a shard is full
// it stops taking words — the frequent words come first.
const (
	keyCacheMax = 1 << 17
	keyShards   = 16
)

type keyCache struct {
	shards [keyShards]struct {
		mu sync.RWMutex
		m  map[string]string
	}
}

// key returns index.Key("nl", w), from the cache when it can.
func (c *keyCache) key(w string) string {
	h := uint(len(w)) * 7
	if len(w) > 0 {
		h += uint(w[0]) + uint(w[len(w)-1])*31
	}
	s := &c.shards[h%keyShards]
	s.mu.RLock()
	k, ok := s.m[w]
	s.mu.RUnlock()
	if ok {
		return k
	}
	k = index.Key("nl", w)
	s.mu.Lock()
	if s.m == nil {
		s.m = map[string]string{}
	}
	if len(s.m) < keyCacheMax/keyShards {
		// copied: w may be a slice of a passage the cache must not pin
		s.m[strings.Clone(w)] = strings.Clone(k)
	}
	s.mu.Unlock()
	return k
}
