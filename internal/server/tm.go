package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tolk-nl/tolk/internal/app"
	"github.com/tolk-nl/tolk/tm"
)

// The translation-memory API: GET /api/v1/tm lists or searches segments,
// POST /api/v1/tm/import stores a file's segments (all or nothing),
// GET /api/v1/tm/export writes them as TMX or TSV.

func (s *Server) searchTM(c *gin.Context) error {
	limit, err := intParam(c, "limit", 20, 1000)
	if err != nil {
		return err
	}
	offset, err := intParam(c, "offset", 0, 1_000_000)
	if err != nil {
		return err
	}
	res, err := s.app.SearchTM(c.Request.Context(), app.TMQuery{
		Q: c.Query("q"), Lang: c.Query("lang"), Collection: c.Query("collection"), Limit: limit, Offset: offset,
	})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// importTM takes the file as the request body, or as multipart/form-data:
// a part "file", or two parts "nl" and "en" (a Dutch text and its English
// version, aligned into segments: format pairs).
func (s *Server) importTM(c *gin.Context) error {
	replace, err := boolParam(c, "replace")
	if err != nil {
		return err
	}
	in := app.TMImport{Format: c.Query("format"), Collection: c.Query("collection"), Who: who(c), Replace: replace}
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt == "multipart/form-data" {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxImportBytes)
		mr, err := c.Request.MultipartReader()
		if err != nil {
			return errBadRequest("multipart body: " + err.Error())
		}
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return readError(c, err)
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return readError(c, err)
			}
			switch p.FormName() {
			case "file":
				in.Data, in.Name = data, p.FileName()
			case "nl":
				in.NL, in.Name = data, p.FileName()
			case "en":
				in.EN = data
			default:
				return errBadRequest(fmt.Sprintf("unknown form field %q: send file, or nl and en", p.FormName()))
			}
		}
		if in.NL != nil || in.EN != nil {
			if in.Format == "" {
				in.Format = app.TMFormatPairs
			}
			if in.Format != app.TMFormatPairs || in.Data != nil {
				return errBadRequest("the fields nl and en are two texts to align (format pairs), sent without a field file")
			}
		}
		if in.Format == "" {
			in.Format = app.TMFormatOf(in.Name)
		}
	} else {
		data, err := readFile(c, maxImportBytes)
		if err != nil {
			return err
		}
		in.Data = data
	}
	if in.Format == app.TMFormatPairs && in.Data != nil {
		// JSON lines: refuse what encoding/json would silently replace.
		if err := checkJSONText(in.Data); err != nil {
			return err
		}
	}
	if in.Format == "" {
		return errBadRequest("format is missing: give ?format=tmx, tsv, csv or pairs")
	}
	if in.Data == nil && in.NL == nil && in.EN == nil {
		return errBadRequest("the request has no file")
	}
	res, err := s.app.ImportTM(c.Request.Context(), in)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// readError passes a too-large body on as such (413); any other failure
// to read the request is the client's.
func readError(c *gin.Context, err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	if te := bodyTimeout(c, err); te != nil {
		return te
	}
	return errBadRequest("reading the request: " + err.Error())
}

func (s *Server) exportTM(c *gin.Context) error {
	format := c.DefaultQuery("format", app.TMFormatTMX)
	coll := c.Query("collection")
	if coll != "" && !tm.ValidCollection(coll) {
		return errBadRequest(fmt.Sprintf("collection %q: use 1–64 letters, digits, '-', '_' or '.'", coll))
	}
	var buf bytes.Buffer
	// A collection the TM does not have is 404 (app.ErrNotFound), as
	// DELETE answers it, not an empty file.
	if _, err := s.app.ExportTM(c.Request.Context(), &buf, format, coll); err != nil {
		return err
	}
	name := "tolk-tm"
	if coll != "" {
		name += "-" + coll
	}
	mediaType := "application/x-tmx+xml; charset=utf-8"
	if format == app.TMFormatTSV {
		mediaType = "text/tab-separated-values; charset=utf-8"
	}
	attachment(c, name+"."+format)
	c.Data(http.StatusOK, mediaType, buf.Bytes())
	return nil
}

// deleteTMCollection removes every segment of a translation-memory
// collection (a wrong import): 404 when the TM has none.
func (s *Server) deleteTMCollection(c *gin.Context) error {
	name := c.Param("name")
	n, err := s.app.DeleteTMCollection(c.Request.Context(), name)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"collection": name, "deleted": n})
	return nil
}
