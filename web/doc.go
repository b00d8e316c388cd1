// Package web holds the browser interface's assets: the HTML templates, the
// stylesheet, the script and the interface labels in Dutch and English. It
// contains no logic; internal/server parses the templates at startup and
// serves the static files. Everything is embedded, so the binary serves the
// interface offline, with no CDN and no external fonts.
//
// A label that counts something has its singular under the same key with
// _one ("terms_n": "%d termen", "terms_n_one": "%d term"); the pages take
// it for a count of 1 (in templates {{$.T.Count "terms_n" n}}).
package web
