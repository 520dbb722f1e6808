import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster from the machine's own binaries (initdb, pg_ctl) in a temp
 * directory, for the test run only. As root, the server runs as the `postgres` user.
 */
export interface Cluster {
  url: (database: string) => string;
  stop(): void;
}

function findPgBin(): string {
  const candidates = ['/usr/lib/postgresql'].flatMap((base) =>
    fs.existsSync(base)
      ? fs
          .readdirSync(base)
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => path.join(base, v, 'bin'))
      : [],
  );
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')));
  if (found) return found;
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(fs.realpathSync(onPath));
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with `apt-get install postgresql-15` ' +
      '(or set TEST_DATABASE_URL to a PostgreSQL ≥ 15 database you can create databases on).',
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * `durable`: flush the WAL on every commit, as a production server does (the tests and the
 * other benchmarks skip it for speed); for measuring what waits on commits, e.g. the audit lock.
 */
export async function startCluster(options: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = findPgBin();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trekant-pg-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const runAs = (cmd: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' }) : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const user = asRoot ? 'postgres' : os.userInfo().username;
  runAs('initdb', ['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  runAs('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${options.durable ? '-c fsync=on -c synchronous_commit=on' : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off'} -c max_connections=200`,
    'start',
  ]);
  return {
    url: (database) => `postgres://${user}@127.0.0.1:${port}/${database}`,
    stop: () => {
      try {
        runAs('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
