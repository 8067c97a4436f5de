import type { IncomingMessage, ServerResponse } from "node:http";

/** A step of a request's handling, in the shape Express, `cors` and `body-parser` share. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Steps run in turn on Node's own request and response, each calling `next()` to go on; an error
 * passed to `next` or thrown goes to `onError`, and so does running out of steps with no answer
 * (never a request left hanging). What Express's router does for a route, without its
 * per-request bookkeeping: /graphql's steps are composed with it once, and every request to
 * /graphql runs them, whether it came straight from Node's server or through Express.
 */
export function inTurn(steps: readonly Middleware[], onError: (error: unknown, req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let index = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined && error !== null) return onError(error, req, res);
      const step = steps[index++];
      if (!step) return onError(new Error("no step answered the request"), req, res);
      try {
        step(req, res, next);
      } catch (thrown) {
        onError(thrown, req, res);
      }
    };
    next();
  };
}
