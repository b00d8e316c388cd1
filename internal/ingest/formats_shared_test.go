package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/tolk-nl/tolk/internal/sharedtest"
)

// sample is what the golden file records of one shared sample file.
type sample struct {
	Error        string   `json:"error,omitempty"`
	Title        string   `json:"title,omitempty"`
	Type         string   `json:"type,omitempty"`
	Date         string   `json:"date,omitempty"`
	Identifier   string   `json:"identifier,omitempty"`
	Dossier      string   `json:"dossier,omitempty"`
	Authority    string   `json:"authority,omitempty"`
	Language     string   `json:"language,omitempty"`
	SourceFormat string   `json:"sourceFormat,omitempty"`
	Repaired     []string `json:"repaired,omitempty"`
	Sections     int      `json:"sections"`
	Paragraphs   int      `json:"paragraphs"`
	Speakers     int      `json:"speakers,omitempty"`
	First        string   `json:"first,omitempty"` // the first paragraph, cut at 160 bytes
	Last         string   `json:"last,omitempty"`
}

func cut(s string) string {
	if len(s) <= 160 {
		return s
	}
	i := 160
	for !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// TestSharedXMLGolden parses every sample file of the two shared XML
// folders (officielebekendmakingen, BWB, CVDR, rechtspraak XML and their
// HTML renderings; the Handelingen) and compares title, date, type,
// metadata and passages with testdata/shared-xml.golden.json (rewrite
// with -update after checking the differences by hand).
func TestSharedXMLGolden(t *testing.T) {
	dir := sharedtest.Path(t, "data")
	var files []string
	for _, pat := range []string{"koop-officiele-publicaties-xml/*.xml", "koop-officiele-publicaties-xml/*.html", "tk-handelingen-xml/*/*.xml"} {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) < 30 {
		t.Fatalf("found %d sample files, want the 34 of the shared folders", len(files))
	}
	got := map[string]sample{}
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Parse(filepath.Base(f), data, Options{})
		if err != nil {
			if !IsInputError(err) {
				t.Errorf("%s: %v is not an input error", rel, err)
			}
			got[rel] = sample{Error: err.Error()}
			continue
		}
		checkInvariants(t, doc)
		if m := doc.Meta; m != nil && m.Type != "" && !slices.Contains(Types(), m.Type) {
			t.Errorf("%s: type %q is not one of Types(), so the interface has no label for it", rel, m.Type)
		}
		s := sample{Title: doc.Title, Sections: len(doc.Sections), Paragraphs: len(doc.Paragraphs)}
		if m := doc.Meta; m != nil {
			s.Type, s.Date, s.Identifier, s.Dossier, s.Authority = m.Type, m.Date, m.Identifier, m.Dossier, m.Authority
			s.Language, s.SourceFormat, s.Repaired = m.Language, m.SourceFormat, m.Repaired
		}
		for _, p := range doc.Paragraphs {
			if p.Speaker != "" {
				s.Speakers++
			}
		}
		if len(doc.Paragraphs) > 0 {
			s.First, s.Last = cut(doc.Paragraphs[0].Text), cut(doc.Paragraphs[len(doc.Paragraphs)-1].Text)
		}
		got[rel] = s

		// Checks that hold whatever the golden says.
		if strings.Contains(doc.Text, "Ã") || strings.Contains(doc.Title, "Ã") || strings.Contains(doc.Text, "â\u0080") {
			i := strings.Index(doc.Text, "Ã")
			t.Errorf("%s: mojibake left in the text: %q", rel, doc.Text[max(0, i-20):min(len(doc.Text), i+20)])
		}
		if strings.Contains(rel, "handelingen") {
			turns := bytes.Count(data, []byte("<spreekbeurt"))
			if s.Speakers != turns {
				t.Errorf("%s: %d paragraphs with a speaker, want one per speaking turn (%d)", rel, s.Speakers, turns)
			}
			for _, p := range doc.Paragraphs {
				if p.Speaker != "" && !strings.HasPrefix(p.Text, p.Speaker+": ") {
					t.Errorf("%s: paragraph %d does not start with its speaker %q: %q", rel, p.N, p.Speaker, cut(p.Text))
				}
			}
			if s.Type != "handelingen" {
				t.Errorf("%s: type %q, want handelingen", rel, s.Type)
			}
		}
		if bytes.Contains(data, []byte("KrÃ¶ger")) && !strings.Contains(doc.Text, "Kröger") {
			t.Errorf("%s: the source has KrÃ¶ger but the text has no Kröger", rel)
		}
		if bytes.Contains(data, []byte("KrÃ¶ger")) && len(s.Repaired) == 0 {
			t.Errorf("%s: mojibake repaired but not recorded in the metadata", rel)
		}
	}
	path := filepath.Join("testdata", "shared-xml.golden.json")
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/ingest -run TestSharedXMLGolden -update)", err)
	}
	var want map[string]sample
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("shared samples (-want +got):\n%s", diff)
	}
}

// TestOfficeFixtures checks the documented answers for the awkward real
// files of ../shared/data/office-fixtures (PDFs are tested with a PDF
// reader in internal/pdftext).
func TestOfficeFixtures(t *testing.T) {
	tests := []struct {
		file string
		want error
		msg  string
	}{
		{"empty.docx", ErrEmpty, "the Word file holds no text"},
		{"empty.odt", ErrEmpty, "the OpenDocument file holds no text"},
		{"empty-pw.docx", ErrEncrypted, "password-protected"},
		{"image.pdf", ErrUnsupported, "PDF reading is not configured"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(sharedtest.Path(t, "data", "office-fixtures", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(tt.file, data, Options{})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want %v with %q", err, tt.want, tt.msg)
			}
		})
	}
}
