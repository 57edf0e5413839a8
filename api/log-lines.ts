/**
 * Log lines for a stream (the server's standard output), written together once per
 * turn of the event loop: under load one write carries the lines of many answers,
 * where one write per line would cost a system call each. Lines still waiting are
 * written when the process exits.
 */
export function batchedLines(write: (text: string) => void): (line: string) => void {
  let waiting: string[] = [];
  const flush = () => {
    if (waiting.length === 0) return;
    const text = `${waiting.join("\n")}\n`;
    waiting = [];
    write(text);
  };
  process.on("exit", flush);
  return (line) => {
    if (waiting.push(line) === 1) setImmediate(flush);
  };
}
