import sharp from 'sharp';

/**
 * A JPEG whose headers and end marker are intact but whose compressed pixels
 * are garbage half-way through: it passes every check made before a report's
 * 201 and fails only when rendered.
 */
export async function jpegCorruptInTheMiddle(): Promise<Buffer> {
  const good = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 50 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  const bad = Buffer.from(good);
  const sos = bad.indexOf(Buffer.from([0xff, 0xda]));
  const from = sos + Math.floor((bad.length - sos) / 2);
  for (let i = from; i < from + 400; i++) bad[i] = i % 2 ? 0xff : 0xd3; // stray restart markers in the entropy-coded data
  return bad;
}
