// Child process of the crash harness (crash-safety.test.ts). It works like the app does —
// openApp + the real dispatcher — and reports each step on stdout BEFORE (BEGIN) and AFTER
// (ACK) it happens, with synchronous writes, so that the parent knows exactly which saves had
// returned when it sent SIGKILL.
//
//   crash-worker <mode> <dataDir> <paperId> <seed>
//   mode save:    saves revisions (and now and then an Anlage) in an endless loop
//   mode backup:  the same, with a backup after every other save
//   mode migrate: only opens the app (which migrates the database) and exits
import fs from 'node:fs';
import { createDispatcher } from '../../../../electron/core/api/dispatcher.js';
import { openApp } from '../../../../electron/core/app-context.js';
import { canonicalJson, sha256 } from '../../../../electron/core/db/hash.js';
import { silentLogger } from '../../../../electron/core/log.js';

const [mode, dataDir, paperIdArg, seedArg] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);

// Small deterministic PRNG: a failing run can be repeated with the same seed.
let state = Number(seedArg ?? 1) >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 0x1_0000_0000;
};
const WORDS = ['Integration', 'Teilhabe', 'Sprachkurs', 'Ehrenamt', 'Beratungsstelle', 'Quartiersarbeit', 'Größe', 'Übergang', 'Maßnahme', 'Netzwerk'];
const text = (words: number) => Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
const doc = (...paragraphs: string[]) => ({ type: 'doc' as const, content: paragraphs.map((t) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: t }] })) });

say('OPENING');
const app = await openApp({ dataDir: dataDir!, log: silentLogger, actor: 'crash-worker' });
say('OPEN');
if (mode === 'migrate') {
  await app.close();
  process.exit(0);
}
const dispatch = createDispatcher(app);
const paperId = Number(paperIdArg);
const got = await dispatch('vorlagen.get', { ref: paperId });
if (!got.ok) {
  say(`ERR ${JSON.stringify(got.error)}`);
  process.exit(3);
}
const paper = got.result as { revision: number; public: boolean; template: string; departmentId: number };
let revision = paper.revision;
say('READY');

for (let i = 0; ; i++) {
  // Mostly a few KB; every eighth save is large, so its transaction spans many pages.
  const words = random() < 0.125 ? 8_000 + Math.floor(random() * 8_000) : 50 + Math.floor(random() * 600);
  const title = `Sachstand Integration – Stand ${seedArg}-${i}`;
  const sections = { vorbemerkungen: doc(`Vorbemerkung ${seedArg}-${i}`), erlaeuterungen: doc(text(words), text(40)) };
  const hash = sha256(canonicalJson({ title, public: paper.public, template: paper.template, departmentId: paper.departmentId, sections }));
  say(`BEGIN save ${revision + 1} ${hash}`);
  const saved = await dispatch('vorlagen.save', { id: paperId, expectedRevision: revision, title, sections });
  if (!saved.ok) {
    say(`ERR ${JSON.stringify(saved.error)}`);
    process.exit(3);
  }
  revision = (saved.result as { revision: number }).revision;
  say(`ACK save ${revision} ${hash}`);

  if (i % 6 === 5) {
    const bytes = Buffer.from(`%PDF-1.4\n% Anlage ${seedArg}-${i}\n${text(200 + Math.floor(random() * 2000))}\n%%EOF\n`);
    say(`BEGIN anlage ${sha256(bytes)}`);
    const added = await dispatch('anlagen.add', { paperId, title: `Anlage ${seedArg}-${i}`, fileName: `anlage-${i}.pdf`, public: paper.public, dataBase64: bytes.toString('base64') });
    if (!added.ok) {
      say(`ERR ${JSON.stringify(added.error)}`);
      process.exit(3);
    }
    say(`ACK anlage ${(added.result as { id: number }).id} ${sha256(bytes)}`);
  }
  if (mode === 'backup' && i % 2 === 0) {
    say('BEGIN backup');
    const backup = await dispatch('sicherung.create', {});
    if (!backup.ok) {
      say(`ERR ${JSON.stringify(backup.error)}`);
      process.exit(3);
    }
    say(`ACK backup ${(backup.result as { file: string }).file}`);
  }
}
