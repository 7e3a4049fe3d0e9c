/**
 * Draws the app icon (a white 回 on a warm red rounded square) as a 512x512 PNG with no
 * dependencies: `node resources/icons/make-icon.ts`. electron-builder turns it into the Windows
 * .ico and the Linux icon set.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
type Rgba = [number, number, number, number];
const RED: Rgba = [200, 52, 40, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

function insideRoundedSquare(x: number, y: number, inset: number, radius: number): boolean {
  const lo = inset;
  const hi = SIZE - inset;
  if (x < lo || x >= hi || y < lo || y >= hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** A square ring: inside `outer` inset, outside `outer + stroke`. */
function onRing(x: number, y: number, outer: number, stroke: number): boolean {
  const inOuter = x >= outer && x < SIZE - outer && y >= outer && y < SIZE - outer;
  const inner = outer + stroke;
  const inInner = x >= inner && x < SIZE - inner && y >= inner && y < SIZE - inner;
  return inOuter && !inInner;
}

export function pixel(x: number, y: number): Rgba {
  if (!insideRoundedSquare(x, y, 16, 96)) return CLEAR;
  if (onRing(x, y, 100, 40) || onRing(x, y, 196, 30)) return WHITE;
  return RED;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4);
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(rows, row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
  writeFileSync(out, iconPng());
  console.log(`wrote ${out}`);
}
