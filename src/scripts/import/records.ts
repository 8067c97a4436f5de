/** A line that is not a record: said with the line's number, and the import goes on. */
export class MalformedLine extends Error {}

/** The fields of one CSV line (RFC 4180 quoting within the line: `"a ""quoted"", text"`). */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.length === 0 && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
      wasQuoted = false;
    } else if (wasQuoted) {
      throw new MalformedLine(`text after a closing quote in field ${fields.length + 1}`);
    } else field += char;
  }
  if (quoted) throw new MalformedLine(`a quote is not closed in field ${fields.length + 1}`);
  fields.push(field);
  return fields;
}

/** Reads records from the lines of a file, newline-delimited JSON or CSV with a header row. */
export interface RecordReader {
  /** The record of a line; null for a line that holds none (blank, or the CSV header). */
  read(text: string): Record<string, unknown> | null;
}

export function ndjsonReader(): RecordReader {
  return {
    read(text) {
      if (text.trim() === "") return null;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new MalformedLine("not JSON");
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new MalformedLine("not a JSON object");
      return value as Record<string, unknown>;
    },
  };
}

/** CSV: the first line names the fields; an empty field is left out (as a field left out of a mutation's input). */
export function csvReader(): RecordReader {
  let header: string[] | null = null;
  return {
    read(text) {
      if (text.trim() === "") return null;
      const fields = csvFields(text);
      if (!header) {
        header = fields.map((name) => name.trim());
        return null;
      }
      if (fields.length !== header.length) throw new MalformedLine(`${fields.length} fields where the header names ${header.length}`);
      const record: Record<string, unknown> = {};
      header.forEach((name, index) => {
        if (fields[index] !== "") record[name] = fields[index];
      });
      return record;
    },
  };
}

/** The reader of a file by its name: `.csv` is CSV, anything else newline-delimited JSON. */
export function readerFor(path: string): RecordReader {
  return path.toLowerCase().endsWith(".csv") ? csvReader() : ndjsonReader();
}
