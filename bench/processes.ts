import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export interface Service {
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();
/** Characters of a service's output kept at most. */
const OUTPUT_LIMIT = 1 << 20;
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process; `ready` is awaited on its output (stdout and stderr together). */
export async function startService(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: (output: string) => boolean,
  timeoutMs = 60_000,
): Promise<Service> {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    // A server's access lines under load would fill the runner's memory: its first and last lines are what a report needs.
    if (output.length > OUTPUT_LIMIT) output = `${output.slice(0, OUTPUT_LIMIT / 4)}\n…\n${output.slice(-OUTPUT_LIMIT / 4)}`;
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => (running.delete(child), resolve(code))));
  const started = Date.now();
  while (!ready(output)) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited early:\n${output.slice(-2000)}`);
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`${command} ${args.join(" ")} was not ready within ${timeoutMs} ms:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** The first line of output that is a JSON object. */
export function firstJsonLine<T>(output: string): T | null {
  for (const line of output.split("\n")) {
    if (line.startsWith("{") && line.endsWith("}")) {
      try {
        return JSON.parse(line) as T;
      } catch {
        // not the announcement
      }
    }
  }
  return null;
}

/** Resident memory of a process: now, and the peak (kB → MB). */
export function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakRssMb: Math.round(kb("VmHWM") / 1024) };
}
