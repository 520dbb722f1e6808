import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_AUDIT_KEY } from './audit-key.ts';
import { ApiClient, type ApiResponse } from './test-server.ts';

/**
 * Whole Trekant processes for the system tests: the server (`server/main.ts`) and the CLI
 * (`bin/trekant.js`, what `npx trekant` runs), each a real OS process with its own
 * environment. Every process started here is remembered, so a test's afterEach/afterAll can
 * kill whatever is still running with `killAllProcesses()`, and the test worker kills any
 * left-overs when it exits.
 */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

// Settings the server and CLI read (server/platform/config.ts): a child gets only the ones a
// test passes (and the test audit key), never the test runner's own (vitest sets TREKANT_TEST_DB, a developer may have
// DATABASE_URL or TREKANT_DEMO in their shell).
const CONFIG_KEYS = new Set(['DATABASE_URL', 'HOST', 'PORT', 'LOG_LEVEL']);

/** This process's environment without Trekant's settings, plus `env` (undefined removes). */
export function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('TREKANT_') || CONFIG_KEYS.has(key)) continue;
    result[key] = value;
  }
  result.TREKANT_AUDIT_KEY = TEST_AUDIT_KEY;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result;
}

const live = new Set<OsProcess>();

// A worker that dies (or a run that is interrupted) must not leave servers holding ports,
// PGlite directories or PostgreSQL connections behind.
process.once('exit', () => {
  for (const p of live) p.killNow();
});

/** One child process whose output is captured and whose exit can be awaited. */
export class OsProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<ExitStatus>;
  exitStatus: ExitStatus | null = null;
  private stdoutText = '';
  private stderrText = '';
  private readonly watchers = new Set<() => void>();

  constructor(
    readonly label: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ) {
    // Its own process group, so a SIGKILL for clean-up also reaches any grandchild (npx).
    this.child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    live.add(this);
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdoutText += chunk;
      this.notify();
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderrText += chunk;
      this.notify();
    });
    this.exited = new Promise<ExitStatus>((resolve) => {
      const finish = (status: ExitStatus) => {
        if (this.exitStatus) return;
        this.exitStatus = status;
        live.delete(this);
        this.notify();
        resolve(status);
      };
      // 'close' comes after the output pipes are drained, so the output is complete.
      this.child.once('close', (code, signal) => finish({ code, signal }));
      this.child.once('error', (error) => {
        this.stderrText += `\n[spawn error] ${error.message}\n`;
        finish({ code: null, signal: null });
      });
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.label} has no pid (it did not start)`);
    return this.child.pid;
  }
  get stdout(): string {
    return this.stdoutText;
  }
  get stderr(): string {
    return this.stderrText;
  }
  /** Both streams, for assertions and for failure messages. */
  get output(): string {
    return `--- stdout of ${this.label}\n${this.stdoutText}\n--- stderr of ${this.label}\n${this.stderrText}`;
  }

  private notify(): void {
    for (const watcher of [...this.watchers]) watcher();
  }

  /** Resolves with the first match of `pattern` in stdout+stderr; rejects if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = (this.stdoutText + '\n' + this.stderrText).match(pattern);
        if (match) return done(() => resolve(match));
        if (this.exitStatus) {
          done(() => reject(new Error(`${this.label} exited (${describeExit(this.exitStatus!)}) before printing ${pattern}\n${this.output}`)));
        }
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.label} did not print ${pattern} within ${timeoutMs} ms\n${this.output}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.watchers.delete(check);
        settle();
      };
      this.watchers.add(check);
      check();
    });
  }

  /** Sends a signal to the process itself (not its group): what an operator or orchestrator does. */
  signal(signal: NodeJS.Signals): void {
    if (!this.exitStatus) this.child.kill(signal);
  }

  /** Waits for the exit; after `timeoutMs` kills the process and rejects, so a hang fails the test. */
  async waitForExit(timeoutMs = 30_000): Promise<ExitStatus> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.killNow();
        reject(new Error(`${this.label} did not exit within ${timeoutMs} ms\n${this.output}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `signal` and waits for the exit (SIGKILL and a rejection if it does not come). */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<ExitStatus> {
    this.signal(signal);
    return this.waitForExit(timeoutMs);
  }

  /** SIGKILL now, to the whole process group: no handler runs, nothing is flushed or closed. */
  killNow(): void {
    if (this.exitStatus || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  /** SIGKILL and wait until the process is gone. */
  async kill(): Promise<ExitStatus> {
    this.killNow();
    return this.exited;
  }
}

export const describeExit = (status: ExitStatus) => (status.signal ? `signal ${status.signal}` : `code ${status.code}`);

export interface ServerOptions {
  /** DATABASE_URL, TREKANT_DATA_DIR, TREKANT_DEMO, LOG_LEVEL … (PORT defaults to 0, LOG_LEVEL to warn). */
  env?: Record<string, string | undefined>;
  label?: string;
}

/** A server process (`node --import tsx server/main.ts`); see startServer to wait for it. */
export class ServerProcess extends OsProcess {
  /** http://127.0.0.1:PORT, known once the server printed that it is running. */
  url = '';

  constructor(options: ServerOptions = {}) {
    super(options.label ?? 'server', process.execPath, ['--import', 'tsx', 'server/main.ts'], childEnv({ PORT: '0', LOG_LEVEL: 'warn', ...options.env }));
  }

  /** Waits for "Trekant is running at http://…/" and for GET /ready to answer 200. */
  async ready(timeoutMs = 90_000): Promise<this> {
    const match = await this.waitForOutput(/Trekant is running at (http:\/\/[^\s/]+)\//, timeoutMs);
    this.url = match[1];
    const response = await fetch(`${this.url}/ready`);
    if (response.status !== 200) throw new Error(`${this.label}: GET /ready answered ${response.status}: ${await response.text()}\n${this.output}`);
    return this;
  }

  /** A cookie-keeping client on this process. */
  client(): ApiClient {
    if (!this.url) throw new Error(`${this.label} is not running yet`);
    return new ApiClient(this.url);
  }
}

/** A logged-in session as a browser holds it: the cookie and the CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

export function sessionOf(client: ApiClient): Session {
  if (!client.sessionCookie || !client.csrfToken) throw new Error('the client is not logged in');
  return { cookie: client.sessionCookie, csrf: client.csrfToken };
}

/** A request to `baseUrl` carrying a session obtained elsewhere (another process, or before a restart). */
export function requestWithSession<T = unknown>(
  baseUrl: string,
  session: Session,
  method: string,
  path: string,
  options: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  return new ApiClient(baseUrl).request<T>(method, path, {
    json: options.json,
    headers: { cookie: `trekant_session=${session.cookie}`, 'x-csrf-token': session.csrf, ...options.headers },
  });
}

/** Starts a server process and waits until it serves requests. */
export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  return new ServerProcess(options).ready();
}

export interface CliResult extends ExitStatus {
  stdout: string;
  stderr: string;
  /** Both streams, for failure messages. */
  output: string;
}

/**
 * Runs the CLI to completion. By default `node bin/trekant.js …`, the very file `npx trekant`
 * runs, without npx's ~2 s of package resolution; `{ viaNpx: true }` goes through npx.
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}, options: { viaNpx?: boolean; timeoutMs?: number } = {}): Promise<CliResult> {
  const [command, commandArgs] = options.viaNpx ? ['npx', ['--no-install', 'trekant', ...args]] : [process.execPath, ['bin/trekant.js', ...args]];
  const cli = new OsProcess(`trekant ${args.join(' ')}`, command, commandArgs, childEnv(env));
  const status = await cli.waitForExit(options.timeoutMs ?? 90_000);
  return { ...status, stdout: cli.stdout, stderr: cli.stderr, output: cli.output };
}

/** Kills (SIGKILL) every process started here that is still running; for afterEach/afterAll. */
export async function killAllProcesses(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill()));
}
