// Loaded into Electron's installer (`node --import`) by start-desktop.mjs. The installer keeps its
// own progress bar (it needs the terminal, so its output cannot be piped and filtered), but a failed
// download must not end in a Node stack trace: start-desktop.mjs says in German what happened.
const print = console.error.bind(console);
console.error = (...args) => {
  if (args.some((a) => a instanceof Error || (typeof a === 'string' && /\n\s+at /.test(a)))) return;
  print(...args);
};
