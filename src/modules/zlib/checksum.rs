//! The checksums of zlib: CRC-32 (table driven) and Adler-32, both continuing from a previous
//! value as `zlib.crc32(data, value)` and `zlib.adler32(data, value)` do.

/// The CRC-32 table of the reflected polynomial 0xEDB88320.
const CRC_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xedb8_8320
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// CRC-32 of `data`, continuing from `crc`.
pub fn crc32(data: &[u8], crc: u32) -> u32 {
    let mut c = !crc;
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// Adler-32 of `data`, continuing from `value`.
pub fn adler32(data: &[u8], value: u32) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (value & 0xffff, value >> 16);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(crc32(b"abc", 0), 891_568_578);
        assert_eq!(crc32(b"abc", u32::MAX), 899_311_407);
        assert_eq!(adler32(b"abc", 1), 38_600_999);
        assert_eq!(adler32(b"abc", 5), 39_387_435);
    }
}
