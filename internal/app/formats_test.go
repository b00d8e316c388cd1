package app

import (
	"context"
	"errors"
	"testing"

	"github.com/tolk-nl/tolk/internal/ingest"
)

const stbXML = `<?xml version="1.0" encoding="utf-8"?>
<officiele-publicatie><metadata><meta name="OVERHEIDop.externMetadataRecord" content="https://zoek.officielebekendmakingen.nl/stb-2018-84/metadata.xml"/></metadata>
<kop><titel>Staatsblad</titel></kop><staatsblad><intitule>Besluit van 9 maart 2018, houdende vaststelling van de beeldenaar van munten</intitule>
<wet-besluit><wettekst><artikel><kop><label>Artikel</label><nr>1</nr></kop><al>De beeldenaar van de munt toont Leeuwarden-Fryslân.</al></artikel></wettekst></wet-besluit></staatsblad></officiele-publicatie>`

// TestAddFormats stores an XML publication with its metadata (kept across
// a reopen in the document and its summary) and refuses bad uploads
// without storing anything.
func TestAddFormats(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	n := a.DocumentCount()
	d, err := a.AddDocument(ctx, "stb-2018-84.xml", []byte(stbXML), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Meta == nil || d.Meta.Type != "staatsblad" || d.Meta.Date != "2018-03-09" || d.Meta.Identifier != "stb-2018-84" {
		t.Fatalf("meta %+v", d.Meta)
	}
	bad := []struct {
		name string
		data []byte
		want error
	}{
		{"leeg.pdf", nil, ingest.ErrEmpty},
		{"kapot.pdf", []byte("%PDF-1.7\n1 0 obj <<"), ingest.ErrCorrupt},
		{"kapot.docx", []byte("PK\x03\x04\x14\x00\x06\x00"), ingest.ErrCorrupt},
		{"dtd.xml", []byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><officiele-publicatie/>`), ingest.ErrUnsafe},
		{"tekst.docx", []byte("gewone tekst"), ingest.ErrMismatch},
	}
	for _, b := range bad {
		if _, err := a.AddDocument(ctx, b.name, b.data, ingest.Options{}); !errors.Is(err, b.want) {
			t.Errorf("%s: err = %v, want %v", b.name, err, b.want)
		}
	}
	if got := a.DocumentCount(); got != n+1 {
		t.Errorf("%d documents, want %d: a refused upload was stored", got, n+1)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	a = openDir(t, dir)
	info, err := a.DocumentInfo("stb-2018-84")
	if err != nil {
		t.Fatal(err)
	}
	if info.Meta == nil || info.Meta.Type != "staatsblad" || info.Meta.Source != "stb-2018-84.xml" {
		t.Errorf("summary meta after reopening: %+v", info.Meta)
	}
	doc, err := a.Document("stb-2018-84")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta == nil || doc.Meta.Date != "2018-03-09" || doc.Format != ingest.FormatXML {
		t.Errorf("document after reopening: format %q meta %+v", doc.Format, doc.Meta)
	}
}
