// Package exchange imports and exports glossary concepts in the formats
// translators' tools exchange: TBX (glossary/tbx), CSV and XLSX
// (glossary/table), the OmegaT glossary and the DeepL/Google TSV
// (glossary/omegat), FreeDict TSV (import only) and JSON, the API's own
// shape. It picks the format, makes imports all or nothing, and gives
// imported concepts their collection and stable ids.
package exchange
