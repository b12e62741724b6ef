/** A progress line on stderr for long work: rewritten in place on a terminal, every 10 % otherwise. */
export function progressReporter(label: string, { minimum = 200 } = {}) {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (done: number, total: number) => {
    if (total < minimum) return;
    const tenth = Math.floor((done / total) * 10);
    if (tty) {
      process.stderr.write(`\r${label} ${done}/${total}${done === total ? "\n" : ""}`);
    } else if (tenth !== lastTenth || done === total) {
      lastTenth = tenth;
      process.stderr.write(`${label} ${done}/${total}\n`);
    }
  };
}
