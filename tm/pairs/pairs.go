package pairs

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tolk-nl/tolk/tm"
	"github.com/tolk-nl/tolk/tm/align"
)

// Error locates a problem in a JSON Lines file.
type Error struct {
	Line int
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("pairs: line %d: %v", e.Line, e.Err) }

func (e *Error) Unwrap() error { return e.Err }

// ErrNoText: a line has neither Dutch nor English text.
var ErrNoText = errors.New("no nl or en text")

// Result is Align's outcome: the segments, the number of sentences left
// without a counterpart (1–0 and 0–1 beads, and sentences too long to be
// a segment), and the aligned pairs left out because a side is in the
// wrong language (tm.Segment.LanguageMismatch), each with the reason.
type Result struct {
	Segments  []tm.Segment
	Unaligned int
	// Mismatched are the pairs left out for their languages: an
	// editorial note in Dutch copied into the English text ("Treedt in
	// werking op een nader te bepalen tijdstip"), the Dutch translation's
	// title or signatures run into the English section. Their Line is 0.
	Mismatched []tm.Skip
}

var (
	mdLink    = regexp.MustCompile(`\[([^\]\n]*)\]\([^)\n]*\)`)
	mdHeading = regexp.MustCompile(`^#{1,6}\s*`)
)

// clean removes the Markdown the treaty corpus carries: links keep their
// text, headings lose their marker.
func clean(s string) string {
	if strings.Contains(s, "](") {
		s = mdLink.ReplaceAllString(s, "$1")
	}
	return s
}

// Align splits nl and en into sentences, aligns them, and returns a
// segment for each bead with text on both sides, with src as its source.
// The segments are normalised; they are not validated (an import does
// that).
func Align(nl, en string, src tm.Source, opt align.Options) Result {
	ns := sentences(nl, "nl")
	es := sentences(en, "en")
	var r Result
	for _, b := range align.Align(ns, es, opt) {
		if len(b.NL) == 0 || len(b.EN) == 0 {
			r.Unaligned += len(b.NL) + len(b.EN)
			continue
		}
		s := tm.Segment{NL: join(ns, b.NL), EN: join(es, b.EN), Source: src}
		s.Normalize()
		if len(s.NL) > tm.MaxText || len(s.EN) > tm.MaxText || s.NL == "" || s.EN == "" {
			r.Unaligned += len(b.NL) + len(b.EN)
			continue
		}
		if why := s.LanguageMismatch(); why != "" {
			r.Mismatched = append(r.Mismatched, tm.Skip{Reason: mismatchReason(why, s)})
			continue
		}
		r.Segments = append(r.Segments, s)
	}
	return r
}

// mismatchReason says why an aligned pair was left out, with the start
// of its English side to find it by.
func mismatchReason(why string, s tm.Segment) string {
	en := s.EN
	if len(en) > 60 {
		cut := strings.LastIndexByte(en[:60], ' ')
		if cut < 20 {
			cut = 60
			for !utf8.RuneStart(en[cut]) {
				cut--
			}
		}
		en = en[:cut] + " …"
	}
	return fmt.Sprintf("%s (%q)", why, en)
}

func sentences(text, lang string) []string {
	ss := align.Sentences(clean(text), lang)
	for i, s := range ss {
		ss[i] = mdHeading.ReplaceAllString(s, "")
	}
	return ss
}

func join(ss []string, idx []int) string {
	parts := make([]string, len(idx))
	for i, j := range idx {
		parts[i] = ss[j]
	}
	return strings.Join(parts, " ")
}

// pair is one line of the treaty corpus.
type pair struct {
	Doc     string `json:"doc"`
	Article string `json:"article"`
	NL      string `json:"nl"`
	EN      string `json:"en"`
}

// ReadJSONL reads article pairs, one JSON object {"doc", "article", "nl",
// "en"} a line, and aligns each (Align), with source {doc, article}. Blank
// lines are ignored; a pair with an empty side is skipped and counted with
// the unaligned sentences in Batch.Skipped (its line in Batch.SkippedUnits), and so is an aligned pair
// whose sides are not Dutch and English (Result.Mismatched; the first
// tm.MaxSkipNotes of them in Batch.SkippedUnits with their line); segments that repeat an
// earlier one (tm.Repeats) are counted in Batch.Repeats. A line that is
// not such an object fails the read with an *Error naming it.
func ReadJSONL(r io.Reader, opt align.Options) (tm.Batch, error) {
	br := bufio.NewReader(r)
	var out tm.Batch
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(strings.TrimSpace(string(b))) > 0 {
			var p pair
			if jerr := json.Unmarshal(b, &p); jerr != nil {
				return tm.Batch{}, &Error{Line: line, Err: jerr}
			}
			switch {
			case strings.TrimSpace(p.NL) == "" && strings.TrimSpace(p.EN) == "":
				return tm.Batch{}, &Error{Line: line, Err: ErrNoText}
			case strings.TrimSpace(p.NL) == "" || strings.TrimSpace(p.EN) == "":
				out.Skipped++
				if len(out.SkippedUnits) < tm.MaxSkipNotes {
					side := "nl"
					if strings.TrimSpace(p.EN) == "" {
						side = "en"
					}
					out.SkippedUnits = append(out.SkippedUnits, tm.Skip{Line: line, Reason: fmt.Sprintf("the pair's %q is empty", side)})
				}
			default:
				res := Align(p.NL, p.EN, tm.Source{Doc: p.Doc, Article: p.Article}, opt)
				out.Segments = append(out.Segments, res.Segments...)
				out.Skipped += res.Unaligned + len(res.Mismatched)
				for _, k := range res.Mismatched {
					if len(out.SkippedUnits) < tm.MaxSkipNotes {
						out.SkippedUnits = append(out.SkippedUnits, tm.Skip{Line: line, Reason: k.Reason})
					}
				}
			}
		}
		if err == io.EOF {
			out.Repeats = tm.Repeats(out.Segments, "")
			return out, nil
		}
		if err != nil {
			return tm.Batch{}, &Error{Line: line, Err: err}
		}
	}
}
