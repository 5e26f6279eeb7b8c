import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

/** Just enough of a ServerResponse to record what a stream writes (unit tests of the hub). */
export class FakeResponse extends EventEmitter {
  written: string[] = [];
  writableLength = 0;
  destroyed = false;
  write(chunk: string) {
    this.written.push(chunk);
    return true;
  }
  destroy() {
    this.destroyed = true;
  }
  end(chunk: string) {
    this.written.push(chunk);
  }
  asResponse(): ServerResponse {
    return this as unknown as ServerResponse;
  }
}
