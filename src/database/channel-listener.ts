import { Client } from "pg";
import { logger } from "../observability/logger";

export interface ChannelEvents {
  /** LISTEN is in place: from now on every committed change is heard. */
  listening(): void;
  /** A notification on the channel. */
  notified(): void;
  /** The connection is gone: changes may be missed until `listening` is called again. */
  lost(): void;
}

export interface ChannelListenerOptions {
  url: string;
  applicationName: string;
  connectTimeoutMs: number;
  keepAliveDelayMs: number;
  /** Pause before connecting again after the connection is lost. */
  retryMs?: number;
}

/**
 * One connection of its own that LISTENs on a PostgreSQL channel, and connects again whenever it
 * is lost (each loss and each return is reported, so that what relies on hearing every change
 * stops relying on it in between).
 */
export function listenToChannel(channel: string, options: ChannelListenerOptions, events: ChannelEvents): { stop(): Promise<void> } {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let current: Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    if (stopped) return;
    const client = new Client({
      connectionString: options.url,
      application_name: options.applicationName,
      connectionTimeoutMillis: options.connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: options.keepAliveDelayMs,
    });
    current = client;
    const lose = (error?: unknown) => {
      if (current !== client) return;
      current = null;
      events.lost();
      if (!stopped) logger.warn({ err: error, channel }, "stopped listening for database changes; listening again shortly");
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), options.retryMs ?? 1000);
    };
    client.on("error", lose);
    client.on("end", () => lose());
    client.on("notification", (message) => {
      if (message.channel === channel) events.notified();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      if (current === client && !stopped) events.listening();
    } catch (error) {
      lose(error);
    }
  }

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const client = current;
      current = null;
      if (client) {
        events.lost();
        await client.end().catch(() => {});
      }
    },
  };
}
