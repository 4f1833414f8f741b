/**
 * Where photo bytes live, behind a small interface (Immich's storage
 * repository) so the service can be tested with the real filesystem or a fake.
 * Files are named only by the sha256 of the original upload and the size
 * variant; no part of a path ever comes from a client.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../platform/durable-file.js';

/** The renditions anyone may be served. */
export type PhotoSize = 'full' | 'thumb';
export const PHOTO_SIZES: readonly PhotoSize[] = ['full', 'thumb'];
/**
 * Plus the upload as received, kept only until its renditions exist (a
 * resident's report photo is rendered after the answer): it still carries the
 * phone's EXIF, so it is never served and is deleted once rendered.
 */
export type StoredSize = PhotoSize | 'original';
const STORED_SIZES: readonly StoredSize[] = [...PHOTO_SIZES, 'original'];

export interface PhotoStore {
  put(sha256: string, size: StoredSize, data: Buffer): Promise<void>;
  get(sha256: string, size: StoredSize): Promise<Buffer | null>;
  exists(sha256: string, size: StoredSize): Promise<boolean>;
  remove(sha256: string, size: StoredSize): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const EXTENSION: Record<StoredSize, string> = { full: 'jpg', thumb: 'webp', original: 'upload' };

/** `<root>/ab/<sha256>.full.jpg`: two-character fan-out keeps directories small. */
export class FilesystemPhotoStore implements PhotoStore {
  constructor(private readonly root: string) {}

  fileOf(sha256: string, size: StoredSize): string {
    if (!SHA256.test(sha256) || !STORED_SIZES.includes(size)) throw new Error(`Not a photo key: ${sha256}/${size}`);
    return path.join(this.root, sha256.slice(0, 2), `${sha256}.${size}.${EXTENSION[size]}`);
  }

  /**
   * Durable once it resolves: a 2xx answered after it survives a power cut,
   * like the database row (SQLite runs synchronous=FULL). Write then rename,
   * so a reader never sees half a file and a crash leaves no partial photo
   * under its final name; the fsyncs make the bytes and the new name reach the disk.
   */
  async put(sha256: string, size: StoredSize, data: Buffer): Promise<void> {
    await writeFileDurably(this.fileOf(sha256, size), data);
  }

  async get(sha256: string, size: StoredSize): Promise<Buffer | null> {
    try {
      return await readFile(this.fileOf(sha256, size));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async exists(sha256: string, size: StoredSize): Promise<boolean> {
    try {
      return (await stat(this.fileOf(sha256, size))).isFile();
    } catch {
      return false;
    }
  }

  async remove(sha256: string, size: StoredSize): Promise<void> {
    await rm(this.fileOf(sha256, size), { force: true });
  }
}
