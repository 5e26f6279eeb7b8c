/**
 * The FLOOR: the least a Node server can do to broadcast SSE, to measure Parley against.
 *
 * - GET /events opens a stream (the headers an SSE server sends, then `retry:`) and keeps it.
 * - POST /publish reads a JSON body, serializes ONE frame `id: <n>\ndata: <json>\n\n`, and writes that
 *   same string to every open response with res.write. No auth, no persistence, no backpressure.
 * - Rooms (the many-rooms scenario): `GET /events?room=<id>` also puts the stream in that room's set, and
 *   `POST /publish?room=<id>` writes the frame to that room's streams only.
 * - A `: ping` comment every HEARTBEAT_MS, as any SSE server behind a proxy must send.
 *
 * Run as its own process: `PORT=4000 tsx bench/src/floor-server.ts`.
 */
import http from 'node:http';
import { floorFrame } from './messages.js';

const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
const heartbeatMs = Number(process.env.HEARTBEAT_MS ?? 15_000);
const retryMs = Number(process.env.SSE_RETRY_MS ?? 2_000);
const bodyLimit = 65_536;

const streams = new Set<http.ServerResponse>();
const rooms = new Map<string, Set<http.ServerResponse>>();
let seq = 0;

function publish(frame: string, to: Iterable<http.ServerResponse> = streams): void {
  for (const res of to) res.write(frame);
}

const server = http.createServer((req, res) => {
  const [path, query] = (req.url ?? '/').split('?');
  const room = query === undefined ? null : new URLSearchParams(query).get('room');
  if (req.method === 'GET' && path === '/events') {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache,no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${retryMs}\n\n`);
    streams.add(res);
    let members: Set<http.ServerResponse> | undefined;
    if (room !== null) {
      members = rooms.get(room);
      if (!members) rooms.set(room, (members = new Set()));
      members.add(res);
    }
    res.on('close', () => {
      streams.delete(res);
      members?.delete(res);
    });
    return;
  }
  if (req.method === 'POST' && path === '/publish') {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > bodyLimit) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (res.writableEnded) return;
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"invalid_json"}');
        return;
      }
      seq++;
      publish(floorFrame(seq, JSON.stringify(payload)), room === null ? streams : (rooms.get(room) ?? []));
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'GET' && path === '/healthz') {
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(`{"status":"ok","streams":${streams.size}}`);
    return;
  }
  res.writeHead(404).end();
});

// Keep the publisher's kept-alive connections as long as Fastify does (72 s), not node's 5 s.
server.keepAliveTimeout = 72_000;

const heartbeat = setInterval(() => publish(': ping\n\n'), heartbeatMs);

function shutdown(): void {
  clearInterval(heartbeat);
  for (const res of streams) res.end();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

server.listen(port, host, () => {
  console.log(`floor listening on http://${host}:${port} (pid ${process.pid})`);
});
