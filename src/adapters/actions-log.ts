import { runner } from './runner-commands.js';
import { neutralise } from '../trust/log-text.js';
import type { Logger } from '../runtime/ports.js';

// Annotations and debug lines have their line breaks escaped (runner-commands.ts); plain lines
// are ours to make inert.
export const actionsLogger: Logger = {
  info: (m) => runner.info(neutralise(m)),
  debug: (m) => runner.debug(m),
  notice: (m) => runner.notice(m),
  warning: (m) => runner.warning(m),
  async group(title, fn) {
    const started = Date.now();
    runner.startGroup(title);
    try {
      return await fn();
    } finally {
      runner.info(neutralise(`${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`));
      runner.endGroup();
    }
  },
};
