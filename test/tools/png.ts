// Reads a PNG as an image viewer would, enough to know it renders: the signature, the header
// (IHDR: size, bit depth, colour type) and the pixel data (IDAT), inflated to exactly the rows the
// header promises. A file cut short, a renamed JPEG or an HTML error page fails here.
import * as zlib from 'node:zlib';

export interface PngInfo {
  width: number;
  height: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per pixel by PNG colour type (grey, RGB, palette, grey+alpha, RGBA). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function decodePng(data: Buffer): PngInfo {
  if (data.length < 8 || !data.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error('not a PNG (bad signature)');
  }
  let offset = 8;
  let header: { width: number; height: number; depth: number; type: number; interlace: number } | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset + 12 <= data.length && !ended) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) {
      throw new Error(`chunk ${type} is cut short`);
    }
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8], type: body[9], interlace: body[12] };
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      ended = true;
    }
    offset += 12 + length;
  }
  if (!header || header.width === 0 || header.height === 0) {
    throw new Error('no image header');
  }
  if (!ended || idat.length === 0) {
    throw new Error('no pixel data or no end');
  }
  const channels = CHANNELS[header.type];
  if (channels === undefined) {
    throw new Error(`unknown colour type ${header.type}`);
  }
  const pixels = zlib.inflateSync(Buffer.concat(idat));
  if (header.interlace === 0) {
    const rowBytes = 1 + Math.ceil((header.width * channels * header.depth) / 8);
    if (pixels.length !== rowBytes * header.height) {
      throw new Error(`pixel data holds ${pixels.length} bytes, the header promises ${rowBytes * header.height}`);
    }
  }
  return { width: header.width, height: header.height };
}
