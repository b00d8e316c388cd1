package app

import (
	"context"
	"errors"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

// TestSearchFilter: searches restricted by document type, dossier and date
// keep only the passages of the documents whose metadata match.
func TestSearchFilter(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.AddDocument(ctx, "stb-2018-84.xml", []byte(stbXML), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	kst := `<?xml version="1.0"?><officiele-publicatie><kamerstuk><dossier><dossiernummer><dossiernr>29521</dossiernr></dossiernummer></dossier>` +
		`<stuk><stuknr><ondernummer>409</ondernummer></stuknr><titel>Brief over de munt</titel><al>Den Haag, 3 februari 2020</al><al>De beeldenaar van de munt is besproken.</al></stuk></kamerstuk></officiele-publicatie>`
	if _, err := a.AddDocument(ctx, "kst-29521-409.xml", []byte(kst), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddDocument(ctx, "notitie.txt", []byte("Een notitie over de beeldenaar van de munt.\n"), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	docs := func(f DocFilter) map[string]bool {
		t.Helper()
		res, err := a.BilingualSearch(ctx, SearchRequest{Q: "beeldenaar", Lang: "nl", Limit: 50, Filter: f})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, h := range res.Hits {
			got[h.Doc] = true
		}
		return got
	}
	for _, tc := range []struct {
		name string
		f    DocFilter
		want []string
	}{
		{"none", DocFilter{}, []string{"stb-2018-84", "kst-29521-409", "notitie"}},
		{"type", DocFilter{Type: "Staatsblad"}, []string{"stb-2018-84"}},
		{"dossier", DocFilter{Dossier: "29 521"}, []string{"kst-29521-409"}},
		{"from", DocFilter{From: "2019"}, []string{"kst-29521-409"}},
		{"to year", DocFilter{To: "2018"}, []string{"stb-2018-84"}},
		{"range", DocFilter{From: "2018-03-09", To: "2018-03-09"}, []string{"stb-2018-84"}},
		{"nothing", DocFilter{Type: "handelingen"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := docs(tc.f)
			if len(got) != len(tc.want) {
				t.Errorf("documents %v, want %v", got, tc.want)
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("documents %v lack %s", got, w)
				}
			}
		})
	}
	_, err = a.BilingualSearch(ctx, SearchRequest{Q: "munt", Filter: DocFilter{From: "maart"}})
	if !errors.Is(err, ErrBadRequest) {
		t.Errorf("bad date: err %v, want ErrBadRequest", err)
	}
}
