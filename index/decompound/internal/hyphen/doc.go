// Package hyphen finds Dutch hyphenation points with Liang's algorithm (the
// one TeX and LibreOffice use) over the OpenTaal/LibreOffice patterns as
// Debian's hyphen-nl package ships them (/usr/share/hyphen/hyph_nl_NL.dic).
//
// Compile converts that file (ISO-8859-1 or UTF-8) into the compact UTF-8
// form that package decompound embeds; Parse reads either form. The output of
// Compile depends only on the input bytes, so regenerating from the same file
// reproduces the committed artefact byte for byte.
package hyphen
