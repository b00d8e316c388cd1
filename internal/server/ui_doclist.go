package server

import (
	"slices"
	"sort"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/internal/app"
)

// docList is what documents.html shows: the documents, filtered by type
// (?type=) and sorted (?sort=date: newest first, undated last; else by id),
// and the types there are to choose from.
type docList struct {
	Docs       []*app.DocInfo
	Total      int // stored documents, whatever the filter
	Types      []string
	Type, Sort string
	Deleted    string // the document the delete form has just deleted
}

// documentList reads the document list's filter and order from the query.
func (u *ui) documentList(c *gin.Context) docList {
	all := u.app.Documents() // sorted by id
	v := docList{Type: c.Query("type"), Sort: c.Query("sort"), Total: len(all), Deleted: c.Query("deleted")}
	if v.Sort != "date" {
		v.Sort = ""
	}
	seen := map[string]bool{}
	for _, d := range all {
		if d.Meta != nil && d.Meta.Type != "" && !seen[d.Meta.Type] {
			seen[d.Meta.Type] = true
			v.Types = append(v.Types, d.Meta.Type)
		}
	}
	slices.Sort(v.Types)
	v.Docs = all
	if v.Type != "" {
		v.Docs = slices.DeleteFunc(slices.Clone(all), func(d *app.DocInfo) bool { return d.Meta == nil || d.Meta.Type != v.Type })
	}
	if v.Sort == "date" {
		date := func(d *app.DocInfo) string {
			if d.Meta == nil {
				return ""
			}
			return d.Meta.Date
		}
		sort.SliceStable(v.Docs, func(i, j int) bool { return strings.Compare(date(v.Docs[i]), date(v.Docs[j])) > 0 })
	}
	return v
}
