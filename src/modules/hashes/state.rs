//! The running state of every hash algorithm the hash modules offer, over the RustCrypto
//! crates: MD5, SHA-1, SHA-2, SHA-3 and SHAKE, and BLAKE2b/BLAKE2s with digest size, key, salt
//! and personalisation.

use blake2::{Blake2bVarCore, Blake2sVarCore};
use digest::core_api::{CoreWrapper, VariableOutputCore};
use digest::{Digest, ExtendableOutput, Update};

/// Which algorithm a hash object runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Algo {
    /// MD5.
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA3-224.
    Sha3_224,
    /// SHA3-256.
    Sha3_256,
    /// SHA3-384.
    Sha3_384,
    /// SHA3-512.
    Sha3_512,
    /// SHAKE128 (variable length).
    Shake128,
    /// SHAKE256 (variable length).
    Shake256,
    /// BLAKE2b.
    Blake2b,
    /// BLAKE2s.
    Blake2s,
}

impl Algo {
    /// The name hashlib reports (`hash.name`).
    pub fn name(self) -> &'static str {
        match self {
            Algo::Md5 => "md5",
            Algo::Sha1 => "sha1",
            Algo::Sha224 => "sha224",
            Algo::Sha256 => "sha256",
            Algo::Sha384 => "sha384",
            Algo::Sha512 => "sha512",
            Algo::Sha3_224 => "sha3_224",
            Algo::Sha3_256 => "sha3_256",
            Algo::Sha3_384 => "sha3_384",
            Algo::Sha3_512 => "sha3_512",
            Algo::Shake128 => "shake_128",
            Algo::Shake256 => "shake_256",
            Algo::Blake2b => "blake2b",
            Algo::Blake2s => "blake2s",
        }
    }

    /// The internal block size in bytes (`hash.block_size`).
    pub fn block_size(self) -> usize {
        match self {
            Algo::Md5 | Algo::Sha1 | Algo::Sha224 | Algo::Sha256 | Algo::Blake2s => 64,
            Algo::Sha384 | Algo::Sha512 | Algo::Blake2b => 128,
            Algo::Sha3_224 => 144,
            Algo::Sha3_256 | Algo::Shake256 => 136,
            Algo::Sha3_384 => 104,
            Algo::Sha3_512 => 72,
            Algo::Shake128 => 168,
        }
    }

    /// The default digest size in bytes (0 for SHAKE, whose length is chosen per call).
    pub fn digest_size(self) -> usize {
        match self {
            Algo::Md5 => 16,
            Algo::Sha1 => 20,
            Algo::Sha224 | Algo::Sha3_224 => 28,
            Algo::Sha256 | Algo::Sha3_256 | Algo::Blake2s => 32,
            Algo::Sha384 | Algo::Sha3_384 => 48,
            Algo::Sha512 | Algo::Sha3_512 | Algo::Blake2b => 64,
            Algo::Shake128 | Algo::Shake256 => 0,
        }
    }
}

/// BLAKE2 parameters beyond the data.
pub struct Blake2Params<'a> {
    /// Digest size in bytes.
    pub digest_size: usize,
    /// The MAC key (empty: unkeyed).
    pub key: &'a [u8],
    /// Salt (at most 16 bytes for BLAKE2b, 8 for BLAKE2s).
    pub salt: &'a [u8],
    /// Personalisation (same limits as the salt).
    pub person: &'a [u8],
}

/// A hash in progress.
#[derive(Clone)]
pub enum HashState {
    /// MD5.
    Md5(md5::Md5),
    /// SHA-1.
    Sha1(sha1::Sha1),
    /// SHA-224.
    Sha224(sha2::Sha224),
    /// SHA-256.
    Sha256(sha2::Sha256),
    /// SHA-384.
    Sha384(sha2::Sha384),
    /// SHA-512.
    Sha512(sha2::Sha512),
    /// SHA3-224.
    Sha3_224(sha3::Sha3_224),
    /// SHA3-256.
    Sha3_256(sha3::Sha3_256),
    /// SHA3-384.
    Sha3_384(sha3::Sha3_384),
    /// SHA3-512.
    Sha3_512(sha3::Sha3_512),
    /// SHAKE128.
    Shake128(sha3::Shake128),
    /// SHAKE256.
    Shake256(sha3::Shake256),
    /// BLAKE2b with its digest size.
    Blake2b(CoreWrapper<Blake2bVarCore>, usize),
    /// BLAKE2s with its digest size.
    Blake2s(CoreWrapper<Blake2sVarCore>, usize),
}

impl HashState {
    /// A fresh state for a fixed algorithm (BLAKE2 with default parameters).
    pub fn new(algo: Algo) -> HashState {
        match algo {
            Algo::Md5 => HashState::Md5(Default::default()),
            Algo::Sha1 => HashState::Sha1(Default::default()),
            Algo::Sha224 => HashState::Sha224(Default::default()),
            Algo::Sha256 => HashState::Sha256(Default::default()),
            Algo::Sha384 => HashState::Sha384(Default::default()),
            Algo::Sha512 => HashState::Sha512(Default::default()),
            Algo::Sha3_224 => HashState::Sha3_224(Default::default()),
            Algo::Sha3_256 => HashState::Sha3_256(Default::default()),
            Algo::Sha3_384 => HashState::Sha3_384(Default::default()),
            Algo::Sha3_512 => HashState::Sha3_512(Default::default()),
            Algo::Shake128 => HashState::Shake128(Default::default()),
            Algo::Shake256 => HashState::Shake256(Default::default()),
            Algo::Blake2b | Algo::Blake2s => HashState::blake2(
                algo,
                &Blake2Params {
                    digest_size: algo.digest_size(),
                    key: &[],
                    salt: &[],
                    person: &[],
                },
            ),
        }
    }

    /// A BLAKE2 state; the parameters must already be within the algorithm's limits.
    pub fn blake2(algo: Algo, p: &Blake2Params<'_>) -> HashState {
        if algo == Algo::Blake2s {
            let core =
                Blake2sVarCore::new_with_params(p.salt, p.person, p.key.len(), p.digest_size);
            let mut w = CoreWrapper::from_core(core);
            if !p.key.is_empty() {
                let mut block = [0u8; 64];
                block[..p.key.len()].copy_from_slice(p.key);
                Update::update(&mut w, &block);
            }
            HashState::Blake2s(w, p.digest_size)
        } else {
            let core =
                Blake2bVarCore::new_with_params(p.salt, p.person, p.key.len(), p.digest_size);
            let mut w = CoreWrapper::from_core(core);
            if !p.key.is_empty() {
                let mut block = [0u8; 128];
                block[..p.key.len()].copy_from_slice(p.key);
                Update::update(&mut w, &block);
            }
            HashState::Blake2b(w, p.digest_size)
        }
    }

    /// Feeds `data`.
    pub fn update(&mut self, data: &[u8]) {
        match self {
            HashState::Md5(h) => Digest::update(h, data),
            HashState::Sha1(h) => Digest::update(h, data),
            HashState::Sha224(h) => Digest::update(h, data),
            HashState::Sha256(h) => Digest::update(h, data),
            HashState::Sha384(h) => Digest::update(h, data),
            HashState::Sha512(h) => Digest::update(h, data),
            HashState::Sha3_224(h) => Digest::update(h, data),
            HashState::Sha3_256(h) => Digest::update(h, data),
            HashState::Sha3_384(h) => Digest::update(h, data),
            HashState::Sha3_512(h) => Digest::update(h, data),
            HashState::Shake128(h) => Update::update(h, data),
            HashState::Shake256(h) => Update::update(h, data),
            HashState::Blake2b(h, _) => Update::update(h, data),
            HashState::Blake2s(h, _) => Update::update(h, data),
        }
    }

    /// The digest of the data so far (`len` bytes for SHAKE), leaving the state as it was.
    pub fn digest(&self, len: usize) -> Vec<u8> {
        match self.clone() {
            HashState::Md5(h) => h.finalize().to_vec(),
            HashState::Sha1(h) => h.finalize().to_vec(),
            HashState::Sha224(h) => h.finalize().to_vec(),
            HashState::Sha256(h) => h.finalize().to_vec(),
            HashState::Sha384(h) => h.finalize().to_vec(),
            HashState::Sha512(h) => h.finalize().to_vec(),
            HashState::Sha3_224(h) => h.finalize().to_vec(),
            HashState::Sha3_256(h) => h.finalize().to_vec(),
            HashState::Sha3_384(h) => h.finalize().to_vec(),
            HashState::Sha3_512(h) => h.finalize().to_vec(),
            HashState::Shake128(h) => {
                let mut out = vec![0u8; len];
                h.finalize_xof_into(&mut out);
                out
            }
            HashState::Shake256(h) => {
                let mut out = vec![0u8; len];
                h.finalize_xof_into(&mut out);
                out
            }
            HashState::Blake2b(h, n) => {
                let (mut core, mut buf) = h.decompose();
                let mut out = Default::default();
                core.finalize_variable_core(&mut buf, &mut out);
                out[..n].to_vec()
            }
            HashState::Blake2s(h, n) => {
                let (mut core, mut buf) = h.decompose();
                let mut out = Default::default();
                core.finalize_variable_core(&mut buf, &mut out);
                out[..n].to_vec()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn known_digests() {
        let mut h = HashState::new(Algo::Md5);
        h.update(b"a");
        assert_eq!(hex(&h.digest(0)), "0cc175b9c0f1b6a831c399e269772661");
        let mut h = HashState::new(Algo::Blake2s);
        h.update(b"abc");
        assert_eq!(
            hex(&h.digest(0)),
            "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"
        );
        let mut h = HashState::new(Algo::Shake128);
        h.update(b"x");
        assert_eq!(hex(&h.digest(5)), "e472c5e394");
    }

    #[test]
    fn keyed_blake2b() {
        let p = Blake2Params {
            digest_size: 20,
            key: b"k",
            salt: b"s",
            person: b"p",
        };
        let mut h = HashState::blake2(Algo::Blake2b, &p);
        h.update(b"a");
        assert_eq!(
            hex(&h.digest(0)),
            "3d82d8cb08d27b8bca753ee67b7b108f825bb287"
        );
    }
}
