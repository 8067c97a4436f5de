/**
 * Subscriptions at scale, for `npm run bench` (issue 24, item 6): the resident memory idle
 * subscriptions cost one API instance, and how long one committed change (a cancel through the
 * API) takes to reach subscribers spread over two instances on one database. Subscribers are
 * graphql-ws clients over `ws`, `MAX_SUBSCRIPTIONS_PER_CONNECTION` (20) to a connection and at
 * most `MAX_SUBSCRIPTION_CONNECTIONS_PER_TOKEN` (10) connections to a viewer token on an instance:
 * the API runs with its default limits, the benchmark mints as many tokens as it needs.
 */
import { readFileSync } from "node:fs";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createAccessToken } from "../src/access/access-tokens";
import { createDataSource, DEFAULT_DATABASE_TIMEOUTS } from "../src/database/data-source";
import { memoryOf, type Service } from "./processes";

export const IDLE_MEMORY_TARGET_MB = 50;
export const DELIVERY_TARGET_MS = 1000;
const SUBSCRIPTIONS_PER_CONNECTION = 20;
const CONNECTIONS_PER_TOKEN = 10;
/** How long the last subscriber may take to hear a change before it counts as a failure. */
const DELIVERY_TIMEOUT_MS = 30_000;

const CANCELLED = `subscription Cancelled {
  paymentChanged(filter: { states: [CANCELLED] }) { event { type toState occurredAt } payment { number lifeCycleState } }
}`;
const CANCEL = `mutation Cancel($number: String!, $key: String!) {
  cancelPayment(input: { payment: { number: $number }, type: { name: "Payment Cancellation" }, idempotencyKey: $key }) { __typename }
}`;

interface Api {
  url: string;
  service: Service;
}

export interface SubscriptionScalePlan {
  /** The instance already running; a second one is started on the same database and stopped at the end. */
  first: Api;
  startSecond(): Promise<Api>;
  databaseUrl: string;
  /** An admin token, for the cancels. */
  adminToken: string;
  /** The CRM.COM emulator: it is told to answer at once, so that a cancel's own time stays short. */
  vendorUrl: string;
  /** Subscribers in all (half on each instance for the delivery; all on one for the memory). */
  subscribers: number;
  /** POSTED payments the emulator knows: the first warms the path up, each other is one measured event. */
  targets: string[];
  /** The pause before each measured event: longer than TOKEN_CACHE_MS, so that every token is read again as after a long idle. */
  idleMs: number;
}

export interface SubscriptionScale {
  subscribers: number;
  connections: number;
  tokens: number;
  memory: { beforeMb: number; afterMb: number };
  /** Per measured event: the cancel's answer time and each subscriber's delivery time, both from sending the cancel (ms). */
  events: Array<{ cancelMs: number; deliveries: number[] }>;
  failures: string[];
}

/** One connection and the payment numbers each of its subscriptions heard, with when. */
interface Subscriber {
  client: Client;
  heard: Array<Map<string, number>>;
}

async function openConnection(url: string, token: string, subscriptions: number, failures: string[]): Promise<Subscriber> {
  const client = createClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: (error) => failures.push(`a subscription connection failed: ${describe(error)}`),
  });
  await new Promise<void>((resolve, reject) => {
    const off = [client.on("connected", () => (off.forEach((stop) => stop()), resolve())), client.on("closed", (event) => reject(new Error(`closed: ${describe(event)}`)))];
  });
  const heard = Array.from({ length: subscriptions }, () => new Map<string, number>());
  for (const times of heard) {
    client.subscribe<{ paymentChanged: { payment: { number: string } } }>(
      { query: CANCELLED },
      {
        next: (result) => {
          const number = result.data?.paymentChanged.payment.number;
          if (number) times.set(number, performance.now());
          else failures.push(`a subscriber got ${JSON.stringify(result).slice(0, 300)}`);
        },
        error: (error) => failures.push(`a subscription ended in error: ${describe(error)}`),
        complete: () => {},
      },
    );
  }
  return { client, heard };
}

function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (value && typeof value === "object" && "code" in value) return `${(value as { code: number }).code} ${(value as { reason?: string }).reason ?? ""}`;
  return JSON.stringify(value)?.slice(0, 300) ?? String(value);
}

/** `subscribers` subscriptions on one instance, 20 to a connection, tokens taken in turn (10 connections each). */
async function subscribe(api: Api, tokens: string[], subscribers: number, failures: string[]): Promise<Subscriber[]> {
  const opened: Subscriber[] = [];
  for (let left = subscribers, index = 0; left > 0; left -= SUBSCRIPTIONS_PER_CONNECTION, index++) {
    const token = tokens[Math.floor(index / CONNECTIONS_PER_TOKEN)];
    opened.push(await openConnection(api.url, token, Math.min(left, SUBSCRIPTIONS_PER_CONNECTION), failures));
  }
  return opened;
}

/** The process's CPU time in clock ticks. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the processes have spent no CPU for half a second (at most 15 s): every subscription set up, nothing left to do. */
async function settled(pids: number[]): Promise<void> {
  const started = Date.now();
  let last = pids.map(cpuTicks);
  while (Date.now() - started < 15_000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = pids.map(cpuTicks);
    if (now.every((ticks, index) => ticks - last[index] <= 1)) return;
    last = now;
  }
}

async function close(subscribers: Subscriber[]): Promise<void> {
  await Promise.all(subscribers.map(async (subscriber) => await subscriber.client.dispose()));
}

async function cancel(api: Api, adminToken: string, number: string): Promise<void> {
  const response = await fetch(api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query: CANCEL, variables: { number, key: `bench-subscriptions-${number}` } }),
  });
  const body = await response.text();
  if (!body.includes('"CancelPaymentSuccess"')) throw new Error(`the cancel of ${number} failed: ${body.slice(0, 300)}`);
}

/** Cancels `number` and waits until every subscription heard it; each one's time from sending the cancel (ms), Infinity for one that never did. */
async function deliver(api: Api, adminToken: string, number: string, subscribers: Subscriber[]): Promise<{ cancelMs: number; deliveries: number[] }> {
  const all = subscribers.flatMap((subscriber) => subscriber.heard);
  const sent = performance.now();
  await cancel(api, adminToken, number);
  const cancelMs = performance.now() - sent;
  while (all.some((times) => !times.has(number)) && performance.now() - sent < DELIVERY_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { cancelMs, deliveries: all.map((times) => (times.get(number) ?? Infinity) - sent) };
}

async function mintTokens(databaseUrl: string, count: number): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl, { poolSize: 1, applicationName: "payments-bench-subscriptions", timeouts: DEFAULT_DATABASE_TIMEOUTS });
  await dataSource.initialize();
  try {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) tokens.push((await createAccessToken(dataSource, { resellerCode: "platform", roles: ["viewer"] })).token);
    return tokens;
  } finally {
    await dataSource.destroy();
  }
}

export async function measureSubscriptionScale(plan: SubscriptionScalePlan): Promise<SubscriptionScale> {
  const failures: string[] = [];
  const connections = Math.ceil(plan.subscribers / SUBSCRIPTIONS_PER_CONNECTION);
  const tokens = await mintTokens(plan.databaseUrl, Math.ceil(connections / CONNECTIONS_PER_TOKEN));
  await fetch(`${plan.vendorUrl}/__emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ latencyMs: 0 }) });
  const second = await plan.startSecond();
  const open: Subscriber[] = [];
  try {
    // Memory: a new instance, its subscription path used once, then every subscriber on it.
    const pid = second.service.child.pid!;
    const warm = await subscribe(second, tokens, SUBSCRIPTIONS_PER_CONNECTION, failures);
    await close(warm);
    await settled([pid]);
    const beforeMb = memoryOf(pid).rssMb;
    open.push(...(await subscribe(second, tokens, plan.subscribers, failures)));
    await settled([pid]);
    const afterMb = memoryOf(pid).rssMb;

    // Delivery: half of them move to the first instance; a change committed through the first.
    const half = Math.ceil(open.length / 2);
    await close(open.splice(half));
    open.push(...(await subscribe(plan.first, tokens, plan.subscribers - half * SUBSCRIPTIONS_PER_CONNECTION, failures)));
    const pids = [pid, plan.first.service.child.pid!];
    await settled(pids);
    const [warmUp, ...measured] = plan.targets;
    const events = [];
    const warmed = await deliver(plan.first, plan.adminToken, warmUp, open);
    if (warmed.deliveries.some((ms) => ms === Infinity)) failures.push(`${warmed.deliveries.filter((ms) => ms === Infinity).length} subscribers never heard the first cancel`);
    for (const number of measured) {
      await new Promise((resolve) => setTimeout(resolve, plan.idleMs));
      await settled(pids);
      const event = await deliver(plan.first, plan.adminToken, number, open);
      const missed = event.deliveries.filter((ms) => ms === Infinity).length;
      if (missed > 0) failures.push(`${missed} subscribers did not hear the cancel of ${number} within ${DELIVERY_TIMEOUT_MS / 1000} s`);
      events.push(event);
    }
    return { subscribers: plan.subscribers, connections, tokens: tokens.length, memory: { beforeMb, afterMb }, events, failures };
  } finally {
    await close(open);
    await second.service.stop();
  }
}

const verdict = (met: boolean) => (met ? "met" : "**missed**");

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

export function describeSubscriptionScale(scale: SubscriptionScale, idleTarget: number): string {
  const cost = scale.memory.afterMb - scale.memory.beforeMb;
  const judged = scale.subscribers >= idleTarget;
  const lines = [
    `Subscriptions: ${scale.subscribers} on ${scale.connections} connections (${SUBSCRIPTIONS_PER_CONNECTION} to a connection, ${scale.tokens} viewer tokens, the API's default limits).`,
    `${scale.subscribers} idle subscriptions on one instance: resident memory ${scale.memory.beforeMb} MB before, ${scale.memory.afterMb} MB after opening them: ${cost} MB ` +
      `(target for ${idleTarget} ≤ ${IDLE_MEMORY_TARGET_MB} MB: ${judged ? verdict(cost <= IDLE_MEMORY_TARGET_MB) : `not judged on ${scale.subscribers}`}).`,
  ];
  for (const [index, event] of scale.events.entries()) {
    const sorted = event.deliveries.filter((ms) => ms !== Infinity).sort((a, b) => a - b);
    const max = event.deliveries.reduce((a, b) => Math.max(a, b), 0);
    lines.push(
      `Event ${index + 1}: a cancel answered in ${event.cancelMs.toFixed(0)} ms; ${sorted.length} of ${event.deliveries.length} subscribers on two instances heard it, ` +
        `from sending the cancel: p50 ${percentile(sorted, 0.5)?.toFixed(0)} ms, p90 ${percentile(sorted, 0.9)?.toFixed(0)} ms, max ${max === Infinity ? "never" : `${max.toFixed(0)} ms`} ` +
        `(target for ${idleTarget}: all within ${DELIVERY_TARGET_MS} ms: ${judged ? verdict(max <= DELIVERY_TARGET_MS) : `not judged on ${scale.subscribers}`}).`,
    );
  }
  return `${lines.join("\n")}\n`;
}
