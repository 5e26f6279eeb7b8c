import { describe, expect, it } from 'vitest';
import {
  ChunkedDecoder,
  HttpSseParser,
  MARKER,
  SseScanner,
  frameId,
  markerIndex,
  parseHead,
} from './sse-parse.js';

/** Feeds `input` in two pieces split at every position, and in one-byte pieces. */
function splits(input: string): string[][] {
  const ways: string[][] = [[input], Array.from({ length: input.length }, (_, i) => input.charAt(i))];
  for (let i = 1; i < input.length; i++) ways.push([input.slice(0, i), input.slice(i)]);
  return ways;
}

function chunked(parts: string[]): string {
  return (
    parts.map((p) => `${Buffer.byteLength(p, 'latin1').toString(16)}\r\n${p}\r\n`).join('') + '0\r\n\r\n'
  );
}

const FRAMES = [
  ': parley',
  'retry: 2000',
  'data: {"type":"hello"}',
  `id: 7\ndata: {"body":"${MARKER}3:12.5:hi"}`,
];
const BODY = FRAMES.map((f) => `${f}\n\n`).join('');

describe('SseScanner', () => {
  it('finds every frame whatever the read boundaries', () => {
    for (const pieces of splits(BODY)) {
      const scanner = new SseScanner();
      const frames: string[] = [];
      for (const piece of pieces) scanner.push(piece, (f) => frames.push(f));
      expect(frames).toEqual(FRAMES);
      expect(scanner.pendingLength).toBe(0);
    }
  });

  it('accepts CRLF line ends, also split between the CR and the LF', () => {
    const body = BODY.replace(/\n/g, '\r\n');
    for (const pieces of splits(body)) {
      const scanner = new SseScanner();
      const frames: string[] = [];
      for (const piece of pieces) scanner.push(piece, (f) => frames.push(f));
      expect(frames).toEqual(FRAMES);
    }
  });

  it('holds an unfinished frame until its blank line arrives', () => {
    const scanner = new SseScanner();
    const frames: string[] = [];
    scanner.push('data: a\n', (f) => frames.push(f));
    expect(frames).toEqual([]);
    scanner.push('\n', (f) => frames.push(f));
    expect(frames).toEqual(['data: a']);
  });
});

describe('ChunkedDecoder', () => {
  it('decodes whatever the read boundaries, and sees the last chunk', () => {
    const encoded = chunked(['hello ', 'chunked ', 'world']);
    for (const pieces of splits(encoded)) {
      const decoder = new ChunkedDecoder();
      let out = '';
      for (const piece of pieces) out += decoder.push(piece);
      expect(out).toBe('hello chunked world');
      expect(decoder.done).toBe(true);
    }
  });

  it('ignores chunk extensions and counts sizes in bytes', () => {
    const utf8 = Buffer.from('héllo', 'utf8').toString('latin1');
    const decoder = new ChunkedDecoder();
    const out = decoder.push(`${utf8.length.toString(16)};ext=1\r\n${utf8}\r\n`);
    expect(Buffer.from(out, 'latin1').toString('utf8')).toBe('héllo');
    expect(decoder.done).toBe(false);
  });

  it('rejects a size line that is not hex', () => {
    expect(() => new ChunkedDecoder().push('zz\r\n')).toThrow(/bad chunk size/);
  });
});

describe('HttpSseParser', () => {
  const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n';

  it('parses the head, de-chunks and scans frames across every boundary', () => {
    // Chunk boundaries that fall inside frames, as a server's writes may.
    const response = head + chunked([BODY.slice(0, 13), BODY.slice(13, 40), BODY.slice(40)]);
    for (const pieces of splits(response)) {
      const frames: string[] = [];
      let status = 0;
      const parser = new HttpSseParser(
        (h) => (status = h.status),
        (f) => frames.push(f),
      );
      for (const piece of pieces) parser.push(piece);
      expect(status).toBe(200);
      expect(frames).toEqual(FRAMES);
      expect(parser.bodyBytes).toBe(BODY.length);
    }
  });

  it('reads a body that is not chunked as it comes', () => {
    const frames: string[] = [];
    const parser = new HttpSseParser(
      () => undefined,
      (f) => frames.push(f),
    );
    parser.push('HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n' + BODY);
    expect(frames).toEqual(FRAMES);
  });

  it('reports a refusal', () => {
    const heads: number[] = [];
    const parser = new HttpSseParser(
      (h) => heads.push(h.status),
      () => undefined,
    );
    parser.push('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}');
    expect(heads).toEqual([401]);
  });

  it('parses header names case-insensitively and rejects non-HTTP', () => {
    expect(parseHead('HTTP/1.1 200 OK\r\nX-Thing:  a b ').headers.get('x-thing')).toBe('a b');
    expect(() => parseHead('SSH-2.0-OpenSSH')).toThrow(/not an HTTP/);
  });
});

describe('markerIndex', () => {
  it('reads the message index after the marker', () => {
    expect(markerIndex(`id: 9\ndata: {"body":"${MARKER}1234:99.1:x"}`)).toBe(1234);
    expect(markerIndex(`${MARKER}0:`)).toBe(0);
  });

  it('is -1 without a marker or without digits', () => {
    expect(markerIndex('data: {"type":"hello"}')).toBe(-1);
    expect(markerIndex(`${MARKER}x`)).toBe(-1);
  });
});

describe('frameId', () => {
  it('reads the id line wherever it is in the frame', () => {
    expect(frameId('id: 42\ndata: x')).toBe(42);
    expect(frameId('id:7\ndata: x')).toBe(7);
    expect(frameId('event: m\nid: 9\ndata: x')).toBe(9);
  });

  it('is -1 without an id', () => {
    expect(frameId('data: {"type":"hello"}')).toBe(-1);
    expect(frameId('data: id: 3')).toBe(-1);
  });
});
