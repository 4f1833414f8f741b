/**
 * Print copies of evidence photos: the stored rendition (up to 2048 px)
 * downscaled to 1024 px, a JPEG small enough that 120 of them keep a PDF
 * under 8 MB and still about 300 dpi at the size printed. Made once per photo
 * and kept under $DATA_DIR/reports/print/ (named by the original's sha256,
 * like the photo store), so Monday's render embeds files instead of decoding
 * 120 photos; the retry job also prepares them during the week.
 */
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { PhotoRef } from '../../reports/weekly/types.js';
import type { Photo } from '../photos/photo.entity.js';
import type { PhotoRepository } from '../photos/photo.repository.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { WorkOrderRepository } from '../work-orders/work-order.repository.js';

/** Half the stored 2048 px: the JPEG decoder scales by exactly 1/2 while decoding, the cheapest resize there is. */
export const PRINT_MAX_PX = 1024;
export const PRINT_QUALITY = 62;
const SHA256 = /^[0-9a-f]{64}$/;
/** Jobs per photo query when preparing copies (bounds the IN list). */
const BATCH = 500;

function cacheFile(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`Not a photo key: ${sha256}`);
  return path.join(dataDir, 'reports', 'print', sha256.slice(0, 2), `${sha256}.${PRINT_MAX_PX}q${PRINT_QUALITY}.jpg`);
}

export async function makePrintCopy(stored: Buffer): Promise<Buffer> {
  return sharp(stored, { failOn: 'none' })
    .rotate()
    .resize({ width: PRINT_MAX_PX, height: PRINT_MAX_PX, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: PRINT_QUALITY })
    .toBuffer();
}

export class PrintPhotos {
  constructor(
    private readonly dataDir: string,
    private readonly photos: Pick<PhotoService, 'read'>,
    private readonly photoRows: Pick<PhotoRepository, 'weeklyReportBeforeAfter'>,
    private readonly workOrders: Pick<WorkOrderRepository, 'weeklyReportCompletedIdsSince'>,
  ) {}

  /** The print copy of a photo, made and cached on first use. */
  async get(ref: PhotoRef): Promise<Buffer> {
    const file = cacheFile(this.dataDir, ref.sha256);
    try {
      return await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    // The photo service reads by sha256 and logs by id; the report's reference carries both.
    const copy = await makePrintCopy(await this.photos.read({ ...ref } as Photo, 'full'));
    await mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${randomUUID()}.part`;
    await writeFile(partial, copy);
    await rename(partial, file);
    return copy;
  }

  /** Makes print copies for before/after photos of jobs completed since `since`; returns how many were new. */
  async prepareSince(since: string): Promise<number> {
    const jobs = await this.workOrders.weeklyReportCompletedIdsSince(since);
    let made = 0;
    for (let i = 0; i < jobs.length; i += BATCH) {
      for (const p of await this.photoRows.weeklyReportBeforeAfter(jobs.slice(i, i + BATCH))) {
        try {
          await access(cacheFile(this.dataDir, p.sha256));
        } catch {
          await this.get(p).catch(() => undefined);
          made += 1;
        }
      }
    }
    return made;
  }
}
