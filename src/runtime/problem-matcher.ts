/** Turns `file.go:line:col: message` lines of go build output into annotations. */
export function problemMatcherJson(): string {
  return JSON.stringify(
    {
      problemMatcher: [
        {
          owner: 'go-paas-build',
          pattern: [
            {
              regexp: '^\\s*(?:\\.\\/)?(.+\\.go):(\\d+):(?:(\\d+):)? (.*)$',
              file: 1,
              line: 2,
              column: 3,
              message: 4,
            },
          ],
        },
      ],
    },
    null,
    2,
  );
}
