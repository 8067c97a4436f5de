import { SaveWindow } from "../../../src/scripts/import/save-window";

/** A save that ends when the test says so. */
function pendingSave() {
  let end!: () => void;
  const promise = new Promise<void>((resolve) => (end = resolve));
  return { promise, end };
}

/** Whether a promise has settled once the queued callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("SaveWindow", () => {
  it("admits batches that claim nothing in common beside each other, up to its size", async () => {
    const window = new SaveWindow(2);
    const first = pendingSave();
    await window.admit(new Set(["number|1"]));
    window.hold(new Set(["number|1"]), first.promise);
    expect(await settled(window.admit(new Set(["number|2"])))).toBe(true);
    const second = pendingSave();
    window.hold(new Set(["number|2"]), second.promise);

    const third = window.admit(new Set(["number|3"]));
    expect(await settled(third)).toBe(false);
    first.end();
    expect(await settled(third)).toBe(true);
    second.end();
    await window.drain();
  });

  it("makes a batch that claims a value of a batch being saved wait for it, even when a failed save ends it", async () => {
    const window = new SaveWindow(4);
    let fail!: (error: Error) => void;
    const failing = new Promise<void>((_, reject) => (fail = reject));
    failing.catch(() => {});
    window.hold(new Set(["number|1", "reference|1"]), failing);
    const waiting = window.admit(new Set(["reference|1"]));
    expect(await settled(waiting)).toBe(false);
    fail(new Error("the database went away"));
    expect(await settled(waiting)).toBe(true);
  });

  it("saves a batch whose claims are unknown alone", async () => {
    const window = new SaveWindow(4);
    const first = pendingSave();
    window.hold(null, first.promise);
    const next = window.admit(new Set(["number|9"]));
    expect(await settled(next)).toBe(false);
    first.end();
    expect(await settled(next)).toBe(true);
    window.hold(new Set(["number|9"]), pendingSave().promise);
    expect(await settled(window.admit(null))).toBe(false);
  });
});
