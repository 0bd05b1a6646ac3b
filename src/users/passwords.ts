import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: scrypt from node:crypto (memory-hard), a random 16-byte salt per password, the parameters
 * stored with the hash so they can be raised later without invalidating old hashes. N = 2^15, r = 8 takes 32 MiB
 * and about 0.1 s per hash here: costly for a guesser, affordable for a sign-in.
 */

const PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; Node's default limit (32 MiB) is exactly that, so allow twice. */
const maxmemFor = (N: number, r: number) => 256 * N * r;

function derive(password: string, salt: Buffer, options: ScryptOptions, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, bytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64): never the password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = PARAMETERS;
  const key = await derive(password, salt, { N, r, p, maxmem: maxmemFor(N, r) }, KEY_BYTES);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` is the one `stored` was made from; compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const options = { N: Number(n), r: Number(r), p: Number(p), maxmem: maxmemFor(Number(n), Number(r)) };
  const key = await derive(password, Buffer.from(salt, 'base64'), options, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of no one's password (made once from random bytes that were thrown away), for a sign-in with an unknown
 * login: it is verified against anyway, so an unknown login takes as long as a wrong password. A constant, so
 * that no first unknown login pays for making it and no process pays for it at start.
 */
export const DECOY_HASH =
  'scrypt$32768$8$1$5Yxd+fZqTGellmJ2CH5M6w==$CVVL0q1/rFiUZCX0f4CqQEcyztei2i54CtZEbNMhck8=';

/** What a password must be: long enough to resist guessing, short enough not to be a denial of service. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
