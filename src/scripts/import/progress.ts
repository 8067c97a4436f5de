/** How far an import is: a bar redrawn on a terminal, a line per thousand records otherwise. */
export interface ImportProgress {
  advance(records: number, bytesRead: number, counts: string): void;
  done(): void;
}

export function progressOn(stream: NodeJS.WriteStream, totalBytes: number, started = Date.now()): ImportProgress {
  if (stream.isTTY) {
    let drawnAt = 0;
    let drawn = false;
    return {
      advance(records, bytesRead) {
        const now = Date.now();
        if (now - drawnAt < 100) return;
        drawnAt = now;
        drawn = true;
        const share = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1;
        const width = 30;
        const filled = Math.round(share * width);
        const rate = records / Math.max(0.001, (now - started) / 1000);
        stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${records.toLocaleString("en")} records  ${rate.toFixed(0)}/s `);
      },
      done() {
        if (drawn) stream.write("\n");
      },
    };
  }
  let printed = 0;
  return {
    advance(records, _bytesRead, counts) {
      const thousands = Math.floor(records / 1000);
      if (thousands > printed) {
        printed = thousands;
        stream.write(`${records} records: ${counts}\n`);
      }
    },
    done() {},
  };
}
