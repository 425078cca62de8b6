import cliProgress from 'cli-progress';

/** A progress display for long CLI tasks: a bar per label on a terminal, log lines otherwise. */
export interface Progress {
  update(label: string, done: number, total: number): void;
  stop(): void;
}

const LOG_EVERY_MS = 2_000;

/** A bar on stderr when it is a terminal; when it is not (CI, pipes), a line every 2 s per label and at 100%. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) return terminalProgress(stream);
  const lastLogged = new Map<string, number>();
  return {
    update(label, done, total) {
      const now = Date.now();
      const finished = done >= total;
      if (!finished && now - (lastLogged.get(label) ?? 0) < LOG_EVERY_MS) return;
      if (finished && lastLogged.get(label) === Number.POSITIVE_INFINITY) return;
      lastLogged.set(label, finished ? Number.POSITIVE_INFINITY : now);
      stream.write(`${label}: ${done}/${total} (${total === 0 ? 100 : Math.floor((done / total) * 100)}%)\n`);
    },
    stop() {},
  };
}

function terminalProgress(stream: NodeJS.WriteStream): Progress {
  const multi = new cliProgress.MultiBar(
    { stream, format: ' {label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, cliProgress.SingleBar>();
  return {
    update(label, done, total) {
      let bar = bars.get(label);
      if (!bar) bars.set(label, (bar = multi.create(total, 0, { label: label.padEnd(12) })));
      bar.setTotal(total);
      bar.update(done, { label: label.padEnd(12) });
    },
    stop() {
      multi.stop();
    },
  };
}
