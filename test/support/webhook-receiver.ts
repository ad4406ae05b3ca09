import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the receiver does with the next request: answer a status, or never answer (a timeout). */
export type Behaviour = number | 'hang';

/** An agency system's webhook endpoint on loopback: answers as told (200 once the script runs out) and keeps what it got. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private script: Behaviour[] = [];
  private readonly server: Server;
  private readonly hanging = new Set<() => void>();

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const next = this.script.shift() ?? 200;
        if (next === 'hang') {
          this.hanging.add(() => res.destroy());
          return;
        }
        if (next >= 300 && next < 400) res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
        res.statusCode = next;
        res.end();
      });
    });
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** The next answers, in order. */
  answer(...behaviours: Behaviour[]): void {
    this.script.push(...behaviours);
  }

  async close(): Promise<void> {
    for (const release of this.hanging) release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
