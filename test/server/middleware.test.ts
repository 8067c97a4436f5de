import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { inTurn, type Middleware } from "../../src/server/middleware";

function exchange() {
  const req = new IncomingMessage(new Socket());
  return { req, res: new ServerResponse(req) };
}

describe("inTurn: the steps of /graphql, composed once", () => {
  it("runs the steps in order, each going on with next()", () => {
    const seen: string[] = [];
    const step = (name: string): Middleware => (_req, _res, next) => (seen.push(name), next());
    const errors: unknown[] = [];
    const { req, res } = exchange();
    const answer: Middleware = () => seen.push("answer");
    inTurn([step("cors"), step("guard"), step("body"), answer], (error) => errors.push(error))(req, res);
    expect(seen).toEqual(["cors", "guard", "body", "answer"]);
    expect(errors).toEqual([]);
  });

  it("stops where a step answers without calling next()", () => {
    const seen: string[] = [];
    const { req, res } = exchange();
    inTurn([(_q, _s) => seen.push("refuses"), () => seen.push("never")], () => seen.push("error"))(req, res);
    expect(seen).toEqual(["refuses"]);
  });

  it("hands an error passed to next(), or thrown, to the error handler and runs nothing after it", async () => {
    const failure = new Error("body too large");
    for (const failing of [(_q, _s, next) => next(failure), () => { throw failure; }] as Middleware[]) {
      const handled: Array<[unknown, IncomingMessage, ServerResponse]> = [];
      const after = jest.fn();
      const { req, res } = exchange();
      inTurn([failing, after], (error, q, s) => handled.push([error, q, s]))(req, res);
      expect(handled).toEqual([[failure, req, res]]);
      expect(after).not.toHaveBeenCalled();
    }
  });

  it("hands running out of steps with no answer to the error handler, never leaving the request hanging", () => {
    const handled: unknown[] = [];
    const { req, res } = exchange();
    inTurn([(_q, _s, next) => next()], (error) => handled.push(error))(req, res);
    expect(handled).toHaveLength(1);
    expect(String(handled[0])).toMatch(/no step answered/);
  });

  it("goes on after a step that calls next() later, as body parsing does", async () => {
    const seen: string[] = [];
    const { req, res } = exchange();
    await new Promise<void>((resolve) => {
      inTurn([(_q, _s, next) => void setImmediate(() => next()), () => (seen.push("answered"), resolve())], () => seen.push("error"))(req, res);
    });
    expect(seen).toEqual(["answered"]);
  });
});
