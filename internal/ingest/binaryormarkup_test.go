package ingest

import "testing"

func TestBinaryOrMarkup(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want bool
	}{
		{"pdf", "%PDF-1.7 …", true},
		{"zip", "PK\x03\x04\x14\x00", true},
		{"ole2", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", true},
		{"gzip", "\x1f\x8b\x08\x00", true},
		{"rtf", `{\rtf1\ansi Geachte voorzitter}`, true},
		{"html", "<!doctype html><html><body><p>Brief</p></body></html>", true},
		{"tbx after a byte order mark", "\uFEFF  <martif type=\"TBX\">", true},
		{"text", "Geachte voorzitter,Deze brief verdwijnt.", false},
		{"csv", "nl,enstaatsgreep,coup", false},
		{"a text that starts with a comparison", "<5 jaar: geen verlenging", false},
		{"json lines", `{"nl":"a","en":"b"}{"nl":"c","en":"d"}`, false},
	} {
		if got := BinaryOrMarkup([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: BinaryOrMarkup = %v, want %v", tc.name, got, tc.want)
		}
	}
}
