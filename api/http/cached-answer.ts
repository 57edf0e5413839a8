import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { IncomingMessage, ServerResponse } from "node:http";
import accepts from "accepts";

/** A JSON answer serialised once: its bytes, the same gzipped, and an ETag of them. */
interface Answer {
  json: Buffer;
  gzip: Buffer;
  etag: string;
}

interface Entry {
  /** What the answer was made from; compared by identity (objects) or value (strings). */
  from: readonly unknown[];
  answer: Answer;
}

function serialise(value: unknown): Answer {
  const json = Buffer.from(JSON.stringify(value));
  const etag = `"${createHash("sha256").update(json).digest("base64url").slice(0, 27)}"`;
  return { json, gzip: gzipSync(json), etag };
}

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * Answers that are served as bytes for as long as what they were made from stays
 * the same: cached figures need no work but writing them out. `from` lists the
 * cached figure objects and names an answer is built from; when one is replaced
 * (figures made stale by a submission, a renamed lot) the answer is built anew.
 */
export class CachedAnswers {
  private readonly entries = new Map<string, Entry>();

  /** Send the answer for `key`, building it with `build` unless the one kept was made from the same `from`. */
  send(req: IncomingMessage, res: ServerResponse, key: string, from: readonly unknown[], build: () => unknown): void {
    let entry = this.entries.get(key);
    if (!entry || !same(entry.from, from)) {
      entry = { from, answer: serialise(build()) };
      this.entries.set(key, entry);
    }
    sendAnswer(req, res, entry.answer);
  }
}

/**
 * The bytes with their ETag; 304 when the browser holds them already, gzipped
 * (compressed once, when the answer was made) when it accepts that. The browser
 * may keep the figures but must ask again each time (`no-cache`), and only for
 * this signed-in user (`private`). Node's own calls only: these answers are also
 * served before Express (direct-routes.ts).
 */
function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  res.setHeader("Cache-Control", "private, no-cache");
  res.setHeader("ETag", answer.etag);
  res.setHeader("Vary", "Accept-Encoding, Authorization");
  const held = req.headers["if-none-match"];
  if (held !== undefined && held.split(",").some((tag) => tag.trim().replace(/^W\//, "") === answer.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  const gzip = accepts(req).encodings("gzip", "identity") === "gzip";
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  const body = gzip ? answer.gzip : answer.json;
  res.setHeader("Content-Length", body.length);
  res.statusCode = 200;
  res.end(body);
}
