// What the Actions runner would execute in a step's output: the rules of its ActionCommand
// parser, applied to every line of stdout and stderr. Tests use it to prove that no value echoed
// by the action forges a workflow command.

/** The commands the runner registers (its command extensions, plus stop-commands). */
export const RUNNER_COMMANDS = [
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
] as const;

export interface ParsedCommand {
  /** `v2`: `::name props::data` at the start of a line; `legacy`: `##[name props]data` anywhere. */
  form: 'v2' | 'legacy';
  name: string;
  data: string;
  line: string;
}

/** Splits like the runner reads process output: a line ends at \n, \r or \r\n. */
export function outputLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Every line the runner would take as a workflow command, in order. */
export function workflowCommands(text: string): ParsedCommand[] {
  const found: ParsedCommand[] = [];
  const registered = new Set<string>(RUNNER_COMMANDS);
  for (const line of outputLines(text)) {
    // V2: after trimming leading whitespace the line starts with `::`, and `::` closes the name.
    const trimmed = line.trimStart();
    if (trimmed.startsWith('::')) {
      const end = trimmed.indexOf('::', 2);
      if (end >= 0) {
        const info = trimmed.slice(2, end);
        const name = info.split(' ')[0] ?? '';
        if (registered.has(name)) {
          found.push({ form: 'v2', name, data: trimmed.slice(end + 2), line });
          continue;
        }
      }
    }
    // Legacy: `##[` anywhere in the line, the name up to a space or `]`.
    const at = line.indexOf('##[');
    if (at >= 0) {
      const close = line.indexOf(']', at);
      if (close >= 0) {
        const info = line.slice(at + 3, close);
        const name = info.split(' ')[0] ?? '';
        if (registered.has(name)) {
          found.push({ form: 'legacy', name, data: line.slice(close + 1), line });
        }
      }
    }
  }
  return found;
}
