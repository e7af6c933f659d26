/**
 * Key hashing as the Tyk Gateway does it (TykTechnologies/tyk internal/crypto: HashStr / hashFunction).
 *
 * - `hash_key_function` empty (legacy keys, `org_id + 32 hex`): the hash is murmur3 x86 32-bit, seed 0,
 *   written as 8 lowercase hex chars (Go's `hex.EncodeToString(h.Sum(nil))`, big-endian).
 * - `murmur64`: the first 64 bits (h1) of murmur3 x64 128-bit, 16 hex chars.
 * - `murmur128`: h1 then h2 of murmur3 x64 128-bit, 32 hex chars.
 * - `sha256`: 64 hex chars.
 *
 * Our own implementation of the public murmur3 algorithm; checked against published test vectors in the tests.
 */
import { createHash } from 'node:crypto';

export type HashKeyFunction = '' | 'murmur32' | 'murmur64' | 'murmur128' | 'sha256';

export function murmur3x86_32(data: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  let h1 = seed >>> 0;
  const blocks = Math.floor(data.length / 4);
  for (let i = 0; i < blocks; i++) {
    const o = i * 4;
    let k1 = (data[o] | (data[o + 1] << 8) | (data[o + 2] << 16) | (data[o + 3] << 24)) >>> 0;
    k1 = Math.imul(k1, c1);
    k1 = ((k1 << 15) | (k1 >>> 17)) >>> 0;
    k1 = Math.imul(k1, c2);
    h1 ^= k1;
    h1 = ((h1 << 13) | (h1 >>> 19)) >>> 0;
    h1 = (Math.imul(h1, 5) + 0xe6546b64) >>> 0;
  }
  const tail = blocks * 4;
  const rest = data.length & 3;
  if (rest > 0) {
    let k1 = 0;
    if (rest === 3) {
      k1 ^= data[tail + 2] << 16;
    }
    if (rest >= 2) {
      k1 ^= data[tail + 1] << 8;
    }
    k1 ^= data[tail];
    k1 = Math.imul(k1, c1);
    k1 = ((k1 << 15) | (k1 >>> 17)) >>> 0;
    k1 = Math.imul(k1, c2);
    h1 ^= k1;
  }
  h1 ^= data.length;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return h1 >>> 0;
}

const MASK64 = (1n << 64n) - 1n;

function rotl64(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK64;
}

function fmix64(k: bigint): bigint {
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & MASK64;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & MASK64;
  k ^= k >> 33n;
  return k;
}

function readU64LE(data: Uint8Array, offset: number, length: number): bigint {
  let v = 0n;
  for (let i = length - 1; i >= 0; i--) {
    v = (v << 8n) | BigInt(data[offset + i]);
  }
  return v;
}

/** murmur3 x64 128-bit, seed 0: returns [h1, h2]. */
export function murmur3x64_128(data: Uint8Array, seed = 0n): [bigint, bigint] {
  const c1 = 0x87c37b91114253d5n;
  const c2 = 0x4cf5ad432745937fn;
  let h1 = seed & MASK64;
  let h2 = seed & MASK64;
  const blocks = Math.floor(data.length / 16);
  for (let i = 0; i < blocks; i++) {
    let k1 = readU64LE(data, i * 16, 8);
    let k2 = readU64LE(data, i * 16 + 8, 8);
    k1 = (k1 * c1) & MASK64;
    k1 = rotl64(k1, 31n);
    k1 = (k1 * c2) & MASK64;
    h1 ^= k1;
    h1 = rotl64(h1, 27n);
    h1 = (h1 + h2) & MASK64;
    h1 = (h1 * 5n + 0x52dce729n) & MASK64;
    k2 = (k2 * c2) & MASK64;
    k2 = rotl64(k2, 33n);
    k2 = (k2 * c1) & MASK64;
    h2 ^= k2;
    h2 = rotl64(h2, 31n);
    h2 = (h2 + h1) & MASK64;
    h2 = (h2 * 5n + 0x38495ab5n) & MASK64;
  }
  const tail = blocks * 16;
  const rest = data.length & 15;
  if (rest > 8) {
    let k2 = readU64LE(data, tail + 8, rest - 8);
    k2 = (k2 * c2) & MASK64;
    k2 = rotl64(k2, 33n);
    k2 = (k2 * c1) & MASK64;
    h2 ^= k2;
  }
  if (rest > 0) {
    let k1 = readU64LE(data, tail, Math.min(rest, 8));
    k1 = (k1 * c1) & MASK64;
    k1 = rotl64(k1, 31n);
    k1 = (k1 * c2) & MASK64;
    h1 ^= k1;
  }
  const len = BigInt(data.length);
  h1 ^= len;
  h2 ^= len;
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  return [h1, h2];
}

function hex64(v: bigint): string {
  return v.toString(16).padStart(16, '0');
}

/** Tyk's HashStr(in, algo): hex of the digest. Empty algo means murmur32. */
export function hashStr(input: string, algo: HashKeyFunction): string {
  const data = new TextEncoder().encode(input);
  switch (algo) {
    case 'sha256':
      return createHash('sha256').update(data).digest('hex');
    case 'murmur64':
      return hex64(murmur3x64_128(data)[0]);
    case 'murmur128': {
      const [h1, h2] = murmur3x64_128(data);
      return hex64(h1) + hex64(h2);
    }
    case '':
    case 'murmur32':
      return murmur3x86_32(data).toString(16).padStart(8, '0');
  }
}

/** The algorithm a token carries (Tyk's TokenHashAlgo): base64 JSON tokens name theirs in "h"; legacy tokens have none. */
export function tokenHashAlgo(token: string): HashKeyFunction {
  if (!token.startsWith('ey')) {
    return '';
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (parsed !== null && typeof parsed === 'object' && 'h' in parsed) {
      const h = parsed.h;
      if (h === 'murmur32' || h === 'murmur64' || h === 'murmur128' || h === 'sha256') {
        return h;
      }
    }
  } catch {
    // a legacy token that happens to start with "ey"
  }
  return '';
}

/** Tyk's HashKey(key, true): the hash stored for a key. */
export function hashKey(token: string): string {
  return hashStr(token, tokenHashAlgo(token));
}

/**
 * Tyk's GenerateToken(orgID, keyID, hashAlgorithm): legacy `orgID + keyID` when no algorithm is set,
 * else base64 of `{"org":"…","id":"…","h":"…"}`.
 */
export function generateToken(orgId: string, keyId: string, algo: HashKeyFunction): string {
  if (algo === '') {
    return orgId + keyId;
  }
  return Buffer.from(`{"org":"${orgId}","id":"${keyId}","h":"${algo}"}`, 'utf8').toString('base64');
}
