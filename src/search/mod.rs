//! Search: tokenizer and folding, query parser, index, ranking and facets.

pub mod fold;
pub mod stem;
pub mod tokenize;
