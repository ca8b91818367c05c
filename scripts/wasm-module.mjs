// Reading and rewriting the sections of a wasm module, for the release build's post-processing
// scripts (`minify-wasm-names.mjs`, `drop-wasm-exports.mjs`). Only what they need: the
// import section (id 2) and the export section (id 7); every other section is copied as is.

/** Reads an unsigned LEB128 at `bytes[cursor.at]`, advancing the cursor. */
export function readU32(bytes, cursor) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[cursor.at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return result;
  }
}

/** `value` as unsigned LEB128. */
export function u32(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}

/** A wasm `name`: its UTF-8 length, then its bytes. */
export function name(text) {
  return Buffer.concat([u32(Buffer.byteLength(text)), Buffer.from(text)]);
}

function readName(bytes, cursor) {
  const length = readU32(bytes, cursor);
  const text = bytes.toString("utf8", cursor.at, cursor.at + length);
  cursor.at += length;
  return text;
}

/** The module's sections, in order: `{ id, body }`, `body` a view of `bytes`. */
export function sections(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm module");
  const found = [];
  const cursor = { at: 8 };
  while (cursor.at < bytes.length) {
    const id = bytes[cursor.at++];
    const size = readU32(bytes, cursor);
    found.push({ id, body: bytes.subarray(cursor.at, cursor.at + size) });
    cursor.at += size;
  }
  return found;
}

/** The module again, from (possibly replaced) sections. */
export function assemble(header, parts) {
  return Buffer.concat([
    header.subarray(0, 8),
    ...parts.flatMap(({ id, body }) => [Buffer.from([id]), u32(body.length), body]),
  ]);
}

/** The imports of an import section body: `{ module, field, descriptor }` (raw bytes). */
export function imports(body) {
  const cursor = { at: 0 };
  const count = readU32(body, cursor);
  const skipLimits = () => {
    const flags = body[cursor.at++];
    readU32(body, cursor);
    if (flags & 1) readU32(body, cursor);
  };
  const found = [];
  for (let i = 0; i < count; i++) {
    const module = readName(body, cursor);
    const field = readName(body, cursor);
    const start = cursor.at;
    const kind = body[cursor.at++];
    if (kind === 0x00) readU32(body, cursor); // function: type index
    else if (kind === 0x01) (cursor.at++, skipLimits()); // table: element type, limits
    else if (kind === 0x02) skipLimits(); // memory
    else if (kind === 0x03) cursor.at += 2; // global: value type, mutability
    else throw new Error(`import ${module}.${field} has an unknown kind ${kind}`);
    found.push({ module, field, descriptor: body.subarray(start, cursor.at) });
  }
  return found;
}

/** An import section body from `imports()`-shaped entries. */
export function importSection(entries) {
  return Buffer.concat([
    u32(entries.length),
    ...entries.flatMap(({ module, field, descriptor }) => [name(module), name(field), descriptor]),
  ]);
}

/** The exports of an export section body: `{ field, descriptor }` (kind and index bytes). */
export function exports(body) {
  const cursor = { at: 0 };
  const count = readU32(body, cursor);
  const found = [];
  for (let i = 0; i < count; i++) {
    const field = readName(body, cursor);
    const start = cursor.at++;
    readU32(body, cursor);
    found.push({ field, descriptor: body.subarray(start, cursor.at) });
  }
  return found;
}

/** An export section body from `exports()`-shaped entries. */
export function exportSection(entries) {
  return Buffer.concat([
    u32(entries.length),
    ...entries.flatMap(({ field, descriptor }) => [name(field), descriptor]),
  ]);
}
