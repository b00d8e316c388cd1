package server

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/glossary"
	"github.com/tolk-nl/tolk/internal/app"
)

// The translation memory at work (issue 14): POST /api/v1/tm/match finds
// fuzzy matches for each sentence of a text, GET /api/v1/tm/concordance
// shows where a word occurs in the TM and how it was translated.

func (s *Server) matchTM(c *gin.Context) error {
	var in struct {
		Text       string `json:"text"`
		Lang       string `json:"lang"`
		Min        int    `json:"min"`
		Limit      int    `json:"limit"`
		Collection string `json:"collection"`
	}
	if err := readJSON(c, maxAnnotateBytes, &in, jsonOptions{what: `{"text": "...", "lang": "nl", "min": 70, "limit": 5}`, strict: true}); err != nil {
		return err
	}
	if strings.TrimSpace(in.Text) == "" {
		return errBadRequest(`text: the text to match is missing or empty ({"text": "...", "lang": "nl"})`)
	}
	res, err := s.app.MatchTM(c.Request.Context(), app.TMMatchRequest{
		Text: in.Text, Lang: in.Lang, Min: in.Min, Limit: in.Limit, Collection: in.Collection,
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

func (s *Server) concordanceTM(c *gin.Context) error {
	limit, err := intParam(c, "limit", 20, 100)
	if err != nil {
		return err
	}
	offset, err := intParam(c, "offset", 0, app.MaxConcordanceCandidates)
	if err != nil {
		return err
	}
	if strings.TrimSpace(c.Query("q")) == "" {
		return errBadRequest("q is required: the word or phrase to look up in the translation memory")
	}
	res, err := s.app.ConcordanceTM(c.Request.Context(), app.TMConcordanceRequest{
		Q: c.Query("q"), Lang: c.Query("lang"), Collection: c.Query("collection"), Translation: c.Query("translation"),
		Limit: limit, Offset: offset,
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// conceptEquivalents suggests English equivalents of a concept from the TM.
func (s *Server) conceptEquivalents(c *gin.Context) error {
	limit, err := intParam(c, "limit", 5, 20)
	if err != nil {
		return err
	}
	eq, err := s.app.ConceptEquivalents(c.Request.Context(), c.Param("id"), limit)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"concept": c.Param("id"), "equivalents": eq})
	return nil
}

// acceptEquivalent adds a suggested English term to a concept in one
// write, recorded in the concept's history under the token's name.
func (s *Server) acceptEquivalent(c *gin.Context) error {
	var in struct {
		EN     string          `json:"en"`
		Status glossary.Status `json:"status"`
	}
	if err := readJSON(c, 64<<10, &in, jsonOptions{what: `{"en": "legal order", "status": "admitted"}`, strict: true}); err != nil {
		return err
	}
	con, err := s.app.AcceptEquivalent(c.Param("id"), in.EN, in.Status, who(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, con)
	return nil
}
