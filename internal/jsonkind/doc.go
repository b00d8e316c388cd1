// Package jsonkind names JSON kinds for messages to the people who write
// the JSON, who must not see Go type names such as []glossary.Term.
package jsonkind
