import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { expect } from 'chai';
import exifr from 'exifr';
import sharp from 'sharp';
import { uploadMemoryInUse } from '../../server/photos/photo-upload.js';
import { testApp, type TestApp } from '../support/app.js';
import { CREW1, jobFor, PHOTO_DIR, photoFile, send } from './crew-job-builders.js';

/** Average colour of each quadrant: enough to tell every flip and rotation of a portrait apart. */
async function quadrants(image: Buffer): Promise<number[]> {
  const { data, info } = await sharp(image).resize(64, 64, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const sums = new Array(12).fill(0);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const q = (y < info.height / 2 ? 0 : 2) + (x < info.width / 2 ? 0 : 1);
      for (let c = 0; c < 3; c++) sums[q * 3 + c] += data[(y * info.width + x) * 3 + c]!;
    }
  }
  return sums.map((s) => s / ((info.width * info.height) / 4));
}
const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

/** A PNG header claiming `w`×`h` pixels with almost no data behind it: the classic decompression bomb shape. */
function pngClaiming(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(w + 1))), chunk('IEND', Buffer.alloc(0))]);
}

describe('photos: evidence upload, storage and serving', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  describe('EXIF capture time and position', () => {
    const manifest = readFileSync(path.join(PHOTO_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    // Camera clocks run on local time: these are the manifest's wall-clock times read in Europe/London.
    const expectedUtc: Record<string, string> = {
      'gps/exifr_IMG_20180725_163423-tiny.jpg': '2018-07-25T15:34:23.000Z',
      'gps/exifr_issue-exifr-13.jpg': '2019-10-03T08:10:11.000Z',
      'gps/exifr_issue-exifr-59.jpg': '2015-06-12T12:40:32.000Z',
      'gps/spatialite_Apple-iPhone-4.jpg': '2011-01-13T14:33:39.000Z',
      'gps/spatialite_DSCN0042.jpg': '2008-10-22T16:00:07.000Z',
    };
    for (const [file, , , , lat, lon] of manifest.filter(([f]) => f!.startsWith('gps/'))) {
      it(`When ${file} is ingested, then its GPS position and capture time are kept in the row`, async () => {
        const photo = await t.deps.photos.ingest(photoFile(file!), { ownerKey: `test:${path.basename(file!).slice(0, 30)}`, kind: 'report' });
        expect(photo.gpsLat).to.be.closeTo(Number(lat), 1e-6);
        expect(photo.gpsLng).to.be.closeTo(Number(lon), 1e-6);
        expect(photo.takenAt).to.equal(expectedUtc[file!]);
      });
    }

    it('When a job is given, then a photo far from it and long before the start is flagged but kept', async () => {
      const photo = await t.deps.photos.ingest(photoFile('gps/spatialite_DSCN0042.jpg'), {
        ownerKey: 'test:flags',
        kind: 'after',
        job: { lat: 53.4142, lng: -2.9448, startedAt: '2026-11-24T09:00:00.000Z' },
      });
      expect(photo.flags).to.have.members(['far_from_job', 'taken_long_before']);
      const near = await t.deps.photos.ingest(photoFile('gps/spatialite_DSCN0042.jpg'), {
        ownerKey: 'test:flags-near',
        kind: 'after',
        job: { lat: 43.46446, lng: 11.88148, startedAt: '2008-10-22T14:30:00.000Z' },
      });
      expect(near.flags).to.deep.equal([]);
      // The same after photo for a job started half an hour after it was taken cannot show the work done.
      const early = await t.deps.photos.ingest(photoFile('gps/spatialite_DSCN0042.jpg'), {
        ownerKey: 'test:flags-early',
        kind: 'after',
        job: { lat: 43.46446, lng: 11.88148, startedAt: '2008-10-22T16:30:00.000Z' },
      });
      expect(early.flags).to.deep.equal(['taken_before_start']);
      const blind = await t.deps.photos.ingest(photoFile('orientation/pillow_hopper.jpg'), { ownerKey: 'test:flags-none', kind: 'after', job: { lat: 53.4, lng: -2.9 } });
      expect(blind.flags).to.have.members(['no_gps', 'no_timestamp']);
    });

    it('When the same bytes arrive twice for one owner, then one row and one stored photo result', async () => {
      const a = await t.deps.photos.ingest(photoFile('gps/spatialite_Apple-iPhone-4.jpg'), { ownerKey: 'test:dupe', kind: 'report' });
      const b = await t.deps.photos.ingest(photoFile('gps/spatialite_Apple-iPhone-4.jpg'), { ownerKey: 'test:dupe', kind: 'report' });
      expect(b.id).to.equal(a.id);
    });
  });

  describe('orientation', () => {
    let upright: number[];
    before(async () => {
      upright = await quadrants(photoFile('orientation/pillow_hopper.jpg'));
    });
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const file = n === 1 ? 'orientation/pillow_hopper.jpg' : `orientation/pillow_hopper_orientation_${n}.jpg`;
      it(`When a photo with EXIF orientation ${n} is stored, then the served copy is upright like the reference`, async () => {
        const original = photoFile(file);
        const photo = await t.deps.photos.ingest(original, { ownerKey: `test:orient${n}`, kind: 'before' });
        const stored = await t.deps.photos.read(photo, 'full');
        expect(maxDiff(await quadrants(stored), upright)).to.be.lessThan(12);
        if (n > 1) {
          // The raw pixels are not upright, so the comparison above can fail.
          expect(maxDiff(await quadrants(await sharp(original).raw().toBuffer({ resolveWithObject: true }).then(({ data, info }) => sharp(data, { raw: info }).png().toBuffer())), upright)).to.be.greaterThan(12);
        }
      });
    }
    it('When a landscape photo stored sideways (1200×1800, orientation 6) is stored, then it comes out 1800×1200 with no orientation tag', async () => {
      const photo = await t.deps.photos.ingest(photoFile('orientation/recurser_Landscape_6.jpg'), { ownerKey: 'test:portrait', kind: 'before' });
      const meta = await sharp(await t.deps.photos.read(photo, 'full')).metadata();
      expect([meta.width, meta.height, meta.orientation]).to.deep.equal([1800, 1200, undefined]);
    });
  });

  describe('bad bytes over HTTP', () => {
    let jobId: string;
    before(async () => {
      jobId = (await jobFor(t.deps, { crew: CREW1, status: 'in_progress' })).id;
    });
    for (const file of readdirSync(path.join(PHOTO_DIR, 'malformed')).sort()) {
      it(`When malformed/${file} is uploaded, then it is refused with a 4xx and nothing is stored`, async () => {
        const crew = await t.as('crew_lead');
        const res = await send(crew, jobId, 'photos', { photo: photoFile(`malformed/${file}`) });
        expect(res.status, JSON.stringify(res.body)).to.be.within(400, 499);
        expect(res.body.error.code).to.be.oneOf(['INVALID_IMAGE', 'IMAGE_TOO_SMALL', 'UNSUPPORTED_MEDIA_TYPE']);
        expect(await t.deps.photos.ofWorkOrder(jobId)).to.deep.equal([]);
        const temp = path.join(t.dataDir, 'tmp', 'uploads');
        expect(existsSync(temp) ? readdirSync(temp) : [], 'no temp file left').to.deep.equal([]);
        expect(uploadMemoryInUse(t.deps.config), 'upload memory given back').to.equal(0);
      });
    }

    it('When the multipart body itself is broken or cut off, then 400 INVALID_UPLOAD, not a 500', async () => {
      const crew = await t.as('crew_lead');
      for (const body of ['garbage', '--x\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\nabc', '--x\r\nbroken', '']) {
        const res = await crew.post(`/api/crew/jobs/${jobId}/photos`).set('Content-Type', 'multipart/form-data; boundary=x').set('Idempotency-Key', randomUUID()).send(body);
        expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).to.equal(400);
        expect(res.body.error.code).to.equal('INVALID_UPLOAD');
      }
      const noBoundary = await crew.post(`/api/crew/jobs/${jobId}/photos`).set('Content-Type', 'multipart/form-data').set('Idempotency-Key', randomUUID()).send('x');
      expect(noBoundary.status).to.equal(400);
    });

    it('When a text file is sent as a photo, then 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const res = await send(await t.as('crew_lead'), jobId, 'photos', { photo: Buffer.from('not a photo at all, just text') });
      expect(res.status).to.equal(415);
      expect(res.body.error.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    });

    it('When an HEIC file is sent and this sharp cannot decode HEVC, then a clear 415', async () => {
      const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(64)]);
      const res = await send(await t.as('crew_lead'), jobId, 'photos', { photo: heic });
      expect(res.status).to.be.oneOf([415, 422]);
      if (res.status === 415) expect(res.body.error.message).to.match(/HEIC/);
    });

    it('When a PNG claims 100000×100000 pixels, then it is refused as too large before decoding', async () => {
      const res = await send(await t.as('crew_lead'), jobId, 'photos', { photo: pngClaiming(100_000, 100_000) });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('IMAGE_TOO_LARGE');
    });

    it('When a real image is over the configured pixel limit, then it is refused (limitInputPixels)', async () => {
      const small = await testApp({ env: { PHOTO_MAX_PIXELS: '1000000' } });
      try {
        const big = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: '#808080' } }).png().toBuffer();
        const job = await jobFor(small.deps, { crew: CREW1, status: 'in_progress' });
        const res = await send(await small.as('crew_lead'), job.id, 'photos', { photo: big });
        expect(res.status).to.equal(422);
        expect(res.body.error.code).to.equal('IMAGE_TOO_LARGE');
      } finally {
        await small.close();
      }
    });

    it('When a file is over PHOTO_MAX_BYTES, then 413 PAYLOAD_TOO_LARGE and its temp file is gone', async () => {
      const small = await testApp({ env: { PHOTO_MAX_BYTES: '20000' } });
      try {
        const job = await jobFor(small.deps, { crew: CREW1, status: 'in_progress' });
        const res = await send(await small.as('crew_lead'), job.id, 'photos', { photo: photoFile('gps/spatialite_DSCN0042.jpg') });
        expect(res.status).to.equal(413);
        expect(res.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
        const tmp = path.join(small.dataDir, 'tmp', 'uploads');
        expect((() => { try { return readdirSync(tmp); } catch { return []; } })()).to.deep.equal([]);
      } finally {
        await small.close();
      }
    });
  });

  describe('formats and arbitrary bytes', () => {
    it('When a PNG with transparency and a WebP arrive, then both are stored as upright JPEGs with WebP thumbnails', async () => {
      const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } }).png().toBuffer();
      const webp = await sharp({ create: { width: 200, height: 300, channels: 3, background: '#1e6e1e' } }).webp().toBuffer();
      for (const [bytes, w, h] of [[png, 300, 200], [webp, 200, 300]] as const) {
        const photo = await t.deps.photos.ingest(bytes, { ownerKey: `test:fmt${w}`, kind: 'extra' });
        expect([photo.mime, photo.width, photo.height]).to.deep.equal(['image/jpeg', w, h]);
        expect((await sharp(await t.deps.photos.read(photo, 'full')).metadata()).format).to.equal('jpeg');
        expect((await sharp(await t.deps.photos.read(photo, 'thumb')).metadata()).format).to.equal('webp');
      }
    });

    it('When a valid photo is cut at any of 40 points or has bytes flipped, then the answer is a photo or a 4xx, never a crash', async () => {
      const good = photoFile('gps/spatialite_DSCN0042.jpg');
      const png = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } }).png().toBuffer();
      const variants: Buffer[] = [];
      for (let i = 1; i <= 20; i++) variants.push(good.subarray(0, Math.floor((good.length * i) / 21)), png.subarray(0, Math.floor((png.length * i) / 21)));
      let seed = 7;
      const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let i = 0; i < 20; i++) {
        const copy = Buffer.from(good);
        for (let k = 0; k < 30; k++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
        variants.push(copy);
      }
      for (const [i, bytes] of variants.entries()) {
        try {
          await t.deps.photos.ingest(bytes, { ownerKey: `test:fuzz${i}`, kind: 'extra' });
        } catch (e) {
          expect((e as { status?: number }).status, `variant ${i}: ${(e as Error).message}`).to.be.within(400, 499);
        }
      }
    });
  });

  describe('serving', () => {
    it('When a GPS-tagged photo is served, then full and thumbnail carry no EXIF and the thumbnail is WebP', async () => {
      const job = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
      const res = await send(await t.as('crew_lead'), job.id, 'photos', { photo: photoFile('gps/spatialite_DSCN0042.jpg') });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const id = res.body.photos.find((p: { kind: string }) => p.kind === 'extra').id;
      const office = await t.as('dispatcher');
      const full = await office.get(`/api/photos/${id}?size=full`).buffer(true);
      expect(full.status).to.equal(200);
      expect(full.headers['content-type']).to.equal('image/jpeg');
      expect((await sharp(full.body).metadata()).exif).to.equal(undefined);
      expect(await exifr.gps(full.body).catch(() => undefined)).to.equal(undefined);
      expect(full.body.includes(Buffer.from('Exif\0\0', 'latin1'))).to.equal(false);
      const thumb = await office.get(`/api/photos/${id}?size=thumb`).buffer(true);
      expect(thumb.headers['content-type']).to.equal('image/webp');
      const meta = await sharp(thumb.body).metadata();
      expect(meta.format).to.equal('webp');
      expect(Math.max(meta.width!, meta.height!)).to.be.at.most(320);
      expect(meta.exif).to.equal(undefined);
    });

    describe('who may see a photo', () => {
      let reportPhotoId: string;
      let openAfterId: string;
      let doneAfterId: string;
      let otherWardId: string;
      before(async () => {
        const open = await jobFor(t.deps, { crew: CREW1, status: 'in_progress' });
        openAfterId = (await t.deps.photos.ingest(photoFile('orientation/pillow_hopper_orientation_2.jpg'), { ownerKey: `wo:${open.id}`, workOrderId: open.id, kind: 'after' })).id;
        const done = await jobFor(t.deps, { crew: CREW1, status: 'completed' });
        doneAfterId = (await t.deps.photos.ingest(photoFile('orientation/pillow_hopper_orientation_3.jpg'), { ownerKey: `wo:${done.id}`, workOrderId: done.id, kind: 'after' })).id;
        reportPhotoId = (await t.deps.photos.ingest(photoFile('orientation/pillow_hopper_orientation_4.jpg'), { ownerKey: `wo:${done.id}`, workOrderId: done.id, kind: 'report' })).id;
        const elsewhere = await jobFor(t.deps, { crew: CREW1, status: 'completed', wardCode: 'E05000886' });
        otherWardId = (await t.deps.photos.ingest(photoFile('orientation/pillow_hopper_orientation_5.jpg'), { ownerKey: `wo:${elsewhere.id}`, workOrderId: elsewhere.id, kind: 'after' })).id;
      });
      const get = async (who: string | null, id: string) => (who ? await t.as(who) : t.anon()).get(`/api/photos/${id}?size=thumb`);

      it('When staff ask, then they get any photo', async () => {
        for (const role of ['admin', 'dispatcher', 'crew_lead']) for (const id of [reportPhotoId, openAfterId, otherWardId]) expect((await get(role, id)).status).to.equal(200);
      });
      it('When the councillor asks, then photos in their ward are served and others are not found', async () => {
        expect((await get('councillor', openAfterId)).status).to.equal(200);
        expect((await get('councillor', reportPhotoId)).status).to.equal(200);
        expect((await get('councillor', otherWardId)).status).to.equal(404);
      });
      it('When the public asks, then only before/after photos of fixed jobs are served', async () => {
        expect((await get(null, doneAfterId)).status).to.equal(200);
        expect((await get(null, openAfterId)).status).to.equal(404);
        expect((await get(null, reportPhotoId)).status).to.equal(404);
      });
      it('When an id is not a photo, then 404 and never a path lookup', async () => {
        expect((await get('dispatcher', '00000000-0000-4000-8000-000000000000')).status).to.equal(404);
        expect((await t.anon().get('/api/photos/..%2F..%2Fetc%2Fpasswd')).status).to.equal(400);
      });
    });
  });
});
