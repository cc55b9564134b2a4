/**
 * Test support only (package export `@koers/analysis/testing/zip-bomb`, used by the package's and the
 * server's tests; nothing in the import uses it): adds one deflated entry to an existing zip (a zip bomb: `size` bytes of a repeated
 * text, deflated by the platform's CompressionStream), rewriting the central directory.
 */
async function deflateRepeated(unit: string, size: number): Promise<{ data: Uint8Array; size: number }> {
  const block = new TextEncoder().encode(unit.repeat(Math.ceil((1 << 20) / unit.length)));
  const cs = new CompressionStream('deflate-raw');
  const writer = cs.writable.getWriter();
  const parts: Uint8Array[] = [];
  const reading = (async () => {
    const reader = cs.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  })();
  let written = 0;
  while (written < size) {
    await writer.write(block);
    written += block.length;
  }
  await writer.close();
  await reading;
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  return { data, size: written };
}

/**
 * `zip` with one more entry: `size` bytes of `unit` repeated, deflated. The zip declares the entry's true
 * size unless `declare` says otherwise (a bomb that lies about it, e.g. 0).
 */
export async function zipWithEntry(
  zip: Uint8Array,
  name: string,
  unit: string,
  size: number,
  declare?: number,
): Promise<Uint8Array> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  const deflated = await deflateRepeated(unit, size);
  const data = deflated.data;
  const rawSize = declare ?? deflated.size;
  const nameBytes = new TextEncoder().encode(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, rawSize >>> 0, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, rawSize >>> 0, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint32(42, cdOffset, true);
  central.set(nameBytes, 46);
  const out = new Uint8Array(cdOffset + local.length + data.length + cdSize + central.length + 22);
  let o = 0;
  out.set(zip.subarray(0, cdOffset), o);
  o += cdOffset;
  out.set(local, o);
  o += local.length;
  out.set(data, o);
  o += data.length;
  const newCd = o;
  out.set(zip.subarray(cdOffset, cdOffset + cdSize), o);
  o += cdSize;
  out.set(central, o);
  o += central.length;
  const ev = new DataView(out.buffer, o);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, count + 1, true);
  ev.setUint16(10, count + 1, true);
  ev.setUint32(12, cdSize + central.length, true);
  ev.setUint32(16, newCd, true);
  return out;
}
