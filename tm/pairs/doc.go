// Package pairs turns a Dutch text and its English version into
// translation-memory segments: both are split into sentences and aligned
// (tm/align), and every aligned bead with text on both sides — 1–1, 1–2,
// 2–1 or 2–2 sentences — becomes a segment. It reads the article-aligned
// JSON Lines of the treaty corpus ({"doc","article","nl","en"} a line)
// and pairs of whole documents.
package pairs
