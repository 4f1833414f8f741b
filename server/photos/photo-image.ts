/**
 * Reading an uploaded image: its type from the bytes (never from the file
 * name or the client's Content-Type), a structural check of JPEG metadata,
 * EXIF capture time and GPS, and the two stored renditions. Every failure a
 * client's bytes can cause is an AppError (415/422), never a 500.
 */
import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import { AppError, UnprocessableError, UnsupportedMediaTypeError } from '../errors.js';

export type SniffedType = 'jpeg' | 'png' | 'webp' | 'heic';

export const FULL_MAX_SIDE_PX = 2048;
export const THUMB_MAX_SIDE_PX = 320;
/** Smaller than this shows nothing a dispatcher or councillor could judge; refused rather than kept as "evidence". */
export const MIN_SIDE_PX = 64;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** sharp's prebuilt libheif here may only decode AVIF; HEIC needs an HEVC decoder. */
export const heicReadable: boolean = (sharp.format.heif?.input?.fileSuffix ?? []).some((s: string) => s === '.heic' || s === '.heif');

export function invalidImage(message: string): AppError {
  return new UnprocessableError('INVALID_IMAGE', message);
}

export function sniffType(buf: Buffer): SniffedType {
  if (buf.length === 0) throw invalidImage('The photo file is empty.');
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp' && HEIF_BRANDS.has(buf.toString('latin1', 8, 12))) {
    if (heicReadable) return 'heic';
    throw new UnsupportedMediaTypeError(
      'HEIC photos cannot be read by this server. Set the camera to "Most compatible" (JPEG) and take the photo again.',
    );
  }
  throw new UnsupportedMediaTypeError('That file is not a photo we can read. Send a JPEG, PNG or WebP image.');
}

/** How a walk of a JPEG's header ended: at the start of the scan (the pixel data), or where the header broke. */
type HeaderEnd = 'scan' | 'bad-marker' | 'image-end' | 'overrun' | 'truncated';

/** Calls `segment` for each marker segment of a JPEG's header, in order, up to the start of the scan. */
function walkJpegHeader(buf: Buffer, segment: (marker: number, body: Buffer) => void): HeaderEnd {
  let i = 2;
  while (i + 4 <= buf.length) {
    if (buf[i] !== 0xff) return 'bad-marker';
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xda) return 'scan'; // the pixel data is libjpeg's to judge
    if (marker === 0xd9) return 'image-end';
    const length = buf.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > buf.length) return 'overrun';
    segment(marker, buf.subarray(i + 4, i + 2 + length));
    i += 2 + length;
  }
  return 'truncated';
}

/** An APP1 segment's TIFF block when it holds EXIF. */
function exifTiff(marker: number, body: Buffer): Buffer | null {
  return marker === 0xe1 && body.toString('latin1', 0, 6) === 'Exif\0\0' ? body.subarray(6) : null;
}

/** A TIFF block's integer readers in its byte order, or null when it names none. */
function tiffReader(tiff: Buffer): { u16: (o: number) => number; u32: (o: number) => number } | null {
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  return { u16: (o) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o)), u32: (o) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o)) };
}

const HEADER_REFUSALS: Record<Exclude<HeaderEnd, 'scan'>, string> = {
  'bad-marker': 'The photo is corrupt (bad JPEG marker).',
  'image-end': 'The photo is corrupt (it ends before any image data).',
  overrun: 'The photo is truncated or corrupt (a metadata block runs past the end).',
  truncated: 'The photo is truncated (no image data).',
};

/** What a JPEG's header says of the image: its size and EXIF orientation (1–8). */
export interface JpegHeader {
  width: number;
  height: number;
  orientation: number;
}

/**
 * Walks a JPEG's marker segments up to the image data and checks that each
 * fits in the file and that an EXIF block is well formed. Broken metadata is
 * refused (422) rather than silently dropped: capture time and position are
 * the evidence, and a block that lies about its own size cannot be trusted.
 * Returns what the same walk read of the size (`jpegHeader`), so a photo's
 * header is walked once.
 */
export function checkJpegStructure(buf: Buffer): JpegHeader | null {
  const { end, header } = readJpegHeader(buf, checkTiff);
  if (end !== 'scan') throw invalidImage(HEADER_REFUSALS[end]);
  return header;
}

function checkTiff(tiff: Buffer): void {
  const bad = () => invalidImage('The photo\'s EXIF metadata is corrupt, so its time and position cannot be trusted. Take the photo again.');
  const r = tiffReader(tiff);
  if (!r || r.u16(2) !== 42) throw bad();
  const ifd0 = r.u32(4);
  if (ifd0 < 8 || ifd0 + 2 > tiff.length) throw bad();
  if (ifd0 + 2 + r.u16(ifd0) * 12 > tiff.length) throw bad();
}

/** Start-of-frame markers (SOF0–SOF15 but DHT, JPG and DAC), whose segment gives the image's size. */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * A JPEG's size and EXIF orientation read from its header in JavaScript: a photo report then waits for no
 * image library on the way in (the library's header read was a trip through the thread pool, and a turn of
 * a busy event loop to come back). Null when the header gives no size (no frame, two frames, no scan after
 * it, a zero side): the library then reads it and refuses what it refused before. What this does not check
 * is the tables libjpeg reads with the header (quantisation, Huffman); damage there is found, like damage in
 * the pixels, by the deferred render, which flags the photo "unreadable" and keeps the report.
 */
export function jpegHeader(buf: Buffer): JpegHeader | null {
  const { end, header } = readJpegHeader(buf);
  return end === 'scan' ? header : null;
}

/** One walk of the header: how it ended, and the size when it has exactly one frame with both sides. `onExif` sees each EXIF block. */
function readJpegHeader(buf: Buffer, onExif?: (tiff: Buffer) => void): { end: HeaderEnd; header: JpegHeader | null } {
  let orientation = 1;
  const frames: Buffer[] = [];
  const end = walkJpegHeader(buf, (marker, body) => {
    const tiff = exifTiff(marker, body);
    if (tiff) {
      onExif?.(tiff);
      orientation = tiffOrientation(tiff) ?? orientation;
    }
    if (SOF_MARKERS.has(marker)) frames.push(body);
  });
  // The size counts only once the scan starts, as for libjpeg: a frame with no scan after it is no image.
  const frame = frames.length === 1 && frames[0]!.length >= 6 ? frames[0]! : null;
  const height = frame?.readUInt16BE(1) ?? 0;
  const width = frame?.readUInt16BE(3) ?? 0;
  return { end, header: end === 'scan' && width && height ? { width, height, orientation } : null };
}

/** The Orientation tag (0x0112) of IFD0, 1–8, or null. */
function tiffOrientation(tiff: Buffer): number | null {
  const r = tiffReader(tiff);
  if (!r) return null;
  const ifd0 = r.u32(4);
  if (ifd0 + 2 > tiff.length) return null;
  const entries = r.u16(ifd0);
  for (let k = 0; k < entries; k++) {
    const at = ifd0 + 2 + k * 12;
    if (at + 12 > tiff.length) return null;
    if (r.u16(at) !== 0x0112) continue;
    // A SHORT as the standard says; a LONG from a careless writer is read whole.
    const type = r.u16(at + 2);
    const value = type === 3 ? r.u16(at + 8) : type === 4 ? r.u32(at + 8) : 0;
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

export interface ExifFacts {
  takenAt: string | null;
  gpsLat: number | null;
  gpsLng: number | null;
}

/** Capture time and position. Unreadable metadata just means "none" here; structure was checked before. */
export async function readExif(buf: Buffer, timeZone: string): Promise<ExifFacts> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(buf, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      translateValues: false,
      reviveValues: false,
      pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef'],
    });
  } catch {
    tags = undefined;
  }
  if (!tags) return { takenAt: null, gpsLat: null, gpsLng: null };
  const takenAt = exifInstant(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal, timeZone);
  const lat = degrees(tags.GPSLatitude, tags.GPSLatitudeRef, 'S', 90);
  const lng = degrees(tags.GPSLongitude, tags.GPSLongitudeRef, 'W', 180);
  // A GPS block of zeros is what phones write when they had no fix.
  const hasFix = lat !== null && lng !== null && !(lat === 0 && lng === 0);
  return { takenAt, gpsLat: hasFix ? lat : null, gpsLng: hasFix ? lng : null };
}

function degrees(value: unknown, ref: unknown, negative: string, limit: number): number | null {
  let deg: number;
  if (Array.isArray(value) && value.length >= 1 && value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    const [d, m = 0, s = 0] = value as number[];
    deg = d! + m / 60 + s / 3600;
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    deg = value;
  } else {
    return null;
  }
  if (typeof ref === 'string' && ref.trim().toUpperCase() === negative) deg = -deg;
  if (Math.abs(deg) > limit) return null;
  return Math.round(deg * 1e7) / 1e7;
}

/**
 * EXIF times have no zone unless OffsetTimeOriginal says so; a camera here is
 * set to local time, so a bare time is read in the council's zone.
 */
export function exifInstant(value: unknown, offset: unknown, timeZone: string): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const off = typeof offset === 'string' ? /^([+-])(\d{2}):(\d{2})$/.exec(offset.trim()) : null;
  if (off) {
    const minutes = (Number(off[2]) * 60 + Number(off[3])) * (off[1] === '-' ? -1 : 1);
    return new Date(wall - minutes * 60_000).toISOString();
  }
  // Two passes settle the zone offset, also across a DST change.
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** What the header says, checked: a readable type, a size, within the pixel limit, big enough to show anything. */
async function inspectHeader(buf: Buffer, maxPixels: number): Promise<Metadata & { width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: maxPixels, failOn: 'warning' }).metadata();
  } catch (e) {
    throw translateSharpError(e);
  }
  if (!meta.width || !meta.height) throw invalidImage('The photo has no size.');
  checkSize(meta.width, meta.height, maxPixels);
  return meta as Metadata & { width: number; height: number };
}

function checkSize(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) throw tooManyPixels(width, height, maxPixels);
  if (Math.min(width, height) < MIN_SIDE_PX) {
    throw new UnprocessableError('IMAGE_TOO_SMALL', `The photo is only ${width}×${height} pixels; evidence photos must be at least ${MIN_SIDE_PX} pixels on each side.`);
  }
}

/**
 * The checks that need no decoding (a millisecond, against ~50 ms for a
 * render of a phone photo): a JPEG's structure, the header as above (a
 * JPEG's size read in JavaScript when it gives one, `jpegHeader`) and, for a JPEG, an
 * end-of-image marker, which a file cut off in transfer lacks. What it cannot
 * see is damage inside the compressed pixels; a deferred render finds that.
 * Returns the size the rendered copy will have (upright, at most 2048 px).
 */
export async function inspectPhoto(buf: Buffer, type: SniffedType, maxPixels: number): Promise<{ width: number; height: number }> {
  const header = type === 'jpeg' ? checkJpegStructure(buf) : null;
  if (header) checkSize(header.width, header.height, maxPixels);
  const meta = header ?? (await inspectHeader(buf, maxPixels));
  if (type === 'jpeg' && !endsWithEoi(buf)) throw invalidImage('The photo is truncated (it stops before the end of the image). Take it again.');
  const quarterTurn = (meta.orientation ?? 1) >= 5;
  const [w, h] = quarterTurn ? [meta.height, meta.width] : [meta.width, meta.height];
  const scale = Math.min(1, FULL_MAX_SIDE_PX / Math.max(w, h));
  return { width: Math.round(w * scale), height: Math.round(h * scale) };
}

/** FF D9 within the last bytes (cameras may pad after it). */
function endsWithEoi(buf: Buffer): boolean {
  for (let i = buf.length - 2; i >= Math.max(2, buf.length - 1024); i--) if (buf[i] === 0xff && buf[i + 1] === 0xd9) return true;
  return false;
}

export interface Renditions {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/**
 * Upright (EXIF orientation applied), at most 2048 px, metadata stripped
 * (sharp writes none unless asked), and a small WebP thumbnail made from that
 * copy rather than decoding the original twice.
 */
export async function renderPhoto(buf: Buffer, maxPixels: number): Promise<Renditions> {
  const opts = { limitInputPixels: maxPixels, failOn: 'warning' as const };
  const meta = await inspectHeader(buf, maxPixels);
  try {
    // Decode once to upright ≤2048 px pixels, then encode both renditions from them (decoding is the costly step).
    // Huffman optimisation is off: slightly larger files for noticeably less CPU per upload.
    let upright = sharp(buf, opts).rotate().resize({ width: FULL_MAX_SIDE_PX, height: FULL_MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true });
    if (meta.hasAlpha) upright = upright.flatten({ background: '#ffffff' });
    const { data, info } = await upright.raw().toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    const [full, thumb] = await Promise.all([
      sharp(data, raw).jpeg({ quality: 82, optimiseCoding: false }).toBuffer(),
      sharp(data, raw).resize({ width: THUMB_MAX_SIDE_PX, height: THUMB_MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true }).webp({ quality: 70, effort: 2 }).toBuffer(),
    ]);
    return { full, thumb, width: info.width, height: info.height };
  } catch (e) {
    throw translateSharpError(e);
  }
}

function tooManyPixels(w: number, h: number, max: number): AppError {
  return new UnprocessableError('IMAGE_TOO_LARGE', `The photo is ${w}×${h} pixels, more than the ${max.toLocaleString('en-GB')} allowed.`);
}

function translateSharpError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return new UnprocessableError('IMAGE_TOO_LARGE', 'The photo has more pixels than this server accepts.');
  if (/unsupported image format/i.test(message)) return new UnsupportedMediaTypeError('That file is not a photo we can read. Send a JPEG, PNG or WebP image.');
  return invalidImage('The photo is corrupt or truncated and cannot be read. Take it again.');
}
