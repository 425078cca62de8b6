import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunnerMessage, ServerMessage } from './protocol.js';

/** A server process the bench runner started, and the way to talk to it. */
export class ForkedServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    /** A publishable key of a demo platform, when the server has one. */
    readonly platformKey: string | undefined,
    /** Every demo platform's key and the demo owner's credentials (fresh demo databases only). */
    readonly demo: { platformKeys: string[]; admin?: { email: string; password: string } } = { platformKeys: [] },
  ) {}

  /** Forks `script` (a file next to this one) and waits until it listens. */
  static async start(script: string, env: Record<string, string> = {}): Promise<ForkedServer> {
    const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, ...env } });
    const { port, platformKey, platformKeys, admin } = await new Promise<Extract<ServerMessage, { type: 'listening' }>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
      child.on('message', (message: ServerMessage) => {
        if (message.type === 'listening') resolve(message);
        if (message.type === 'error') reject(new Error(message.message));
      });
    });
    return new ForkedServer(child, port, platformKey, { platformKeys: platformKeys ?? [], ...(admin ? { admin } : {}) });
  }

  /** SQL statements the server has run so far. */
  sqlCount(): Promise<number> {
    return new Promise((resolve) => {
      const onMessage = (message: ServerMessage): void => {
        if (message.type !== 'sqlCount') return;
        this.child.off('message', onMessage);
        resolve(message.count);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'sqlCount' } satisfies RunnerMessage);
    });
  }

  /** Stops the server and waits for its exit. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ type: 'stop' } satisfies RunnerMessage);
    });
  }
}
