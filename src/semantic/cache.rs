//! Statement encodings kept between runs, so that retraining or re-evaluating does not encode
//! the same sentences again (encoding is ~10 ms a sentence; everything after it is µs). Keyed
//! by the model's fingerprint and the exact text. The binary decides where the file lives;
//! this module only turns it into bytes and back.
//!
//! File format (little endian): `PXEMB2\n`, model identity (u64), dimension (u32), count
//! (u64), then `count` entries, keys ascending: text key (u64), `dimension` f32 (sentence
//! vector), word pieces `n` (u32), `n` u32 vocabulary ids, `n × dimension` bfloat16 (the
//! word-piece vectors). Files of the sentence-only format `PXEMB1` are ignored (re-encoded).

use std::collections::BTreeMap;

use super::embed::{Embedder, Encoded, Fnv, TokenVectors};
use crate::error::{Error, Result};

const MAGIC: &[u8; 7] = b"PXEMB2\n";

/// Cached encodings of one model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbeddingCache {
    identity: u64,
    dim: usize,
    entries: BTreeMap<u64, Encoded>,
    added: usize,
}

/// Cache key of a text.
fn key(text: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(text.as_bytes());
    h.0
}

/// A little-endian reader over a byte slice; `None` past the end.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

impl EmbeddingCache {
    /// An empty cache for a model.
    pub fn new(identity: u64, dim: usize) -> Self {
        EmbeddingCache {
            identity,
            dim,
            ..Default::default()
        }
    }

    /// Reads a cache file's bytes; a cache of another model (or a damaged file) gives an
    /// empty cache for this one, since a cache is only ever a shortcut.
    pub fn from_bytes(bytes: &[u8], identity: u64, dim: usize) -> Self {
        Self::parse(bytes, identity, dim).unwrap_or_else(|| Self::new(identity, dim))
    }

    fn parse(bytes: &[u8], identity: u64, dim: usize) -> Option<Self> {
        let mut r = Reader(bytes.strip_prefix(MAGIC)?);
        if r.u64()? != identity || r.u32()? as usize != dim {
            return None;
        }
        let count = r.u64()?;
        let mut entries = BTreeMap::new();
        for _ in 0..count {
            let k = r.u64()?;
            let sentence = r
                .take(4 * dim)?
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
                .collect();
            let n = r.u32()? as usize;
            let ids = (0..n).map(|_| r.u32()).collect::<Option<Vec<u32>>>()?;
            let vectors = r
                .take(2 * n.checked_mul(dim)?)?
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes(b.try_into().expect("2 bytes")))
                .collect();
            entries.insert(
                k,
                Encoded {
                    sentence,
                    tokens: TokenVectors { ids, vectors },
                },
            );
        }
        if !r.0.is_empty() || entries.len() as u64 != count {
            return None;
        }
        Some(EmbeddingCache {
            identity,
            dim,
            entries,
            added: 0,
        })
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.identity.to_le_bytes());
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        out.extend_from_slice(&(self.entries.len() as u64).to_le_bytes());
        for (k, e) in &self.entries {
            out.extend_from_slice(&k.to_le_bytes());
            for x in &e.sentence {
                out.extend_from_slice(&x.to_le_bytes());
            }
            out.extend_from_slice(&(e.tokens.ids.len() as u32).to_le_bytes());
            for id in &e.tokens.ids {
                out.extend_from_slice(&id.to_le_bytes());
            }
            for x in &e.tokens.vectors {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Number of statements held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Statements encoded since this cache was read (0: no need to write it back).
    pub fn added(&self) -> usize {
        self.added
    }

    /// The sentence vector of a text, if cached.
    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.entries.get(&key(text)).map(|e| e.sentence.as_slice())
    }

    /// Sentence vectors of `texts`, in order (see `encode`).
    pub fn embed(&mut self, embedder: &Embedder, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        Ok(self
            .encode(embedder, texts)?
            .into_iter()
            .map(|e| e.sentence.clone())
            .collect())
    }

    /// Encodings of `texts`, in order: cached ones read, the others encoded (all missing ones
    /// in one call, so they batch well) and added.
    pub fn encode(&mut self, embedder: &Embedder, texts: &[&str]) -> Result<Vec<&Encoded>> {
        if embedder.identity() != self.identity || embedder.dim() != self.dim {
            return Err(Error::Usage(
                "embedding cache belongs to another model".to_string(),
            ));
        }
        let mut missing: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| !self.entries.contains_key(&key(t)))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let fresh = embedder.encode(&missing)?;
        self.added += fresh.len();
        for (t, e) in missing.iter().zip(fresh) {
            self.entries.insert(key(t), e);
        }
        Ok(texts.iter().map(|t| &self.entries[&key(t)]).collect())
    }
}
