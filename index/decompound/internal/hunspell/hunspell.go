package hunspell

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Form flags: what Expand reports for each generated form.
const (
	// Listed marks a form that is an entry of the .dic file or an entry
	// with affixes: a word Hunspell knows without compounding.
	Listed uint8 = 1 << iota
	// Part marks a form whose entry carries a compound flag: OpenTaal lets
	// the entry begin, continue or end a compound, so it treats the entry
	// as a building block. Entries that are compounds themselves
	// (ploegleider, linkerpols) mostly carry no compound flag.
	Part
)

// ErrFormat is returned for an affix or dictionary file that cannot be read.
var ErrFormat = errors.New("hunspell: bad format")

type rule struct {
	strip, add string
	cont       []string // continuation flags
	cond       []charClass
}

// charClass is one position of a condition: a set of characters, negated
// or not, or any character.
type charClass struct {
	any   bool
	neg   bool
	chars string
}

type affix struct {
	prefix bool
	cross  bool
	rules  []rule
}

// Affixes is a parsed .aff file.
type Affixes struct {
	affixes                             map[string]*affix
	begin, middle, end, only, forbidden string
	oconv                               [][2]string // output conversions (ĳ → ij)
}

// ParseAffixes reads an .aff file with FLAG long.
func ParseAffixes(r io.Reader) (*Affixes, error) {
	a := &Affixes{affixes: map[string]*affix{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	long := false
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		switch f[0] {
		case "FLAG":
			long = len(f) > 1 && f[1] == "long"
		case "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND", "ONLYINCOMPOUND", "FORBIDDENWORD":
			if len(f) < 2 {
				return nil, fmt.Errorf("%w: line %d: %s without a flag", ErrFormat, line, f[0])
			}
			switch f[0] {
			case "COMPOUNDBEGIN":
				a.begin = f[1]
			case "COMPOUNDMIDDLE":
				a.middle = f[1]
			case "COMPOUNDEND":
				a.end = f[1]
			case "ONLYINCOMPOUND":
				a.only = f[1]
			case "FORBIDDENWORD":
				a.forbidden = f[1]
			}
		case "OCONV":
			if len(f) >= 3 {
				a.oconv = append(a.oconv, [2]string{f[1], f[2]})
			}
		case "SFX", "PFX":
			if len(f) < 4 {
				return nil, fmt.Errorf("%w: line %d: short %s line", ErrFormat, line, f[0])
			}
			if f[2] == "Y" || f[2] == "N" {
				if _, err := strconv.Atoi(f[3]); err == nil && len(f) >= 4 {
					if _, ok := a.affixes[f[1]]; !ok {
						a.affixes[f[1]] = &affix{prefix: f[0] == "PFX", cross: f[2] == "Y"}
						continue
					}
				}
			}
			af := a.affixes[f[1]]
			if af == nil {
				return nil, fmt.Errorf("%w: line %d: %s rule of undeclared flag %q", ErrFormat, line, f[0], f[1])
			}
			if len(f) < 5 {
				f = append(f, ".") // no condition: any word
			}
			r := rule{strip: f[2]}
			if r.strip == "0" {
				r.strip = ""
			}
			add, cont, _ := strings.Cut(f[3], "/")
			if add != "0" {
				r.add = add
			}
			fl, err := splitFlags(cont, long)
			if err != nil {
				return nil, fmt.Errorf("%w: line %d: %w", ErrFormat, line, err)
			}
			r.cont = fl
			if r.cond, err = parseCond(f[4]); err != nil {
				return nil, fmt.Errorf("%w: line %d: %w", ErrFormat, line, err)
			}
			af.rules = append(af.rules, r)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("hunspell: %w", err)
	}
	if !long {
		return nil, fmt.Errorf("%w: only FLAG long is supported", ErrFormat)
	}
	return a, nil
}

func splitFlags(s string, long bool) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	if !long {
		return nil, errors.New("flags need FLAG long")
	}
	if utf8.RuneCountInString(s)%2 != 0 {
		return nil, fmt.Errorf("odd flag string %q", s)
	}
	var out []string
	rs := []rune(s)
	for i := 0; i+1 < len(rs); i += 2 {
		out = append(out, string(rs[i:i+2]))
	}
	return out, nil
}

func parseCond(s string) ([]charClass, error) {
	if s == "." {
		return nil, nil
	}
	var out []charClass
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '.':
			out = append(out, charClass{any: true})
		case '[':
			j := i + 1
			c := charClass{}
			if j < len(rs) && rs[j] == '^' {
				c.neg = true
				j++
			}
			k := j
			for k < len(rs) && rs[k] != ']' {
				k++
			}
			if k == len(rs) {
				return nil, fmt.Errorf("unclosed [ in condition %q", s)
			}
			c.chars = string(rs[j:k])
			out = append(out, c)
			i = k
		default:
			out = append(out, charClass{chars: string(rs[i])})
		}
	}
	return out, nil
}

func (c charClass) match(r rune) bool {
	if c.any {
		return true
	}
	return strings.ContainsRune(c.chars, r) != c.neg
}

// matches reports whether the condition holds at the end (suffix) or the
// start (prefix) of w.
func matches(cond []charClass, w string, prefix bool) bool {
	rs := []rune(w)
	if len(cond) > len(rs) {
		return false
	}
	off := 0
	if !prefix {
		off = len(rs) - len(cond)
	}
	for i, c := range cond {
		if !c.match(rs[off+i]) {
			return false
		}
	}
	return true
}

func has(flags []string, f string) bool {
	for _, x := range flags {
		if x == f && f != "" {
			return true
		}
	}
	return false
}

// Expand reads the .dic file (plain or gzip) and calls emit for every form
// its entries and the affix rules generate, with the form's flags (Listed
// and the compound flags). A form may be emitted more than once (from
// several entries); the caller ORs the flags. Forms of forbidden entries
// and forms that exist only inside compounds are reported without Listed.
func (a *Affixes) Expand(r io.Reader, emit func(form string, flags uint8)) (entries int, err error) {
	br := bufio.NewReader(r)
	if magic, err := br.Peek(2); err == nil && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return 0, fmt.Errorf("hunspell: %w", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	line := 0
	out := func(form string, fl uint8) {
		for _, c := range a.oconv {
			form = strings.ReplaceAll(form, c[0], c[1])
		}
		emit(form, fl)
	}
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			if _, err := strconv.Atoi(strings.TrimSpace(text)); err == nil {
				continue
			}
		}
		text, _, _ = strings.Cut(text, "\t")
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		word, flagStr := splitEntry(text)
		flags, err := splitFlags(flagStr, true)
		if err != nil {
			return entries, fmt.Errorf("%w: dic line %d: %w", ErrFormat, line, err)
		}
		entries++
		a.expandEntry(word, flags, out)
	}
	if err := sc.Err(); err != nil {
		return entries, fmt.Errorf("hunspell: %w", err)
	}
	return entries, nil
}

// splitEntry splits "word/FLAGS" at the first unescaped slash and unescapes
// "\/" in the word.
func splitEntry(s string) (word, flags string) {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == '/' {
			return strings.ReplaceAll(s[:i], `\/`, "/"), s[i+1:]
		}
	}
	return strings.ReplaceAll(s, `\/`, "/"), ""
}

func (a *Affixes) expandEntry(word string, flags []string, emit func(string, uint8)) {
	base := uint8(0)
	if has(flags, a.begin) || has(flags, a.middle) || has(flags, a.end) {
		base |= Part
	}
	// An entry whose suffixes give it compound forms (regering/Ch →
	// regerings/CaCb) is a building block as well.
	for _, f := range flags {
		if af := a.affixes[f]; af != nil && !af.prefix {
			for _, r := range af.rules {
				if has(r.cont, a.begin) || has(r.cont, a.middle) || has(r.cont, a.end) {
					if !strings.Contains(r.add, "-") && (r.add == "s" || r.add == "e" || r.add == "") {
						base |= Part
					}
				}
			}
		}
	}
	forbidden := has(flags, a.forbidden)
	formFlags := func(fl []string) uint8 {
		f := base
		if !forbidden && !has(fl, a.only) {
			f |= Listed
		}
		return f
	}
	emit(word, formFlags(flags))
	// Suffixes, with a second suffix from the continuation flags.
	type form struct {
		w    string
		cont []string
	}
	var suffixed []form
	for _, f := range flags {
		af := a.affixes[f]
		if af == nil || af.prefix {
			continue
		}
		for _, r := range af.rules {
			if w, ok := applySuffix(word, r); ok {
				emit(w, formFlags(r.cont))
				suffixed = append(suffixed, form{w, r.cont})
				for _, f2 := range r.cont {
					af2 := a.affixes[f2]
					if af2 == nil || af2.prefix {
						continue
					}
					for _, r2 := range af2.rules {
						if w2, ok := applySuffix(w, r2); ok {
							emit(w2, formFlags(r2.cont))
						}
					}
				}
			}
		}
	}
	// Prefixes, on the word and (cross product) on its suffixed forms.
	for _, f := range flags {
		af := a.affixes[f]
		if af == nil || !af.prefix {
			continue
		}
		for _, r := range af.rules {
			if w, ok := applyPrefix(word, r); ok {
				emit(w, formFlags(r.cont))
			}
			if !af.cross {
				continue
			}
			for _, s := range suffixed {
				if w, ok := applyPrefix(s.w, r); ok {
					emit(w, formFlags(s.cont))
				}
			}
		}
	}
}

func applySuffix(w string, r rule) (string, bool) {
	if !matches(r.cond, w, false) || !strings.HasSuffix(w, r.strip) {
		return "", false
	}
	return w[:len(w)-len(r.strip)] + r.add, true
}

func applyPrefix(w string, r rule) (string, bool) {
	if !matches(r.cond, w, true) || !strings.HasPrefix(w, r.strip) {
		return "", false
	}
	return r.add + w[len(r.strip):], true
}

// Forms parses the affix file aff and expands the dictionary dic (plain or
// gzip) into a map from each lower-cased form to its flags, ORed over the
// entries that generate it. It also returns the number of entries read.
func Forms(aff, dic io.Reader) (map[string]uint8, int, error) {
	a, err := ParseAffixes(aff)
	if err != nil {
		return nil, 0, err
	}
	m := make(map[string]uint8, 1<<19)
	n, err := a.Expand(dic, func(w string, f uint8) { m[strings.ToLower(w)] |= f })
	if err != nil {
		return nil, n, err
	}
	return m, n, nil
}
