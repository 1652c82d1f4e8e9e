//! LIX, the readability index of Danish text (Björnsson): words per sentence plus the share of
//! long words. Filled in by the package `lawdata` (issue 13).
