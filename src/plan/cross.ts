import type { Inputs } from '../inputs.js';

/** A build for another GOOS or GOARCH than the machine's: no GOBIN, no run of what it builds. */
export function isCross(inputs: Inputs): boolean {
  return (
    (inputs.goos !== undefined && inputs.goos !== inputs.host.goos) ||
    (inputs.goarch !== undefined && inputs.goarch !== inputs.host.goarch)
  );
}
