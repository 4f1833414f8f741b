/**
 * Ids for rows written on the intake path (work orders, service requests,
 * photos), and the random bytes of reporters' tracking tokens.
 *
 * Row ids are UUIDv7 (RFC 9562): the time in milliseconds first, so each new
 * id sorts after the last and the primary-key index, and every index keyed
 * by a work order's id, grows at its end instead of touching a random page
 * per insert. Within one millisecond a 12-bit counter that starts at a random
 * value keeps them in order (RFC 9562 §6.2, method 1); 62 more random bits
 * keep them unguessable. The id shows when the row was made, which its own
 * created_at says anyway. Capability tokens do not use it (`newTimeLedToken`).
 *
 * Random bytes come from one pooled buffer refilled by the CSPRNG 4 KB at a
 * time, as Node's own crypto.randomUUID does, rather than one system call per
 * 16 bytes on the intake path.
 */
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/** `n` bytes from the CSPRNG, copied out of the pool (so a caller may keep them). */
export function secureRandomBytes(n: number): Buffer {
  if (n > pool.length) return randomFillSync(Buffer.alloc(n));
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = Buffer.from(pool.subarray(poolAt, poolAt + n));
  // Used bytes are not left behind in the pool for a later reader of process memory to pair with a token.
  pool.fill(0, poolAt, poolAt + n);
  poolAt += n;
  return out;
}

let lastMs = -1;
let counter = 0;

export function newRowId(): string {
  const bytes = secureRandomBytes(16);
  let ms = Date.now();
  if (ms > lastMs) {
    // A random start below 0x800 leaves at least 2,048 ids for this millisecond.
    counter = ((bytes[6] << 8) | bytes[7]) & 0x7ff;
    lastMs = ms;
  } else {
    // Same millisecond (or the clock stepped back): count on, borrowing the next millisecond when the counter is spent.
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  }
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A capability token (a reporter's tracking link): the time in milliseconds (6 bytes), then 18 bytes from
 * the CSPRNG, in base64url (32 characters). The secret is the random part alone, 144 bits. The time first
 * keeps the tokens of the last moments together in the unique index (they share its leading characters), so
 * a batch of reports writes one or two of its pages instead of one at a random place each, as UUIDv7 does
 * for row ids. It shows when the report was made, which the tracking page shows its holder anyway.
 */
export function newTimeLedToken(): string {
  const bytes = secureRandomBytes(24);
  bytes.writeUIntBE(Date.now(), 0, 6);
  return bytes.toString('base64url');
}
