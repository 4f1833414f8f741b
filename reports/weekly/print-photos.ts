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
import { In } from 'typeorm';
import type { Services } from '../../server/composition-root.js';
import { PhotoEntity, type Photo } from '../../server/photos/photo.entity.js';
import { WorkOrderEntity } from '../../server/work-orders/work-order.entity.js';
import type { PhotoRef } from './data.js';

/** Half the stored 2048 px: the JPEG decoder scales by exactly 1/2 while decoding, the cheapest resize there is. */
export const PRINT_MAX_PX = 1024;
export const PRINT_QUALITY = 62;
const SHA256 = /^[0-9a-f]{64}$/;

export type PrintPhotoDeps = Pick<Services, 'config' | 'photos'>;

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

/** The print copy of a photo, made and cached on first use. */
export async function printPhoto(deps: PrintPhotoDeps, ref: PhotoRef): Promise<Buffer> {
  const file = cacheFile(deps.config.dataDir, ref.sha256);
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // The photo service reads by sha256 and logs by id; the report's reference carries both.
  const copy = await makePrintCopy(await deps.photos.read({ ...ref } as Photo, 'full'));
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${randomUUID()}.part`;
  await writeFile(partial, copy);
  await rename(partial, file);
  return copy;
}

/** Makes print copies for before/after photos of jobs completed since `since`; returns how many were new. */
export async function preparePrintPhotos(deps: PrintPhotoDeps & Pick<Services, 'db'>, since: string): Promise<number> {
  const jobs = await deps.db.manager
    .getRepository(WorkOrderEntity)
    .createQueryBuilder('wo')
    .select(['wo.id'])
    .where('wo.status = :s AND wo.completed_at >= :since', { s: 'completed', since })
    .getMany();
  if (!jobs.length) return 0;
  let made = 0;
  for (let i = 0; i < jobs.length; i += 500) {
    const photos = await deps.db.manager.getRepository(PhotoEntity).find({
      where: { workOrderId: In(jobs.slice(i, i + 500).map((j) => j.id)), kind: In(['before', 'after']) },
    });
    for (const p of photos) {
      try {
        await access(cacheFile(deps.config.dataDir, p.sha256));
      } catch {
        await printPhoto(deps, p).catch(() => undefined);
        made += 1;
      }
    }
  }
  return made;
}
