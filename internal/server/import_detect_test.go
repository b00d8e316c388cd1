package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestGlossaryImportTellsFormat: a glossary import without format= is
// told by the file's name and content, as the CLI tells it (it answered
// unknown format ""); a multipart upload is read from its file part (its
// boundary was read as a CSV header); a gzip-compressed file is read
// uncompressed; a file that does not say is refused naming the formats.
// A TM import of a .tmx.gz reads the TMX inside (it read the compressed
// bytes: "invalid character entity").
func TestGlossaryImportTellsFormat(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	zip := func(s string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		io.WriteString(zw, s)
		zw.Close()
		return b.Bytes()
	}
	const tbx = `<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>` +
		`<conceptEntry id="t1"><langSec xml:lang="nl"><termSec><term>krijgsraad</term></termSec></langSec><langSec xml:lang="en"><termSec><term>court martial</term></termSec></langSec></conceptEntry></body></text></tbx>`
	multipart := func(name, content string) (string, []byte) {
		ctype, body := multipartBody(t, map[string]string{name: content}, name)
		b, _ := io.ReadAll(body)
		return ctype, b
	}
	mctype, mbody := multipart("lijst.csv", "nl,en\nvredesakkoord,peace agreement\n")
	for _, tc := range []struct {
		name, ctype string
		body        []byte
		imported    int
	}{
		{"multipart CSV", mctype, mbody, 1},
		{"TBX body", "application/xml", []byte(tbx), 1},
		{"gzip TBX body", "application/octet-stream", zip(tbx), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?collection=mine", editorToken, tc.ctype, tc.body)
			var r struct{ Imported int }
			if json.Unmarshal(b, &r) != nil || code != 200 || r.Imported != tc.imported {
				t.Errorf("%d %s, want 200 and %d imported", code, b, tc.imported)
			}
		})
	}
	code, _, b := apiCall(t, ts, "POST", "/api/v1/glossary/import?collection=mine", editorToken, "text/plain", []byte("vredesakkoord peace agreement\n"))
	if code != http.StatusBadRequest || !strings.Contains(string(b), "give format=") || !strings.Contains(string(b), "tbx") {
		t.Errorf("a file that does not say its format: %d %s", code, b)
	}
	const tmx = `<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="nl" datatype="plaintext"/><body>` +
		`<tu><tuv xml:lang="nl"><seg>De krijgsraad zetelt in Bamako.</seg></tuv><tuv xml:lang="en"><seg>The court martial sits in Bamako.</seg></tuv></tu></body></tmx>`
	tctype, tbody := multipartBody(t, map[string]string{"geheugen.tmx.gz": string(zip(tmx))}, "geheugen.tmx.gz")
	tb, _ := io.ReadAll(tbody)
	code, _, b = apiCall(t, ts, "POST", "/api/v1/tm/import?collection=mine", editorToken, tctype, tb)
	if code != 200 || !strings.Contains(string(b), `"imported":1`) {
		t.Errorf("TM import of a .tmx.gz: %d %s", code, b)
	}
}
