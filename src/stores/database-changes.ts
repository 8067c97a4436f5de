import type { ChannelEvents, ChannelListener } from "../database/channel-listener";
import { PAYMENT_CHANGES_CHANNEL } from "./payment-changes";
import { ACCESS_CHANGES_CHANNEL } from "./token-store";

/** Every channel PostgreSQL announces committed changes on: one listening connection hears them all. */
export const CHANGE_CHANNELS = [ACCESS_CHANGES_CHANNEL, PAYMENT_CHANGES_CHANNEL] as const;
export type ChangeChannel = (typeof CHANGE_CHANNELS)[number];

/** What a watcher of one channel hears: the listener's state, and each payload. */
export interface ChangeEvents {
  /** From now on every committed change is heard. */
  listening(): void;
  notified(payload: string): void;
  /** Changes may be missed until `listening` again. */
  lost(): void;
}

/**
 * One listener for the instance, whoever watches (the kept tokens, the subscriptions): it starts
 * with the first watcher and stops with the last, and tells each watcher of its channel only.
 */
export class DatabaseChanges {
  private readonly watchers = new Set<{ channel: ChangeChannel; events: ChangeEvents }>();
  private listener: ChannelListener | undefined;
  private heard = false;

  constructor(private readonly start: (channels: readonly string[], events: ChannelEvents) => ChannelListener) {}

  watch(channel: ChangeChannel, events: ChangeEvents): { stop(): Promise<void> } {
    const watcher = { channel, events };
    this.watchers.add(watcher);
    if (this.heard) events.listening();
    this.listener ??= this.start(CHANGE_CHANNELS, {
      listening: () => {
        this.heard = true;
        for (const w of [...this.watchers]) w.events.listening();
      },
      notified: (on, payload) => {
        for (const w of [...this.watchers]) if (w.channel === on) w.events.notified(payload);
      },
      lost: () => {
        this.heard = false;
        for (const w of [...this.watchers]) w.events.lost();
      },
    });
    return {
      stop: async () => {
        if (!this.watchers.delete(watcher)) return;
        if (this.watchers.size > 0) return;
        const listener = this.listener;
        this.listener = undefined;
        this.heard = false;
        await listener?.stop();
      },
    };
  }
}
