/**
 * `vorlagenwerk vorlage list | head` closes the pipe before everything is written. Like standard
 * Unix tools the CLI then stops quietly: the reader wanted no more, so this is no error. Without
 * a listener Node throws the EPIPE as an unhandled 'error' event (a stack trace, exit 1).
 */
export function exitQuietlyOnClosedPipe(
  streams: NodeJS.WriteStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // The command has run by the time its output is written; its own exit code stands.
      if (error.code === 'EPIPE') exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      else throw error;
    });
  }
}
