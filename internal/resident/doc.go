// Package resident gives back the pages of mapped files that a process has
// touched, so that its resident set (VmRSS) counts the memory it holds
// rather than every page of the index and store it has read since it
// started.
//
// bleve maps its segment files and bbolt its database file read-only and
// shared. Each page a search or a document read touches stays mapped, and
// counted in the process's RSS, until the process unmaps it or the kernel
// reclaims it under pressure. Release asks the kernel to drop those pages
// from the process's page tables (madvise MADV_DONTNEED). The pages stay in
// the kernel's page cache, so the next touch maps them again with a minor
// fault, without reading the disk; nothing the process holds is lost,
// because a read-only shared mapping has no private copy of any page.
//
// Release is only safe for mappings that cannot be unmapped while it runs:
// a mapping freed and its address reused by anonymous memory in the
// meantime would be zeroed. Callers pass files they hold mapped for the
// duration of the call (a bleve snapshot holding its segments, a bbolt
// read transaction, during which bbolt does not remap), and Release
// touches only read-only shared mappings of exactly those files.
package resident
