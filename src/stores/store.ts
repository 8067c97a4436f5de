import type { EntityManager } from "typeorm";

/**
 * What every store is: the connection its statements run on (a transaction's, or the pool's), and
 * nothing else. The statements themselves are the store's own.
 */
export abstract class Store {
  constructor(protected readonly sql: EntityManager) {}
}
