/**
 * Shrinks a camera photo on the tablet before it is queued: longest side about
 * 2048 px (what the server keeps anyway), JPEG. A 12 MP phone photo of 4–6 MB
 * becomes roughly 0.5–1 MB, which matters on one bar of 3G. The camera's EXIF
 * is lost in the redraw, so the capture time and position travel in `data`.
 */

export const MAX_EDGE_PX = 2048;
const JPEG_QUALITY = 0.82;

export function scaledSize(width: number, height: number, maxEdge = MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function compressPhoto(file: Blob): Promise<Blob> {
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
