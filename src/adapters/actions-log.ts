import * as core from '@actions/core';
import { neutralise } from '../trust/log-text.js';
import type { Logger } from '../runtime/ports.js';

// core escapes line breaks in annotations and debug lines; plain lines are ours to make inert.
export const actionsLogger: Logger = {
  info: (m) => core.info(neutralise(m)),
  debug: (m) => core.debug(m),
  notice: (m) => core.notice(m),
  warning: (m) => core.warning(m),
  async group(title, fn) {
    const started = Date.now();
    core.startGroup(title);
    try {
      return await fn();
    } finally {
      core.info(neutralise(`${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`));
      core.endGroup();
    }
  },
};
