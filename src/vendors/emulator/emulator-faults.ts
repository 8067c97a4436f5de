/**
 * Fault switches of a vendor emulator, settable in code or over HTTP
 * (`POST /__emulator/faults` with a JSON object of the fields to change).
 */
export interface EmulatorFaults {
  /** Delay before each vendor request is handled. */
  latencyMs: number;
  /** Delay after the request is handled (a state change is already made) and before the answer. */
  answerDelayMs: number;
  /** Answer this 5xx status instead of handling the request (nothing changes); 502, 503, 504 as a gateway's page. */
  failWith5xx: number | null;
  /** With failWith5xx: only for this many more requests; null means until cleared. */
  failTimes: number | null;
  /** Accept the request and never answer. */
  noAnswer: boolean;
  /** Destroy the connection without answering (nothing changes). */
  dropConnection: boolean;
  /** Answer 200 with a body that is not JSON (nothing changes). */
  malformedBody: boolean;
  /**
   * Apply the state change, then lose the answer: "answer500" the vendor's own error, "answer502",
   * "answer503", "answer504" (any `answer5xx`) a gateway's page in front of a vendor that acted,
   * or a dropped connection.
   */
  applyThenFail: `answer${number}` | "dropConnection" | null;
  /**
   * Answer this instead of handling an operation request (a GET read is still handled): what a
   * real vendor may say in words or codes the emulator does not use. Nothing changes.
   */
  answerWith: { status: number; body: unknown } | null;
  /**
   * Play the vendor by its page alone: no refusal the emulator assumes to say "already done". A
   * repeat meets what the page implies (ConvergeGate, PlanoCore: a refusal that cannot be told from
   * a wrong state; CRM.COM: the payment stays POSTED as the page's answer shows, so a repeated
   * cancel is taken again unless its back_office_code was used before).
   */
  pageOnly: boolean;
}

export const NO_FAULTS: Readonly<EmulatorFaults> = {
  latencyMs: 0,
  answerDelayMs: 0,
  failWith5xx: null,
  failTimes: null,
  noAnswer: false,
  dropConnection: false,
  malformedBody: false,
  applyThenFail: null,
  answerWith: null,
  pageOnly: false,
};

export class FaultSettingError extends Error {}

function check(condition: boolean, message: string): void {
  if (!condition) throw new FaultSettingError(message);
}

/** Validates a partial fault setting, from code or from an HTTP body. */
export function validateFaults(input: unknown): Partial<EmulatorFaults> {
  check(typeof input === "object" && input !== null && !Array.isArray(input), "faults must be a JSON object");
  const faults = input as Record<string, unknown>;
  for (const [name, value] of Object.entries(faults)) {
    switch (name) {
      case "latencyMs":
      case "answerDelayMs":
        check(Number.isInteger(value) && (value as number) >= 0, `${name} must be a whole number of milliseconds`);
        break;
      case "failWith5xx":
        check(value === null || (Number.isInteger(value) && (value as number) >= 500 && (value as number) <= 599), "failWith5xx must be a 5xx status or null");
        break;
      case "failTimes":
        check(value === null || (Number.isInteger(value) && (value as number) >= 0), "failTimes must be a whole number or null");
        break;
      case "noAnswer":
      case "dropConnection":
      case "malformedBody":
      case "pageOnly":
        check(typeof value === "boolean", `${name} must be true or false`);
        break;
      case "applyThenFail":
        check(value === null || value === "dropConnection" || (typeof value === "string" && /^answer5\d\d$/.test(value)), 'applyThenFail must be "answer5xx" (such as "answer504"), "dropConnection" or null');
        break;
      case "answerWith": {
        const answer = value as { status?: unknown } | null;
        check(
          value === null || (typeof answer === "object" && Number.isInteger(answer?.status) && (answer!.status as number) >= 200 && (answer!.status as number) <= 599),
          "answerWith must be { status, body } or null",
        );
        break;
      }
      default:
        throw new FaultSettingError(`unknown fault "${name}"`);
    }
  }
  return faults;
}
