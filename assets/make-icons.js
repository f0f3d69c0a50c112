// Draws the add-in's icons (a window, «окошко») as PNGs without any image library: node assets/make-icons.js
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x / size, y / size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const BLUE = [0x2f, 0x55, 0x97, 0xff];
const LIGHT = [0xdd, 0xe7, 0xf3, 0xff];
const SUN = [0xf2, 0xc9, 0x4c, 0xff];
const CLEAR = [0, 0, 0, 0];

// A window frame with four panes; the upper left pane lit.
function windowIcon(x, y) {
  const m = 0.08;
  if (x < m || y < m || x > 1 - m || y > 1 - m) return CLEAR;
  const frame = 0.14;
  const bar = 0.06;
  if (x < frame || y < frame || x > 1 - frame || y > 1 - frame) return BLUE;
  if (Math.abs(x - 0.5) < bar / 2 || Math.abs(y - 0.5) < bar / 2) return BLUE;
  if (x < 0.5 && y < 0.5) return SUN;
  return LIGHT;
}

for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), png(size, windowIcon));
