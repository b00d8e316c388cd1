//go:build tools

// Package tolk pins dependencies that packages of this module bring in
// one by one; the build tag keeps it out of every build.
package tolk

import (
	_ "github.com/blevesearch/bleve/v2"
	_ "github.com/chromedp/chromedp"
	_ "github.com/gin-gonic/gin"
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/xuri/excelize/v2"
	_ "go.etcd.io/bbolt"
	_ "golang.org/x/text/collate"
)
