import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localStorage } from './local-storage';
import { assertStorageKey, isStorageKey, storageKey } from './storage-port';

const channel = '0190a0b0-0000-7000-8000-000000000001';
const hash = 'a'.repeat(64);

describe('storage keys are made by the product, never from a name someone sent', () => {
  it('keys the product makes are content addressed, per channel', () => {
    expect(storageKey(channel, hash, 'w640', 'avif')).toBe(`${channel}/${hash}/w640.avif`);
    expect(isStorageKey(storageKey(channel, hash, 'original', 'jpg'))).toBe(true);
  });

  it.each([
    '../etc/passwd',
    '../../.data/pg/postmaster.pid',
    '/etc/passwd',
    'a/../../b.jpg',
    'a/./b.jpg',
    'a//b.jpg',
    '.hidden/x.jpg',
    'a/.env',
    'a\\..\\b.jpg',
    'C:\\windows\\x.jpg',
    '%2e%2e/x.jpg',
    'a/b.jpg\u0000.png',
    'A/B.JPG',
    'a/b c.jpg',
    'a/b.jpg/',
    '',
    'x'.repeat(600),
  ])('refuses %j', (key) => {
    expect(isStorageKey(key)).toBe(false);
    expect(() => assertStorageKey(key)).toThrow(/Not a storage key/);
  });

  it('refuses parts that do not come from the product (a user-supplied name, a bad hash or channel)', () => {
    expect(() => storageKey(channel, hash, '../../holiday', 'jpg')).toThrow();
    expect(() => storageKey(channel, hash, 'holiday photo', 'jpg')).toThrow();
    expect(() => storageKey(channel, 'not-a-hash', 'w320', 'jpg')).toThrow();
    expect(() => storageKey('../x', hash, 'w320', 'jpg')).toThrow();
    expect(() => storageKey(channel, hash, 'w320', 'jpg/../../x')).toThrow();
  });
});

describe('the local adapter', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lsn-local-storage-'));
  const outside = path.join(path.dirname(root), `${path.basename(root)}-outside.txt`);
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { force: true });
  });
  const storage = localStorage(root);
  const key = storageKey(channel, hash, 'w320', 'jpg');

  it('puts, reads, streams, tells whether a key exists, deletes, and gives the /media/ address', async () => {
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeUndefined();
    expect(await storage.stream(key)).toBeUndefined();
    await storage.put(key, Buffer.from('bytes'), { contentType: 'image/jpeg' });
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key))!.toString()).toBe('bytes');
    const chunks: Buffer[] = [];
    for await (const c of (await storage.stream(key))!) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('bytes');
    expect(storage.url(key)).toBe(`/media/${key}`);
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.dirname(path.join(root, key)))).toEqual(['w320.jpg']);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
  });

  it('never reads or writes outside its folder, whatever key it is handed', async () => {
    fs.writeFileSync(outside, 'secret');
    const outsideKey = `../${path.basename(outside)}`;
    await expect(storage.get(outsideKey)).rejects.toThrow(/Not a storage key/);
    await expect(storage.exists(outsideKey)).rejects.toThrow(/Not a storage key/);
    await expect(storage.put(outsideKey, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow();
    await expect(storage.delete(outsideKey)).rejects.toThrow();
    expect(() => storage.url(outsideKey)).toThrow();
    expect(fs.readFileSync(outside, 'utf8')).toBe('secret');
  });
});
