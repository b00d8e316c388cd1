package hyphen

import (
	"bytes"
	"errors"
)

// ErrNoLicence is returned when the copyright file has no paragraph for the
// Dutch patterns.
var ErrNoLicence = errors.New("hyphen: no dictionaries/nl_NL paragraph in the copyright file")

// Licence returns the licence file to ship beside the compiled patterns: a
// header stating the changes, the "Files: dictionaries/nl_NL/*" paragraph of
// Debian's copyright file (the full /usr/share/doc/hyphen-nl/copyright or an
// excerpt holding that paragraph) up to its License line, and the text of
// the BSD-2-clause licence as that copyright file gives it.
func Licence(copyright []byte) ([]byte, error) {
	const files = "Files: dictionaries/nl_NL/*\n"
	i := bytes.Index(copyright, []byte(files))
	if i < 0 || i > 0 && copyright[i-1] != '\n' {
		return nil, ErrNoLicence
	}
	para := copyright[i:]
	j := bytes.Index(para, []byte("\nLicense:"))
	if j < 0 {
		return nil, ErrNoLicence
	}
	end := bytes.IndexByte(para[j+1:], '\n')
	if end < 0 {
		end = len(para) - j - 1
	}
	para = para[:j+1+end]
	if !bytes.Contains(para, []byte("BSD-2-clause")) {
		return nil, ErrNoLicence
	}
	out := append([]byte(licenceHeader), para...)
	out = append(out, '\n', '\n')
	out = append(out, bsd2...)
	return out, nil
}

// licenceHeader says what the artefact is and how it differs from the
// original, as CC BY 3.0 section 4(b) asks of an adaptation.
const licenceHeader = `The file hyph_nl.txt in this directory is derived from the Dutch hyphenation
patterns of LibreOffice (dictionaries/nl_NL/hyph_nl_NL.dic, maintained by
OpenTaal) as Debian's hyphen-nl package ships them
(/usr/share/hyphen/hyph_nl_NL.dic). It was changed: it was converted from
ISO-8859-1 to UTF-8, the encoding line was replaced by LEFTHYPHENMIN and
RIGHTHYPHENMIN lines (the values the file sets, else 2 and 2, the values
LibreOffice uses), and the patterns were sorted by their letters.

The paragraph below is copied unchanged from the Debian package's copyright
file (/usr/share/doc/hyphen-nl/copyright). The patterns are offered under
either licence it names; tolk uses them under the BSD-2-clause licence, whose
text follows as the same copyright file gives it.

--------------------------------------------------------------------------------

`

// bsd2 is the "License: BSD-2-clause" paragraph of Debian's
// /usr/share/doc/hyphen-nl/copyright (hyphen-nl 1:7.5.0-1), copied unchanged.
const bsd2 = `License: BSD-2-clause
 All rights reserved.
 Redistribution and use in source and binary forms, with or without
 modification, are permitted provided that the following conditions are met:
 .
 1) Redistributions of source code must retain the above copyright notice,
 this list of conditions and the following disclaimer.
 .
 2) Redistributions in binary form must reproduce the above copyright notice,
 this list of conditions and the following disclaimer in the documentation
 and/or other materials provided with the distribution.
 .
 THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE
 LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 POSSIBILITY OF SUCH DAMAGE.
`
