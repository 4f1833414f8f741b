/**
 * Shrinks a camera photo on the tablet before it is queued: longest side about
 * 2048 px (what the server keeps anyway), JPEG. A 12 MP phone photo of 4–6 MB
 * becomes roughly 0.5–1 MB, which matters on one bar of 3G. The redraw drops
 * the camera's EXIF, which is the evidence (capture time, GPS) the server
 * reads, so the original EXIF block is copied into the smaller JPEG with its
 * orientation set to "upright" (the redraw already turned the pixels).
 */

import { exifSegment } from './exif.ts';

export { exifFacts, exifSegment } from './exif.ts';

export const MAX_EDGE_PX = 2048;
const JPEG_QUALITY = 0.82;

export function scaledSize(width: number, height: number, maxEdge = MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

const SOI = 0xd8;
const APP0 = 0xe0;
const ORIENTATION_TAG = 0x0112;

/** Sets the Orientation tag in IFD0 of an APP1 Exif segment to 1 (as stored = upright), in place. */
export function markUpright(segment: Uint8Array): void {
  const tiff = 10; // FF E1, 2 length bytes, "Exif\0\0"
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  if (segment.length < tiff + 8) return;
  const little = view.getUint16(tiff) === 0x4949;
  const ifd0 = tiff + view.getUint32(tiff + 4, little);
  if (ifd0 + 2 > segment.length) return;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > segment.length) return;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      view.setUint16(entry + 8, 1, little);
      return;
    }
  }
}

/** The new JPEG with the original's Exif segment after its JFIF header. */
export function withExif(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== SOI) return jpeg;
  let insertAt = 2;
  if (jpeg[2] === 0xff && jpeg[3] === APP0) insertAt = 4 + ((jpeg[4]! << 8) | jpeg[5]!);
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, insertAt), 0);
  out.set(segment, insertAt);
  out.set(jpeg.subarray(insertAt), insertAt + segment.length);
  return out;
}

export async function compressPhoto(file: Blob): Promise<Blob> {
  const shrunk = await redraw(file);
  if (shrunk === file) return file;
  try {
    const exif = exifSegment(new Uint8Array(await file.slice(0, 256 * 1024).arrayBuffer()));
    if (!exif) return shrunk;
    markUpright(exif);
    return new Blob([withExif(new Uint8Array(await shrunk.arrayBuffer()), exif) as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
  } catch {
    return shrunk; // A damaged EXIF block is not worth losing the photo over.
  }
}

async function redraw(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    // 'from-image' applies the EXIF orientation, so the redrawn photo is upright.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file; // A format the browser cannot decode (e.g. HEIC here): send as taken; the server decides.
  }
  const { width, height } = scaledSize(bitmap.width, bitmap.height);
  try {
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
      return await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('could not encode photo'))), 'image/jpeg', JPEG_QUALITY),
    );
  } catch {
    return file;
  } finally {
    bitmap.close();
  }
}

export interface Fix {
  lat: number;
  lng: number;
  accuracyM: number;
}

/** Where the tablet is now, if it can tell within a few seconds (GPS works without signal). */
export function currentFix(timeoutMs = 4000): Promise<Fix | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (v: Fix | null) => resolve(v);
    navigator.geolocation.getCurrentPosition(
      (p) => done({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy }),
      () => done(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

