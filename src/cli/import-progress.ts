import cliProgress from 'cli-progress';
import { type Lang, SENTENCES } from './language.ts';

export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

export type ImportStep = 'reading' | 'checking' | 'writing' | 'done';

/** What an import shows while it runs: given each step of runImport's onProgress, stopped before the report. */
export interface ImportProgress {
  update(step: ImportStep, detail: { rows?: number }): void;
  stop(): void;
}

const STEPS: Record<ImportStep, number> = { reading: 1, checking: 2, writing: 3, done: 4 };

function words(step: ImportStep, rows: number | undefined, file: string, lang: Lang): string {
  switch (step) {
    case 'reading':
      return (rows === undefined ? SENTENCES.reading(file) : SENTENCES.read(rows))[lang];
    case 'checking':
      return SENTENCES.checked(rows ?? 0)[lang];
    case 'writing':
      return SENTENCES.writing(rows ?? 0)[lang];
    case 'done':
      return SENTENCES.done[lang];
  }
}

/**
 * On a terminal a bar over the four steps, its words saying how many values are read (redrawn in place, cleared
 * at the end); elsewhere (a pipe, a log file) one plain line per step or chunk, never a control character.
 */
export function importProgress(stream: ProgressStream, file: string, lang: Lang): ImportProgress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: '{bar} {words}', stream, clearOnComplete: true, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(step, { rows }) {
        const payload = { words: words(step, rows, file, lang) };
        if (!started) bar.start(4, STEPS[step], payload);
        else bar.update(STEPS[step], payload);
        // Drawn now: the bar's own redraw comes at its next tick and shows only the latest step, which skipped a
        // chunk when the next step followed within 100 ms. Steps come once per chunk, so this costs nothing.
        bar.render();
        started = true;
      },
      stop: () => bar.stop(),
    };
  }
  return {
    update(step, { rows }) {
      stream.write(`${words(step, rows, file, lang)}\n`);
    },
    stop() {},
  };
}

/**
 * Through the service there is no chunk to count: on a terminal a bar that runs its clock until the answer
 * comes, elsewhere one line saying what is sent where.
 */
export function uploadProgress(
  stream: ProgressStream,
  upload: { file: string; bytes: number; url: string },
  lang: Lang,
): { stop(): void } {
  if (!stream.isTTY) {
    stream.write(`${SENTENCES.uploading(upload.file, Math.ceil(upload.bytes / 1024), upload.url)[lang]}\n`);
    return { stop() {} };
  }
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {words} {duration}s', stream, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { words: SENTENCES.uploadBar[lang] });
  return {
    stop() {
      bar.update(1);
      bar.stop();
    },
  };
}
