//! Statement vectors kept between runs, so that retraining or re-evaluating does not encode
//! the same sentences again (encoding is ~10 ms a sentence; everything after it is µs). Keyed
//! by the model's fingerprint and the exact text. The binary decides where the file lives;
//! this module only turns it into bytes and back.
//!
//! File format (little endian): `PXEMB1\n`, model identity (u64), dimension (u32), count
//! (u64), then `count` entries of text key (u64) and `dimension` f32, keys ascending.

use std::collections::BTreeMap;

use super::embed::{Embedder, Fnv};
use crate::error::{Error, Result};

const MAGIC: &[u8; 7] = b"PXEMB1\n";

/// Cached vectors of one model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EmbeddingCache {
    identity: u64,
    dim: usize,
    vectors: BTreeMap<u64, Vec<f32>>,
    added: usize,
}

/// Cache key of a text.
fn key(text: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(text.as_bytes());
    h.0
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
        let rest = bytes.strip_prefix(MAGIC)?;
        let u64_at =
            |b: &[u8], at: usize| Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?));
        if u64_at(rest, 0)? != identity {
            return None;
        }
        let d = u32::from_le_bytes(rest.get(8..12)?.try_into().ok()?) as usize;
        let count = u64_at(rest, 12)? as usize;
        let body = rest.get(20..)?;
        let entry = 8 + 4 * d;
        if d != dim || body.len() != count.checked_mul(entry)? {
            return None;
        }
        let vectors = body
            .chunks_exact(entry)
            .map(|e| {
                let k = u64::from_le_bytes(e[..8].try_into().expect("8 bytes"));
                let v = e[8..]
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes")))
                    .collect();
                (k, v)
            })
            .collect();
        Some(EmbeddingCache {
            identity,
            dim,
            vectors,
            added: 0,
        })
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(27 + self.vectors.len() * (8 + 4 * self.dim));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.identity.to_le_bytes());
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        out.extend_from_slice(&(self.vectors.len() as u64).to_le_bytes());
        for (k, v) in &self.vectors {
            out.extend_from_slice(&k.to_le_bytes());
            for x in v {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    /// Number of vectors held.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// Vectors encoded since this cache was read (0: no need to write it back).
    pub fn added(&self) -> usize {
        self.added
    }

    /// The vector of a text, if cached.
    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.vectors.get(&key(text)).map(Vec::as_slice)
    }

    /// Vectors of `texts`, in order: cached ones read, the others encoded (all missing ones
    /// in one call, so they batch well) and added.
    pub fn embed(&mut self, embedder: &Embedder, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        if embedder.identity() != self.identity || embedder.dim() != self.dim {
            return Err(Error::Usage(
                "embedding cache belongs to another model".to_string(),
            ));
        }
        let mut missing: Vec<&str> = texts
            .iter()
            .copied()
            .filter(|t| !self.vectors.contains_key(&key(t)))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        let fresh = embedder.embed(&missing)?;
        self.added += fresh.len();
        for (t, v) in missing.iter().zip(fresh) {
            self.vectors.insert(key(t), v);
        }
        Ok(texts
            .iter()
            .map(|t| self.vectors[&key(t)].clone())
            .collect())
    }
}
