package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/goccy/go-yaml"
)

// openAPIYAML is the hand-written OpenAPI 3.1 description of /api/v1.
// The tests check every API request and response they make against it.
//
//go:embed openapi.yaml
var openAPIYAML []byte

// OpenAPI returns the description of the API as indented JSON, the
// document GET /api/v1/openapi.json serves. Keys keep the file's order.
func OpenAPI() ([]byte, error) {
	raw, err := yaml.YAMLToJSON(openAPIYAML)
	if err != nil {
		return nil, fmt.Errorf("server: openapi.yaml: %w", err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return nil, fmt.Errorf("server: openapi.yaml: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// openAPIJSON converts the description once; the result never changes.
// TestOpenAPIServed keeps a broken file from passing the tests.
var openAPIJSON = sync.OnceValues(OpenAPI)

// openAPI serves GET /api/v1/openapi.json.
func (s *Server) openAPI(c *gin.Context) error {
	doc, err := openAPIJSON()
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", doc)
	return nil
}
