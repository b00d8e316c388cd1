package server

import (
	"net/http"
	"testing"
)

// TestFormBodyMarkupTaken: curl --data-binary sends a file as a form; a
// one-line body was refused with 415 as a file curl -d flattened, also
// when its first bytes say it is markup or a binary file, whose line
// breaks carry nothing (minified HTML, a one-line TMX). Those are taken.
func TestFormBodyMarkupTaken(t *testing.T) {
	ts := newTestServer(t, map[string]string{editorToken: "alice"})
	const form = "application/x-www-form-urlencoded"
	for _, tc := range []struct{ name, path, body string }{
		{"minified HTML", "/api/v1/documents?name=nieuws.html", uploadHTML},
		{"one-line TMX", "/api/v1/tm/import?format=tmx&collection=mine",
			`<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="nl" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="nl"><seg>De staatsgreep.</seg></tuv><tuv xml:lang="en"><seg>The coup.</seg></tuv></tu></body></tmx>`},
	} {
		body := []byte(tc.body)
		for i, b := range body {
			if b == '\n' {
				body[i] = ' '
			}
		}
		if code, _, b := apiCall(t, ts, http.MethodPost, tc.path, editorToken, form, body); code != http.StatusCreated && code != http.StatusOK {
			t.Errorf("%s as curl --data-binary sends it: %d %s", tc.name, code, b)
		}
	}
}
