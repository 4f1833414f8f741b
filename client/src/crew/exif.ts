/** Reading a JPEG's EXIF on the tablet (no DOM here, so the rules are unit-tested on the server's runner). */

const SOI = 0xd8;
const SOS = 0xda;
const APP1 = 0xe1;

/** The APP1 "Exif" segment of a JPEG (marker to end), or null. */
export function exifSegment(jpeg: Uint8Array): Uint8Array | null {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) return null;
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    if (marker === SOS) return null;
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    if (length < 2 || at + 2 + length > jpeg.length) return null;
    const isExif = marker === APP1 && length >= 8 && String.fromCharCode(...jpeg.subarray(at + 4, at + 10)) === 'Exif\0\0';
    if (isExif) return jpeg.slice(at, at + 2 + length);
    at += 2 + length;
  }
  return null;
}


const EXIF_IFD = 0x8769;
const GPS_IFD = 0x8825;
const DATE_TIME_ORIGINAL = 0x9003;

/**
 * The capture time and GPS position a camera wrote into a JPEG's EXIF, read
 * the way the server reads them, so the tablet can warn before the server
 * flags. Capture times carry no zone: read as UK local time (the server does
 * the same with the council's zone). Anything unreadable is null.
 */
export function exifFacts(jpeg: Uint8Array): { takenAt: number | null; lat: number | null; lng: number | null } {
  const none = { takenAt: null, lat: null, lng: null };
  const segment = exifSegment(jpeg);
  if (!segment) return none;
  try {
    const tiff = 10;
    const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
    const little = view.getUint16(tiff) === 0x4949;
    const u16 = (at: number) => view.getUint16(tiff + at, little);
    const u32 = (at: number) => view.getUint32(tiff + at, little);
    const entries = (ifd: number): Map<number, { type: number; count: number; value: number }> => {
      const out = new Map<number, { type: number; count: number; value: number }>();
      if (tiff + ifd + 2 > segment.length) return out;
      const n = u16(ifd);
      for (let i = 0; i < n; i++) {
        const e = ifd + 2 + i * 12;
        if (tiff + e + 12 > segment.length) break;
        out.set(u16(e), { type: u16(e + 2), count: u32(e + 4), value: u32(e + 8) });
      }
      return out;
    };
    const ascii = (offset: number, count: number) => String.fromCharCode(...segment.subarray(tiff + offset, tiff + offset + count)).replace(/\0.*$/, '');
    const rationals = (offset: number, count: number) => Array.from({ length: count }, (_, i) => u32(offset + i * 8) / (u32(offset + i * 8 + 4) || 1));
    const ifd0 = entries(u32(4));
    let takenAt: number | null = null;
    const exifPointer = ifd0.get(EXIF_IFD);
    const original = exifPointer ? entries(exifPointer.value).get(DATE_TIME_ORIGINAL) : undefined;
    const m = original ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(ascii(original.value, original.count)) : null;
    if (m) {
      const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
      const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
      // UK local: BST (UTC+1) from the last Sunday of March to the last Sunday of October, roughly enough for a warning.
      const bst = mo! > 3 && mo! < 10;
      takenAt = asUtc - (bst ? 3_600_000 : 0);
    }
    let lat: number | null = null;
    let lng: number | null = null;
    const gpsPointer = ifd0.get(GPS_IFD);
    if (gpsPointer) {
      const gps = entries(gpsPointer.value);
      const latRef = gps.get(1);
      const latVal = gps.get(2);
      const lngRef = gps.get(3);
      const lngVal = gps.get(4);
      if (latVal && lngVal && latVal.count === 3 && lngVal.count === 3) {
        const dms = (v: number[]) => v[0]! + v[1]! / 60 + v[2]! / 3600;
        const sign = (ref: { value: number } | undefined, negative: string) => (ref && String.fromCharCode(ref.value & 0xff, (ref.value >> 24) & 0xff).includes(negative) ? -1 : 1);
        lat = dms(rationals(latVal.value, 3)) * sign(latRef, 'S');
        lng = dms(rationals(lngVal.value, 3)) * sign(lngRef, 'W');
        if (!Number.isFinite(lat) || !Number.isFinite(lng)) lat = lng = null;
      }
    }
    return { takenAt, lat, lng };
  } catch {
    return none;
  }
}
