/**
 * Byte-level parsing of an HTTP/1.1 SSE response read from a raw socket, cheap enough to run for
 * 10,000 connections in one process. Everything works on latin1 strings (one char = one byte), so
 * chunk sizes are counted in bytes and the ASCII markers we look for are found whatever the UTF-8 in
 * between. Pure: no I/O, unit tested across every chunk boundary.
 */

/** Decodes `Transfer-Encoding: chunked` incrementally. */
export class ChunkedDecoder {
  private state: 'size' | 'data' | 'crlf' | 'done' = 'size';
  private sizeLine = '';
  private remaining = 0;

  get done(): boolean {
    return this.state === 'done';
  }

  /** Feeds raw bytes; returns the decoded body bytes they complete (possibly ''). */
  push(input: string): string {
    let out = '';
    let i = 0;
    const n = input.length;
    while (i < n) {
      if (this.state === 'size') {
        const nl = input.indexOf('\n', i);
        if (nl === -1) {
          this.sizeLine += input.slice(i);
          break;
        }
        const line = this.sizeLine + input.slice(i, nl);
        this.sizeLine = '';
        i = nl + 1;
        const semi = line.indexOf(';');
        const hex = (semi === -1 ? line : line.slice(0, semi)).trim();
        if (hex === '') continue;
        const size = parseInt(hex, 16);
        if (!Number.isFinite(size) || size < 0)
          throw new Error(`bad chunk size line: ${JSON.stringify(line)}`);
        if (size === 0) {
          // Last chunk; trailers are ignored, the stream is over.
          this.state = 'done';
          break;
        }
        this.remaining = size;
        this.state = 'data';
      } else if (this.state === 'data') {
        const take = Math.min(this.remaining, n - i);
        out += input.slice(i, i + take);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'crlf';
      } else if (this.state === 'crlf') {
        // The CRLF after a chunk's data (a bare LF is tolerated).
        const c = input.charCodeAt(i);
        if (c === 13) {
          i++;
          continue;
        }
        if (c === 10) i++;
        this.state = 'size';
      } else {
        break;
      }
    }
    return out;
  }
}

/**
 * Splits an SSE body into frames (the text before each blank line). Accepts `\n` and `\r\n` line
 * ends. The frame passed on does not include its terminating blank line.
 */
export class SseScanner {
  private pending = '';

  push(text: string, onFrame: (frame: string) => void): void {
    let buf = this.pending === '' ? text : this.pending + text;
    let carry = '';
    if (buf.indexOf('\r') !== -1) {
      // A trailing '\r' may be the first half of a '\r\n' split across reads: keep it for later.
      if (buf.endsWith('\r')) {
        carry = '\r';
        buf = buf.slice(0, -1);
      }
      buf = buf.replace(/\r\n?/g, '\n');
    }
    let start = 0;
    for (;;) {
      const end = buf.indexOf('\n\n', start);
      if (end === -1) break;
      onFrame(buf.slice(start, end));
      start = end + 2;
    }
    this.pending = (start === 0 ? buf : buf.slice(start)) + carry;
  }

  /** Bytes held waiting for the end of a frame. */
  get pendingLength(): number {
    return this.pending.length;
  }
}

export interface ResponseHead {
  status: number;
  statusLine: string;
  headers: Map<string, string>;
}

/**
 * One SSE response on a raw socket: the status line and headers, then the body, de-chunked if needed,
 * scanned into frames.
 */
export class HttpSseParser {
  head: ResponseHead | null = null;
  /** Body bytes seen (after de-chunking). */
  bodyBytes = 0;
  private headBuf = '';
  private chunked: ChunkedDecoder | null = null;
  private readonly scanner = new SseScanner();

  constructor(
    private readonly onHead: (head: ResponseHead) => void,
    private readonly onFrame: (frame: string) => void,
  ) {}

  push(input: string): void {
    let body = input;
    if (this.head === null) {
      this.headBuf += input;
      const end = this.headBuf.indexOf('\r\n\r\n');
      if (end === -1) {
        if (this.headBuf.length > 65536) throw new Error('response head larger than 64 KiB');
        return;
      }
      this.head = parseHead(this.headBuf.slice(0, end));
      body = this.headBuf.slice(end + 4);
      this.headBuf = '';
      const te = this.head.headers.get('transfer-encoding');
      if (te !== undefined && te.toLowerCase().includes('chunked')) this.chunked = new ChunkedDecoder();
      this.onHead(this.head);
    }
    if (body === '') return;
    const decoded = this.chunked ? this.chunked.push(body) : body;
    if (decoded === '') return;
    this.bodyBytes += decoded.length;
    this.scanner.push(decoded, this.onFrame);
  }
}

export function parseHead(text: string): ResponseHead {
  const lines = text.split('\r\n');
  const statusLine = lines[0] ?? '';
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match) throw new Error(`not an HTTP/1.x response: ${JSON.stringify(statusLine.slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(match[1]), statusLine, headers };
}

/**
 * The benchmark's messages carry `#pb:<index>:<send time ms>:` in their body. Returns the index, or
 * -1 when the frame has no marker (hello, heartbeat, retry...). Hand-rolled: it runs once per delivery.
 */
export const MARKER = '#pb:';

export function markerIndex(frame: string): number {
  const at = frame.indexOf(MARKER);
  if (at === -1) return -1;
  let i = at + MARKER.length;
  let value = 0;
  let digits = 0;
  for (;;) {
    const c = frame.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
    i++;
  }
  return digits === 0 ? -1 : value;
}

/** The frame's `id:` as a number (the seq of a persisted event), or -1 when it has none. */
export function frameId(frame: string): number {
  let at: number;
  if (frame.startsWith('id:')) at = 3;
  else {
    const line = frame.indexOf('\nid:');
    if (line === -1) return -1;
    at = line + 4;
  }
  if (frame.charCodeAt(at) === 32) at++;
  let value = 0;
  let digits = 0;
  for (;;) {
    const c = frame.charCodeAt(at);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    digits++;
    at++;
  }
  return digits === 0 ? -1 : value;
}
