package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// docDeleteView is what document_delete.html shows.
type docDeleteView struct {
	ID, Title, Name string
	Disabled        bool // no tokens: writes are off
	Error           string
}

// documentDeletePage is GET and POST /documents/:id/delete: the API's
// DELETE from the interface, without JavaScript. GET asks for the token
// and a tick; POST with both deletes the document (its passages, its
// stored text) and sends the browser to the document list, which says
// so. A missing tick or a wrong token deletes nothing and says why.
func (s *Server) documentDeletePage(c *gin.Context, p *page) error {
	p.name, p.Nav = "document_delete", "documents"
	info, err := s.app.DocumentInfo(c.Param("id"))
	if err != nil {
		return wordNotFound(err, "no_document", c.Param("id"))
	}
	v := &docDeleteView{ID: info.ID, Title: info.Title, Name: info.Name, Disabled: len(s.opt.Tokens) == 0}
	if v.Title == "" {
		v.Title = info.ID
	}
	p.Title, p.Data = v.Title, v
	if c.Request.Method != http.MethodPost {
		return nil
	}
	switch {
	case !s.validToken(c.PostForm("token")):
		p.status = http.StatusUnauthorized
		v.Error = p.T["doc_delete_bad_token"]
	case c.PostForm("confirm") == "":
		p.status = http.StatusBadRequest
		v.Error = p.T["doc_delete_confirm"]
	default:
		if err := s.app.DeleteDocument(c.Request.Context(), info.ID); err != nil {
			return wordNotFound(err, "no_document", info.ID) // deleted meanwhile
		}
		redirect(c, "/documents?deleted="+info.ID)
	}
	return nil
}
