import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const serverDir = path.resolve(import.meta.dirname, '../../apps/server');

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Called with every JSON log line the server writes from now on. */
  onLog(listener: (entry: Record<string, unknown>) => void): () => void;
}

/** The real Koers server as its own process, so its CPU and memory can be read from /proc/<pid>. */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const listeners = new Set<(entry: Record<string, unknown>) => void>();
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    if (listeners.size === 0) return;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const listener of listeners) listener(entry);
    }
  });
  let onStartupData: (chunk: Buffer) => void = () => undefined;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('\n')}`)), 30_000);
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        if (line.includes('"msg":"listening"')) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { url: string }).url);
        }
      }
    };
    onStartupData = onData;
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output.join('\n')}`)));
  });
  child.stdout?.off('data', onStartupData);
  child.stderr?.off('data', onStartupData);
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  if (child.pid === undefined) throw new Error('no pid');
  return {
    child,
    pid: child.pid,
    url,
    onLog: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGTERM');
  await exited;
}

/** Clock ticks per second for /proc/<pid>/stat (Linux: 100). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : 0;
}

/** Total size of the files in a directory tree. */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, name));
    if (stat.isFile()) total += stat.size;
  }
  return total;
}

/** Share of wall time in which some runnable task on the machine waited for a CPU (Linux PSI), over a window. */
export function cpuPressureMeter(): () => number | undefined {
  const read = (): number | undefined => {
    try {
      const match = /some avg10=[\d.]+ avg60=[\d.]+ avg300=[\d.]+ total=(\d+)/.exec(
        readFileSync('/proc/pressure/cpu', 'utf8'),
      );
      return match?.[1] ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  };
  const start = read();
  const startWall = performance.now();
  return () => {
    const end = read();
    if (start === undefined || end === undefined) return undefined;
    return ((end - start) / 1000 / (performance.now() - startWall)) * 100;
  };
}

/** Measure CPU use of a process over a window: returns % of one core. */
export function cpuMeter(pid: number): () => number {
  const startCpu = cpuSeconds(pid);
  const startWall = performance.now();
  return () => ((cpuSeconds(pid) - startCpu) / ((performance.now() - startWall) / 1000)) * 100;
}
