//! The sentence encoder: a BERT-family model (all-MiniLM-L6-v2 in practice) read from a local
//! folder (`config.json`, `tokenizer.json`, `model.safetensors`), run on the CPU with candle,
//! mean-pooled over the tokens and L2-normalised, as sentence-transformers does. Nothing is
//! fetched: a folder that is missing or incomplete is an input error naming it.
//!
//! Statements are encoded in batches of equal token length, so that no padding (and no
//! attention mask) is ever needed: a statement's vector does not depend on its batch mates'
//! lengths.

use std::collections::BTreeMap;
use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{Tokenizer, TruncationParams};

use crate::error::{Error, Result};

/// Word pieces kept per statement (sentence-transformers' `max_seq_length` for MiniLM).
pub const MAX_TOKENS: usize = 256;

/// Statements per forward pass.
const BATCH: usize = 32;

/// A loaded sentence encoder.
pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dim: usize,
    identity: u64,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("dim", &self.dim)
            .field("identity", &format_args!("{:016x}", self.identity))
            .finish_non_exhaustive()
    }
}

impl Embedder {
    /// Loads the model folder `dir`. Errors name the folder and the file at fault.
    pub fn load(dir: &Path) -> Result<Embedder> {
        let name = dir.display().to_string();
        let bad = |problem: String| Error::input(name.clone(), problem);
        if !dir.is_dir() {
            return Err(bad(
                "embedding model folder not found (expected config.json, tokenizer.json and \
                 model.safetensors)"
                    .to_string(),
            ));
        }
        let read = |file: &str| {
            std::fs::read(dir.join(file)).map_err(|e| {
                bad(match e.kind() {
                    std::io::ErrorKind::NotFound => format!("{file} missing"),
                    _ => format!("{file}: {e}"),
                })
            })
        };
        let config_bytes = read("config.json")?;
        let tokenizer_bytes = read("tokenizer.json")?;
        let weights = read("model.safetensors")?;
        let config: Config =
            serde_json::from_slice(&config_bytes).map_err(|e| bad(format!("config.json: {e}")))?;
        let mut tokenizer = Tokenizer::from_bytes(&tokenizer_bytes)
            .map_err(|e| bad(format!("tokenizer.json: {e}")))?;
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS.min(config.max_position_embeddings),
                ..Default::default()
            }))
            .map_err(|e| bad(format!("tokenizer.json: {e}")))?;
        let device = Device::Cpu;
        let tensors = candle_core::safetensors::load_buffer(&weights, &device)
            .map_err(|e| bad(format!("model.safetensors: {e}")))?;
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
        let model = BertModel::load(vb, &config)
            .map_err(|e| bad(format!("model.safetensors does not fit config.json: {e}")))?;
        let mut h = Fnv::default();
        for part in [&config_bytes, &tokenizer_bytes, &weights] {
            h.write(&(part.len() as u64).to_le_bytes());
            h.write(part);
        }
        Ok(Embedder {
            model,
            tokenizer,
            device,
            dim: config.hidden_size,
            identity: h.0,
        })
    }

    /// Length of the vectors.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// A fingerprint of the model files (config, tokenizer, weights): cached vectors are
    /// keyed by it, so that another model never reads them.
    pub fn identity(&self) -> u64 {
        self.identity
    }

    /// Which word pieces carry content (`tokens::is_content_piece`), one flag per id.
    pub fn content_mask(&self, ids: &[u32]) -> Vec<bool> {
        ids.iter()
            .map(|&id| {
                self.tokenizer
                    .id_to_token(id)
                    .is_some_and(|p| super::tokens::is_content_piece(&p))
            })
            .collect()
    }

    /// Unit-length vectors of `texts`, in order (mean of the last layer over all word pieces,
    /// `[CLS]` and `[SEP]` included, then L2-normalised).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        Ok(self
            .encode(texts)?
            .into_iter()
            .map(|e| e.sentence)
            .collect())
    }

    /// The sentence vector and the word-piece vectors of each of `texts`, in order, from one
    /// forward pass.
    pub fn encode(&self, texts: &[&str]) -> Result<Vec<Encoded>> {
        let model_err = |e: candle_core::Error| Error::Usage(format!("embedding model: {e}"));
        let mut by_len: BTreeMap<usize, Vec<(usize, Vec<u32>)>> = BTreeMap::new();
        for (i, t) in texts.iter().enumerate() {
            let enc = self
                .tokenizer
                .encode(*t, true)
                .map_err(|e| Error::Usage(format!("embedding tokenizer: {e}")))?;
            let ids = enc.get_ids().to_vec();
            by_len.entry(ids.len()).or_default().push((i, ids));
        }
        let mut out = vec![Encoded::default(); texts.len()];
        for (len, group) in by_len {
            for chunk in group.chunks(BATCH) {
                let flat: Vec<u32> = chunk.iter().flat_map(|(_, ids)| ids.clone()).collect();
                let ids =
                    Tensor::from_vec(flat, (chunk.len(), len), &self.device).map_err(model_err)?;
                let types = ids.zeros_like().map_err(model_err)?;
                let hidden = self.model.forward(&ids, &types, None).map_err(model_err)?;
                let pooled = hidden.mean(1).map_err(model_err)?;
                let rows: Vec<Vec<f32>> = pooled.to_vec2().map_err(model_err)?;
                let pieces: Vec<Vec<Vec<f32>>> = hidden.to_vec3().map_err(model_err)?;
                for (((i, piece_ids), v), p) in chunk.iter().zip(rows).zip(pieces) {
                    out[*i] = Encoded {
                        sentence: normalise(v),
                        tokens: TokenVectors {
                            ids: piece_ids.clone(),
                            vectors: p.iter().flatten().map(|&x| to_bf16(x)).collect(),
                        },
                    };
                }
            }
        }
        Ok(out)
    }
}

/// What the encoder gives for one statement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Encoded {
    /// Mean-pooled, unit-length sentence vector.
    pub sentence: Vec<f32>,
    /// The last layer at every word piece.
    pub tokens: TokenVectors,
}

/// Last-layer vectors of a statement's word pieces (`[CLS]` and `[SEP]` included), raw (not
/// normalised), stored as bfloat16: the token features only need cosines, and halving the
/// cache matters (about 20 word pieces a statement). Rounded the same way whether fresh or
/// read from the cache, so both give the same features.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TokenVectors {
    /// Vocabulary ids of the word pieces.
    pub ids: Vec<u32>,
    /// `ids.len()` rows of `dim` bfloat16 values.
    pub vectors: Vec<u16>,
}

impl TokenVectors {
    /// Row `i` as f32.
    pub fn row(&self, i: usize, dim: usize) -> impl Iterator<Item = f32> + '_ {
        self.vectors[i * dim..(i + 1) * dim]
            .iter()
            .map(|&b| from_bf16(b))
    }
}

/// f32 to bfloat16, rounding to nearest even (NaN kept a NaN).
pub fn to_bf16(x: f32) -> u16 {
    let b = x.to_bits();
    if x.is_nan() {
        return ((b >> 16) | 0x40) as u16;
    }
    let round = 0x7fff + ((b >> 16) & 1);
    (b.wrapping_add(round) >> 16) as u16
}

/// bfloat16 to f32 (exact).
pub fn from_bf16(b: u16) -> f32 {
    f32::from_bits(u32::from(b) << 16)
}

/// `v / |v|` (a zero vector stays zero).
pub fn normalise(mut v: Vec<f32>) -> Vec<f32> {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
    v
}

/// FNV-1a, 64 bits: a stable fingerprint for cache keys (not for security).
#[derive(Clone, Copy, Debug)]
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}
