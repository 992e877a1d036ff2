import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const API_ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerError {
  reqId?: string;
  msg: string;
  err?: { type?: string; message?: string; code?: string };
}

export interface RunningServer {
  url: string;
  /** False once the process has exited. */
  alive(): boolean;
  exitInfo(): string | null;
  /** Errors the server logged, by request id (5xx causes, never sent to clients). */
  errorsFor(requestId: string): ServerError[];
  /** The last lines the server wrote (for a report when it died). */
  tail(): string;
  stop(): Promise<void>;
}

/**
 * The real server as `pnpm start` runs it (src/main.ts: migrations, reference data, listen), in
 * its own process on the given database, so a crash is a dead process the suite can see rather
 * than an exception inside the test runner. Logs errors as JSON on stdout; they are kept by
 * request id so a 5xx in the report comes with the server's own account of it.
 */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: API_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
      WEB_DIST: '/nonexistent',
      JOBS: 'off',
      WORKLIST_MAX_AGE_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const errors = new Map<string, ServerError[]>();
  let exit: string | null = null;
  let resolveUrl: (url: string) => void;
  let rejectUrl: (err: Error) => void;
  const ready = new Promise<string>((resolve, reject) => {
    resolveUrl = resolve;
    rejectUrl = reject;
  });
  const onLine = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
    const started = /running at (http:\/\/\S+)/.exec(line);
    if (started) resolveUrl(started[1]!.replace('localhost', '127.0.0.1'));
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as ServerError;
        const key = entry.reqId ?? '';
        errors.set(key, [...(errors.get(key) ?? []), entry]);
      } catch {
        // not a log line
      }
    }
  };
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.on('exit', (code, signal) => {
    exit = `exited with ${signal ?? `code ${code}`}`;
    rejectUrl(new Error(`server ${exit} before it was ready:\n${lines.join('\n')}`));
  });
  const timer = setTimeout(() => rejectUrl(new Error(`server not ready after 120 s:\n${lines.join('\n')}`)), 120_000);
  const url = await ready.finally(() => clearTimeout(timer));

  return {
    url,
    alive: () => exit === null,
    exitInfo: () => exit,
    errorsFor: (requestId) => errors.get(requestId) ?? [],
    tail: () => lines.slice(-40).join('\n'),
    async stop() {
      if (exit !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(force);
    },
  };
}
