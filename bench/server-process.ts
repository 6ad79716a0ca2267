// The loopback release server in its own process (started by bench/run.ts with fork), so the
// process that installs Go does not also serve the archive on the same event loop: on a real
// runner the server is remote, and curl (the baseline) never shares a CPU thread with it either.
import { goFixture } from '../test/support/fixtures.js';
import { startReleaseServer, type Faults } from '../test/support/release-server.js';

export type ToServer = { type: 'faults'; faults: Faults } | { type: 'close' };
export type FromServer =
  { type: 'ready'; url: string } | { type: 'faults-set' } | { type: 'error'; message: string };

function send(msg: FromServer): void {
  process.send?.(msg);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('bench/server-process.ts is started by bench/run.ts (fork)');
  const minor = process.argv[2] ?? '1.22';
  const server = await startReleaseServer({ fixtures: [await goFixture(minor)] });
  let closing = false;
  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => undefined);
    process.disconnect?.();
    process.exit(0);
  };
  process.on('message', (raw: unknown) => {
    const msg = raw as ToServer;
    if (msg.type === 'faults') {
      for (const key of Object.keys(server.faults) as (keyof Faults)[]) delete server.faults[key];
      Object.assign(server.faults, msg.faults);
      send({ type: 'faults-set' });
    } else if (msg.type === 'close') {
      void close();
    }
  });
  // The parent died or closed the channel: never outlive it.
  process.on('disconnect', () => void close());
  send({ type: 'ready', url: server.url });
}

main().catch((err: unknown) => {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
