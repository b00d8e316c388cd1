// Package budget bounds the memory an import's concepts may hold, so
// that a small file that decodes to millions of concepts or terms is
// refused early instead of exhausting the server.
//
// A reader charges each concept as it builds it; the charge is Size, an
// estimate of the bytes the concept holds on the heap (its struct, its
// terms' structs, its strings and its definition map). The estimate
// counts a concept whose text is one letter at about 350 bytes, which is
// what such a concept costs: a budget in bytes of text alone would let a
// 64 MiB file of "a\n" lines through as 33 million concepts (21 GB of
// heap, measured).
package budget
