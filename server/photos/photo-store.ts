/**
 * Where photo bytes live, behind a small interface (Immich's storage
 * repository) so the service can be tested with the real filesystem or a fake.
 * Files are named only by the sha256 of the original upload and the size
 * variant; no part of a path ever comes from a client.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type PhotoSize = 'full' | 'thumb';
export const PHOTO_SIZES: readonly PhotoSize[] = ['full', 'thumb'];

export interface PhotoStore {
  put(sha256: string, size: PhotoSize, data: Buffer): Promise<void>;
  get(sha256: string, size: PhotoSize): Promise<Buffer | null>;
  exists(sha256: string, size: PhotoSize): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const EXTENSION: Record<PhotoSize, string> = { full: 'jpg', thumb: 'webp' };

/** `<root>/ab/<sha256>.full.jpg`: two-character fan-out keeps directories small. */
export class FilesystemPhotoStore implements PhotoStore {
  constructor(private readonly root: string) {}

  fileOf(sha256: string, size: PhotoSize): string {
    if (!SHA256.test(sha256) || !PHOTO_SIZES.includes(size)) throw new Error(`Not a photo key: ${sha256}/${size}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.${size}.${EXTENSION[size]}`);
  }

  async put(sha256: string, size: PhotoSize, data: Buffer): Promise<void> {
    const file = this.fileOf(sha256, size);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file and a crash leaves no partial photo under its final name.
    const partial = `${file}.${randomUUID()}.part`;
    try {
      await writeFile(partial, data);
      await rename(partial, file);
    } finally {
      await rm(partial, { force: true });
    }
  }

  async get(sha256: string, size: PhotoSize): Promise<Buffer | null> {
    try {
      return await readFile(this.fileOf(sha256, size));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async exists(sha256: string, size: PhotoSize): Promise<boolean> {
    try {
      return (await stat(this.fileOf(sha256, size))).isFile();
    } catch {
      return false;
    }
  }
}
