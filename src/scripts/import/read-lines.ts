import { createReadStream } from "node:fs";

/** One line of a file: its number (from 1) and its text, without the line break. */
export interface FileLine {
  number: number;
  text: string;
  /** Bytes of the file read so far. */
  bytesRead: number;
}

/**
 * The lines of a file, read as a stream: the next chunk is read only when the lines of the last
 * one have been taken, so memory holds one chunk and one unfinished line, whatever the file's size.
 */
export async function* readLines(path: string): AsyncGenerator<FileLine> {
  let rest = "";
  let number = 0;
  let bytesRead = 0;
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) yield { number: ++number, text: line.endsWith("\r") ? line.slice(0, -1) : line, bytesRead };
  }
  rest += decoder.decode();
  if (rest.length > 0) yield { number: number + 1, text: rest.endsWith("\r") ? rest.slice(0, -1) : rest, bytesRead };
}
