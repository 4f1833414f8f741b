import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import sharp from 'sharp';
import { checkJpegStructure, exifInstant, inspectPhoto, jpegHeader, sniffType } from '../../server/photos/photo-image.js';
import { haversineMetres as distanceM } from '../../server/platform/geo.js';

describe('photo image helpers', () => {
  describe('exifInstant: camera wall-clock time to an instant', () => {
    it('When the time has no offset, then it is read as London time (GMT in winter, BST in summer)', () => {
      expect(exifInstant('2026:01:15 09:30:00', undefined, 'Europe/London')).to.equal('2026-01-15T09:30:00.000Z');
      expect(exifInstant('2026:07:15 09:30:00', undefined, 'Europe/London')).to.equal('2026-07-15T08:30:00.000Z');
    });
    it('When the time falls either side of the October 2026 clock change, then each gets its own offset', () => {
      expect(exifInstant('2026:10:25 00:30:00', undefined, 'Europe/London')).to.equal('2026-10-24T23:30:00.000Z');
      expect(exifInstant('2026:10:25 02:30:00', undefined, 'Europe/London')).to.equal('2026-10-25T02:30:00.000Z');
    });
    it('When OffsetTimeOriginal is given, then it wins over the zone', () => {
      expect(exifInstant('2026:07:15 09:30:00', '+02:00', 'Europe/London')).to.equal('2026-07-15T07:30:00.000Z');
      expect(exifInstant('2026:07:15 09:30:00', '-05:00', 'Europe/London')).to.equal('2026-07-15T14:30:00.000Z');
    });
    it('When the value is missing or nonsense, then there is no time (flagged no_timestamp), not a wrong one', () => {
      for (const bad of [undefined, 42, '', '0000:00:00 00:00:00', '2026:13:01 10:00:00', 'yesterday']) expect(exifInstant(bad, undefined, 'Europe/London')).to.equal(null);
    });
  });

  describe('sniffType: the bytes decide', () => {
    it('When JPEG, PNG and WebP signatures are given, then each is recognised whatever the name says', () => {
      expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).to.equal('jpeg');
      expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).to.equal('png');
      expect(sniffType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).to.equal('webp');
    });
    it('When a GIF, PDF, SVG or empty file is given, then 415 or 422, never accepted', () => {
      for (const bytes of [Buffer.from('GIF89a...'), Buffer.from('%PDF-1.7'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')]) {
        expect(() => sniffType(bytes)).to.throw().with.property('status', 415);
      }
      expect(() => sniffType(Buffer.alloc(0))).to.throw().with.property('status', 422);
    });
  });

  describe('checkJpegStructure', () => {
    const segment = (marker: number, body: Buffer) => {
      const head = Buffer.alloc(4);
      head.writeUInt16BE(0xff00 | marker, 0);
      head.writeUInt16BE(body.length + 2, 2);
      return Buffer.concat([head, body]);
    };
    const jpeg = (...segments: Buffer[]) => Buffer.concat([Buffer.from([0xff, 0xd8]), ...segments, Buffer.from([0xff, 0xda, 0, 2])]);
    const tiff = (order: 'II' | 'MM', ifdOffset: number, entries: number) => {
      const b = Buffer.alloc(Math.max(ifdOffset + 2 + entries * 12, 8));
      b.write(order, 0, 'latin1');
      const le = order === 'II';
      if (le) b.writeUInt16LE(42, 2);
      else b.writeUInt16BE(42, 2);
      if (le) b.writeUInt32LE(ifdOffset, 4);
      else b.writeUInt32BE(ifdOffset, 4);
      if (le) b.writeUInt16LE(entries, ifdOffset);
      else b.writeUInt16BE(entries, ifdOffset);
      return b;
    };
    const exif = (t: Buffer) => segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]));

    it('When EXIF is well formed in either byte order, then the structure passes', () => {
      expect(() => checkJpegStructure(jpeg(exif(tiff('II', 8, 1))))).not.to.throw();
      expect(() => checkJpegStructure(jpeg(exif(tiff('MM', 8, 2))))).not.to.throw();
    });
    it('When a segment runs past the end, the byte order is unknown or the IFD points outside, then 422 INVALID_IMAGE', () => {
      const overlong = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00]), Buffer.alloc(10)]);
      const badOrder = tiff('II', 8, 1);
      badOrder.write('XX', 0, 'latin1');
      const outside = tiff('II', 8, 1).subarray(0, 12);
      for (const bytes of [overlong, jpeg(exif(badOrder)), jpeg(exif(outside)), Buffer.from([0xff, 0xd8, 0xff, 0xd9])]) {
        expect(() => checkJpegStructure(bytes)).to.throw().with.property('code', 'INVALID_IMAGE');
      }
    });
  });

  describe('jpegHeader: a JPEG\'s size and orientation without the image library', () => {
    const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
    const frame = (width: number, height: number, withScan = true) => {
      const sof = Buffer.from([0xff, 0xc0, 0, 17, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
      const scan = withScan ? Buffer.from([0xff, 0xda, 0, 2, 0x12, 0x34, 0xff, 0xd9]) : Buffer.from([0xff, 0xd9]);
      return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, scan]);
    };

    it('When real photos are read, then the size and EXIF orientation are what sharp reads', async () => {
      for (const name of ['crew/before.jpg', 'crew/rotated.jpg', 'photos/gps/spatialite_Apple-iPhone-4.jpg', 'photos/gps/exifr_IMG_20180725_163423-tiny.jpg', 'photos/malformed/pillow_truncated_exif_dpi.jpg']) {
        const bytes = fixture(name);
        const meta = await sharp(bytes).metadata();
        expect(jpegHeader(bytes), name).to.deep.equal({ width: meta.width, height: meta.height, orientation: meta.orientation ?? 1 });
      }
      expect(jpegHeader(fixture('crew/rotated.jpg'))!.orientation).to.equal(8);
    });

    it('When the header has no frame, no scan after it, or a zero side, then it gives no size and the library decides', () => {
      for (const name of ['photos/malformed/jpegdec_missing-sof.jpg', 'photos/malformed/jpegdec_missing-sos.jpg', 'photos/malformed/jpegdec_null_height.jpg']) {
        expect(jpegHeader(fixture(name)), name).to.equal(null);
      }
      expect(jpegHeader(frame(800, 600, false))).to.equal(null);
      expect(jpegHeader(frame(800, 0))).to.equal(null);
      expect(jpegHeader(frame(800, 600))).to.deep.equal({ width: 800, height: 600, orientation: 1 });
    });

    it('When the EXIF orientation turns the photo a quarter, in either byte order or as a LONG, then the rendered size is upright', async () => {
      const withOrientation = (order: 'II' | 'MM', type: number, value: number) => {
        const t = Buffer.alloc(8 + 2 + 12);
        const le = order === 'II';
        t.write(order, 0, 'latin1');
        const u16 = (v: number, at: number) => (le ? t.writeUInt16LE(v, at) : t.writeUInt16BE(v, at));
        const u32 = (v: number, at: number) => (le ? t.writeUInt32LE(v, at) : t.writeUInt32BE(v, at));
        u16(42, 2);
        u32(8, 4);
        u16(1, 8);
        u16(0x0112, 10);
        u16(type, 12);
        u32(1, 14);
        if (type === 3) u16(value, 18);
        else u32(value, 18);
        const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 2 + 6 + t.length]), Buffer.from('Exif\0\0', 'latin1'), t]);
        const plain = frame(800, 600);
        return Buffer.concat([plain.subarray(0, 2), app1, plain.subarray(2)]);
      };
      for (const bytes of [withOrientation('II', 3, 6), withOrientation('MM', 3, 6), withOrientation('MM', 4, 8)]) {
        expect(() => checkJpegStructure(bytes)).not.to.throw();
        expect(await inspectPhoto(bytes, 'jpeg', 40_000_000)).to.deep.equal({ width: 600, height: 800 });
      }
      expect(jpegHeader(withOrientation('MM', 3, 3))!.orientation).to.equal(3);
    });

    it('When a header read this way is too big or too small, then inspectPhoto refuses it as the library\'s size did', async () => {
      const refusal = (bytes: Buffer) => inspectPhoto(bytes, 'jpeg', 40_000_000).then(() => null, (e: { code?: string }) => e.code);
      expect(await refusal(frame(20_000, 20_000))).to.equal('IMAGE_TOO_LARGE');
      expect(await refusal(frame(48, 600))).to.equal('IMAGE_TOO_SMALL');
      expect(await inspectPhoto(frame(4000, 3000), 'jpeg', 40_000_000)).to.deep.equal({ width: 2048, height: 1536 });
    });
  });

  it('distanceM: one degree of latitude is about 111 km, and a point is 0 m from itself', () => {
    expect(distanceM(53, -3, 54, -3)).to.be.closeTo(111_195, 100);
    expect(distanceM(53.4142, -2.9448, 53.4142, -2.9448)).to.equal(0);
  });
});
