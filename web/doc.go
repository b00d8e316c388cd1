// Package web holds the browser interface's assets: the HTML templates, the
// stylesheet, the script and the interface labels in Dutch and English. It
// contains no logic; internal/server parses the templates at startup and
// serves the static files. Everything is embedded, so the binary serves the
// interface offline, with no CDN and no external fonts.
package web
