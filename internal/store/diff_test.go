package store

import (
	"reflect"
	"testing"

	"github.com/tolk-nl/tolk/glossary"
)

// TestDiffEveryField: a change of any field of a term or a concept, other
// than those that identify or date it, is a change Diff reports, so the
// store keeps it and the history records it. A field Diff did not know
// (a term's variant) was an edit answered 200 and stored nowhere; this
// test fails when a field is added to glossary.Term or glossary.Concept
// and not to Diff.
func TestDiffEveryField(t *testing.T) {
	set := func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.String:
			v.SetString("x")
		case reflect.Int:
			v.SetInt(2)
		case reflect.Map:
			v.Set(reflect.ValueOf(map[string]string{"nl": "x"}))
		default:
			return false
		}
		return true
	}
	base := glossary.Concept{ID: "c", Terms: []glossary.Term{{Lang: "en", Text: "colour"}}}
	tt := reflect.TypeFor[glossary.Term]()
	for i := range tt.NumField() {
		name := tt.Field(i).Name
		if name == "Lang" || name == "Text" { // the term's key
			continue
		}
		b := base
		b.Terms = []glossary.Term{base.Terms[0]}
		if !set(reflect.ValueOf(&b.Terms[0]).Elem().Field(i)) {
			t.Fatalf("Term.%s: a field of a kind this test cannot set", name)
		}
		if len(Diff(base, b)) == 0 {
			t.Errorf("Term.%s changed, Diff reports nothing", name)
		}
	}
	ct := reflect.TypeFor[glossary.Concept]()
	for i := range ct.NumField() {
		switch name := ct.Field(i).Name; name {
		case "ID", "Created", "Modified", "CreatedBy", "ModifiedBy", "Terms":
			continue
		default:
			b := base
			if !set(reflect.ValueOf(&b).Elem().Field(i)) {
				t.Fatalf("Concept.%s: a field of a kind this test cannot set", name)
			}
			if len(Diff(base, b)) == 0 {
				t.Errorf("Concept.%s changed, Diff reports nothing", name)
			}
		}
	}
}
