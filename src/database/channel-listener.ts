import type { EventEmitter } from "node:events";
import { Client, type Notification } from "pg";
import { logger } from "../observability/logger";

export interface ChannelEvents {
  /** LISTEN is in place: from now on every committed change is heard. */
  listening(): void;
  /** A notification on one of the channels, with its payload ("" when none). */
  notified(channel: string, payload: string): void;
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

export interface ChannelListener {
  stop(): Promise<void>;
}

function checkedChannels(channels: readonly string[]): readonly string[] {
  for (const channel of channels) if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channels;
}

/**
 * One connection of its own that LISTENs on PostgreSQL channels, and connects again whenever it
 * is lost (each loss and each return is reported, so that what relies on hearing every change
 * stops relying on it in between).
 */
export function listenToChannels(channels: readonly string[], options: ChannelListenerOptions, events: ChannelEvents): ChannelListener {
  checkedChannels(channels);
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
      if (!stopped) logger.warn({ err: error, channels }, "stopped listening for database changes; listening again shortly");
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (!stopped) retry = setTimeout(() => void connect(), options.retryMs ?? 1000);
    };
    client.on("error", lose);
    client.on("end", () => lose());
    client.on("notification", (message) => {
      if (channels.includes(message.channel)) events.notified(message.channel, message.payload ?? "");
    });
    try {
      await client.connect();
      await client.query(channels.map((channel) => `LISTEN ${channel}`).join("; "));
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

/**
 * The embedded PostgreSQL (PGlite) has one session for every connection: a LISTEN on any of them
 * makes that session listen, and PostgreSQL hands a notification to whichever connection commits
 * it. So the pool's own connections (each of which reports what it hears to `notifications`) are
 * what hears the changes of this process; a change committed by another process is not heard.
 */
export function listenOnSharedSession(
  channels: readonly string[],
  notifications: EventEmitter,
  run: (statement: string) => Promise<unknown>,
  events: ChannelEvents,
): ChannelListener {
  checkedChannels(channels);
  let stopped = false;
  const heard = (message: Notification) => {
    if (!stopped && channels.includes(message.channel)) events.notified(message.channel, message.payload ?? "");
  };
  notifications.on("notification", heard);
  void (async () => {
    try {
      for (const channel of channels) await run(`LISTEN ${channel}`);
      if (!stopped) events.listening();
    } catch (error) {
      logger.warn({ err: error, channels }, "could not listen for database changes on the embedded database");
    }
  })();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      notifications.off("notification", heard);
      events.lost();
    },
  };
}
