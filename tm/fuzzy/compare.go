package fuzzy

import "math"

// Edit costs; the package comment lists them.
const (
	costCase       = 0.1
	costPunct      = 0.25
	costNumber     = 0.3
	costInflection = 0.5
	costWord       = 1
)

// Diff kinds: why a token is marked.
const (
	DiffChanged     = "changed"     // another word in its place on the other side
	DiffExtra       = "extra"       // only on this side
	DiffCase        = "case"        // the other side differs in case or diacritics only
	DiffNumber      = "number"      // another number on the other side
	DiffInflection  = "inflection"  // another form of the word on the other side
	DiffPunctuation = "punctuation" // another punctuation mark on the other side
)

// Diff marks a differing token: bytes [Start, End) of its text.
type Diff struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
}

// subCost is the cost of putting b in a's place, and the diff kind; ok is
// false when a substitution is not allowed (a word for a punctuation mark:
// that is a deletion and an insertion).
func subCost(a, b *Token) (float64, string, bool) {
	if a.Text == b.Text {
		return 0, "", true
	}
	if (a.Kind == Punct) != (b.Kind == Punct) {
		return 0, "", false
	}
	switch {
	case a.Kind == Punct:
		return costPunct, DiffPunctuation, true
	case a.Fold == b.Fold:
		return costCase, DiffCase, true
	case a.Kind == Number && b.Kind == Number:
		return costNumber, DiffNumber, true
	case a.Key == b.Key && a.Kind == Word && b.Kind == Word:
		return costInflection, DiffInflection, true
	}
	return costWord, DiffChanged, true
}

func indelCost(t *Token) float64 {
	if t.Kind == Punct {
		return costPunct
	}
	return costWord
}

// words counts the tokens that are not punctuation.
func words(ts []Token) int {
	n := 0
	for i := range ts {
		if ts[i].Kind != Punct {
			n++
		}
	}
	return n
}

// Score returns the match percentage of two tokenized texts (the package
// comment says how it is computed) and the differing tokens of each.
func Score(a, b []Token) (pct int, da, db []Diff) {
	d, da, db := distance(a, b)
	return percent(d, max(words(a), words(b))), da, db
}

func percent(d float64, n int) int {
	if n == 0 {
		if d == 0 {
			return 100
		}
		return 0
	}
	// The tiny epsilon keeps float error from turning 95 into 94.
	p := math.Floor(100*(1-d/float64(n)) + 1e-9)
	return int(max(0, p))
}

// distance is the weighted token edit distance with a traceback.
func distance(a, b []Token) (float64, []Diff, []Diff) {
	n, m := len(a), len(b)
	w := m + 1
	dp := make([]float64, (n+1)*w)
	for j := 1; j <= m; j++ {
		dp[j] = dp[j-1] + indelCost(&b[j-1])
	}
	for i := 1; i <= n; i++ {
		row, prev := dp[i*w:(i+1)*w], dp[(i-1)*w:i*w]
		row[0] = prev[0] + indelCost(&a[i-1])
		for j := 1; j <= m; j++ {
			best := prev[j] + indelCost(&a[i-1])
			if v := row[j-1] + indelCost(&b[j-1]); v < best {
				best = v
			}
			if c, _, ok := subCost(&a[i-1], &b[j-1]); ok && prev[j-1]+c < best {
				best = prev[j-1] + c
			}
			row[j] = best
		}
	}
	var da, db []Diff
	const eps = 1e-9
	for i, j := n, m; i > 0 || j > 0; {
		cur := dp[i*w+j]
		if i > 0 && j > 0 {
			if c, kind, ok := subCost(&a[i-1], &b[j-1]); ok && math.Abs(dp[(i-1)*w+j-1]+c-cur) < eps {
				if kind != "" {
					da = append(da, Diff{a[i-1].Start, a[i-1].End, kind})
					db = append(db, Diff{b[j-1].Start, b[j-1].End, kind})
				}
				i, j = i-1, j-1
				continue
			}
		}
		if i > 0 && math.Abs(dp[(i-1)*w+j]+indelCost(&a[i-1])-cur) < eps {
			da = append(da, Diff{a[i-1].Start, a[i-1].End, DiffExtra})
			i--
			continue
		}
		db = append(db, Diff{b[j-1].Start, b[j-1].End, DiffExtra})
		j--
	}
	reverse(da)
	reverse(db)
	return dp[n*w+m], da, db
}

func reverse(ds []Diff) {
	for i, j := 0, len(ds)-1; i < j; i, j = i+1, j-1 {
		ds[i], ds[j] = ds[j], ds[i]
	}
}
