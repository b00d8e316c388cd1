// Package deps holds the test that keeps tolk's dependency direction:
// the domain packages (index, glossary) import neither each other nor
// internal/... nor gin, and only internal/server imports gin.
package deps

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/tolk-nl/tolk"

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	forbidden := map[string][]string{
		module + "/index/...":       {module + "/glossary", module + "/tm", module + "/internal/", module + "/cmd/", "github.com/gin-gonic/gin"},
		module + "/tm/...":          {module + "/internal/", module + "/cmd/", "github.com/gin-gonic/gin"},
		module + "/glossary/...":    {module + "/index", module + "/internal/", module + "/cmd/", "github.com/gin-gonic/gin"},
		module + "/internal/app":    {module + "/internal/server", module + "/cmd/", "github.com/gin-gonic/gin"},
		module + "/internal/ingest": {module + "/internal/server", module + "/cmd/", "github.com/gin-gonic/gin"},
		module + "/internal/store":  {module + "/internal/server", module + "/cmd/", "github.com/gin-gonic/gin"},
	}
	for pkg, bad := range forbidden {
		for _, d := range deps(t, pkg) {
			for _, b := range bad {
				if forbids(b, d) {
					t.Errorf("%s depends on %s", pkg, d)
				}
			}
		}
	}
}

// forbids reports whether the rule b covers package d: a rule ending in
// "/" covers everything under it, any other rule the package and its
// subpackages.
func forbids(b, d string) bool {
	if strings.HasSuffix(b, "/") {
		return strings.HasPrefix(d, b)
	}
	return d == b || strings.HasPrefix(d, b+"/")
}
