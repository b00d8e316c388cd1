package bytetrie

import "testing"

// TestBuild walks every key and some non-keys through a small trie.
func TestBuild(t *testing.T) {
	keys := []string{"", "a", "ab", "abc", "b", "ba", "bad"}
	tr, nodes := Build(len(keys), func(i int) string { return keys[i] })
	walk := func(s string) int {
		n := 0
		for i := 0; i < len(s) && n >= 0; i++ {
			n = tr.Child(n, s[i])
		}
		return n
	}
	seen := map[int32]bool{}
	for i, k := range keys {
		if got := walk(k); got != int(nodes[i]) {
			t.Errorf("key %q ends at node %d, Build says %d", k, got, nodes[i])
		}
		if seen[nodes[i]] {
			t.Errorf("key %q shares node %d with another key", k, nodes[i])
		}
		seen[nodes[i]] = true
	}
	for _, s := range []string{"c", "abd", "bb", "abcd"} {
		if n := walk(s); n >= 0 {
			t.Errorf("%q walks to node %d, want -1 (not in the trie)", s, n)
		}
	}
	if n := tr.Nodes(); n != 7 { // root, a, ab, abc, b, ba, bad
		t.Errorf("Nodes() = %d, want 7", n)
	}
}
