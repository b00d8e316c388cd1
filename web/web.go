package web

import (
	"embed"
	"io/fs"
)

// files is every asset the interface needs. The server reads them only
// through FS, so that tests and a development mode can pass another fs.FS
// (such as os.DirFS("web")) holding the same layout.
//
//go:embed templates/*.html static/* labels.json
var files embed.FS

// FS returns the embedded assets: templates/*.html, static/* (served
// under /static/) and labels.json (the interface labels by language).
func FS() fs.FS { return files }
