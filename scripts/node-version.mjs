// The one Node.js version check of every entry point and of `npm install` (scripts/check-node.mjs).
// Plain syntax that old Node versions parse: it must speak before anything else fails.

/** The German sentence for a Node.js version that is too old, or null when it is new enough. */
export function nodeVersionProblem(version) {
  const found = String(version).replace(/^v/, '');
  const [major, minor] = found.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return null;
  return (
    `Vorlagenwerk braucht Node.js 22.12 oder neuer (gefunden: v${found}) – ` +
    'bitte Node.js 22 LTS von https://nodejs.org/de/download installieren (oder „nvm install 22“) und den Befehl wiederholen.'
  );
}

/** Exits with the German sentence when this Node.js is too old. */
export function requireSupportedNode() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
