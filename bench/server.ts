/**
 * The server under benchmark: `server/main.ts` as its own process on a prepared database
 * (bench/database.ts), shared by `bench/run.ts` and `bench/hostile.ts`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from './database.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** `server/main.ts` as its own process: what `npx tsx server/main.ts` runs, without npx's wrapper process. */
export async function startServer(target: Target): Promise<RunningServer> {
  const port = await freePort();
  const profileDir = path.join(os.tmpdir(), 'trekant-bench-profiles');
  const nodeArgs = ['--import', 'tsx'];
  if (env.BENCH_CPU_PROF === '1') {
    fs.mkdirSync(profileDir, { recursive: true });
    // One file per thread (the main thread and tsx's loader thread); the main thread's is the large one.
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, target.kind)}`);
  }
  const child = spawn(process.execPath, [...nodeArgs, 'server/main.ts'], {
    cwd: ROOT,
    env: { ...cleanEnv(), ...target.serverEnv, HOST: '127.0.0.1', PORT: String(port), TREKANT_DEMO: '1', LOG_LEVEL: 'warn', TREKANT_WEB_DIST: path.join(os.tmpdir(), 'trekant-bench-no-web') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited while starting:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not get ready within 60 s:\n${output}`);
    const ready = await fetch(`${url}/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** This process's environment without Trekant's own settings (a developer's shell may set them). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('TREKANT_') && !['DATABASE_URL', 'PORT', 'HOST', 'LOG_LEVEL'].includes(k)));
}
