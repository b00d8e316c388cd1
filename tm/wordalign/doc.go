// Package wordalign aligns the words of one sentence pair, given a
// translation lexicon's probabilities in both directions.
//
// It is the word alignment of fast_align (Dyer et al. 2013) applied to a
// single pair with a trained table: in each direction every word of one
// side picks the word of the other side that best explains it, by IBM
// Model 1's posterior p(a_j = i) ∝ t(f_j | e_i) · δ(i, j) with δ the
// exponential preference for the diagonal (relative positions), against
// an empty word (NULL) for words nothing explains. The two directional
// alignments are symmetrised as Koehn's grow-diag-final-and does: their
// intersection, grown by links of their union next to a link already
// made (also diagonally), then the union's links between two words still
// unaligned. One change to grow-diag: a word still unaligned grows only
// by its most probable union link, not by whichever sits next to a link
// (Options.GrowAny restores Koehn's rule): with a pruned table the
// backward partner of a rare word can be a neighbour's word that the
// forward direction ranks far below the word's true partner.
//
// Competition is the point: a word that a lexicon links to the query
// weakly but that another word of the sentence explains better is not
// aligned to the query, where a per-word threshold would take it.
//
// The package imports nothing from the rest of tolk: the caller turns its
// words into probabilities (matrices indexed by source and target
// position).
package wordalign
