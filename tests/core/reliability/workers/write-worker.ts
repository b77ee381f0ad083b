// Second writer for the concurrency tests: a separate process saving revisions through its own
// app and dispatcher, as a second app instance or a CLI run would.
//   write-worker <dataDir> <paperId> <count> <tag>
// On CONFLICT (someone else saved the same Vorlage first) it reloads and tries again, as the
// editor asks the user to; every other error is printed and ends the worker with code 3.
import fs from 'node:fs';
import { createDispatcher } from '../../../../electron/core/api/dispatcher.js';
import { openApp } from '../../../../electron/core/app-context.js';
import { canonicalJson, sha256 } from '../../../../electron/core/db/hash.js';
import { silentLogger } from '../../../../electron/core/log.js';

const [dataDir, paperIdArg, countArg, tag] = process.argv.slice(2);
const say = (line: string) => fs.writeSync(1, `${line}\n`);
const app = await openApp({ dataDir: dataDir!, log: silentLogger, actor: `writer-${tag}` });
const dispatch = createDispatcher(app);
const paperId = Number(paperIdArg);
let conflicts = 0;
for (let i = 0; i < Number(countArg); ) {
  const got = await dispatch('vorlagen.get', { ref: paperId });
  if (!got.ok) {
    say(`ERR ${JSON.stringify(got.error)}`);
    process.exit(3);
  }
  const paper = got.result as { revision: number; public: boolean; template: string; departmentId: number };
  const title = `Stand ${tag}-${i}`;
  const sections = { erlaeuterungen: { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: `Text ${tag}-${i} `.repeat(50) }] }] } };
  const hash = sha256(canonicalJson({ title, public: paper.public, template: paper.template, departmentId: paper.departmentId, sections }));
  const saved = await dispatch('vorlagen.save', { id: paperId, expectedRevision: paper.revision, title, sections });
  if (saved.ok) {
    say(`ACK ${(saved.result as { revision: number }).revision} ${hash}`);
    i++;
  } else if (saved.error.code === 'CONFLICT' && /anderweitig geändert/.test(saved.error.message)) {
    conflicts++;
  } else {
    say(`ERR ${JSON.stringify(saved.error)}`);
    process.exit(3);
  }
}
await app.close();
say(`DONE ${conflicts}`);
