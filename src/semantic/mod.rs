//! Optional semantic similarity (cargo feature `semantic`, off by default): a local
//! sentence-embedding model read from a folder at run time (`embed`), statement vectors kept
//! between runs (`cache`), and a second alignment model whose trees read the lexical pair
//! features plus the cosine of the two statements' vectors and a soft alignment of their
//! contextual word-piece vectors (`model`, `tokens`). Nothing is fetched
//! over the network; the model folder is never part of the repository.

pub mod cache;
pub mod embed;
pub mod model;
pub mod tokens;

pub use cache::EmbeddingCache;
pub use embed::Embedder;
pub use model::{Prepared, SemanticModel, semantic_features};
